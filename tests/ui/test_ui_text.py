"""UI strings: every key in both languages, every unit and lever group labelled."""

from __future__ import annotations

import re
from pathlib import Path

from model.base.lang import LANGS
from model.catalogue.indicators import load_indicators
from model.catalogue.levers import POLICY_GROUPS, load_levers
from model.catalogue.targets import load_targets
from ui.text import STRINGS_DIR, catalogue, t, unit, unit_labels

UI_DIR = Path(__file__).resolve().parents[2] / "ui"


def test_every_string_has_both_languages():
    for key, entry in catalogue().items():
        assert set(LANGS) <= set(entry), key
        for lang in LANGS:
            assert entry[lang].strip(), (key, lang)


def test_placeholders_match_between_languages():
    for key, entry in catalogue().items():
        names = {lang: set(re.findall(r"{(\w+)}", entry[lang])) for lang in LANGS}
        assert names["vi"] == names["en"], key


def test_every_unit_in_the_data_has_labels():
    units = {lev.unit for lev in load_levers()} | {ind.unit for ind in load_indicators()}
    units |= {target.unit for target in load_targets()}
    missing = sorted(u for u in units if u not in unit_labels("vi"))
    assert not missing, missing
    assert unit("bn VND/yr", "vi") == "tỷ đồng/năm"


def test_keys_used_in_my_modules_exist():
    for path in [UI_DIR.parent / "app.py", *sorted(UI_DIR.rglob("*.py"))]:
        name = path.name
        for key in re.findall(r"""t\(\s*["']([a-z_]+\.[a-z_0-9]+)["']\s*[,)]""", path.read_text()):
            assert key in catalogue(), (name, key)
    for group in POLICY_GROUPS:
        assert t(f"widgets.group_{group}", "vi").startswith("III.")
    assert {lev.group for lev in load_levers() if lev.kind == "lever"} <= set(POLICY_GROUPS)


def test_missing_key_is_a_clear_error():
    try:
        t("simulator.no_such_key", "vi")
    except KeyError as error:
        assert "simulator.no_such_key" in str(error)
    else:
        raise AssertionError("expected KeyError")
    assert STRINGS_DIR.is_dir()
