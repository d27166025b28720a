"""The Streamlit app (``streamlit run app.py``): pages, their parts, session state and strings.

Modules: :mod:`ui.pages` (one module per page, each with
``render(lang) -> None``: simulator, what it takes, how it works, workshop),
:mod:`ui.parts` (what the pages are made of: sliders, scoreboard, charts,
scenarios, the how-sure panel, the budget flag, the workshop views),
:mod:`~ui.state` (the session's language and settings),
:mod:`~ui.sharelink` (settings and language in the URL) and :mod:`~ui.text`
(the strings of ``ui/strings/``). The app runs the model only through
:mod:`model.run.pool`; pages import parts, parts never import pages.
"""
