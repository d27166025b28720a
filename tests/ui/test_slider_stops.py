"""Slider stops: every lever's default and both ends are stops, an off-grid default included."""

from __future__ import annotations

from dataclasses import replace

import pytest

from model.catalogue.levers import load_levers
from ui.state import coerce, options

LEVERS = load_levers()


@pytest.mark.parametrize("lever", LEVERS, ids=[lever.id for lever in LEVERS])
def test_default_and_ends_are_stops(lever):
    stops = options(lever)
    assert coerce(lever, lever.default) in stops
    assert stops[0] == coerce(lever, lever.min) and stops[-1] == coerce(lever, lever.max)
    assert stops == sorted(stops) and len(set(stops)) == len(stops)


def test_an_off_grid_default_is_kept_as_a_stop():
    lever = next(lev for lev in LEVERS if lev.step < lev.max - lev.min)
    off = replace(lever, default=lever.min + lever.step / 2)
    assert coerce(off, off.default) in options(off)
    assert coerce(off, off.default) not in options(lever)
