"""Runners of the compiled model with the call signatures of the PySD engine.

:class:`CompiledSimulator` mirrors :class:`model.engine.simulator.Simulator` (one run,
a DataFrame indexed by time) and :class:`CompiledBatch` mirrors
:class:`model.engine.batch.BatchSimulator` (many runs, a ``BatchRun``), so
that swapping engines is a one-line change.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from model.base.paths import MDL_PATH
from model.engine.compiled.build import CompiledModel, ensure_batch, load
from model.engine.compiled.timegrid import grid

_batch_lock = threading.Lock()


class _Compiled:
    """What both runners share: the compiled model, constants and columns."""

    def __init__(self, mdl_path: Path = MDL_PATH, base_params: Mapping[str, float] | None = None):
        self.mdl_path = Path(mdl_path)
        self.compiled: CompiledModel = load(self.mdl_path)
        meta = self.compiled.meta
        self.control = dict(meta["control"])
        self._constant_index = {name: i for i, name in enumerate(meta["constants"])}
        self._column_index = {name: i for i, name in enumerate(meta["columns"])}
        unknown = set(base_params or {}) - set(self._constant_index)
        if unknown:
            raise KeyError(f"not model constants: {sorted(unknown)}")
        self.constants = dict(zip(meta["constants"], meta["defaults"], strict=True))
        self.base_params = {**self.constants, **dict(base_params or {})}
        self._base = np.array([self.base_params[name] for name in meta["constants"]], dtype=float)

    @property
    def info(self):
        """The model's :class:`model.engine.ModelInfo` (read through PySD on first use)."""
        from model.engine.simulator import model_info

        return model_info(self.mdl_path)

    @property
    def columns(self) -> tuple[str, ...]:
        """Every variable a run can return, in file order."""
        return tuple(self.compiled.meta["columns"])

    @property
    def stocks(self) -> tuple[str, ...]:
        """The model's stocks."""
        return tuple(self.compiled.meta["stocks"])

    def _column_numbers(self, columns) -> tuple[list[str], np.ndarray]:
        names = list(self.columns if columns is None else columns)
        unknown = [c for c in names if c not in self._column_index]
        if unknown:
            raise KeyError(f"not model variables: {unknown}")
        return names, np.array([self._column_index[c] for c in names], dtype=np.int64)

    def _constants(self, overrides: Mapping[str, float]) -> np.ndarray:
        unknown = set(overrides) - set(self._constant_index)
        if unknown:
            raise KeyError(f"not model constants: {sorted(unknown)}")
        values = self._base.copy()
        for name, value in overrides.items():
            values[self._constant_index[name]] = value
        return values

    def _grid(self, time_step: float, saveper: float) -> tuple:
        initial, final = self.control["initial_time"], self.control["final_time"]
        wanted = tuple(np.arange(initial, final + saveper / 2, saveper).tolist())
        return grid(initial, final, time_step, wanted)


class CompiledSimulator(_Compiled):
    """One run of the compiled model; same calls as :class:`model.engine.simulator.Simulator`.

    Parameters
    ----------
    mdl_path : Path
        The Vensim model.
    base_params : Mapping[str, float], optional
        Values replacing the ``.mdl`` constants by default; per-run overrides
        apply on top.

    Raises
    ------
    UnsupportedConstruct
        If the model cannot be compiled (see :func:`model.engine.compiled.engine_for`).

    """

    def timestamps(self, time_step: float | None = None) -> np.ndarray:
        """Saved times: every SAVEPER (or every ``time_step``) from the initial to the final time."""
        step = time_step or self.control["saveper"]
        return np.arange(self.control["initial_time"], self.control["final_time"] + step / 2, step)

    def run_arrays(self, overrides: Mapping[str, float] | None = None, time_step: float | None = None,
                   columns: list[str] | None = None, every_step: bool = False) -> tuple:
        """Like :meth:`run`, as ``(times, names, values)`` with values of shape (T, V)."""
        step = time_step or self.control["time_step"]
        saveper = step if every_step else self.control["saveper"]
        times, save, saved = self._grid(step, saveper)
        names, numbers = self._column_numbers(columns)
        out = np.empty((len(saved), len(names)))
        self.compiled.module.simulate(self._constants(dict(overrides or {})), times, save, step,
                                      self.control["final_time"], saveper, numbers, out)
        return np.round(saved, 6), names, out

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
            Save every Euler step instead of every SAVEPER.

        Returns
        -------
        pandas.DataFrame
            One row per saved time, one column per model variable.

        """
        times, names, values = self.run_arrays(overrides, time_step, columns, every_step)
        return pd.DataFrame(values, index=pd.Index(times, name="time"), columns=names)


class CompiledBatch(_Compiled):
    """Many runs of the compiled model; same calls as :class:`model.engine.batch.BatchSimulator`.

    Parameters
    ----------
    mdl_path : Path
        The Vensim model.
    base_params : Mapping[str, float], optional
        Values replacing the model's constants for every sample.
    per_sample : bool
        Accepted for compatibility; every constant can vary per sample.

    """

    def __init__(self, mdl_path: Path = MDL_PATH, base_params: Mapping[str, float] | None = None,
                 per_sample: bool = True):
        super().__init__(mdl_path, base_params)
        ensure_batch(self.compiled)
        self.per_sample = per_sample

    def timestamps(self) -> np.ndarray:
        """Saved times: every SAVEPER from the initial to the final time."""
        return np.arange(self.control["initial_time"], self.control["final_time"] + 1e-9, self.control["saveper"])

    def run(self, samples: Mapping[str, object], columns: list[str], time_step: float | None = None):
        """Simulate every sample.

        Parameters
        ----------
        samples : Mapping[str, array-like]
            Model constant name -> one value per sample (shape (N,)) or one
            value for all samples.
        columns : list of str
            Model variables to return.
        time_step : float, optional
            Euler step in years; the model's own if omitted.

        Returns
        -------
        model.engine.batch.BatchRun
            Values at every SAVEPER, shape (N, T, V).

        """
        from model.engine.batch import BatchRun

        sizes = {np.shape(v) for v in samples.values() if np.ndim(v) > 0}
        if len(sizes) > 1:
            raise ValueError(f"samples of different lengths: {sorted(sizes)}")
        size = sizes.pop()[0] if sizes else 1
        scalars, varying = {}, {}
        for name, value in samples.items():
            array = np.asarray(value, dtype=float)
            if array.ndim == 0:
                scalars[name] = float(array)
            elif array.shape == (size,):
                varying[name] = array
            else:
                raise ValueError(f"{name}: expected a scalar or {size} values, got shape {array.shape}")
        base = self._constants(scalars)
        self._constants(dict.fromkeys(varying, 0.0))  # names check
        vary = np.array([self._constant_index[name] for name in varying], dtype=np.int64)
        values = np.column_stack(list(varying.values())) if varying else np.empty((size, 0))
        step = time_step or self.control["time_step"]
        saveper = self.control["saveper"]
        times, save, saved = self._grid(step, saveper)
        names, numbers = self._column_numbers(columns)
        out = self.compiled.module.batch_output(size, len(saved), len(names))
        with _batch_lock:  # numba's default threading layer runs one parallel kernel at a time per process
            self.compiled.module.simulate_batch(base, vary, np.ascontiguousarray(values), times, save, step,
                                                self.control["final_time"], saveper, numbers, out)
        return BatchRun(np.round(saved, 6), tuple(names), out)


class CompiledLean(_Compiled):
    """Single runs of the compiled model with arrays out; same calls as PySD's lean runner.

    ``CompiledLean(mdl_path, base_params).run(overrides, columns, time_step)``
    gives a ``BatchRun`` of one sample from the scalar kernel (the batch
    kernel is not compiled for it).
    """

    def run(self, samples: Mapping[str, float], columns: list[str], time_step: float | None = None):
        """Simulate once with ``samples`` (constant name -> value) and return a one-sample ``BatchRun``."""
        from model.engine.batch import BatchRun

        step = time_step or self.control["time_step"]
        saveper = self.control["saveper"]
        times, save, saved = self._grid(step, saveper)
        names, numbers = self._column_numbers(columns)
        out = np.empty((len(saved), len(names)))
        overrides = {name: float(value) for name, value in samples.items()}
        self.compiled.module.simulate(self._constants(overrides), times, save, step, self.control["final_time"],
                                      saveper, numbers, out)
        return BatchRun(np.round(saved, 6), tuple(names), out[None])
