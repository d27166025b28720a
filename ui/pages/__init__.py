"""The app's pages, in menu order in ``app.py``; each has ``render(lang: str) -> None``.

Modules: :mod:`~ui.pages.simulator` (levers, scoreboard, charts, scenarios),
:mod:`~ui.pages.what_it_takes` (the cheapest mix for chosen goals),
:mod:`~ui.pages.about` (how the model works) and :mod:`~ui.pages.workshop`
(the workshop start screen, then the facilitator's or a team's view).
"""
