"""``compare``: scoreboards of several scenarios side by side."""

from __future__ import annotations

import argparse
import json

from model.base.lang import DEFAULT_LANG, LANGS
from model.report.scoreboard import compare_text
from model.run.runner import simulate
from model.run.scenario import load_scenario


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``compare`` command."""
    parser = sub.add_parser("compare", help="compare scenarios side by side",
                            description="Run several scenarios; show scoreboards side by side and "
                                        "the key indicators' differences from the first.")
    parser.add_argument("scenarios", metavar="SCENARIO.toml", nargs="+", help="scenario files (two or more)")
    parser.add_argument("--format", choices=("table", "json"), default="table", help="output format")
    parser.add_argument("--lang", choices=LANGS, default=DEFAULT_LANG, help="language of the table")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Compare the scenarios."""
    scenarios = [load_scenario(path) for path in args.scenarios]
    results = [simulate(s) for s in scenarios]
    if args.format == "json":
        payload = [{"scenario": r.scenario.name, "targets": [t.as_dict() for t in r.targets]} for r in results]
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        print(compare_text(results, args.lang))
    return 0
