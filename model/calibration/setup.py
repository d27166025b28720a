"""The calibration set-up (data/calibration_setup.toml): series, weights, parameters.

The set-up is data, not code: which history series are compared with which model
quantity and how, how much each observation weighs, and which model constants
are fitted within which bounds. Priors are the values written in the ``.mdl``
file, so a parameter the data cannot identify keeps its documented value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from model.base.paths import SETUP_PATH
from model.catalogue.loader import CatalogueError, Field, Schema, check_tables, entries, optional, read_toml, table

COMPARISONS = ("level", "growth", "avg_growth")
SERIES = Schema("series", key="id", fields=(
    Field("id"), Field("model"), Field("compare", choices=COMPARISONS), Field("sigma", "float"),
    optional("relative", "flag", False), optional("basis", "text", ""), optional("chart", "flag", False),
    optional("sigma_by_period", "table", {}),
))
PARAMETER = Schema("parameter", key="name", fields=(Field("name"), Field("lower", "float"), Field("upper", "float")))
#: ``max_rounds`` is accepted for the record; the fit does not read it.
SETTINGS = Schema("settings", fields=(
    Field("history"), Field("first_year", "int"), Field("last_year", "int"), Field("current_price_factor", "float"),
    optional("prior_scale", "float", 1.0), optional("min_information", "float", 1.0),
    optional("bound_margin", "float", 0.01), optional("max_evaluations", "int", 900),
    optional("max_rounds", "int"), optional("relative_step", "float", 0.002),
))


class SetupError(CatalogueError):
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


def _series(path: Path, record: dict) -> SeriesSpec:
    periods = record.pop("sigma_by_period")
    for period, sigma in periods.items():
        if isinstance(sigma, bool) or not isinstance(sigma, int | float):
            raise SetupError(f"{path}: series {record['id']}: sigma_by_period.{period} = {sigma!r}: expected float")
    spec = SeriesSpec(**record, sigma_by_period={str(k): float(v) for k, v in periods.items()})
    if spec.sigma <= 0 or any(v <= 0 for v in spec.sigma_by_period.values()):
        raise SetupError(f"{path}: series {spec.id}: sigma must be positive")
    return spec


def _parameter(path: Path, record: dict) -> ParameterSpec:
    spec = ParameterSpec(**record)
    if not spec.lower < spec.upper:
        raise SetupError(f"{path}: parameter {spec.name}: lower must be below upper")
    return spec


def _quality(path: Path, data: dict) -> dict[str, float]:
    quality = data.get("quality", {})
    for flag, factor in quality.items():
        if isinstance(factor, bool) or not isinstance(factor, int | float):
            raise SetupError(f"{path}: [quality] {flag} = {factor!r}: expected float")
    return dict(quality)


def load_setup(path: Path = SETUP_PATH) -> Setup:
    """Read and check a calibration set-up file (with the strict loader).

    Raises
    ------
    SetupError
        If the file is missing or not TOML, or has an unknown key, a missing
        field, a wrong type, an unknown comparison, a repeated id or an
        invalid sigma or bound.

    """
    path = Path(path)
    data = read_toml(path, SetupError)
    check_tables(path, data, [SETTINGS.table, "quality", SERIES.table, PARAMETER.table], SetupError)
    series = tuple(_series(path, record) for record in entries(path, data, SERIES, SetupError))
    parameters = tuple(_parameter(path, record) for record in entries(path, data, PARAMETER, SetupError))
    settings = table(path, data, SETTINGS, SetupError)
    return Setup(path=path, settings=settings, quality=_quality(path, data), series=series, parameters=parameters)
