"""``run``: simulate one scenario, print its scoreboard, optionally write indicators."""

from __future__ import annotations

import argparse

from model.base.lang import DEFAULT_LANG, LANGS
from model.engine.compiled import ENGINE_HELP, ENGINES
from model.report.output import check_target, write_atomic
from model.report.scoreboard import scoreboard_json, scoreboard_text
from model.run.runner import simulate
from model.run.scenario import load_scenario


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``run`` command."""
    parser = sub.add_parser("run", help="run a scenario and print the goal scoreboard",
                            description="Run a scenario file and print the goal scoreboard.")
    parser.add_argument("scenario", metavar="SCENARIO.toml", help="scenario file")
    parser.add_argument("--out", metavar="FILE.csv", help="write annual indicators to this CSV file")
    parser.add_argument("--force", action="store_true", help="replace --out if it exists")
    parser.add_argument("--format", choices=("table", "json"), default="table", help="scoreboard format")
    parser.add_argument("--lang", choices=LANGS, default=DEFAULT_LANG, help="language of the table")
    parser.add_argument("--engine", choices=ENGINES, help=ENGINE_HELP)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Run the scenario."""
    scenario = load_scenario(args.scenario)
    if args.out:
        check_target(args.out, args.force)
    result = simulate(scenario)
    if args.out:
        write_atomic(args.out, result.table.to_csv(index=False, float_format="%.6g"), force=args.force)
    print(scoreboard_json(result) if args.format == "json" else scoreboard_text(result, args.lang))
    return 0
