"""The one way texts are looked up in both languages, and the closest-name hint."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from model.base.lang import DEFAULT_LANG, LANGS, LANGUAGE_NAMES, Bilingual, Strings, in_lang
from model.base.names import closest, did_you_mean


def test_languages_are_defined_once():
    assert LANGS == ("vi", "en") and DEFAULT_LANG == "vi" and set(LANGUAGE_NAMES) == set(LANGS)


def test_strings_read_a_directory_and_fill_placeholders(tmp_path):
    (tmp_path / "page.toml").write_text('[title]\nvi = "Trang {n}"\nen = "Page {n}"\n', encoding="utf-8")
    strings = Strings(tmp_path, "somewhere/")
    assert strings("page.title", "en", n=2) == "Page 2" and strings("page.title", "vi") == "Trang {n}"
    assert "page.title" in strings and strings.table("page") == {"title": {"vi": "Trang {n}", "en": "Page {n}"}}
    with pytest.raises(KeyError, match=re.escape("'page.missing' in somewhere/ has no 'vi' text")):
        strings("page.missing", "vi")
    with pytest.raises(KeyError, match="has no 'fr' text"):
        strings("page.title", "fr")


def test_data_records_read_their_fields_the_same_way():
    @dataclass(frozen=True)
    class Thing(Bilingual):
        name_vi: str
        name_en: str

    thing = Thing("cái", "thing")
    assert [thing.text("name", lang) for lang in LANGS] == ["cái", "thing"]
    with pytest.raises(KeyError, match="Thing name has no 'fr' text"):
        thing.text("name", "fr")
    assert in_lang({"vi": "a"}, "vi", "x") == "a"


def test_closest_name_hint():
    assert closest("levrs", ["levers", "assumptions"]) == "levers"
    assert did_you_mean("levrs", ["levers"]) == "; did you mean 'levers'?"
    assert did_you_mean("zzz", ["b", "a"], list_as="valid") == "; valid: b, a"
    assert did_you_mean("zzz", ["b", "a"]) == ""
