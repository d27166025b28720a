"""Translate, load and run the Vensim model with PySD (one run, every variable).

How the project deals with PySD's rough edges
---------------------------------------------
* **State carried between runs.** ``Model.run`` keeps ``params``, ``time_step``,
  ``final_time`` and ``return_timestamps`` from earlier calls on the same
  object. :class:`Simulator` tracks the value of *every* model constant held by
  its PySD object and, on each run, sets each constant whose wanted value
  differs from the held one; it passes the time step, the final time and the
  timestamps on every run. So no run depends on the one before (tested: a run
  after another equals a fresh run), and unchanged constants cost nothing.
* **Shared model objects.** A PySD model object is not safe to share between
  overlapping runs; :class:`Simulator` serialises runs on one object with a lock
  (and callers that want parallel runs create one ``Simulator`` per thread).
* **Lookups through xarray, SMOOTHI with an integer state.** The model uses
  neither lookups nor SMOOTH/DELAY macros: delays are written as explicit
  stocks with float initial values, schedules with IF THEN ELSE on INTEGER(Time).
* **pandas 3 deprecation warnings.** ``requirements.txt`` pins ``pandas<3``,
  the series PySD 3.14.3 was written against.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import threading
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from model.base.paths import BUILD_DIR, MDL_PATH

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import pysd

#: Names of the control variables, which are not model parameters.
CONTROL_NAMES = frozenset({"INITIAL TIME", "FINAL TIME", "TIME STEP", "SAVEPER", "Time"})


@dataclass(frozen=True)
class ModelInfo:
    """Static facts about the translated model.

    Attributes
    ----------
    constants : dict
        Model constant name -> value written in the ``.mdl`` file.
    units : dict
        Variable name -> units string, for every variable.
    kinds : dict
        Variable name -> PySD type ("Constant", "Stateful", "Auxiliary", ...).
    comments : dict
        Variable name -> documentation comment.
    initial_time, final_time, time_step, saveper : float
        Control values from the ``.mdl`` file, in years.

    """

    constants: dict
    units: dict
    kinds: dict
    comments: dict
    initial_time: float
    final_time: float
    time_step: float
    saveper: float

    @property
    def stocks(self) -> list[str]:
        """Names of the model's stocks (INTEG variables)."""
        return [n for n, k in self.kinds.items() if k == "Stateful"]


def _build_dir() -> Path:
    """Return a writable directory for the translated model."""
    override = os.environ.get("QN_BUILD_DIR")
    for candidate in ([Path(override)] if override else []) + [BUILD_DIR]:
        try:
            candidate.mkdir(parents=True, exist_ok=True)
            probe = candidate / ".write-test"
            probe.write_text("ok")
            probe.unlink()
            return candidate
        except OSError:
            continue
    return Path(tempfile.gettempdir()) / "quang_ngai_build"


def translate(mdl_path: Path = MDL_PATH) -> Path:
    """Translate the ``.mdl`` file to Python once per content hash.

    Parameters
    ----------
    mdl_path : Path
        The Vensim model.

    Returns
    -------
    Path
        The translated Python file (cached by the SHA-256 of the model text).

    """
    text = Path(mdl_path).read_bytes()
    digest = hashlib.sha256(text).hexdigest()[:16]
    target_dir = _build_dir() / digest
    target_py = target_dir / (Path(mdl_path).stem + ".py")
    if target_py.exists():
        return target_py
    target_dir.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(dir=target_dir.parent))
    shutil.copy(mdl_path, work / Path(mdl_path).name)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pysd.read_vensim(str(work / Path(mdl_path).name))
    try:
        work.rename(target_dir)
    except OSError:  # another process finished first
        shutil.rmtree(work, ignore_errors=True)
    return target_py


def _load(py_path: Path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return pysd.load(str(py_path))


@lru_cache(maxsize=4)
def model_info(mdl_path: Path = MDL_PATH) -> ModelInfo:
    """Read constants, units and comments of the model (cached per process)."""
    pysd_model = _load(translate(mdl_path))
    doc = pysd_model.doc.set_index("Real Name")
    kinds = doc["Type"].to_dict()
    constants = {}
    for name, kind in kinds.items():
        if kind == "Constant" and name not in CONTROL_NAMES:
            constants[name] = float(pysd_model[name])
    control = {name: float(pysd_model[name]) for name in CONTROL_NAMES - {"Time"}}
    return ModelInfo(
        constants=constants,
        units={k: str(v) for k, v in doc["Units"].to_dict().items()},
        kinds=kinds,
        comments={k: str(v) for k, v in doc["Comment"].to_dict().items()},
        initial_time=control["INITIAL TIME"],
        final_time=control["FINAL TIME"],
        time_step=control["TIME STEP"],
        saveper=control["SAVEPER"],
    )


class Simulator:
    """Runs the model with a full, explicit parameter set on every call.

    Parameters
    ----------
    mdl_path : Path
        The Vensim model to run.
    base_params : Mapping[str, float], optional
        Values that replace the ``.mdl`` constants by default (e.g. calibrated
        parameters). Per-run overrides are applied on top.

    """

    def __init__(self, mdl_path: Path = MDL_PATH, base_params: Mapping[str, float] | None = None):
        self.info = model_info(Path(mdl_path))
        self._model = _load(translate(Path(mdl_path)))
        self._lock = threading.Lock()
        unknown = set(base_params or {}) - set(self.info.constants)
        if unknown:
            raise KeyError(f"not model constants: {sorted(unknown)}")
        self.base_params = {**self.info.constants, **dict(base_params or {})}
        self._held = dict(self.info.constants)

    def timestamps(self, time_step: float | None = None) -> np.ndarray:
        """Saved times: every half year (or every ``time_step``) from the initial to the final time."""
        step = time_step or self.info.saveper
        return np.arange(self.info.initial_time, self.info.final_time + step / 2, step)

    def run(
        self,
        overrides: Mapping[str, float] | None = None,
        time_step: float | None = None,
        columns: list[str] | None = None,
        every_step: bool = False,
    ) -> pd.DataFrame:
        """Simulate once.

        Parameters
        ----------
        overrides : Mapping[str, float], optional
            Model constant name -> value for this run only.
        time_step : float, optional
            Euler step in years; the model's own step if omitted.
        columns : list of str, optional
            Model variables to return; all if omitted.
        every_step : bool
            Save every Euler step instead of every half year (for exact
            stock-and-flow accounting).

        Returns
        -------
        pandas.DataFrame
            One row per saved time (years, every half year), one column per
            model variable, in the variable's model units.

        """
        overrides = dict(overrides or {})
        unknown = set(overrides) - set(self.base_params)
        if unknown:
            raise KeyError(f"not model constants: {sorted(unknown)}")
        wanted = {**self.base_params, **overrides}
        step = time_step or self.info.time_step
        with self._lock, warnings.catch_warnings():
            warnings.simplefilter("ignore")
            changed = {k: v for k, v in wanted.items() if self._held[k] != v}
            self._held.update(changed)
            frame = self._model.run(
                params=changed,
                return_columns=columns,
                return_timestamps=list(self.timestamps(step if every_step else None)),
                final_time=self.info.final_time,
                time_step=step,
                saveper=step if every_step else self.info.saveper,
                cache_output=False,
            )
        frame.index = np.round(frame.index.to_numpy(dtype=float), 6)
        return frame
