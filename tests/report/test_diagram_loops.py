"""Each feedback loop is highlighted on the sector views it passes through."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from model.catalogue.loops import load_loops
from model.report.diagram.sketch_reader import model_views
from model.report.diagram.svg import HIGHLIGHT, view_svg, views_showing

SVG = "{http://www.w3.org/2000/svg}"


def lit_names(svg: str) -> set[str]:
    """Names of the variables drawn highlighted in an SVG."""
    root = ET.fromstring(svg)
    return {node.get("data-var") for node in root.iter(f"{SVG}text") if node.get("class") == "lit"}


@pytest.fixture(scope="module")
def views():
    return model_views()


@pytest.mark.parametrize("loop", load_loops(), ids=lambda loop: loop.id)
def test_each_loop_lights_exactly_its_variables_on_the_views_it_passes_through(loop, views):
    shown = views_showing(frozenset(loop.variables), views)
    assert shown, f"{loop.id}: on no view"
    by_name = {view.name: view for view in views}
    lit: set[str] = set()
    for name, count in shown:
        svg = view_svg(by_name[name], frozenset(loop.variables), frozenset(loop.links()), focus=True)
        found = lit_names(svg)
        assert len(found) == count and found <= set(loop.variables)
        lit |= found
    assert lit == set(loop.variables)


def test_only_the_loops_own_links_are_coloured(views):
    loop = next(item for item in load_loops() if item.id == "skills_technology")
    view = next(v for v in views if v.name == "Skills")
    every = view_svg(view, frozenset(loop.variables))
    own = view_svg(view, frozenset(loop.variables), frozenset(loop.links()))
    assert own.count(f'stroke="{HIGHLIGHT}"') <= every.count(f'stroke="{HIGHLIGHT}"')
    assert lit_names(own) == lit_names(every) and lit_names(own)


def test_focus_cuts_the_view_to_the_loop(views):
    loop = next(item for item in load_loops() if item.id == "hiring")
    name, _ = views_showing(frozenset(loop.variables), views)[0]
    view = next(v for v in views if v.name == name)
    whole = ET.fromstring(view_svg(view, frozenset(loop.variables)))
    part = ET.fromstring(view_svg(view, frozenset(loop.variables), focus=True, zoom=2.0))
    whole_box = [float(v) for v in whole.get("viewBox").split()]
    part_box = [float(v) for v in part.get("viewBox").split()]
    assert part_box[2] * part_box[3] < whole_box[2] * whole_box[3]
    assert float(part.get("width")) == pytest.approx(2.0 * part_box[2], abs=0.1)
