"""The calibration set-up (data/calibration_setup.toml): series, weights, parameters.

The set-up is data, not code: which history series are compared with which model
quantity and how, how much each observation weighs, and which model constants
are fitted within which bounds. Priors are the values written in the ``.mdl``
file, so a parameter the data cannot identify keeps its documented value.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from model.base.paths import DATA_DIR

SETUP_PATH = DATA_DIR / "calibration_setup.toml"
COMPARISONS = ("level", "growth", "avg_growth")


class SetupError(ValueError):
    """The calibration set-up or the history it names is invalid; the message says where."""


@dataclass(frozen=True)
class SeriesSpec:
    """How one history series is compared with the model.

    Attributes
    ----------
    id : str
        Series id in ``history.csv``.
    model : str
        Indicator id (``indicators.toml``) or model variable name.
    compare : str
        ``"level"``, ``"growth"`` (year on year, %) or ``"avg_growth"``
        (compound average over a period, %/yr).
    sigma : float
        Standard error of an official observation: in the series' unit, or in
        percent of the observed value if ``relative``.
    relative : bool
        Whether ``sigma`` is relative.
    basis : str
        The comparison basis in words (price basis, share basis).
    chart : bool
        Whether the fit report draws a chart of this series.
    sigma_by_period : dict
        Period (the history's ``year`` field) -> sigma replacing ``sigma`` for
        that row.

    """

    id: str
    model: str
    compare: str
    sigma: float
    relative: bool
    basis: str
    chart: bool
    sigma_by_period: dict = field(default_factory=dict)


@dataclass(frozen=True)
class ParameterSpec:
    """A fitted model constant.

    Attributes
    ----------
    name : str
        Model constant name.
    lower, upper : float
        Bounds, in the constant's model unit.

    """

    name: str
    lower: float
    upper: float

    def to_unit(self, value: float) -> float:
        """Map a value to the unit interval of the bounds."""
        return (value - self.lower) / (self.upper - self.lower)

    def from_unit(self, unit: float) -> float:
        """Map a point of the unit interval back to a value."""
        return self.lower + unit * (self.upper - self.lower)


@dataclass(frozen=True)
class Setup:
    """The whole set-up.

    Attributes
    ----------
    path : Path
        The file read.
    settings : dict
        The ``[settings]`` table (history file, years, factors, limits).
    quality : dict
        Quality flag -> sigma multiplier.
    series : tuple of SeriesSpec
        Compared series.
    parameters : tuple of ParameterSpec
        Fitted constants.

    """

    path: Path
    settings: dict
    quality: dict
    series: tuple[SeriesSpec, ...]
    parameters: tuple[ParameterSpec, ...]

    @property
    def history_path(self) -> Path:
        """The history file, relative to the set-up's directory."""
        return self.path.parent / self.settings["history"]

    def series_by_id(self) -> dict[str, SeriesSpec]:
        """Series id -> spec."""
        return {spec.id: spec for spec in self.series}


def _series(entry: dict, where: str) -> SeriesSpec:
    try:
        spec = SeriesSpec(
            id=entry["id"], model=entry["model"], compare=entry["compare"], sigma=float(entry["sigma"]),
            relative=bool(entry.get("relative", False)), basis=entry.get("basis", ""),
            chart=bool(entry.get("chart", False)),
            sigma_by_period={str(k): float(v) for k, v in entry.get("sigma_by_period", {}).items()},
        )
    except KeyError as missing:
        raise SetupError(f"{where}: series entry without {missing}") from None
    if spec.compare not in COMPARISONS:
        raise SetupError(f"{where}: series {spec.id}: compare must be one of {', '.join(COMPARISONS)}")
    if spec.sigma <= 0 or any(v <= 0 for v in spec.sigma_by_period.values()):
        raise SetupError(f"{where}: series {spec.id}: sigma must be positive")
    return spec


def _parameter(entry: dict, where: str) -> ParameterSpec:
    try:
        spec = ParameterSpec(name=entry["name"], lower=float(entry["lower"]), upper=float(entry["upper"]))
    except KeyError as missing:
        raise SetupError(f"{where}: parameter entry without {missing}") from None
    if not spec.lower < spec.upper:
        raise SetupError(f"{where}: parameter {spec.name}: lower must be below upper")
    return spec


def load_setup(path: Path = SETUP_PATH) -> Setup:
    """Read and check a calibration set-up file.

    Raises
    ------
    SetupError
        If the file is missing, not TOML, or an entry is incomplete or invalid.

    """
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except OSError as error:
        raise SetupError(f"{path}: cannot read: {error.strerror}") from None
    except tomllib.TOMLDecodeError as error:
        raise SetupError(f"{path}: not valid TOML: {error}") from None
    series = tuple(_series(entry, str(path)) for entry in data.get("series", []))
    parameters = tuple(_parameter(entry, str(path)) for entry in data.get("parameter", []))
    for kind, names in (("series", [s.id for s in series]), ("parameter", [p.name for p in parameters])):
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise SetupError(f"{path}: {kind} listed twice: {', '.join(duplicates)}")
    return Setup(path=path, settings=dict(data.get("settings", {})), quality=dict(data.get("quality", {})),
                 series=series, parameters=parameters)
