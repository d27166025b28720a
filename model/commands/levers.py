"""``levers``: every lever and assumption with its fields."""

from __future__ import annotations

import argparse
import json

from model.base.lang import DEFAULT_LANG, LANGS
from model.catalogue.levers import load_levers
from model.report.i18n import format_number


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``levers`` command."""
    parser = sub.add_parser("levers", help="list policy levers and external assumptions",
                            description="List every policy lever and external assumption.")
    parser.add_argument("--format", choices=("table", "json"), default="table", help="output format")
    parser.add_argument("--lang", choices=LANGS, default=DEFAULT_LANG, help="language of names (table)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the catalogue."""
    levers = load_levers()
    if args.format == "json":
        print(json.dumps([lev.as_dict() for lev in levers], ensure_ascii=False, indent=2))
        return 0
    rows = [("id", "kind", "unit", "min", "max", "default", "clause", "name")]
    for lev in levers:
        rows.append((lev.id, lev.kind, lev.unit, format_number(lev.min, args.lang, 2),
                     format_number(lev.max, args.lang, 2), format_number(lev.default, args.lang, 2),
                     lev.clause, lev.name(args.lang)))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    return 0
