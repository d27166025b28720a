"""``constants``: every model constant with its value, units, provenance and range."""

from __future__ import annotations

import argparse
import json

from model.catalogue.provenance import LABELS, constants


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``constants`` command."""
    parser = sub.add_parser("constants", help="list model constants with their source or assumption label",
                            description="List every constant of the model with its value, units, provenance "
                                        "(source, calibrated, assumption, ...) and stated plausible range.")
    parser.add_argument("--provenance", choices=[name for _, name in LABELS],
                        help="only constants with this provenance")
    parser.add_argument("--format", choices=("table", "json"), default="table", help="output format")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the constants."""
    chosen = [c for c in constants() if args.provenance in (None, c.provenance)]
    if args.format == "json":
        print(json.dumps([c.__dict__ for c in chosen], ensure_ascii=False, indent=2))
        return 0
    for c in chosen:
        span = f"[{c.low:g}, {c.high:g}]" if c.low is not None else ""
        print(f"{c.name:50s} {c.value:>12g} {c.units:28s} {c.provenance:20s} {span}")
    return 0
