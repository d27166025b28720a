"""Workshop mode: sessions, rounds, teams and their submissions, stored in SQLite.

Modules: :mod:`~model.workshop.models` (records), :mod:`~model.workshop.store`
(database file, transactions, schema versions), :mod:`~model.workshop.queries`
(SQL), :mod:`~model.workshop.access` (secrets and checks),
:mod:`~model.workshop.rules` (input validation), :mod:`~model.workshop.service`
(every operation, with its access rule), :mod:`~model.workshop.simulation`
(running a team's mix on the run pool), :mod:`~model.workshop.debrief` (what
separated met from missed, or the closest from the furthest),
:mod:`~model.workshop.presets` (the guide's rounds),
:mod:`~model.workshop.reachability` (the best value a round's levers can
reach), :mod:`~model.workshop.export` (CSV and Excel) and
:mod:`~model.workshop.loadtest` (simultaneous submissions). Nothing here imports
Streamlit.

The package sits above the reports and below the two front ends that use it
(the command line and the app): it runs mixes through :mod:`model.run` and
never imports :mod:`model.commands` or ``ui``.
"""
