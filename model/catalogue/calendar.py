"""The years the model reports and the year its policies start.

The model runs from the start of :data:`FIRST_YEAR` to the end of
:data:`LAST_YEAR`; indicators are reported for each calendar year in between
(:func:`years`). Every lever acts from :data:`POLICY_START`, the value of the
model constant :data:`POLICY_START_CONSTANT` (a test checks they agree).
"""

from __future__ import annotations

import numpy as np

FIRST_YEAR = 2010
LAST_YEAR = 2035
#: First year in which the levers act (the model's "policy start year").
POLICY_START = 2021
POLICY_START_CONSTANT = "policy start year"
#: Last year of the resolution's horizon (the budget check's last year).
HORIZON = 2030


def years() -> np.ndarray:
    """Reported calendar years."""
    return np.arange(FIRST_YEAR, LAST_YEAR + 1)
