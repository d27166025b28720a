"""``uncertainty``: how likely a scenario is to meet each goal."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from model.analysis.sampling import UncertaintyError
from model.analysis.uncertainty import HowSure, how_sure
from model.base.bounds import MAX_RUNS, seed, whole
from model.base.errors import UserError
from model.engine.compiled import ENGINE_HELP, ENGINES
from model.report.charts.files import chart_bytes
from model.report.charts.uncertainty import fans_chart
from model.report.output import FileSet, check_set
from model.report.progress import ProgressBar
from model.run.dask import ClusterError
from model.run.scenario import load_scenario


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``uncertainty`` command."""
    parser = sub.add_parser(
        "uncertainty", help="probability of meeting each goal under uncertain assumptions",
        description="Draw Latin hypercube samples of the external assumptions and uncertain model constants "
                    "(data/uncertainty.toml), keep the scenario's levers, and report per goal the probability "
                    "of being met and per indicator the 5/25/50/75/95 percentiles by year.")
    parser.add_argument("scenario", metavar="SCENARIO.toml", help="scenario file")
    parser.add_argument("--samples", type=whole(-MAX_RUNS, MAX_RUNS), default=1000, metavar="N",
                        help="number of samples (default 1000)")
    parser.add_argument("--seed", type=seed, default=0, help="random seed (default 0)")
    parser.add_argument("--out", metavar="DIR", help="write probabilities.csv, percentiles.csv and fan charts here")
    parser.add_argument("--force", action="store_true", help="replace existing files in --out")
    parser.add_argument("--no-png", action="store_true", help="write charts as HTML only")
    parser.add_argument("--dask", metavar="ADDRESS", help="run on this Dask scheduler (e.g. tcp://host:8786)")
    parser.add_argument("--format", choices=("table", "json"), default="table", help="output format")
    parser.add_argument("--engine", choices=ENGINES, help=ENGINE_HELP)
    parser.set_defaults(handler=run)


def table_text(result: HowSure) -> str:
    """Probability per goal as a text table."""
    lines = [f"{result.scenario}: {result.samples} sampled futures (seed {result.seed}, {result.mode})",
             f"{'goal':30} {'year':>4} {'P(met)':>7} {'p5':>10} {'median':>10} {'p95':>10}  unit"]
    for row in result.probabilities.itertuples():
        lines.append(f"{row.id:30} {row.year:>4} {row.probability:>6.0%} {row.p5:>10.4g} {row.p50:>10.4g} "
                     f"{row.p95:>10.4g}  {row.unit}")
    return "\n".join(lines)


def output_names(png: bool) -> list[str]:
    """The files written in ``--out``."""
    return ["probabilities.csv", "percentiles.csv", "fans.html", *(["fans.png"] if png else [])]


def write_outputs(result: HowSure, out: str, force: bool, png: bool) -> list[Path]:
    """CSV tables and the fan charts in ``out``, written as one set (all of them or none)."""
    charts = ("html", "png") if png else ("html",)
    with FileSet(out, output_names(png), force) as files:
        files.write("probabilities.csv", result.probabilities.to_csv(index=False))
        files.write("percentiles.csv", result.percentiles.to_csv(index=False, float_format="%.6g"))
        chart = fans_chart(result.percentiles)
        for fmt in charts:
            files.write(f"fans.{fmt}", chart_bytes(chart, fmt))
        return files.commit()


def run(args: argparse.Namespace) -> int:
    """Run the uncertainty analysis."""
    scenario = load_scenario(args.scenario)
    if args.samples < 2:
        raise UserError(f"--samples {args.samples}: need at least 2 samples")
    if args.out:
        check_set(args.out, output_names(not args.no_png), args.force)
    try:
        result = how_sure(scenario, args.samples, args.seed, args.dask, progress=ProgressBar("sampling"))
    except (UncertaintyError, ClusterError) as error:
        raise UserError(str(error)) from None
    if args.format == "json":
        print(json.dumps({"scenario": result.scenario, "samples": result.samples, "seed": result.seed,
                          "mode": result.mode, "goals": result.probabilities.to_dict("records")}, indent=2))
    else:
        print(table_text(result))
    if args.out:
        for path in write_outputs(result, args.out, args.force, not args.no_png):
            print(f"wrote {path}")
    return 0
