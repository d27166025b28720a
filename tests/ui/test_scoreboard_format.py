"""The app's scoreboard cells: signed distances, status marks and bands, worked out by hand."""

from __future__ import annotations

import pytest

from model.catalogue.targets import load_targets
from model.run.goals import judged
from ui.parts.scoreboard import band_text, frame, number, signed, status_text
from ui.text import t

TARGETS = {g.id: g for g in load_targets()}


@pytest.mark.parametrize(("value", "lang", "digits", "text"), [
    (1.25, "vi", 2, "+1,25"), (-0.5, "vi", 1, "−0,5"), (-0.5, "en", 1, "−0.5"), (0.0, "en", 1, "+0.0"),
    (1234.5, "vi", 0, "+1.234"), (-1234.5, "en", 1, "−1,234.5"), (float("nan"), "vi", 1, "–"),
])
def test_signed(value, lang, digits, text):
    assert signed(value, lang, digits) == text


def test_a_value_that_rounds_to_zero_has_no_minus_sign():
    assert number(-0.04, "en", 1) == "0.0" and number(-0.06, "en", 1) == "-0.1"


def test_status_text():
    assert status_text("met", "vi") == "●\u00a0đạt"
    assert status_text("near", "en") == "◐\u00a0near"
    assert status_text("missed", "vi") == "○\u00a0chưa\u00a0đạt"


def test_frame_shows_the_judged_distance_with_its_sign():
    growth = TARGETS["ind_va_growth"]  # at least 8.0 %/yr
    results = [judged(growth, 7.7), judged(TARGETS["mfg_va_growth"], 8.5)]
    baseline = [judged(growth, 6.0), judged(TARGETS["mfg_va_growth"], 6.0)]
    table = frame(results, baseline, "vi")
    distance = table[t("scoreboard.col_distance", "vi")].tolist()
    assert distance == ["−0,3", "+1,5"]
    assert table[t("scoreboard.col_status", "vi")].tolist() == ["◐\u00a0gần\u00a0đạt", "●\u00a0đạt"]
    assert table[t("scoreboard.col_value", "vi")].tolist() == ["7,7", "8,5"]
    assert table[t("scoreboard.col_baseline", "vi")].tolist() == ["6,0", "6,0"]
    assert table[t("scoreboard.col_period", "vi")].tolist() == ["2021\u20112025", "2021\u20112025"]
    assert band_text(results[0], "en").startswith("8.0–9.0 ")
