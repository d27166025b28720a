"""Random inputs shared by the engine tests."""

from __future__ import annotations

import numpy as np

from model.analysis.sampling import load_uncertainties
from model.catalogue.levers import load_levers
from model.run.scenario import baseline


def random_inputs(size: int, seed: int) -> dict[str, np.ndarray]:
    """Every lever, assumption and uncertain parameter, uniform over its range.

    Half of the samples are rounded to the levers' slider steps, so lever
    years also fall exactly on whole years (STEP, PULSE and IF THEN ELSE on
    INTEGER(Time) at their edges).
    """
    rng = np.random.default_rng(seed)
    inputs = {}
    for lever in load_levers():
        values = rng.uniform(lever.min, lever.max, size)
        half = size // 2
        values[:half] = np.clip(lever.min + np.round((values[:half] - lever.min) / lever.step) * lever.step,
                                lever.min, lever.max)
        inputs[lever.variable] = values
    for entry in load_uncertainties(baseline()):
        if entry.kind == "parameter":
            inputs[entry.variable] = rng.uniform(entry.lower, entry.upper, size)
    return inputs
