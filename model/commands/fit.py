"""``fit``: the trust report -- the calibrated baseline against every observation."""

from __future__ import annotations

import argparse
from pathlib import Path

from model.base.errors import UserError
from model.base.paths import SETUP_PATH
from model.calibration.fit import build_report, format_table
from model.calibration.setup import SetupError, load_setup
from model.report.charts.files import chart_bytes
from model.report.charts.fit import fit_charts
from model.report.output import FileSet


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``fit`` command."""
    parser = sub.add_parser(
        "fit", help="compare the calibrated baseline with the 2010-2020 history",
        description="Compare the calibrated baseline with every observation used in the fit: per series n, "
                    "RMSE, MAPE and Theil's split of the error (U^M bias, U^S variance, U^C covariance).")
    parser.add_argument("--out", metavar="DIR",
                        help="also write fit_table.csv, fit_observations.csv and one chart per key series "
                             "(HTML and PNG) to this directory")
    parser.add_argument("--force", action="store_true", help="replace files that exist in --out")
    parser.add_argument("--setup", metavar="FILE", default=str(SETUP_PATH), help="calibration set-up")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the fit table; write files if asked."""
    try:
        setup = load_setup(args.setup)
        report = build_report(setup)
    except SetupError as error:
        raise UserError(str(error)) from None
    print(format_table(report.table))
    print(f"\npayoff {report.payoff:.3f} over {len(report.comparisons)} observations")
    if args.out:
        tables = {"fit_table.csv": report.table, "fit_observations.csv": report.comparisons}
        charts = {f"fit_{sid}.{fmt}": (chart, fmt) for sid, chart in fit_charts(report).items()
                  for fmt in ("html", "png")}
        with FileSet(args.out, [*tables, *charts], args.force) as files:
            for name, frame in tables.items():
                files.write(name, frame.to_csv(index=False, float_format="%.6g"))
            for name, (chart, fmt) in charts.items():
                files.write(name, chart_bytes(chart, fmt))
            files.commit()
        print(f"written: {len(tables)} tables and {len(charts)} chart files in {Path(args.out)}")
    return 0
