"""Quang Ngai industry simulator: `streamlit run app.py`.

This file only sets up the frame shared by every page (language, navigation);
each page is a module of ``ui.pages`` with ``render(lang: str) -> None``.
"""

import importlib
from functools import partial
from pathlib import Path

import streamlit as st

from model.base.errors import ReportedError
from model.base.lang import LANGS, LANGUAGE_NAMES
from ui import errors, state
from ui.text import t

# Pages in menu order; the first is the default. One line per page:
# (URL path, module with render(lang), title key in ui/strings/<file>.toml, icon).
PAGES = [
    ("simulator", "ui.pages.simulator", "app.page_simulator", ":material/tune:"),
    ("what-it-takes", "ui.pages.what_it_takes", "what_it_takes.page", ":material/savings:"),
    ("how-it-works", "ui.pages.about", "app.page_about", ":material/menu_book:"),
    ("workshop", "ui.pages.workshop", "workshop.page", ":material/groups:"),
]

#: The tab icon, served from the project (no download, so it shows offline).
ICON = Path(__file__).resolve().parent / "ui" / "icon.png"
#: Less empty space above the page's title, so that the answer fits on the first screen.
STYLE = "<style>[data-testid='stMainBlockContainer']{padding-top:3.6rem;padding-bottom:2rem}</style>"

st.set_page_config(page_title="Quảng Ngãi · công nghiệp", page_icon=str(ICON), layout="wide")
st.html(STYLE)
state.init_session()
with st.sidebar:
    st.segmented_control(t("app.language", state.lang()), list(LANGS), key=state.LANG_KEY,
                         format_func=LANGUAGE_NAMES.get, required=True, on_change=state.on_language_change)
lang = state.lang()
st.query_params[state.LANG_KEY] = lang


def render_page(module: str, lang: str) -> None:
    """Import a page's module only when it is shown (keeps the first load light).

    The project's own errors end in one line in the page's language (:mod:`ui.errors`).
    """
    try:
        importlib.import_module(module).render(lang)
    except ReportedError as error:
        errors.show(error, lang)


pages = [
    st.Page(partial(render_page, module, lang), title=t(title, lang), url_path=path, icon=icon, default=i == 0)
    for i, (path, module, title, icon) in enumerate(PAGES)
]
st.navigation(pages, position="top").run()
