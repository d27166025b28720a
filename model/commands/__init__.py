"""The command line, ``python -m model COMMAND``: the entry and one module per command.

Modules: :mod:`~model.commands.main` (the parser and the entry point: every
other module here is a command with ``register(subparsers)``),
:mod:`~model.commands.levers`, :mod:`~model.commands.run`,
:mod:`~model.commands.compare`, :mod:`~model.commands.constants`,
:mod:`~model.commands.calibrate`, :mod:`~model.commands.fit`,
:mod:`~model.commands.check`, :mod:`~model.commands.bench`,
:mod:`~model.commands.uncertainty`, :mod:`~model.commands.sensitivity`,
:mod:`~model.commands.optimise`, :mod:`~model.commands.contributions`,
:mod:`~model.commands.latest_start` and :mod:`~model.commands.workshop`.
Commands import from every layer below them and never from each other; bad
input is a :class:`model.base.errors.UserError`.
"""
