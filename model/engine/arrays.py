"""Array-aware versions of the PySD functions a translated model may call.

Registered in one place (:data:`ARRAY_FUNCTIONS`) and installed into the
namespace of a translated model by :mod:`model.engine.batch`, so that one
simulation computes many parameter sets at once: every model constant that
varies across samples holds a 1-D numpy array (one value per sample), and
every expression evaluates element-wise.

Each replacement hands scalar arguments to PySD's own function unchanged and,
when an argument is an array, computes element by element what PySD computes
for one sample. Reviewed against PySD 3.14.3 (:data:`PYSD_VERSION`); the batch
layer refuses to run with any other version rather than risk a silent change.

What needs a replacement, and why
---------------------------------
* ``float(...)``: PySD wraps MIN, MAX, EXP and similar in ``float()`` in scalar
  expressions, which fails on arrays. Replaced by :func:`as_float`.
* IF THEN ELSE, XIDZ, ZIDZ, PULSE, INTEGER, QUANTUM and MODULO test their
  arguments with Python ``if``/``and``, which is ambiguous for arrays.
* Named lookups interpolate through xarray one value at a time;
  :class:`ArrayLookup` interpolates arrays with numpy (1-D lookups only).
* STEP, RAMP, ACTIVE INITIAL and GET TIME VALUE are array-safe as PySD writes
  them and are registered unchanged, so that the registry lists every reviewed
  function. Anything not listed makes the model "not batchable".
"""

from __future__ import annotations

import builtins

import numpy as np
from pysd.py_backend import functions as pysd_functions

#: The PySD release these replacements were checked against.
PYSD_VERSION = "3.14.3"
SMALL_VENSIM = pysd_functions.SMALL_VENSIM


def _is_array(value: object) -> bool:
    return isinstance(value, np.ndarray) and value.ndim > 0


def _any_array(*values: object) -> bool:
    return any(_is_array(v) for v in values)


def as_float(value):
    """``float()`` that keeps per-sample arrays (as float64 arrays)."""
    if _is_array(value):
        return np.asarray(value, dtype=float)
    return builtins.float(value)


def if_then_else(condition, val_if_true, val_if_false):
    """IF THEN ELSE with a per-sample condition.

    Both branches are evaluated only when the samples disagree (values of the
    branch a sample does not take are discarded, as a scalar run never
    computes them).
    """
    if not _is_array(condition):
        return pysd_functions.if_then_else(condition, val_if_true, val_if_false)
    if condition.all():
        return val_if_true()
    if not condition.any():
        return val_if_false()
    with np.errstate(all="ignore"):
        return np.where(condition, val_if_true(), val_if_false())


def xidz(numerator, denominator, x):
    """XIDZ: ``numerator / denominator``, or ``x`` where ``|denominator| < 1e-6``."""
    if not _is_array(denominator):
        return pysd_functions.xidz(numerator, denominator, x)
    with np.errstate(all="ignore"):
        return np.where(np.abs(denominator) < SMALL_VENSIM, x, numerator / denominator)


def zidz(numerator, denominator):
    """ZIDZ: ``numerator / denominator``, or 0 where ``|denominator| < 1e-6``."""
    if not _is_array(denominator):
        return pysd_functions.zidz(numerator, denominator)
    with np.errstate(all="ignore"):
        return np.where(np.abs(denominator) < SMALL_VENSIM, 0.0, numerator / denominator)


def integer(x):
    """INTEGER: the integer part (truncation toward zero, like ``int()``)."""
    if _is_array(x):
        return np.trunc(x)
    return pysd_functions.integer(x)


def quantum(a, b):
    """QUANTUM: ``b * INTEGER(a / b)``, or ``a`` where ``b < 1e-6``."""
    if not _any_array(a, b):
        return pysd_functions.quantum(a, b)
    with np.errstate(all="ignore"):
        return np.where(b < SMALL_VENSIM, a, b * np.trunc(a / b))


def modulo(x, m):
    """MODULO as PySD defines it: ``x - QUANTUM(x, m)``."""
    if not _any_array(x, m):
        return pysd_functions.modulo(x, m)
    return x - quantum(x, m)


def pulse(time, start, repeat_time=0, width=None, magnitude=None, end=None):
    """PULSE and PULSE TRAIN with per-sample start, width, repeat time or end."""
    if not _any_array(start, repeat_time, width, magnitude, end):
        return pysd_functions.pulse(time, start, repeat_time, width, magnitude, end)
    t = time()
    width = 0.5 * time.time_step() if width is None else width
    out = magnitude / time.time_step() if magnitude is not None else 1
    single = (start - SMALL_VENSIM <= t) & (t < start + width)
    if not np.any(repeat_time != 0):
        return np.where(single, out, 0)
    running = (start <= t) & (True if end is None else t < end)
    with np.errstate(all="ignore"):
        train = running & ((t - start + SMALL_VENSIM) % repeat_time < width)
    return np.where(np.where(repeat_time == 0, single, train), out, 0)


class ArrayLookup:
    """A named 1-D lookup that also interpolates an array of inputs.

    Wraps PySD's ``HardcodedLookups`` object (which keeps its data and its
    place in the model's initialisation); scalar inputs go to it unchanged.
    """

    def __init__(self, inner):
        self.inner = inner

    def __call__(self, x, final_subs=None):
        """Value of the lookup at ``x`` (scalar or per-sample array)."""
        if not _is_array(x):
            return self.inner(x, final_subs)
        xs = self.inner.data["lookup_dim"].values.astype(float)
        ys = np.asarray(self.inner.data.values, dtype=float)
        mode = self.inner.interp
        if mode == "hold_backward":
            index = np.clip(np.searchsorted(xs, x, side="right") - 1, 0, len(xs) - 1)
            return ys[index]
        value = np.interp(x, xs, ys)
        if mode == "extrapolate":
            low = ys[0] + (ys[1] - ys[0]) / (xs[1] - xs[0]) * (x - xs[0])
            high = ys[-1] + (ys[-1] - ys[-2]) / (xs[-1] - xs[-2]) * (x - xs[-1])
            value = np.where(x < xs[0], low, np.where(x > xs[-1], high, value))
        return value


#: Name in the translated module -> array-aware replacement (or PySD's own
#: function where that is array-safe as written).
ARRAY_FUNCTIONS = {
    "float": as_float,
    "if_then_else": if_then_else,
    "xidz": xidz,
    "zidz": zidz,
    "integer": integer,
    "quantum": quantum,
    "modulo": modulo,
    "pulse": pulse,
    "step": pysd_functions.step,
    "ramp": pysd_functions.ramp,
    "active_initial": pysd_functions.active_initial,
    "get_time_value": pysd_functions.get_time_value,
}

#: PySD stateful classes whose update is element-wise for per-sample arrays.
#: Others (SMOOTH, DELAY, DELAY FIXED, TREND, FORECAST, SAMPLE IF TRUE) keep
#: internal pipelines shaped by their order or delay; models using them run as
#: parallel single runs instead.
BATCHABLE_STATEFULS = frozenset({"Integ", "NonNegativeInteg", "Initial"})
