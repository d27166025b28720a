"""The "how it works" page: the model's stock-and-flow diagram and feedback loops, its sources and its limits.

The diagram is drawn from the sketch views stored in the model file (one per
sector), so it shows the equations as they are; a loop chosen from
``model/data/loops.toml`` is highlighted on the views it passes through, and
the view is cut to the loop's part. Drawings are HTML with horizontal
scrolling, so a phone shows the diagram at a readable size; the size control
makes labels large for a projector.
"""

from __future__ import annotations

import base64
import re
from html import escape
from urllib.parse import urlsplit

import pandas as pd
import streamlit as st

from model.base.paths import HISTORY_PATH
from model.catalogue.indicators import indicators_by_id, load_indicators
from model.catalogue.levers import levers_by_id, load_levers
from model.catalogue.loops import Loop, load_loops
from model.catalogue.targets import load_targets
from model.report.diagram.labels import labels
from model.report.diagram.sketch_reader import SketchView, find_view, model_views, slug
from model.report.diagram.svg import view_svg, views_showing
from ui.plain import plain
from ui.text import catalogue, t, unit

#: Views that hold settings rather than structure.
HIDDEN_VIEWS = ("Control",)
#: Diagram sizes offered (screen pixels per sketch pixel); the default suits a projector.
ZOOMS = (0.75, 1.0, 1.3, 1.6, 2.0)
DEFAULT_ZOOM = 1.3
NO_LOOP = ""
LOOP_KEY, VIEW_KEY, ZOOM_KEY = "about_loop", "about_view", "about_zoom"


@st.cache_data(show_spinner=False)
def _views() -> tuple[SketchView, ...]:
    return tuple(view for view in model_views() if view.name not in HIDDEN_VIEWS)


def sector_name(view: str, lang: str) -> str:
    """A sector view's name in ``lang`` (strings ``about.sector_<slug>``)."""
    return t(f"about.sector_{slug(view).replace('-', '_')}", lang)


@st.cache_data(show_spinner=False, max_entries=64)
def diagram(view: str, loop_id: str, lang: str, zoom: float) -> str:
    """The SVG of one sector view in ``lang``, with the loop ``loop_id`` highlighted (and focused on) if given."""
    loop = {item.id: item for item in load_loops()}.get(loop_id)
    chosen = find_view(_views(), view)
    if loop is None:
        return view_svg(chosen, title=sector_name(view, lang), zoom=zoom, labels=labels(lang))
    return view_svg(chosen, frozenset(loop.variables), frozenset(loop.links()), title=sector_name(view, lang),
                    zoom=zoom, focus=True, labels=labels(lang))


def diagram_html(svg: str, title: str) -> str:
    """The SVG as an image at its own size in a scrolling frame (the page's HTML keeps no inline SVG)."""
    width = re.search(r'width="([0-9.]+)"', svg).group(1)
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return (f'<div class="qn-diagram" style="overflow:auto;max-height:85vh;border:1px solid #d9d9d9;'
            f'border-radius:6px;background:#fff"><img alt="{escape(title)}" src="data:image/svg+xml;base64,{data}" '
            f'style="width:{width}px;max-width:none;display:block"></div>')


def loop_label(loop: Loop, lang: str) -> str:
    """``Name (reinforcing)`` in ``lang``."""
    return f"{loop.name(lang)} ({t('about.polarity_' + loop.polarity, lang)})"


def loop_text(loop: Loop, lang: str) -> str:
    """What the loop does and the levers that act on it, as Markdown."""
    by_id = levers_by_id()
    levers = ", ".join(plain(by_id[lever].name(lang)) for lever in loop.levers) or t("about.no_levers", lang)
    return (f"**{t('about.polarity_' + loop.polarity, lang).capitalize()}.** {plain(loop.explain(lang))}\n\n"
            f"**{t('about.loop_levers', lang)}:** {levers}")


def structure(lang: str) -> None:
    """The diagram with the loop chooser."""
    st.header(t("about.structure_title", lang))
    st.markdown(t("about.structure_intro", lang))
    loops = {loop.id: loop for loop in load_loops()}
    loop_id = st.selectbox(t("about.loop_choice", lang), [NO_LOOP, *loops], key=LOOP_KEY,
                           format_func=lambda i: loop_label(loops[i], lang) if i else t("about.no_loop", lang))
    views = _views()
    if loop_id:
        loop = loops[loop_id]
        st.info(loop_text(loop, lang))
        names = [name for name, _ in views_showing(frozenset(loop.variables), views)]
    else:
        names = [view.name for view in views]
    left, right = st.columns([3, 2])
    view = left.selectbox(t("about.view_choice", lang), names, key=f"{VIEW_KEY}_{loop_id}",
                          format_func=lambda name: sector_name(name, lang))
    zoom = right.select_slider(t("about.zoom", lang), ZOOMS, value=DEFAULT_ZOOM, key=ZOOM_KEY,
                               format_func=lambda z: f"{round(z * 100)}%")
    if loop_id:
        st.caption(t("about.loop_views", lang, n=len(names)))
    st.html(diagram_html(diagram(view, loop_id, lang, zoom), sector_name(view, lang)))
    st.caption(t("about.legend", lang))


def sources_table(lang: str) -> pd.DataFrame:
    """Observed series used in the fit: series, years, number of values, sources."""
    history = pd.read_csv(HISTORY_PATH, dtype={"year": str})
    used = history[history["used_in_fit"] == 1]
    rows = []
    for series, group in used.groupby("series", sort=True):
        sources = sorted({source_name(str(s).split(" | ")[0], lang) for s in group["source"]})
        rows.append({t("about.col_series", lang): series_name(series, lang),
                     t("about.col_years", lang): ", ".join(sorted(group["year"])),
                     t("about.col_unit", lang): unit(group["unit"].iloc[0], lang),
                     t("about.col_sources", lang): "; ".join(sources)})
    return pd.DataFrame(rows)


def series_name(series: str, lang: str) -> str:
    """An observed series by its indicator's name, or its own (``about.series_<id>``), else its id."""
    info = indicators_by_id().get(series)
    if info is not None:
        return info.name(lang)
    key = f"about.series_{series}"
    return t(key, lang) if key in catalogue() else series


def source_name(source: str, lang: str) -> str:
    """A source as a reader names it: a web page by its site; in Vietnamese, documents by their Vietnamese titles."""
    if source.startswith("http"):
        return urlsplit(source.split(" ")[0]).netloc.removeprefix("www.")
    return source if lang == "en" else source.replace(", section ", ", mục ")


def goal_sources(lang: str) -> list[str]:
    """Distinct sources of the goals (in Vietnamese by their titles, ``about.goal_source_<n>``)."""
    names = sorted({target.source.split(" (")[0] for target in load_targets()})
    titles = {entry["en"]: entry["vi"] for key, entry in catalogue().items() if key.startswith("about.goal_source_")}
    return [titles.get(name, name) if lang == "vi" else name for name in names]


def render(lang: str) -> None:
    """Draw the page in ``lang``."""
    st.title(t("about.title", lang))
    levers = load_levers()
    st.markdown(t("about.summary", lang, levers=sum(lev.kind == "lever" for lev in levers),
                  assumptions=sum(lev.kind == "assumption" for lev in levers),
                  indicators=len(load_indicators()), goals=len(load_targets())))
    st.header(t("about.sectors_title", lang))
    st.markdown(t("about.sectors", lang))
    structure(lang)
    st.header(t("about.reading_title", lang))
    st.markdown(t("about.reading", lang))
    st.header(t("about.sources_title", lang))
    st.markdown(t("about.sources", lang))
    st.markdown("\n".join(f"- {source}" for source in goal_sources(lang)))
    st.caption(t("about.history_caption", lang))
    st.dataframe(sources_table(lang), hide_index=True, width="stretch")
    st.header(t("about.limits_title", lang))
    st.markdown(t("about.limits", lang))
