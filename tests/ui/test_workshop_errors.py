"""Workshop rule errors on a page: one line in the user's language, user text shown as plain text."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from model.base.lang import LANGS
from model.workshop.rules import WorkshopError
from ui.errors import message
from ui.text import STRINGS, t

WORKSHOP_DIR = Path(__file__).resolve().parents[2] / "model" / "workshop"


def _calls(name: str) -> list[ast.Call]:
    found = []
    for path in WORKSHOP_DIR.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == name:
                found.append(node)
    return found


def kinds() -> set[str]:
    """The kinds the workshop raises (second argument of ``WorkshopError``)."""
    return {call.args[1].value for call in _calls("WorkshopError")
            if len(call.args) > 1 and isinstance(call.args[1], ast.Constant)}


def fields() -> set[str]:
    """The fields ``clean_text`` checks (its second argument)."""
    return {call.args[1].value for call in _calls("clean_text") if isinstance(call.args[1], ast.Constant)}


def test_every_kind_and_field_has_a_line_in_both_languages():
    assert {"name_taken", "no_session", "ended_join", "round_closed", "empty"} <= kinds()
    for kind in kinds():
        assert f"errors.workshop_{kind}" in STRINGS, kind
    assert fields() == {"team name", "session title"}
    for field in fields():
        for lang in LANGS:
            assert t(f"errors.workshop_field_{field.replace(' ', '_')}", lang)


def test_vietnamese_line_with_the_users_text_as_plain_text():
    error = WorkshopError("team name '[x](http://a.b)' is already taken", "name_taken", name="[x](http://a.b)")
    line = message(error, "vi")
    assert line.startswith("Tên nhóm “") and "already" not in line
    assert "[x](" not in line and r"\[x\]" in line  # a link in a name stays text


@pytest.mark.parametrize(("field", "vi", "en"), [("team name", "Tên nhóm", "The team name"),
                                                  ("session title", "Tên hội thảo", "The workshop title")])
def test_field_names_are_translated(field, vi, en):
    error = WorkshopError(f"{field}: 90 characters, at most 40 allowed", "too_long", field=field, limit=40)
    assert message(error, "vi") == f"{vi} dài quá: tối đa 40 ký tự."
    assert message(error, "en") == f"{en} is too long: at most 40 characters."


def test_an_error_without_a_line_is_generic_in_vietnamese_and_as_written_in_english():
    error = WorkshopError("open levers: budget_envelope: an external assumption, not a policy lever")
    assert message(error, "vi") == t("errors.workshop_generic", "vi")
    assert message(error, "en").replace("\\", "") == str(error)
