"""Numeric helpers of the generated code, written as PySD 3.14.3 computes them.

Each function is plain Python on floats. The generator copies their source
into the generated module, where each is compiled with numba; the same
functions evaluate constant equations in Python. Every comparison, branch and
arithmetic step follows PySD's own function (``pysd.py_backend.functions``,
``statefuls`` and ``lookups``) so that results agree to rounding: for example
STEP tests ``t + dt/2 > start`` and PULSE ``start - 1e-6 <= t < start + width``
(PySD's ``SMALL_VENSIM`` tolerance), INTEGER truncates toward zero, MODULO is
``x - QUANTUM(x, m)``, and a lookup holds its end values outside its range.
"""

from __future__ import annotations

import numpy as np


def minimum(a, b):
    """``np.minimum`` on two floats (NaN if either is NaN)."""
    if a != a:
        return a
    if b != b:
        return b
    return a if a <= b else b


def maximum(a, b):
    """``np.maximum`` on two floats (NaN if either is NaN)."""
    if a != a:
        return a
    if b != b:
        return b
    return a if a >= b else b


def logical_and(a, b):
    """Vensim ``:AND:`` (``np.logical_and`` on two scalars)."""
    return bool(a) and bool(b)


def logical_or(a, b):
    """Vensim ``:OR:`` (``np.logical_or`` on two scalars)."""
    return bool(a) or bool(b)


def logical_not(a):
    """Vensim ``:NOT:`` (``np.logical_not`` on a scalar)."""
    return not bool(a)


def xidz(numerator, denominator, x):
    """XIDZ: ``x`` where ``|denominator| < 1e-6``, else the quotient."""
    if abs(denominator) < 1e-6:
        return x
    return numerator / denominator


def zidz(numerator, denominator):
    """ZIDZ: 0 where ``|denominator| < 1e-6``, else the quotient."""
    if abs(denominator) < 1e-6:
        return 0.0
    return numerator / denominator


def integer(x):
    """INTEGER: the integer part, truncating toward zero."""
    return np.trunc(x)


def quantum(a, b):
    """QUANTUM: ``a`` where ``b < 1e-6``, else ``b * INTEGER(a / b)``."""
    if b < 1e-6:
        return a
    return b * np.trunc(a / b)


def modulo(x, m):
    """MODULO as PySD defines it: ``x - QUANTUM(x, m)``."""
    return x - quantum(x, m)


def step(t, dt, value, start):
    """STEP: ``value`` from the step whose middle passes ``start``."""
    return value * (1.0 if t + dt / 2 > start else 0.0)


def ramp(t, slope, start, finish):
    """RAMP with an end time."""
    return (1.0 if t + 1e-6 > start else 0.0) * slope * (minimum(finish, t) - start)


def ramp_open(t, slope, start):
    """RAMP without an end time."""
    return (1.0 if t + 1e-6 > start else 0.0) * slope * (t - start)


def pulse(t, start, width):
    """PULSE: 1 from ``start`` (less 1e-6) for ``width``."""
    return 1.0 if start - 1e-6 <= t and t < start + width else 0.0


def pulse_train(t, start, repeat, width, end):
    """PULSE TRAIN: pulses of ``width`` every ``repeat`` from ``start`` before ``end``."""
    if repeat == 0:
        return pulse(t, start, width)
    if start <= t and t < end:
        return 1.0 if (t - start + 1e-6) % repeat < width else 0.0
    return 0.0


def np_interp(x, xs, ys):
    """``np.interp`` (WITH LOOKUP), following numpy's C loop step by step."""
    n = xs.shape[0]
    if x != x:
        return x
    if n == 1:
        if x < xs[0]:
            return ys[0]
        if x > xs[0]:
            return ys[0]
        return ys[0]
    if x < xs[0]:
        return ys[0]
    if x > xs[n - 1]:
        return ys[n - 1]
    j = 0
    while j < n - 1 and xs[j + 1] <= x:
        j += 1
    if j == n - 1 or xs[j] == x:
        return ys[j]
    slope = (ys[j + 1] - ys[j]) / (xs[j + 1] - xs[j])
    value = slope * (x - xs[j]) + ys[j]
    if value != value:
        value = slope * (x - xs[j + 1]) + ys[j + 1]
        if value != value and ys[j] == ys[j + 1]:
            value = ys[j]
    return value


def lookup(x, xs, ys, mode):
    """A named lookup as PySD evaluates it.

    ``mode`` 0 interpolates, 1 holds backward, 2 extrapolates (linearly from
    the two end points); modes 0 and 1 hold the end values outside the range.
    """
    n = xs.shape[0]
    for j in range(n):
        if xs[j] == x:
            return ys[j]
    if x > xs[n - 1]:
        if mode == 2:
            k = (ys[n - 1] - ys[n - 2]) / (xs[n - 1] - xs[n - 2])
            return ys[n - 1] + k * (x - xs[n - 1])
        return ys[n - 1]
    if x < xs[0]:
        if mode == 2:
            k = (ys[1] - ys[0]) / (xs[1] - xs[0])
            return ys[0] + k * (x - xs[0])
        return ys[0]
    if mode == 1:
        j = 0
        while j < n - 1 and xs[j + 1] <= x:
            j += 1
        return ys[j]
    return np_interp(x, xs, ys)


#: The helpers the generated module defines, in dependency order.
HELPERS = (minimum, maximum, logical_and, logical_or, logical_not, xidz, zidz, integer, quantum, modulo,
           step, ramp, ramp_open, pulse, pulse_train, np_interp, lookup)
