"""The leader's answer: verdicts, goals not met with their strongest lever, and the "why" of each goal."""

from __future__ import annotations

import pytest

from model.catalogue.targets import GOAL_SETS
from model.report.brief import answer
from model.run.runner import simulate
from model.run.scenario import baseline, load_shipped, with_settings


@pytest.fixture(scope="module")
def resolution():
    scenario = load_shipped("resolution")
    return scenario, simulate(scenario), simulate(baseline())


def test_verdict_counts_the_goals_whose_status_is_met(resolution):
    _, result, base = resolution
    found = answer.verdicts(result.targets, base.targets)
    assert [v.goal_set for v in found] == [s.id for s in GOAL_SETS]
    for v in found:
        mine = [r for r in result.targets if r.target.set == v.goal_set]
        assert v.met == sum(r.status == "met" for r in mine) and v.total == len(mine)
        assert v.base_met == sum(r.status == "met" for r in base.targets if r.target.set == v.goal_set)
        assert f"{v.met}/{v.total}" in answer.verdict_text(v, "vi")


def test_missed_goals_are_exactly_those_not_met_and_their_lever_helps(resolution):
    scenario, result, _ = resolution
    reaches = answer.reach(scenario)
    found = answer.misses(result.targets, reaches)
    assert [m.result.target.id for m in found] == [r.target.id for r in result.targets if r.status != "met"]
    for m in found:
        if m.best is None:
            assert all(x.gain <= 0 for x in reaches[m.result.target.id])
            continue
        pushed = simulate(with_settings(scenario, {m.best.lever: m.best.value}))
        gain = pushed.target(m.result.target.id).distance - m.result.distance
        assert gain == pytest.approx(m.best.gain, rel=1e-6, abs=1e-9)  # the reach is the lever's effect alone
        assert gain > 0 and m.best.gain == max(x.gain for x in reaches[m.result.target.id])
        assert 0 < m.share <= 1


def test_why_parts_add_up_to_the_difference_from_the_2020_stance(resolution):
    scenario, result, base = resolution
    explained = answer.explain(scenario)
    for r in result.targets:
        b = explained[r.target.id]
        assert b.scenario == pytest.approx(r.value, rel=1e-6, abs=1e-9)
        assert b.base == pytest.approx(base.target(r.target.id).value, rel=1e-6, abs=1e-9)
        assert sum(c.shapley for c in b.contributions) == pytest.approx(b.gap, rel=1e-6, abs=1e-9)
        lines = answer.why_lines(b, "vi")
        assert len(lines) == 1 + min(len(b.contributions), 5) + (len(b.contributions) > 5)


def test_why_of_the_2020_stance_says_there_is_nothing_to_explain():
    explained = answer.explain(baseline())
    lines = answer.why_lines(next(iter(explained.values())), "vi")
    assert lines[-1] == answer.t("brief.why_none", "vi")

