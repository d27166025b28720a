"""Every page, in both languages, read as a person would: no English and no raw ids in Vietnamese.

Each page of app.py is rendered through AppTest (the simulator with each of its
lower sections, the how-sure panel on); every text it shows (titles, Markdown,
captions, messages, widget labels, options and help, metric labels, table
cells, chart titles, axes, legends and tooltip data) is collected and scanned
for English words from :data:`ENGLISH` and for snake_case ids.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

TIMEOUT = 300
APP = str(Path(__file__).resolve().parents[2] / "app.py")
#: English words (and units) that must not appear in Vietnamese mode.
ENGLISH = {"the", "and", "of", "with", "for", "yr", "persons", "person", "ratio", "select", "all", "shapley",
           "latin", "hypercube", "seed", "baseline", "default", "target", "goal", "goals", "bn", "mn", "share",
           "growth", "error", "warning", "none", "true", "false", "nan", "prices", "current", "employed",
           "industry", "value", "added", "years", "year", "days", "triangular", "uniform", "sample", "samples",
           "toml", "csv", "median", "percentile", "scenario", "lever", "levers", "budget", "cost", "costs"}
SNAKE = re.compile(r"\b[a-z][a-z0-9]*_[a-z0-9_]+\b")
WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
TEXT_FIELDS = {"label", "body", "help", "placeholder", "options", "caption", "title", "text", "tooltip",
               "emptyTableMessage", "value", "delta"}
SECTIONS = ("table", "charts", "costs", "how_sure", "compare", "share")
PAGES = ("simulator", "what-it-takes", "how-it-works", "workshop")


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    if isinstance(value, dict):
        return [s for key, item in value.items() for s in _strings(item) if key in TEXT_FIELDS or
                isinstance(item, (dict, list))]
    return []


def _chart_texts(proto) -> list[str]:
    spec = json.loads(proto.spec) if proto.spec else {}
    found = []

    def walk(node, key=""):
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, k)
        elif isinstance(node, list):
            for v in node:
                walk(v, key)
        elif isinstance(node, str) and key in ("title", "text"):
            found.append(node)

    walk(spec)
    for item in proto.datasets:
        frame = pa.ipc.open_stream(item.data.data).read_all().to_pandas()
        for column in ("line", "label", "component", "group", "band"):
            if column in frame:
                found += [v for v in frame[column].unique() if isinstance(v, str)]
    return found


class _HtmlText(HTMLParser):
    """The readable text of an HTML fragment: text nodes and ``alt``/``title``, not styles or scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs) -> None:
        self._hidden += tag in ("style", "script")
        self.texts += [value for name, value in attrs if name in ("alt", "title") and value]

    def handle_endtag(self, tag) -> None:
        self._hidden -= tag in ("style", "script")

    def handle_data(self, data) -> None:
        if not self._hidden and data.strip():
            self.texts.append(data)


def html_texts(body: str) -> list[str]:
    """What a person reads in an ``st.html`` element."""
    parser = _HtmlText()
    parser.feed(body)
    return parser.texts


def page_texts(at: AppTest) -> list[str]:
    """Every text a person could read on the page (and in its sidebar)."""
    texts = []

    def visit(node) -> None:
        proto = getattr(node, "proto", None)
        kind = getattr(node, "type", "")
        if proto is not None and kind in ("vega_lite_chart", "arrow_vega_lite_chart"):
            texts.extend(_chart_texts(proto))
        elif proto is not None and kind == "html":
            texts.extend(html_texts(proto.body))
        elif proto is not None:
            texts.extend(_strings(MessageToDict(proto)))
        value = getattr(node, "value", None) if kind in ("table", "dataframe", "arrow_data_frame") else None
        if isinstance(value, pd.DataFrame):
            texts.extend(str(c) for c in value.columns)
            texts.extend(str(v) for v in value.to_numpy().ravel() if not pd.isna(v))
        children = getattr(node, "children", None)
        if isinstance(children, dict):
            for child in children.values():
                visit(child)

    visit(at._tree)
    return texts


def leaks(texts: list[str]) -> list[str]:
    """English words and snake_case ids found in the texts, each with its text."""
    found = []
    for text in texts:
        for word in WORD.findall(text):
            if word.lower() in ENGLISH and not word.isupper():  # acronyms (GRDP, FDI, CSV) are the same in both
                found.append(f"{word!r} in {text[:90]!r}")
        found += [f"id {m!r} in {text[:90]!r}" for m in SNAKE.findall(text)]
    return sorted(set(found))


def open_page(path: str, lang: str, section: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at._page_hash = calc_hash(path)
    at.query_params["lang"] = lang
    at.run()
    if section is not None:
        at.session_state["section"] = section
        at.run()
        if section == "how_sure":
            at.toggle(key="how_sure__open").set_value(True).run()
        if section == "table":  # the "why" of a goal
            at.selectbox(key="why_goal").set_value("indcon_labour_share").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def searched(lang: str) -> AppTest:
    """The "what would it take" page after a small search within the budget (its results shown)."""
    at = open_page("what-it-takes", lang)
    at.session_state["wit_goals"] = ["ip_wastewater", "hitech_share_2030"]
    at.session_state["wit_levers"] = ["environmental_investment", "admin_reform"]
    at.session_state["wit_effort"] = "quick"
    at.session_state["wit_budget"] = True
    at.run()
    at.button(key="wit_run").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def views(lang: str):
    """Every page, the simulator with each lower section, and a search's results."""
    for section in SECTIONS:
        yield f"simulator/{section}", open_page("simulator", lang, section)
    for path in PAGES[1:]:
        yield path, open_page(path, lang)
    yield "what-it-takes/result", searched(lang)


@pytest.fixture(scope="module")
def scanned() -> dict[str, dict[str, list[str]]]:
    return {lang: {name: page_texts(at) for name, at in views(lang)} for lang in ("vi", "en")}


def test_every_page_shows_text_in_both_languages(scanned):
    for lang, pages in scanned.items():
        for name, texts in pages.items():
            assert sum(len(x) for x in texts) > 200, f"{lang} {name}: almost no text"


def test_the_scan_finds_english_in_english_mode(scanned):
    """The scan can fail: the English pages contain the words it looks for."""
    assert len(leaks([x for texts in scanned["en"].values() for x in texts])) > 20


@pytest.mark.parametrize("name", [f"simulator/{s}" for s in SECTIONS] + list(PAGES[1:]) + ["what-it-takes/result"])
def test_no_english_or_raw_ids_in_vietnamese(scanned, name):
    found = leaks(scanned["vi"][name])
    assert not found, f"{len(found)} leaks on {name}:\n" + "\n".join(found[:60])


def test_every_unit_of_the_data_files_has_a_clean_vietnamese_label():
    """Charts, sliders and tables show units of any indicator, lever or goal: all are translated."""
    from model.catalogue.indicators import load_indicators
    from model.catalogue.levers import load_levers
    from model.catalogue.targets import load_targets
    from ui.text import STRINGS

    labels = STRINGS.table("units")
    units = {x.unit for x in [*load_indicators(), *load_levers(), *load_targets()]}
    missing = sorted(u for u in units if u not in labels)
    assert not missing, missing
    assert not leaks([labels[u]["vi"] for u in units])
