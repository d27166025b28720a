"""Batch runs: many parameter sets of the PySD model in one simulation.

Design
------
The batch runner keeps PySD's semantics by running PySD's own translated model
(the same file :mod:`model.engine.simulator` uses) through PySD's own simulation loop
(``Model._config_simulation`` then ``Model._integrate``, as ``Model.run``
does), with three changes, all in this module, :mod:`model.engine.batchable`
and :mod:`model.engine.arrays`:

1. Constants that vary across samples are set with ``set_components`` to
   callables returning a 1-D array (one value per sample). PySD refuses numpy
   arrays as values and treats a callable as time-dependent; the dependency
   entry is reset to "constant" so that PySD assigns the same caches as in a
   scalar run.
2. The PySD functions the translated module calls are replaced, in that
   model's own namespace only, by the array-aware versions registered in
   :data:`model.engine.arrays.ARRAY_FUNCTIONS`.
3. The Euler step updates each stock from its own derivative. PySD stacks all
   states in one object array, which turns per-sample arrays into a 2-D object
   array (slow, and wrong for stocks of other shapes); the arithmetic per stock
   is the same, ``state + ddt * dt``.

Results are collected by an output handler that stacks values into a numpy
array instead of a DataFrame. PySD's per-run recount of how often each
variable is read (which picks its caches) is remembered, since only constant
values change between runs. With ``per_sample=False`` the same class is a lean
single-run simulator (plain PySD functions), which :func:`model.run.runner.simulate`
uses: equal to ``Simulator.run`` (tested) and about a third faster.

A model that uses anything else (subscripts, macros, external data, SMOOTH,
DELAY and other pipelines, random functions, or a PySD function not in the
registry) raises :class:`NotBatchable` with the reasons; :mod:`model.run.batch`
then runs its samples as single runs in parallel processes. The batch layer
also refuses any PySD version other than the reviewed one (3.14.3, pinned in
``requirements.txt``).
"""

from __future__ import annotations

import threading
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from model.base.paths import MDL_PATH
from model.engine.batchable import install_array_functions
from model.engine.simulator import CONTROL_NAMES, model_info, translate

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from pysd.py_backend.model import Model
    from pysd.py_backend.output import ModelOutput, OutputHandlerInterface

# Expected for every per-sample constant (see module notes); filtered here rather
# than with catch_warnings, which is not thread-safe (Dask threads run batches).
warnings.filterwarnings("ignore", message="Replacing a constant value with a callable", category=UserWarning)


@dataclass(frozen=True)
class BatchRun:
    """Output of one batch simulation.

    Attributes
    ----------
    times : numpy.ndarray
        Saved times (years), shape (T,).
    columns : tuple of str
        Model variable names, in the order of the last axis of ``values``.
    values : numpy.ndarray
        Shape (N, T, V): samples x saved times x variables, in model units.

    """

    times: np.ndarray
    columns: tuple[str, ...]
    values: np.ndarray

    @property
    def samples(self) -> int:
        """Number of samples N."""
        return self.values.shape[0]

    def column(self, name: str) -> np.ndarray:
        """Values of one variable, shape (N, T)."""
        return self.values[:, :, self.columns.index(name)]


class _ArrayOutput(OutputHandlerInterface):
    """PySD output handler that stacks captured values into arrays."""

    def __init__(self, samples: int):
        self.samples = samples
        self.rows: list[list] = []
        self.times: list[float] = []
        self.run_values: list = []

    def initialize(self, model):
        self.rows, self.times, self.run_values = [], [], []

    def update(self, model):
        self.times.append(model.time.round())
        self.rows.append([getattr(model.components, key)() for key in self.capture_elements_step])

    def add_run_elements(self, model):
        self.run_values = [getattr(model.components, key)() for key in self.capture_elements_run]

    def postprocess(self, **kwargs):
        names = list(self.capture_elements_step) + list(self.capture_elements_run)
        out = np.empty((len(self.times), len(names), self.samples))
        for t, row in enumerate(self.rows):
            for v, value in enumerate(row + self.run_values):
                out[t, v] = value
        return names, np.asarray(self.times, dtype=float), out.transpose(2, 0, 1)


class BatchModel(Model):
    """PySD's ``Model`` with per-sample array constants (see module notes).

    ``_count_calls`` (PySD's count of how often a variable is read, used to
    choose caches before every run) is remembered per variable: the batch
    simulator only ever gives constants new values, never new dependencies, so
    the counts cannot change between runs (checked in
    :meth:`BatchSimulator._run`).
    """

    def _count_calls(self, element):
        counts = self.__dict__.setdefault("_call_counts", {})
        if element not in counts:
            counts[element] = super()._count_calls(element)
        return counts[element]

    def _euler_step(self, dt):
        elements = self._dynamicstateful_elements
        derivatives = [element.ddt() for element in elements]
        for element, derivative in zip(elements, derivatives, strict=True):
            element.update(element.state + derivative * dt)

    def run_arrays(self, samples: int, return_columns: list[str], **config):
        """Simulate like ``Model.run`` and return ``(names, times, values)``.

        ``config`` takes ``Model.run``'s ``params``, ``return_timestamps``,
        ``final_time``, ``time_step`` and ``saveper``.
        """
        self._stepper_mode = False
        self._config_simulation(
            config.get("params"), return_columns, config["return_timestamps"], "original",
            config["final_time"], config["time_step"], config["saveper"], False, progress=False)
        self.output = ModelOutput()
        self.output.handler = _ArrayOutput(samples)
        self.output.set_capture_elements(self.capture_elements)
        self.output.initialize(self)
        self._integrate()
        return self.output.collect(self)


def _array_constant(values: np.ndarray):
    """A per-sample constant as PySD wants it: a function returning the array.

    (A function, not an object with attributes: ``set_components`` copies the
    replaced component's attributes onto the new one.)
    """
    def constant():
        return values

    constant.per_sample = True
    return constant


class BatchSimulator:
    """Simulates N parameter sets at once.

    Parameters
    ----------
    mdl_path : Path
        The Vensim model.
    base_params : Mapping[str, float], optional
        Values replacing the model's constants for every sample (e.g.
        calibrated parameters); per-run samples are applied on top.
    per_sample : bool
        Install the array-aware functions (default). ``False`` gives a lean
        single-run simulator for any model: plain PySD functions, scalar
        values only, results as arrays of one sample.

    Raises
    ------
    NotBatchable
        If ``per_sample`` and the model uses a construct the array layer does
        not cover.

    """

    def __init__(self, mdl_path: Path = MDL_PATH, base_params: Mapping[str, float] | None = None,
                 per_sample: bool = True):
        self.info = model_info(Path(mdl_path))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            self._model = BatchModel(str(translate(Path(mdl_path))), None, None, True, "warning")
        if per_sample:
            install_array_functions(self._model)
        self.per_sample = per_sample
        unknown = set(base_params or {}) - set(self.info.constants)
        if unknown:
            raise KeyError(f"not model constants: {sorted(unknown)}")
        self.base_params = {**self.info.constants, **dict(base_params or {})}
        self._py_names = {name: self._model._namespace[name] for name in self.info.constants}
        self._held: dict[str, float | None] = dict(self.info.constants)  # None: a per-sample array
        self._lock = threading.Lock()

    def timestamps(self) -> np.ndarray:
        """Saved times: every half year from the initial to the final time."""
        return np.arange(self.info.initial_time, self.info.final_time + 1e-9, self.info.saveper)

    def _params(self, samples: Mapping[str, object], size: int) -> dict:
        unknown = set(samples) - set(self.base_params) - CONTROL_NAMES
        if unknown:
            raise KeyError(f"not model constants: {sorted(unknown)}")
        params = {}
        for name, value in {**self.base_params, **samples}.items():
            array = np.asarray(value, dtype=float)
            if array.ndim == 0:
                params[name] = float(array)
            elif array.shape == (size,):
                params[name] = _array_constant(array)
            else:
                raise ValueError(f"{name}: expected a scalar or {size} values, got shape {array.shape}")
        return params

    def run(
        self,
        samples: Mapping[str, object],
        columns: list[str],
        time_step: float | None = None,
    ) -> BatchRun:
        """Simulate every sample.

        Parameters
        ----------
        samples : Mapping[str, array-like]
            Model constant name -> one value per sample (shape (N,)) or one
            value for all samples. Constants not given take their base value.
        columns : list of str
            Model variables to return.
        time_step : float, optional
            Euler step in years; the model's own if omitted.

        Returns
        -------
        BatchRun
            Values at every half year, shape (N, T, V).

        """
        sizes = {np.asarray(v).shape for v in samples.values() if np.ndim(v) > 0}
        if len(sizes) > 1:
            raise ValueError(f"samples of different lengths: {sorted(sizes)}")
        size = sizes.pop()[0] if sizes else 1
        params = self._params(samples, size)
        with self._lock:
            names, times, values = self._run(params, size, columns, time_step)
        real = {self._model._namespace[c]: c for c in columns}
        return BatchRun(np.round(times, 6), tuple(real[n] for n in names), values)

    def _run(self, params: dict, size: int, columns: list[str], time_step: float | None):
        """Set the constants that differ from those held, then simulate.

        Like :class:`model.engine.simulator.Simulator`, every constant is set to its wanted
        value on every run (unchanged scalars are already held), so no run
        depends on the one before.
        """
        model = self._model
        changed = {k: v for k, v in params.items() if callable(v) or self._held[k] != v}
        if not self.per_sample and any(callable(v) for v in changed.values()):
            raise ValueError("per-sample values need BatchSimulator(per_sample=True)")
        model.set_components(changed)
        for name, value in changed.items():
            per_sample = getattr(value, "per_sample", False)
            self._held[name] = None if per_sample else value
            if per_sample:
                model._dependencies[self._py_names[name]] = {}
            if model._dependencies[self._py_names[name]]:  # see BatchModel: counts stay valid
                raise RuntimeError(f"{name}: a constant gained dependencies")
        return model.run_arrays(
            size, list(columns), params=None, return_timestamps=list(self.timestamps()),
            final_time=self.info.final_time, time_step=time_step or self.info.time_step,
            saveper=self.info.saveper)


class LeanSimulator(BatchSimulator):
    """PySD's lean single runs: ``BatchSimulator(per_sample=False)`` (its own loop, arrays out).

    Called as ``LeanSimulator(mdl_path, base_params).run(overrides, columns, time_step)``,
    like the compiled engine's single runner.
    """

    def __init__(self, mdl_path: Path = MDL_PATH, base_params: Mapping[str, float] | None = None):
        super().__init__(mdl_path, base_params=base_params, per_sample=False)
