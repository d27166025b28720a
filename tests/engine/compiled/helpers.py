"""Shared checks of the compiled-engine tests."""

from __future__ import annotations

import numpy as np

#: Relative agreement required with PySD, and the absolute floor for values near 0.
RELATIVE = 1e-9
ABSOLUTE = 1e-12


def max_relative_gap(reference: np.ndarray, compiled: np.ndarray) -> float:
    """Largest ``|a - b| / |a|`` over the finite values (0 where both are 0)."""
    finite = ~np.isnan(reference)
    gap = np.abs(reference[finite] - compiled[finite])
    scale = np.abs(reference[finite])
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(gap == 0, 0.0, gap / scale)
    return float(ratio.max()) if ratio.size else 0.0


def assert_equivalent(reference: np.ndarray, compiled: np.ndarray, names: list[str]) -> None:
    """Agreement to :data:`RELATIVE` (floor :data:`ABSOLUTE`) on every value; the last axis is ``names``."""
    assert reference.shape == compiled.shape
    assert np.array_equal(np.isnan(reference), np.isnan(compiled)), "NaN in one engine only"
    finite = ~np.isnan(reference)
    gap = np.where(finite, np.abs(np.nan_to_num(reference) - np.nan_to_num(compiled)), 0.0)
    allowed = RELATIVE * np.abs(np.nan_to_num(reference)) + ABSOLUTE
    bad = np.argwhere(gap > allowed)
    if bad.size:
        index = tuple(bad[np.argmax(gap[tuple(bad.T)] / allowed[tuple(bad.T)])])
        raise AssertionError(f"{len(bad)} values differ; worst: {names[index[-1]]} at {index}: "
                             f"PySD {reference[index]!r}, compiled {compiled[index]!r}")
