"""Every report string exists in both languages, and every key the reports use is there."""

from __future__ import annotations

import re
from pathlib import Path

from model.base.lang import LANGS
from model.catalogue.targets import GOAL_SETS
from model.report.export import COLUMNS
from model.report.scoreboard import COLUMNS as SCOREBOARD_COLUMNS
from model.report.text import STRINGS
from model.run.goals import STATUSES
from ui.text import STRINGS as UI_STRINGS

REPORT_DIR = Path(__file__).resolve().parents[2] / "model" / "report"


def test_every_report_string_has_both_languages_and_the_same_placeholders():
    for key, entry in STRINGS.entries().items():
        assert set(entry) == set(LANGS), key
        assert all(entry[lang].strip() for lang in LANGS), key
        names = {lang: set(re.findall(r"{(\w+)}", entry[lang])) for lang in LANGS}
        assert names["vi"] == names["en"], key


def test_keys_written_in_the_report_modules_exist():
    for path in REPORT_DIR.rglob("*.py"):
        for key in re.findall(r"""\bt\(\s*["']([a-z_]+\.[a-z_0-9]+)["']\s*[,)]""", path.read_text(encoding="utf-8")):
            assert key in STRINGS, (path.name, key)


def test_keys_built_from_data_exist():
    keys = [f"scoreboard.status_{s}" for s in STATUSES] + [f"scoreboard.col_{c}" for c in SCOREBOARD_COLUMNS]
    keys += [f"export.{sheet}_{c}" for sheet, columns in COLUMNS.items() for c in columns]
    keys += [f"contributions.status_{s}" for s in ("latest", "not_needed", "mix_misses")]
    keys += [f"contributions.{m}" for m in ("exact", "sampled")]
    keys += [f"optimise.objective_{o}" for o in ("cost", "public")]
    keys += [f"cost_charts.{p}" for p in ("provincial", "central", "private")]
    assert [k for k in keys if k not in STRINGS] == []


def test_every_goal_set_has_its_titles_in_the_reports_and_the_app():
    for goal_set in GOAL_SETS:
        assert f"scoreboard.set_{goal_set.id}" in STRINGS, goal_set.id
        assert f"brief.verdict_{goal_set.id}" in STRINGS, goal_set.id
        for key in (f"answer.metric_{goal_set.id}", f"scoreboard.summary_{goal_set.id}"):
            assert key in UI_STRINGS, key
        if goal_set.selection:
            assert f"what_it_takes.preset_{goal_set.selection}" in UI_STRINGS, goal_set.id
