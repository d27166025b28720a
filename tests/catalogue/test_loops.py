"""The feedback loops of loops.toml exist in the model's equations."""

from __future__ import annotations

import pytest

from model.catalogue.loader import CatalogueError
from model.catalogue.loops import load_loops
from model.report.diagram.graph import model_graph


@pytest.fixture(scope="module")
def dependencies():
    return model_graph().dependencies


def test_every_loop_is_a_cycle_of_the_equations(dependencies):
    broken = [f"{loop.id}: {effect!r} does not use {cause!r}" for loop in load_loops()
              for cause, effect in loop.links() if cause not in dependencies.get(effect, ())]
    assert broken == []


def test_loops_are_distinct_and_named_in_both_languages():
    loops = load_loops()
    assert len(loops) >= 10
    assert len({frozenset(loop.variables) for loop in loops}) == len(loops)
    assert {loop.polarity for loop in loops} == {"reinforcing", "balancing"}
    for loop in loops:
        assert len(set(loop.variables)) == len(loop.variables), loop.id
        assert all(loop.name(lang) and loop.explain(lang) for lang in ("vi", "en")), loop.id


def test_a_link_that_is_not_in_the_equations_is_found(dependencies):
    loop = load_loops()[0]
    reversed_links = [(effect, cause) for cause, effect in loop.links()]
    assert any(cause not in dependencies.get(effect, ()) for cause, effect in reversed_links)


def test_an_unknown_lever_is_refused(tmp_path):
    bad = tmp_path / "loops.toml"
    bad.write_text('[[loop]]\nid = "x"\npolarity = "balancing"\nname_vi = "a"\nname_en = "a"\nexplain_vi = "b"\n'
                   'explain_en = "b"\nlevers = ["no_such_lever"]\nvariables = ["a", "b"]\n', encoding="utf-8")
    with pytest.raises(CatalogueError, match="no_such_lever"):
        load_loops(bad)
