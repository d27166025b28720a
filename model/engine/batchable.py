"""Whether a translated model can be batched, and making it so.

:func:`batch_problems` lists what the array layer does not cover (subscripts,
macros, external data, pipelines such as SMOOTH and DELAY, random functions,
PySD functions not in :data:`model.engine.arrays.ARRAY_FUNCTIONS`, another
PySD version); :func:`install_array_functions` puts the array-aware functions
into one model's own namespace, or raises :class:`NotBatchable` with those
reasons (see :mod:`model.engine.batch` for the design).
"""

from __future__ import annotations

import inspect
import warnings

from model.engine.arrays import ARRAY_FUNCTIONS, BATCHABLE_STATEFULS, PYSD_VERSION, ArrayLookup

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import pysd
    from pysd.py_backend.lookups import HardcodedLookups
    from pysd.py_backend.model import Model


class NotBatchable(Exception):
    """The model uses a construct the array layer does not cover."""


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
