"""PySD's model and simulation loop, changed to carry one value per sample.

:class:`BatchModel` is PySD's ``Model`` with two changes (see
:mod:`model.engine.batch` for the design): values are captured into numpy
arrays instead of a DataFrame (:class:`_ArrayOutput`), and each stock is
stepped from its own derivative. :func:`install_array_functions` puts the
array-aware functions of :mod:`model.engine.arrays` into one model's own
namespace, or raises :class:`NotBatchable` with the reasons it cannot.
"""

from __future__ import annotations

import inspect
import warnings

import numpy as np

from model.engine.arrays import ARRAY_FUNCTIONS, BATCHABLE_STATEFULS, PYSD_VERSION, ArrayLookup

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import pysd
    from pysd.py_backend.lookups import HardcodedLookups
    from pysd.py_backend.model import Model
    from pysd.py_backend.output import ModelOutput, OutputHandlerInterface


class NotBatchable(Exception):
    """The model uses a construct the array layer does not cover."""


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


def batch_problems(model: Model, module) -> list[str]:
    """Reasons why ``model`` cannot be batched (empty if it can)."""
    problems = []
    if pysd.__version__ != PYSD_VERSION:
        problems.append(f"array layer reviewed for PySD {PYSD_VERSION}, found {pysd.__version__}")
    if model._subscript_dict:
        problems.append("subscripted variables")
    for kind, elements in (("macro", model._macro_elements), ("external data", model._external_elements),
                           ("data series", model._data_elements)):
        if elements:
            problems.append(kind)
    for element in model._stateful_elements.values():
        if type(element).__name__ not in BATCHABLE_STATEFULS:
            problems.append(f"{type(element).__name__} ({element.py_name})")
    problems += [f"subscripted lookup {lk.py_name}" for lk in model._lookup_elements if not lk.is_float]
    for name, value in vars(module).items():
        if inspect.isfunction(value) and value.__module__.startswith("pysd.") and name not in ARRAY_FUNCTIONS:
            problems.append(f"PySD function {name}")
    source = inspect.getsource(module)
    problems += [f"random function ({word})" for word in ("np.random", "stats.") if word in source]
    return sorted(set(problems))


def install_array_functions(model: Model):
    """Replace PySD functions in this model's own module namespace."""
    module = object.__getattribute__(model.components, "_components")
    problems = batch_problems(model, module)
    if problems:
        raise NotBatchable("; ".join(problems))
    for name, function in ARRAY_FUNCTIONS.items():
        setattr(module, name, function)
    for name, value in list(vars(module).items()):
        if isinstance(value, HardcodedLookups):
            setattr(module, name, ArrayLookup(value))
