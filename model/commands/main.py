"""Command line: ``python -m model COMMAND ...``.

Each command lives in its own module in :mod:`model.commands` and provides
``register(subparsers)``, which adds its parser and sets ``handler``. The project's
own errors (:class:`model.base.errors.ReportedError`: bad user input, a
workshop database that cannot be used, ...) end with a one-line message on
stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from model import commands
from model.base.errors import ReportedError
from model.engine.compiled import choose

#: This module, the only one of :mod:`model.commands` that is not a command.
ENTRY = "main"


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line (``error: COMMAND: problem``) with exit status 2."""

    def error(self, message: str):
        """Print the problem in one line and exit with status 2 (``--help`` shows the usage)."""
        self.exit(2, f"error: {self.prog.removeprefix('python -m model').strip() or 'model'}: "
                     f"{' '.join(message.split())}\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every command in :mod:`model.commands`."""
    parser = Parser(
        prog="python -m model",
        description="Quang Ngai industrial development simulator (system dynamics, PySD).",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        if info.name != ENTRY:
            importlib.import_module(f"{commands.__name__}.{info.name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "engine", None):
        choose(args.engine)
    try:
        return int(args.handler(args) or 0)
    except ReportedError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
