"""``calibrate``: fit the uncertain parameters to the 2010-2020 history.

Writes the calibration file the model reads by default
(``model/data/calibration.toml``). That file is committed, so it is never
replaced silently: an existing ``--out`` file is only replaced with
``--force``, and the check happens before the fit starts.
"""

from __future__ import annotations

import argparse
import shlex

from model.base.errors import UserError
from model.base.paths import CALIBRATION_PATH, SETUP_PATH
from model.calibration.calibrate import build_problem, calibrate
from model.calibration.io import project_relative, to_toml
from model.calibration.setup import SetupError, load_setup
from model.report.output import check_target, write_atomic


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``calibrate`` command."""
    parser = sub.add_parser(
        "calibrate", help="fit uncertain parameters to the 2010-2020 history",
        description="Fit the model's uncertain parameters to the 2010-2020 history (scipy least squares) and "
                    "write the calibration file the model reads by default. Progress goes to standard error.")
    parser.add_argument("--out", metavar="FILE", default=str(CALIBRATION_PATH),
                        help=f"calibration file to write (default: {project_relative(CALIBRATION_PATH)}, "
                             "the one the model reads)")
    parser.add_argument("--force", action="store_true", help="replace --out if it exists")
    parser.add_argument("--setup", metavar="FILE", default=str(SETUP_PATH),
                        help=f"calibration set-up (default: {project_relative(SETUP_PATH)})")
    parser.set_defaults(handler=run)


def command_line(args: argparse.Namespace) -> str:
    """The command that redoes this calibration."""
    parts = ["python", "-m", "model", "calibrate", "--out", project_relative(args.out)]
    if project_relative(args.setup) != project_relative(SETUP_PATH):
        parts += ["--setup", project_relative(args.setup)]
    return shlex.join(parts + ["--force"])


def summary(result, priors: dict[str, float]) -> str:
    """A plain-text table of the result."""
    lines = [f"payoff {result.payoff_before:.3f} -> {result.payoff_after:.3f} over {result.n_observations} "
             f"observations ({result.evaluations} model runs, {result.seconds:.0f} s)", ""]
    rows = [("parameter", "prior", "value", "identified", "note")]
    for a in result.assessments:
        note = f"at {a.bound} bound" if a.identified and a.bound else a.reason
        rows.append((a.name, f"{priors[a.name]:.6g}", f"{result.values[a.name]:.6g}",
                     "yes" if a.identified else "no", note))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Run the calibration and write the file."""
    check_target(args.out, args.force)
    try:
        setup = load_setup(args.setup)
        problem = build_problem(setup)
    except SetupError as error:
        raise UserError(str(error)) from None
    result = calibrate(setup, simulator=problem.simulator)
    info = problem.simulator.info
    text = to_toml(result, setup, command_line(args), info.units, problem.priors)
    write_atomic(args.out, text, force=args.force)
    print(summary(result, problem.priors))
    print(f"\nwritten: {args.out}")
    return 0
