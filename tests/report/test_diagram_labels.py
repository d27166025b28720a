"""Vietnamese labels of the diagram: one for every variable of every view, plain Vietnamese, drawn instead of names."""

from __future__ import annotations

import re
from html import unescape

import pytest

from model.report.diagram.labels import label, labels
from model.report.diagram.sketch_reader import find_view, model_views
from model.report.diagram.svg import view_svg

#: English words a Vietnamese label must not contain (whole words, any case).
ENGLISH = {"the", "and", "of", "with", "for", "per", "price", "prices", "growth", "share", "rate", "labour",
           "capital", "investment", "industry", "industrial", "output", "value", "added", "time", "year", "years",
           "effect", "index", "total", "cost", "costs", "budget", "demand", "supply", "stock", "flow", "plant",
           "refinery", "steel", "base", "target", "default", "ratio", "current", "days", "employed", "person",
           "persons", "bn", "mn", "yr", "lever", "levers", "goal", "goals", "scenario"}
#: Acronyms common in Vietnamese official usage, and proper names.
KEPT = {"GRDP", "GDP", "FDI", "USD", "KKT", "KCN", "CCN", "CN", "XD", "NMLD", "DNNVV", "NSNN", "Brent"}
WORD = re.compile(r"\w+")
SPANS = re.compile(r"<tspan[^>]*>([^<]*)</tspan>")


@pytest.fixture(scope="module")
def views():
    return model_views()


@pytest.fixture(scope="module")
def names(views):
    return {variable.name for view in views for variable in view.variables()}


def test_every_variable_of_every_view_has_a_vietnamese_label(names):
    vietnamese = labels("vi")
    assert sorted(names - set(vietnamese)) == []
    assert sorted(set(vietnamese) - names) == [], "labels of names no view shows"


def test_labels_are_plain_vietnamese(names):
    for name, text in labels("vi").items():
        assert text.strip() == text and text, name
        assert text != name or set(WORD.findall(text)) <= KEPT, name
        english = {word for word in WORD.findall(text.lower()) if word in ENGLISH}
        assert not english, f"{name!r} → {text!r}: English words {sorted(english)}"
        assert not re.search(r"\b[a-z][a-z0-9]*_[a-z0-9_]+\b", text), name
        ascii_words = {word for word in WORD.findall(text) if word.isascii() and word.isalpha()}
        assert not {word for word in ascii_words if word.isupper()} - KEPT, f"{name!r}: unknown acronym in {text!r}"


def test_english_labels_are_the_names():
    assert dict(labels("en")) == {}
    assert label("GRDP current prices", labels("en")) == "GRDP current prices"
    assert label("GRDP current prices", labels("vi")) == "GRDP giá hiện hành"
    assert label("not a variable", labels("vi")) == "not a variable"


TEXTS = re.compile(r'<text data-var="([^"]*)"[^>]*>(.*?)</text>')


def _shown(svg: str) -> dict[str, set[str]]:
    """Variable name → the texts drawn for it (lines joined by spaces)."""
    found: dict[str, set[str]] = {}
    for name, spans in TEXTS.findall(svg):
        found.setdefault(unescape(name), set()).add(unescape(" ".join(SPANS.findall(spans))))
    return found


def test_vietnamese_view_shows_the_labels_and_not_the_names(views):
    view = find_view(views, "Investment pipeline")
    vietnamese, english = _shown(view_svg(view, labels=labels("vi"))), _shown(view_svg(view))
    assert "Dự án KKT, KCN đang triển khai" in vietnamese["EZ IP pipeline"]
    assert english["EZ IP pipeline"] == {"EZ IP pipeline"}
    drawn = " ".join(text for texts in vietnamese.values() for text in texts)
    for variable in view.variables():
        if variable.name != "GRDP":
            assert variable.name not in drawn
        expected = labels("vi")[variable.name]
        assert (f"<{expected}>" if variable.is_shadow else expected) in vietnamese[variable.name]
    assert not {word for word in WORD.findall(drawn.lower()) if word in ENGLISH}
    assert any(v.is_shadow for v in view.variables()), "the view has shadows, drawn in angle brackets"


def test_english_drawing_is_unchanged_by_the_option(views):
    for view in views:
        assert view_svg(view, labels=labels("en")) == view_svg(view) == view_svg(view, labels=None)


def test_loops_highlight_the_same_variables_in_vietnamese(views):
    view = find_view(views, "Labour")
    lit = frozenset(v.name for v in view.variables()[:5])
    english, vietnamese = view_svg(view, lit, focus=True), view_svg(view, lit, focus=True, labels=labels("vi"))
    assert english.count('class="lit"') == vietnamese.count('class="lit"') > 0
    assert re.findall(r'data-var="([^"]*)" [^>]*class="lit"', english) == \
        re.findall(r'data-var="([^"]*)" [^>]*class="lit"', vietnamese)
