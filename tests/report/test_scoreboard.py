"""The text and JSON scoreboards show each goal's value, band, status and signed distance as judged.

Goal outcomes are made by hand (a value a known amount above or below the
bound), so a flipped sign, a wrong boundary or a wrong count shows here.
"""

from __future__ import annotations

import json
from dataclasses import replace

import pandas as pd
import pytest

from model.base.paths import PROJECT_DIR
from model.catalogue.targets import HEADLINE_SET, load_targets
from model.report.scoreboard import band, scoreboard_json, scoreboard_text, summary
from model.run.goals import judged
from model.run.result import RunResult
from model.run.scenario import baseline

TARGETS = {t.id: t for t in load_targets()}


def bound(target):
    return target.lower if target.direction == "at_least" else target.upper


def shifted(target, amount):
    """A value ``amount`` on the good side of the bound (negative: short of it)."""
    return bound(target) + (amount if target.direction == "at_least" else -amount)


@pytest.fixture(scope="module")
def result():
    """The baseline run as recorded in tests/golden/ (no simulation needed); goals are set by each test."""
    table = pd.read_csv(PROJECT_DIR / "tests" / "golden" / "baseline.csv")
    arrays = {column: table[column].to_numpy(dtype=float) for column in table if column != "year"}
    return RunResult(baseline(), table["year"].to_numpy(dtype=int), arrays, ())


def with_outcomes(result, amounts):
    """The run with every goal judged at ``bound ± amount`` (amounts by goal id, default +1.5)."""
    targets = tuple(judged(t, shifted(t, amounts.get(t.id, 1.5))) for t in load_targets())
    return replace(result, targets=targets)


def row_of(text: str, name: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(name))


def test_distance_is_negative_when_short_and_positive_when_met(result):
    growth = TARGETS["ind_va_growth"]  # at least 8.0 %/yr, near within 0.5
    text = scoreboard_text(with_outcomes(result, {"ind_va_growth": -0.3, "mfg_va_growth": -0.8}), "vi")
    row = row_of(text, growth.name("vi"))
    assert "7,7 %/yr" in row and "gần đạt" in row and row.rstrip().endswith("-0,3")
    mfg = row_of(text, TARGETS["mfg_va_growth"].name("vi"))
    assert "chưa đạt" in mfg and mfg.rstrip().endswith("-0,8")
    share = row_of(text, TARGETS["ind_share"].name("vi"))
    assert " đạt" in share and share.rstrip().endswith("1,5")


def test_at_most_goals_count_distance_from_the_upper_bound():
    goal = replace(TARGETS["ind_share"], direction="at_most", lower=None, upper=5.0, near=1.0)
    over = judged(goal, 5.5)   # 0.5 over the upper bound: near, distance 5.0 - 5.5 = -0.5
    assert over.status == "near" and over.distance == pytest.approx(-0.5)
    under = judged(goal, 3.0)  # 2.0 under: met, distance +2.0
    assert under.status == "met" and under.distance == pytest.approx(2.0)
    assert band(under, "en") == "<= 5.0" and band(under, "vi") == "<= 5,0"


def test_summary_counts_met_goals_of_the_set(result):
    headline = [t.id for t in load_targets() if t.set == HEADLINE_SET]
    amounts = {goal_id: -5.0 for goal_id in headline[:3]}
    outcome = with_outcomes(result, amounts)
    assert summary(outcome.targets, HEADLINE_SET, "en") == f"{len(headline) - 3} of {len(headline)} targets met"
    assert summary(outcome.targets, HEADLINE_SET, "vi") == f"{len(headline) - 3}/{len(headline)} chỉ tiêu đạt"


def test_band_text():
    growth = judged(TARGETS["ind_va_growth"], 8.0)
    assert band(growth, "vi") == ">= 8,0 (8,0–9,0)"
    assert band(growth, "en") == ">= 8.0 (8.0–9.0)"


def test_json_carries_the_signed_distance_and_status(result):
    outcome = with_outcomes(result, {"ind_va_growth": -0.3})
    record = next(r for r in json.loads(scoreboard_json(outcome))["targets"] if r["id"] == "ind_va_growth")
    assert record["status"] == "near" and record["distance"] == pytest.approx(-0.3)
    assert record["value"] == pytest.approx(7.7) and record["period"] == "2021-2025"
