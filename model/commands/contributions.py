"""``contributions``: each changed setting's share of the gap to the base, for one goal or indicator."""

from __future__ import annotations

import argparse
import json

from model.analysis.contributions import MAX_EXACT, PERMUTATIONS, Measure, breakdown
from model.base.bounds import MAX_RUNS, seed, whole
from model.base.errors import UserError
from model.base.lang import DEFAULT_LANG, LANGS
from model.catalogue.calendar import FIRST_YEAR, LAST_YEAR
from model.catalogue.indicators import indicators_by_id
from model.catalogue.selection import SelectionError, select_targets
from model.report.contributions import breakdown_payload, breakdown_text
from model.run.scenario import baseline, load_scenario


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``contributions`` command."""
    parser = sub.add_parser(
        "contributions", help="split a scenario's gap to the base among its changed levers (Shapley)",
        description="For one goal (or an indicator in a year), split the difference between the base and the "
                    "scenario among the levers and assumptions that differ: Shapley values, effects alone and "
                    "the interaction remainder.")
    parser.add_argument("scenario", metavar="SCENARIO.toml", help="scenario file")
    parser.add_argument("--target", metavar="ID", help="goal id (see targets.toml)")
    parser.add_argument("--indicator", metavar="ID", help="indicator id, with --year, instead of a goal")
    parser.add_argument("--year", type=whole(-9999, 9999), help="year of --indicator")
    parser.add_argument("--base", metavar="SCENARIO.toml", help="base scenario (default: the 2020 stance)")
    parser.add_argument("--max-exact", type=whole(-99, 99), default=MAX_EXACT,
                        help=f"exact Shapley values up to this many changes (2^k runs; default {MAX_EXACT})")
    parser.add_argument("--orders", type=whole(-MAX_RUNS, MAX_RUNS), default=PERMUTATIONS,
                        help=f"random orders beyond --max-exact (default {PERMUTATIONS})")
    parser.add_argument("--seed", type=seed, default=1, help="seed of the random orders (default 1)")
    parser.add_argument("--format", choices=("table", "json"), default="table", help="output format")
    parser.add_argument("--lang", choices=LANGS, default=DEFAULT_LANG, help="language of the table")
    parser.set_defaults(handler=run)


def measure_from(args: argparse.Namespace) -> Measure:
    """The goal or indicator named on the command line."""
    if bool(args.target) == bool(args.indicator):
        raise UserError("give either --target ID or --indicator ID --year YEAR")
    if args.target:
        try:
            targets = select_targets(args.target)
        except SelectionError as error:
            raise UserError(str(error)) from None
        if len(targets) != 1:
            raise UserError(f"--target {args.target}: name one goal")
        return Measure(target=targets[0])
    if args.indicator not in indicators_by_id():
        raise UserError(f"--indicator {args.indicator}: unknown indicator")
    if args.year is None or not FIRST_YEAR <= args.year <= LAST_YEAR:
        raise UserError(f"--year: give a year from {FIRST_YEAR} to {LAST_YEAR}")
    return Measure(indicator=args.indicator, year=args.year)


def run(args: argparse.Namespace) -> int:
    """Break the gap down."""
    measure = measure_from(args)
    if args.max_exact < 0 or args.orders < 2:
        raise UserError("--max-exact must be >= 0 and --orders >= 2")
    scenario = load_scenario(args.scenario)
    base = load_scenario(args.base) if args.base else baseline()
    result = breakdown(base, scenario, measure, args.max_exact, args.orders, args.seed)
    if args.format == "json":
        print(json.dumps(breakdown_payload(result), ensure_ascii=False, indent=2))
    else:
        print(breakdown_text(result, args.lang, args.seed))
    return 0
