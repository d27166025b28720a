"""``check``: the model-testing battery (units, extremes, time step, mass balance, history)."""

from __future__ import annotations

import argparse
import json
import time

from model.base.errors import UserError
from model.base.paths import CHECKS_PATH
from model.checks.battery import GROUPS, run_checks
from model.checks.config import CheckResult, ChecksConfigError, load_config

#: Rows of a detail list printed under a failing check (the JSON output has all).
DETAIL_ROWS = 25


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``check`` command."""
    parser = sub.add_parser(
        "check", help="run the model-testing battery (exit 1 if a check fails)",
        description="Run the model-testing battery: dimensional consistency, extreme conditions, "
                    "time-step halving, mass balance, behaviour reproduction and plausibility after "
                    "2020. Exit status 1 if a check fails.")
    parser.add_argument("--only", nargs="+", choices=GROUPS, metavar="GROUP",
                        help=f"run only these groups ({', '.join(GROUPS)})")
    parser.add_argument("--checks", metavar="FILE.toml", default=str(CHECKS_PATH),
                        help="check definitions (default: model/data/checks.toml)")
    parser.add_argument("--format", choices=("table", "json"), default="table", help="output format")
    parser.set_defaults(handler=run)


def _figure(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    if value is None:
        return "n/a"
    return str(value)


def _detail(row: dict) -> str:
    return "  ".join(f"{k}={_figure(v)}" for k, v in row.items())


def format_table(results: list[CheckResult], seconds: float) -> str:
    """One line per check (name, PASS/FAIL, figures), details of failures, then a summary."""
    width = max(len(r.name) for r in results) if results else 10
    lines = []
    for result in results:
        scalars = "  ".join(f"{k}={_figure(v)}" for k, v in result.figures.items() if not isinstance(v, list))
        lines.append(f"{result.name.ljust(width)}  {'PASS' if result.passed else 'FAIL'}  {scalars}")
        if not result.passed:
            lines.append(f"{' ' * width}        {result.message}")
            for key, rows in result.figures.items():
                if isinstance(rows, list):
                    lines += [f"{' ' * width}        {_detail(row)}" for row in rows[:DETAIL_ROWS]]
                    if len(rows) > DETAIL_ROWS:
                        lines.append(f"{' ' * width}        ... {len(rows) - DETAIL_ROWS} more {key}")
    failed = sum(not r.passed for r in results)
    lines.append(f"{len(results)} checks, {len(results) - failed} passed, {failed} failed, {seconds:.1f} s")
    return "\n".join(lines)


def format_json(results: list[CheckResult], seconds: float) -> str:
    """All results with their figures and details, as JSON."""
    data = {"passed": all(r.passed for r in results), "seconds": round(seconds, 2),
            "checks": [{"name": r.name, "passed": bool(r.passed), "message": r.message, "figures": r.figures}
                       for r in results]}
    return json.dumps(data, ensure_ascii=False, indent=2, default=_plain)


def _plain(value: object) -> object:
    """Turn numpy scalars into Python numbers (``None`` for NaN) for JSON."""
    if hasattr(value, "item"):
        value = value.item()
        return None if isinstance(value, float) and value != value else value
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def run(args: argparse.Namespace) -> int:
    """Run the battery; 0 if every check passes, 1 otherwise."""
    start = time.perf_counter()
    try:
        results = run_checks(load_config(args.checks), args.only)
    except ChecksConfigError as error:
        raise UserError(str(error)) from None
    seconds = time.perf_counter() - start
    print(format_json(results, seconds) if args.format == "json" else format_table(results, seconds))
    return 0 if all(r.passed for r in results) else 1
