"""Debrief statistics (hand-worked examples) and the session export."""

import io
import math

import pandas as pd
import pytest
from openpyxl import load_workbook

from model.workshop import debrief, export, service
from model.workshop.store import Store

# Hand-worked example: lever "a" separates met from missed, "b" does not, "c" never changes.
#   a = [1, 2, 8, 9], met = [0, 0, 1, 1]
#   means: a 5, met 0.5; cov = ((-4)(-0.5) + (-3)(-0.5) + 3(0.5) + 4(0.5)) / 4 = 7/4
#   var a = (16 + 9 + 9 + 16) / 4 = 12.5; var met = 0.25; r = 1.75 / sqrt(12.5 * 0.25) = 1.75 / sqrt(3.125)
#   groups: met [8, 9] mean 8.5 var 0.5, missed [1, 2] mean 1.5 var 0.5 (ddof 1)
#   pooled sd = sqrt((0.5 + 0.5) / 2) = sqrt(0.5); SMD = 7 / sqrt(0.5)
#   b = [5, 1, 4, 2]: met [4, 2] mean 3, missed [5, 1] mean 3 -> r = 0, SMD = 0
MIXES = [{"a": 1, "b": 5, "c": 3}, {"a": 2, "b": 1, "c": 3}, {"a": 8, "b": 4, "c": 3}, {"a": 9, "b": 2, "c": 3}]
MET = [False, False, True, True]


def test_levers_are_ranked_by_how_strongly_they_split_met_from_missed():
    ranking = debrief.rank_levers(MIXES, MET, ["b", "c", "a"])
    assert [s.lever for s in ranking] == ["a", "b", "c"]
    a, b, c = ranking
    assert a.correlation == pytest.approx(1.75 / math.sqrt(3.125), abs=1e-12)
    assert a.smd == pytest.approx(7 / math.sqrt(0.5), abs=1e-12)
    assert (a.mean_met, a.mean_missed, a.n_met, a.n_missed) == (8.5, 1.5, 2, 2)
    assert b.correlation == pytest.approx(0.0, abs=1e-12) and b.smd == pytest.approx(0.0, abs=1e-12)
    assert math.isnan(c.correlation) and math.isnan(c.smd)  # nobody changed it: no effect can show


def test_constant_groups_that_differ_separate_perfectly():
    split = debrief.rank_levers([{"x": 1}, {"x": 1}, {"x": 4}], [False, False, True], ["x"])[0]
    assert split.smd == math.inf and split.correlation == pytest.approx(1.0)


def test_the_tree_splits_half_way_between_the_groups():
    tree = debrief.fit_tree(MIXES, MET, ["b", "c", "a"])
    assert (tree.lever, tree.threshold) == ("a", 5.0)
    assert (tree.low.n, tree.low.n_met, tree.high.n, tree.high.n_met) == (2, 0, 2, 2)
    assert tree.low.is_leaf and tree.high.is_leaf  # pure leaves are not split further
    assert debrief.tree_rules(tree) == [("a <= 5", 0, 2), ("a > 5", 2, 2)]


def test_a_two_lever_rule_needs_depth_two():
    # met only when both x and y are high: no single split is pure, two are.
    mixes = [{"x": x, "y": y} for x in (0, 1) for y in (0, 1)] * 2
    met = [m["x"] == 1 and m["y"] == 1 for m in mixes]
    tree = debrief.fit_tree(mixes, met, ["x", "y"])
    rules = debrief.tree_rules(tree, {"x": "X", "y": "Y"})
    assert ("X > 0.5 and Y > 0.5", 2, 2) in rules
    assert all(n_met in (0, n) for _, n_met, n in rules)  # every leaf is pure
    assert debrief.tree_rules(debrief.fit_tree(mixes, met, ["x", "y"], max_depth=1)) != rules


def test_all_met_gives_a_single_leaf():
    tree = debrief.fit_tree(MIXES, [True] * 4, ["a", "b"])
    assert tree.is_leaf and debrief.tree_rules(tree) == [("", 4, 4)]


def test_mismatched_lengths_are_refused():
    with pytest.raises(ValueError):
        debrief.rank_levers(MIXES, MET[:3], ["a"])


@pytest.fixture
def board(tmp_path):
    store = Store(tmp_path / "w.sqlite3")
    session, secret = service.create_session(store, "Xuất dữ liệu", "vi")
    key = service.FacilitatorKey(session.id, secret)
    service.open_round(store, key, "ind_va_growth", ["investment_promotion"])
    teams = [service.join_team(store, session.code, name) for name in ("Đội Đỏ", "Đội Xanh")]
    for (team, token), value in zip(teams, (40, 160), strict=True):
        service.submit(store, service.TeamKey(team.id, token), {"investment_promotion": value}, 5.0)
    service.submit(store, service.TeamKey(teams[0][0].id, teams[0][1]), {"investment_promotion": 60}, 6.0)
    service.reveal(store, key)
    service.open_round(store, key, "mfg_share", ["admin_reform"])
    service.submit(store, service.TeamKey(teams[1][0].id, teams[1][1]), {"admin_reform": 25}, 31.0)
    return service.board(store, key)


def test_the_workbook_has_every_sheet_and_every_entry(board):
    book = load_workbook(io.BytesIO(export.session_excel(board)))
    assert book.sheetnames == list(export.SHEETS)
    sheets = {name: pd.read_excel(io.BytesIO(export.session_excel(board)), sheet_name=name) for name in export.SHEETS}
    assert list(sheets["rounds"]["round"]) == [1, 2]
    assert sorted(sheets["teams"]["team"]) == ["Đội Xanh", "Đội Đỏ"]
    mixes = sheets["submissions"]
    assert len(mixes) == 3  # two entries in round 1, one in round 2
    assert mixes.set_index(["round", "team"]).loc[(1, "Đội Đỏ"), "investment_promotion"] == 60  # latest entry
    assert math.isnan(mixes.set_index(["round", "team"]).loc[(2, "Đội Xanh"), "investment_promotion"])
    predictions = sheets["predictions"].set_index(["round", "team"])
    entry = next(e for e in board.submissions[board.rounds[0].id] if e.team_name == "Đội Xanh")
    assert predictions.loc[(1, "Đội Xanh"), "simulated"] == pytest.approx(entry.outcome.value("ind_va_growth"))
    assert predictions.loc[(1, "Đội Xanh"), "error"] == pytest.approx(5.0 - entry.outcome.value("ind_va_growth"))
    assert len(sheets["results"]) == 3 * len(entry.outcome.targets)
    assert len(sheets["revisions"]) == 4  # the replaced entry is kept here


def test_the_csv_has_one_row_per_round_and_team_readable_by_excel(board):
    data = export.session_csv(board)
    assert data.startswith(b"\xef\xbb\xbf")  # byte-order mark: Excel reads the Vietnamese names right
    table = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert len(table) == 3
    assert set(table["team"]) == {"Đội Đỏ", "Đội Xanh"}
    assert {"prediction", "simulated", "status", "investment_promotion", "admin_reform"} <= set(table.columns)


def test_groups_compare_met_with_missed_or_the_closest_with_the_furthest():
    from model.workshop.debrief import compare_groups

    assert compare_groups([0.5, -1.0, 0.1], [True, False, True]) == debrief_groups("met", [True, False, True])
    none = compare_groups([-0.2, -3.0, -1.0, -0.5, -2.0, -0.1], [False] * 6)
    assert none.kind == "closest" and none.first == (True, False, False, True, False, True)
    every = compare_groups([0.3, 1.5, 0.1], [True] * 3)
    assert every.kind == "margin" and every.first == (True, True, False)
    assert compare_groups([-1.0, -1.0], [False, False]) is None
    assert compare_groups([-1.0], [False]) is None


def test_prediction_check_counts_over_and_under_and_the_right_calls():
    from model.workshop.debrief import check_predictions

    check = check_predictions([9.0, 7.0, 8.0], [8.0, 7.5, 8.1], [True, False, True], [True, False, True])
    assert (check.over, check.under, check.best, check.expected_met, check.met, check.right_call) == (1, 2, 2, 2, 2, 3)
    assert abs(check.mean_abs_error - (1.0 + 0.5 + 0.1) / 3) < 1e-12


def debrief_groups(kind, flags):
    from model.workshop.debrief import Groups

    return Groups(kind, tuple(flags))
