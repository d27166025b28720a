"""The text and JSON scoreboards show each goal's value, band, status and signed distance as judged.

Goal outcomes are made by hand (a value a known amount above or below the
bound), so a flipped sign, a wrong boundary or a wrong count shows here.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pandas as pd
import pytest

from model.base.paths import PROJECT_DIR
from model.catalogue.targets import HEADLINE_SET, load_targets
from model.report.scoreboard import band, compare_text, scoreboard_json, scoreboard_text, summary, text_table
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


def cells(line: str) -> list[str]:
    """The cells of a text-table line (columns are two or more spaces apart)."""
    return re.split(r"\s{2,}", line.strip())


def row_of(text: str, name: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(name))


def test_distance_is_negative_when_short_and_positive_when_met(result):
    growth = TARGETS["ind_va_growth"]  # at least 8.0 %/yr, near within 0.5
    text = scoreboard_text(with_outcomes(result, {"ind_va_growth": -0.3, "mfg_va_growth": -0.8}), "vi")
    row = row_of(text, growth.name("vi"))
    assert "7,7 %/năm" in row and "gần đạt" in row and row.rstrip().endswith("-0,3")
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


def test_text_table_pads_columns_and_underlines_the_header():
    assert text_table([["a", "bb"], ["", "c"], ["ccc", ""]]) == "a    bb\n---  --\n     c\nccc"


def test_band_without_upper_bound_and_with_the_units_decimals():
    mfg = judged(TARGETS["mfg_share"], 31.0)                   # at least 30, no upper bound
    assert band(mfg, "vi") == ">= 30,0"
    usd = judged(TARGETS["grdp_per_capita_2025"], 4300.0)      # USD: no decimals
    assert band(usd, "en") == ">= 4,200 (4,200–4,400)"
    investment = judged(TARGETS["ez_ip_investment"], 5.5)      # bn USD: two decimals
    assert band(investment, "vi") == ">= 5,00 (5,00–6,00)"


def test_scoreboard_text_layout(result):
    outcome = with_outcomes(result, {"ind_va_growth": -0.3, "grdp_per_capita_2025": -1000.0})
    blocks = scoreboard_text(outcome).split("\n\n")   # Vietnamese unless told otherwise
    assert blocks[0] == "baseline"
    assert len(blocks) == 2 + len({t.set for t in load_targets()})
    for block, goal_set in zip(blocks[1:-1], ("resolution_2025", "related_2025", "goal_2030"), strict=True):
        lines = block.split("\n")
        chosen = [t for t in load_targets() if t.set == goal_set]
        assert len(lines) == 3 + len(chosen)
        assert lines[2:] and all(any(line.startswith(t.name("vi")) for t in chosen) for line in lines[3:])
    first = blocks[1].split("\n")
    headline = [t for t in load_targets() if t.set == HEADLINE_SET]
    assert first[0] == f"Mục tiêu Nghị quyết đến 2025 — {len(headline) - 1}/{len(headline)} chỉ tiêu đạt"
    assert set(first[2]) <= {"-", " "}
    money = row_of(blocks[2], TARGETS["grdp_per_capita_2025"].name("vi"))
    assert "3.200 USD" in money and ">= 4.200 (4.200–4.400)" in money and money.rstrip().endswith("-1.000")
    english = scoreboard_text(with_outcomes(result, {"ind_va_growth": -0.3}), "en").split("\n\n")
    assert row_of(english[1], TARGETS["ind_va_growth"].name("en")).split()[-2] == "near"
    assert english[1].startswith("Resolution targets for 2025 — ")
    assert english[-1].split("\n")[0] != blocks[-1].split("\n")[0]  # the budget block follows the language
    assert scoreboard_text(replace(outcome, scenario=outcome.scenario.renamed("MAX"))).split("\n")[0] == "MAX"
    described = replace(outcome, scenario=outcome.scenario.renamed("mix", "Kịch bản thử"))
    assert scoreboard_text(described, "en").split("\n")[0] == "mix: Kịch bản thử"


def test_json_is_indented_unicode_and_writes_null_for_a_goal_that_could_not_be_judged(result):
    targets = tuple(judged(t, float("nan")) for t in load_targets())
    outcome = replace(result, targets=targets, scenario=result.scenario.renamed("mix", "Kịch bản"))
    text = scoreboard_json(outcome)
    assert text.startswith('{\n  "scenario": "mix",\n  "description": "Kịch bản",\n  "targets": [\n    {')
    payload = json.loads(text)
    assert set(payload) == {"scenario", "description", "targets", "budget"}
    assert all(r["value"] is None and r["distance"] is None and r["status"] == "missed" for r in payload["targets"])
    assert isinstance(payload["budget"]["first_year"], int)


def test_compare_text_by_hand(result):
    base = with_outcomes(result, {})
    other_table = pd.read_csv(PROJECT_DIR / "tests" / "golden" / "resolution.csv")
    arrays = {c: other_table[c].to_numpy(dtype=float) for c in other_table if c != "year"}
    other = RunResult(baseline().renamed("res"), other_table["year"].to_numpy(dtype=int), arrays,
                      with_outcomes(result, {"ind_va_growth": -0.3}).targets)
    text = compare_text([base, other], "en")
    table, differences = text.split("\n\n")
    lines = table.split("\n")
    assert cells(lines[0])[3:] == ["baseline", "res"] and len(cells(lines[0])) == 5
    growth = next(line for line in lines if line.startswith(TARGETS["ind_va_growth"].name("en")))
    assert cells(growth)[1:] == ["2021-2025", ">= 8.0 (8.0–9.0)", "9.5 (met)", "7.7 (near)"]
    headline = sum(t.set == HEADLINE_SET for t in load_targets())
    assert lines[-1].strip().split("  ")[0] == f"{headline} of {headline} targets met"
    assert lines[-1].endswith(f"{headline - 1} of {headline} targets met") and lines[-1].startswith(" ")
    rows = differences.split("\n")
    assert rows[0].split() == ["indicator", "year", "baseline", "res", "-", "baseline"]
    golden = pd.read_csv(PROJECT_DIR / "tests" / "golden" / "baseline.csv").set_index("year")
    res = other_table.set_index("year")
    for indicator, year in (("grdp", 2025), ("industry_share", 2030), ("grdp_per_capita_usd", 2030)):
        row = next(r for r in rows if r.split()[:2] == [indicator, str(year)])
        base_value, other_value = golden.loc[year, indicator], res.loc[year, indicator]
        assert row.split()[2:] == [f"{base_value:,.1f}", f"{other_value - base_value:,.1f}"]
    assert len(rows) == 2 + 10 * 2
    vietnamese = compare_text([base, other], years=(2030,))  # Vietnamese unless told otherwise
    table, differences = vietnamese.split("\n\n")
    assert len(differences.split("\n")) == 2 + 10
    growth = next(line for line in table.split("\n") if line.startswith(TARGETS["ind_va_growth"].name("vi")))
    assert cells(growth)[2:] == [">= 8,0 (8,0–9,0)", "9,5 (đạt)", "7,7 (gần đạt)"]
    money = next(line for line in table.split("\n") if line.startswith(TARGETS["grdp_per_capita_2025"].name("vi")))
    assert cells(money)[3:] == ["4.202 (đạt)", "4.202 (đạt)"]  # 4 200 + 1.5 USD, no decimals
    row = next(r for r in differences.split("\n") if r.split()[:2] == ["grdp", "2030"])
    base_value, other_value = golden.loc[2030, "grdp"], res.loc[2030, "grdp"]
    as_vi = [f"{v:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".") for v in (base_value,
                                                                                     other_value - base_value)]
    assert row.split()[2:] == as_vi
