"""Whole-number command-line options bounded before use.

An option such as ``--samples`` or ``--seed`` is read with a type from
:func:`whole` instead of ``int``: a value outside its range (a seed that does
not fit the random generator, a sample count that would exhaust memory) is an
argument error in one line, never a traceback later on.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

#: Seeds the random generators accept (0 to 2**32 - 1).
SEED_RANGE = (0, 2**32 - 1)
#: Most model runs a command may be asked to make in one go.
MAX_RUNS = 1_000_000


def whole(low: int, high: int) -> Callable[[str], int]:
    """An argparse ``type``: a whole number from ``low`` to ``high`` (inclusive)."""
    def parse(text: str) -> int:
        stripped = text.strip()
        if len(stripped) > 24 or not stripped.lstrip("+-").isdigit() or not stripped.isascii():
            raise argparse.ArgumentTypeError(f"{text[:30]!r}: expected a whole number from {low} to {high}")
        value = int(stripped)
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{value}: expected a whole number from {low} to {high}")
        return value

    parse.__name__ = "whole number"
    return parse


#: ``type`` of a ``--seed`` option.
seed = whole(*SEED_RANGE)
