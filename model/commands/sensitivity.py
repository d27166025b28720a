"""``sensitivity``: which levers and assumptions matter most for a milestone."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from model.analysis.milestones import MilestoneError, parse_output
from model.analysis.sampling import UncertaintyError
from model.analysis.sensitivity import METHODS, SensitivityResult, sensitivity
from model.base.bounds import MAX_RUNS, seed, whole
from model.base.errors import UserError
from model.engine.compiled import ENGINE_HELP, ENGINES
from model.report.charts.files import chart_bytes
from model.report.charts.uncertainty import indices_chart, tornado_chart
from model.report.output import FileSet
from model.report.progress import ProgressBar
from model.run.dask import ClusterError
from model.run.scenario import load_scenario

DEFAULT_SAMPLES = {"sobol": 512, "morris": 50, "oat": 0}


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``sensitivity`` command."""
    parser = sub.add_parser(
        "sensitivity", help="Sobol, Morris or one-at-a-time sensitivity of a milestone",
        description="Vary the levers and external assumptions (optionally the uncertain model constants) "
                    "over their ranges and rank them by their influence on one milestone.")
    parser.add_argument("scenario", metavar="SCENARIO.toml", help="scenario file (values of the factors not varied "
                                                                   "and the base of one-at-a-time runs)")
    parser.add_argument("--method", choices=METHODS, default="sobol", help="sobol (S1, ST), morris (mu*, sigma) "
                                                                           "or oat (tornado)")
    parser.add_argument("--samples", type=whole(-MAX_RUNS, MAX_RUNS), metavar="N",
                        help="sobol: base samples, a power of 2 (default 512; N*(k+2) runs); "
                             "morris: trajectories (default 50; N*(k+1) runs); oat: not used")
    parser.add_argument("--output", default="ind_va_growth", metavar="ID",
                        help="goal id, indicator id (with --year) or first_year:GOAL_ID (default ind_va_growth)")
    parser.add_argument("--year", type=whole(-9999, 9999), metavar="Y", help="year of an indicator output")
    parser.add_argument("--include-parameters", action="store_true",
                        help="also vary the uncertain model constants of data/uncertainty.toml")
    parser.add_argument("--seed", type=seed, default=0, help="random seed (default 0)")
    parser.add_argument("--out", metavar="DIR", help="write the indices CSV and a chart here")
    parser.add_argument("--force", action="store_true", help="replace existing files in --out")
    parser.add_argument("--no-png", action="store_true", help="write the chart as HTML only")
    parser.add_argument("--dask", metavar="ADDRESS", help="run on this Dask scheduler (e.g. tcp://host:8786)")
    parser.add_argument("--format", choices=("table", "json"), default="table", help="output format")
    parser.add_argument("--engine", choices=ENGINES, help=ENGINE_HELP)
    parser.set_defaults(handler=run)


def _samples(method: str, given: int | None) -> int:
    samples = DEFAULT_SAMPLES[method] if given is None else given
    if method == "oat":
        return 0
    if samples < 2:
        raise UserError(f"--samples {samples}: must be at least 2")
    if method == "sobol" and samples & (samples - 1):
        raise UserError(f"--samples {samples}: Sobol sampling needs a power of 2 (e.g. 256, 512, 1024)")
    return samples


def table_text(result: SensitivityResult) -> str:
    """The result table as text, most influential first."""
    return f"{result.output} ({result.method}, {result.runs} runs)\n" + result.table.to_string(
        index=False, float_format=lambda v: f"{v:.4g}")


def write_outputs(result: SensitivityResult, method: str, out: str, force: bool, png: bool) -> list[Path]:
    """The table and its chart in ``out``, written as one set (all of them or none)."""
    stem = f"sensitivity_{method}_{result.output.replace(':', '_').replace('@', '_')}"
    charts = ("html", "png") if png else ("html",)
    with FileSet(out, [f"{stem}.csv", *(f"{stem}.{fmt}" for fmt in charts)], force) as files:
        files.write(f"{stem}.csv", result.table.to_csv(index=False, float_format="%.6g"))
        chart = tornado_chart(result) if method == "oat" else indices_chart(result)
        for fmt in charts:
            files.write(f"{stem}.{fmt}", chart_bytes(chart, fmt))
        return files.commit()


def run(args: argparse.Namespace) -> int:
    """Run the sensitivity analysis."""
    samples = _samples(args.method, args.samples)
    try:
        milestone = parse_output(args.output, args.year)
    except MilestoneError as error:
        raise UserError(str(error)) from None
    scenario = load_scenario(args.scenario)
    try:
        result = sensitivity(scenario, milestone, args.method, samples, args.seed, args.include_parameters,
                             args.dask, progress=ProgressBar(args.method))
    except (UncertaintyError, ClusterError) as error:
        raise UserError(str(error)) from None
    if args.format == "json":
        print(json.dumps({"output": result.output, "label": milestone.label, "unit": milestone.unit,
                          "method": result.method, "runs": result.runs,
                          "factors": result.table.to_dict("records")}, indent=2))
    else:
        print(f"{milestone.label} [{milestone.unit}]")
        print(table_text(result))
    if args.out:
        for path in write_outputs(result, args.method, args.out, args.force, not args.no_png):
            print(f"wrote {path}")
    return 0
