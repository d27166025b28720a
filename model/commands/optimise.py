"""``optimise``: the cheapest lever mix that meets chosen goals (or the closest one)."""

from __future__ import annotations

import argparse
import sys

from model.analysis.optimise.problem import OBJECTIVES, make_problem, search_ranges
from model.analysis.optimise.search import optimise
from model.base.bounds import seed, whole
from model.base.errors import UserError
from model.base.lang import DEFAULT_LANG, LANGS
from model.catalogue.costs import costs_by_lever
from model.catalogue.selection import SelectionError, select_levers, select_targets
from model.engine.compiled import ENGINE_HELP, ENGINES
from model.report.i18n import format_number
from model.report.optimise import optimise_json, optimise_text
from model.report.output import check_target, write_atomic
from model.run.scenario import baseline, load_scenario, to_toml


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``optimise`` command."""
    parser = sub.add_parser(
        "optimise", help="find the cheapest lever mix that meets chosen goals",
        description="Search the levers for the mix with the lowest cost (above the 2020 stance) that meets the "
                    "chosen goals; where none does, the cheapest of the mixes that meet the most, with the gaps. "
                    "Writes a scenario file that `run` accepts.")
    parser.add_argument("--targets", default="2025", metavar="2025|2030|all|ID,...",
                        help="goals to meet: the resolution's 2025 targets, the 2030 goals, all, or goal ids "
                             "(default 2025)")
    parser.add_argument("--levers", metavar="ID,ID,...", help="levers to search (default: every policy lever)")
    parser.add_argument("--objective", choices=tuple(OBJECTIVES), default="cost",
                        help="cost = provincial budget cost (default); public = provincial + central")
    parser.add_argument("--base", metavar="SCENARIO.toml",
                        help="scenario giving the assumptions and the levers not searched (default: 2020 stance)")
    parser.add_argument("--full-range", action="store_true",
                        help="search each lever's whole range, not only the resolution's side of the 2020 stance")
    parser.add_argument("--within-budget", action="store_true",
                        help="keep the provincial cost within the budget envelope in every year 2021-2030")
    parser.add_argument("--out", metavar="FILE.toml", help="write the mix as a scenario file")
    parser.add_argument("--force", action="store_true", help="replace --out if it exists")
    parser.add_argument("--seed", type=seed, default=1, help="random seed (default 1)")
    parser.add_argument("--popsize", type=whole(-1000, 1000), default=6,
                        help="population per searched lever (default 6)")
    parser.add_argument("--maxiter", type=whole(-100_000, 100_000), default=30,
                        help="generations of the global search (default 30)")
    parser.add_argument("--format", choices=("table", "json"), default="table", help="output format")
    parser.add_argument("--lang", choices=LANGS, default=DEFAULT_LANG, help="language of the table")
    parser.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    parser.add_argument("--engine", choices=ENGINES, help=ENGINE_HELP)
    parser.set_defaults(handler=run)


def _progress(quiet: bool):
    if quiet:
        return None
    tty = sys.stderr.isatty()

    def show(step: int, most: int, best: dict) -> None:
        if not tty and step % 5 and step != most:
            return
        if best["phase"] == 1:
            where = f"phase 1 step {step}/{most}: best mix misses {best['missed']} goals"
        else:  # phase 2 has no fixed number of steps and keeps to the goals phase 1 met
            where = f"phase 2 step {step}: best mix misses {best['missed']} of the goals phase 1 met"
        text = (f"{where}, cost {format_number(best['cost'], 'en', 0)} bn VND; {best['evaluations']} runs, "
                f"{best['seconds']:.1f} s")
        print(("\r" + text.ljust(100)) if tty else text, end="" if tty else "\n", file=sys.stderr, flush=True)

    return show


def run(args: argparse.Namespace) -> int:
    """Search and report."""
    if args.out:
        check_target(args.out, args.force)
    if args.popsize < 1 or args.maxiter < 1:
        raise UserError("--popsize and --maxiter must be at least 1")
    try:
        targets = select_targets(args.targets)
        lever_ids = select_levers(args.levers)
    except SelectionError as error:
        raise UserError(str(error)) from None
    base = load_scenario(args.base) if args.base else baseline()
    directions = {k: c.direction for k, c in costs_by_lever().items()}
    ranges = search_ranges(lever_ids, directions, args.full_range)
    if not ranges:
        raise UserError("no room to search: every chosen lever's stance is already at the end of its range in the "
                        "resolution's direction; add --full-range or choose other levers")
    problem = make_problem(base, ranges, targets, args.objective, within_budget=args.within_budget)
    description = (f"Cheapest mix found by `python -m model optimise --targets {args.targets}` "
                   f"(objective {args.objective}, seed {args.seed}).")
    outcome = optimise(problem, popsize=args.popsize, maxiter=args.maxiter, seed=args.seed,
                       progress=_progress(args.quiet), name=f"optimised-{args.targets.replace(',', '-')}",
                       description=description)
    if not args.quiet and sys.stderr.isatty():
        print(file=sys.stderr)
    if args.out:
        write_atomic(args.out, to_toml(outcome.scenario), force=args.force)
    print(optimise_json(outcome, args.out) if args.format == "json" else optimise_text(outcome, args.lang))
    return 0
