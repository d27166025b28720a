"""The sketch in the model file: generated from the equations, consistent with them, readable by PySD."""

from __future__ import annotations

import subprocess
import sys
from itertools import combinations

import numpy as np
import pytest

from model.base.paths import MDL_PATH, PROJECT_DIR
from model.engine.graph import pysd_views, translate_split_views
from model.engine.simulator import Simulator
from model.report.diagram.geometry import Rect
from model.report.diagram.graph import model_graph, stock_flows
from model.report.diagram.mdl_text import read_text, sectors, split_mdl
from model.report.diagram.sketch_format import Arrow, Comment, Valve, Variable
from model.report.diagram.sketch_reader import read_views
from model.report.diagram.sketch_writer import with_sketch

REGENERATE = "python -m model diagram --write-sketch"


@pytest.fixture(scope="module")
def text():
    return read_text(MDL_PATH)


@pytest.fixture(scope="module")
def graph():
    return model_graph(MDL_PATH)


@pytest.fixture(scope="module")
def views(text):
    return read_views(text)


@pytest.fixture(scope="module")
def model_sectors(text):
    return sectors(split_mdl(text).equations)


def test_committed_sketch_is_the_one_the_equations_give(text, graph):
    assert with_sketch(text, graph) == text, (
        f"the sketch in {MDL_PATH.name} is out of date with its equations: run `{REGENERATE}` and commit the file")


def test_regenerating_keeps_equations_and_settings_byte_for_byte_and_is_idempotent(text, graph):
    parts = split_mdl(text)
    stale = parts.equations + ("\\\\\\---/// Sketch information - do not modify anything except names\n"
                               "V300  Do not put anything below this section - it will be ignored\n*View 1\n"
                               "10,1,gone,1,1,1,1,8,3,0,0,-1,0,0,0\n///---\\\\\\\n") + parts.settings
    once = with_sketch(stale, graph)
    assert once == text
    assert split_mdl(once).equations == parts.equations and split_mdl(once).settings == parts.settings
    assert with_sketch(once, graph) == once


def test_one_view_per_sector_holding_exactly_its_variables(views, model_sectors, graph):
    assert [view.name for view in views] == [sector.name for sector in model_sectors]
    for view, sector in zip(views, model_sectors, strict=True):
        assert sorted(view.defined()) == sorted(sector.variables), view.name
        for variable in view.variables():
            assert variable.name in graph.dependencies or variable.name == "Time", (view.name, variable.name)


def test_every_arrow_is_a_dependency_and_every_dependency_is_drawn(views, graph):
    for view in views:
        arrows = set(view.connectors())
        piped = {(pipe.flow, pipe.end) for pipe in view.pipes() if pipe.end}
        for cause, effect in arrows:
            assert cause in graph.dependencies[effect], (view.name, cause, effect)
        for effect in view.defined():
            for cause in graph.dependencies[effect]:
                assert (cause, effect) in arrows or (cause, effect) in piped, (view.name, cause, effect)


def test_pipes_match_the_integ_equations(views, graph):
    flows = stock_flows(graph)
    for view in views:
        pipes = view.pipes()
        for pipe in pipes:
            if pipe.end is not None:
                expected = flows[pipe.end].inflows if pipe.into else flows[pipe.end].outflows
                assert pipe.flow in expected, (view.name, pipe)
        valves = [record for record in view.records if isinstance(record, Valve)]
        for valve in valves:
            own = [pipe for pipe in pipes if pipe.flow == view.name_of(valve.id)]
            assert sorted(pipe.into for pipe in own) == [False, True], (view.name, own)
        defined = set(view.defined())
        for stock in (s for s in defined if s in flows):
            for flow in (f for f in flows[stock].inflows + flows[stock].outflows if f in defined):
                assert any(p.flow == flow and p.end == stock for p in pipes), (view.name, stock, flow)


def test_records_are_well_formed_and_nothing_overlaps(views):
    for view in views:
        records = view.by_id()
        assert len(records) == len(view.records), view.name
        for record in view.records:
            if isinstance(record, Arrow):
                assert record.source in records and record.target in records, (view.name, record)
            if isinstance(record, Valve):
                label = records.get(record.id + 1)
                assert isinstance(label, Variable) and label.attached, (view.name, record)
        boxes = [Rect(r.x, r.y, r.w, r.h) if not isinstance(r, Valve) else Rect(r.x, r.y, 7, 7)
                 for r in view.records if isinstance(r, Variable | Valve | Comment)]
        for a, b in combinations(boxes, 2):
            assert not a.overlaps(b), (view.name, a, b)


def test_pysd_puts_every_variable_in_its_sector_view(model_sectors):
    seen = pysd_views(MDL_PATH)
    expected = {sector.name.lower().replace(" ", "_"): {v.replace(" ", "_").lower() for v in sector.variables}
                for sector in model_sectors}
    assert {name: set(names) for name, names in seen.items()} == expected


@pytest.mark.slow
def test_pysd_splits_the_model_by_view_and_runs_it_the_same(tmp_path, model_sectors):
    split = translate_split_views(MDL_PATH, tmp_path)
    modules = {path.stem for path in (tmp_path / f"modules_{MDL_PATH.stem}").glob("*.py")}
    assert modules == {s.name.lower().replace(" ", "_") for s in model_sectors if s.name != "Control"}
    columns = ["GRDP", "industry employment", "trained workers"]
    whole = Simulator(MDL_PATH).run(columns=columns)
    parts = split.run(return_columns=columns, return_timestamps=list(whole.index), final_time=float(whole.index[-1]))
    np.testing.assert_allclose(parts[columns].to_numpy(), whole[columns].to_numpy(), rtol=1e-10)


def test_diagram_package_does_not_import_pysd():
    code = ("import sys, model.report.diagram.svg, model.report.diagram.sketch_writer, model.report.diagram.files, "
            "model.commands.diagram; assert 'pysd' not in sys.modules, 'pysd imported'")
    subprocess.run([sys.executable, "-c", code], cwd=PROJECT_DIR, check=True)
