"""What the pages are made of.

Modules: :mod:`~ui.parts.widgets` (lever and assumption sliders),
:mod:`~ui.parts.scoreboard` (the goal scoreboard), :mod:`~ui.parts.charts` (the
simulator's charts), :mod:`~ui.parts.scenarios` (load, save, compare, share,
download), :mod:`~ui.parts.how_sure` (goal probabilities and fan charts),
:mod:`~ui.parts.budget` (the budget flag), :mod:`~ui.parts.workshop_facilitator`
and :mod:`~ui.parts.workshop_team` (the two workshop views),
:mod:`~ui.parts.workshop_views` (what both views show),
:mod:`~ui.parts.workshop_reach` (the facilitator's reachability hint) and
:mod:`~ui.parts.workshop_charts` (a round's charts).
"""
