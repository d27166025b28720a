"""``latest-start``: how late each lever of a mix may start and a goal still be met."""

from __future__ import annotations

import argparse
import json

from model.analysis.goalseek import latest_starts
from model.base.errors import UserError
from model.base.lang import DEFAULT_LANG, LANGS
from model.catalogue.selection import SelectionError, select_targets
from model.report.contributions import latest_start_payload, latest_start_text
from model.run.scenario import baseline, load_scenario


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``latest-start`` command."""
    parser = sub.add_parser(
        "latest-start", help="latest start year of each lever of a mix for one goal",
        description="For each lever the scenario changes, the latest year it can start (the others from 2021) "
                    "and the goal still be met, given the model's delays (additive estimate).")
    parser.add_argument("scenario", metavar="SCENARIO.toml", help="scenario file (the mix)")
    parser.add_argument("--target", required=True, metavar="ID", help="goal id")
    parser.add_argument("--base", metavar="SCENARIO.toml", help="base scenario (default: the 2020 stance)")
    parser.add_argument("--format", choices=("table", "json"), default="table", help="output format")
    parser.add_argument("--lang", choices=LANGS, default=DEFAULT_LANG, help="language of the table")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Sweep the start years."""
    try:
        targets = select_targets(args.target)
    except SelectionError as error:
        raise UserError(str(error)) from None
    if len(targets) != 1:
        raise UserError(f"--target {args.target}: name one goal")
    mix = load_scenario(args.scenario)
    base = load_scenario(args.base) if args.base else baseline()
    report = latest_starts(base, mix, targets[0])
    if args.format == "json":
        print(json.dumps(latest_start_payload(report), ensure_ascii=False, indent=2))
    else:
        print(latest_start_text(report, args.lang))
    return 0
