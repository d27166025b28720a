"""``brief``: a 2-4 page meeting brief of a scenario, as Word or PDF."""

from __future__ import annotations

import argparse
from pathlib import Path

from model.base.errors import UserError
from model.base.lang import DEFAULT_LANG, LANGS
from model.report.brief.make import FORMATS, brief_bytes
from model.report.output import write_atomic
from model.run.runner import simulate
from model.run.scenario import baseline, load_scenario


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``brief`` command."""
    parser = sub.add_parser("brief", help="write a meeting brief (Word or PDF) of a scenario",
                            description="Write a 2-4 page meeting brief of a scenario: verdict, goals not met, "
                                        "scoreboard, charts, levers, costs, assumptions, method.")
    parser.add_argument("scenario", metavar="SCENARIO.toml", help="scenario file")
    parser.add_argument("--out", metavar="FILE.docx|FILE.pdf", required=True,
                        help="the brief; its suffix chooses Word or PDF")
    parser.add_argument("--lang", choices=LANGS, default=DEFAULT_LANG, help="language of the brief")
    parser.add_argument("--compare", metavar="OTHER.toml", help="a second scenario to compare with")
    parser.add_argument("--force", action="store_true", help="replace --out if it exists")
    parser.set_defaults(handler=run)


def output_format(path: str) -> str:
    """``"docx"`` or ``"pdf"`` from the file's suffix."""
    fmt = Path(path).suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise UserError(f"--out {path}: the file must end in .docx or .pdf")
    return fmt


def run(args: argparse.Namespace) -> int:
    """Write the brief."""
    fmt = output_format(args.out)
    if Path(args.out).exists() and not args.force:
        raise UserError(f"--out {args.out}: the file exists; give --force to replace it")
    result = simulate(load_scenario(args.scenario))
    other = simulate(load_scenario(args.compare)) if args.compare else None
    data = brief_bytes(result, simulate(baseline()), fmt, args.lang, other=other)
    write_atomic(args.out, data, force=args.force)
    print(args.out)
    return 0
