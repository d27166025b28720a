"""``workshop``: simultaneous-submission benchmark and session export for workshop mode."""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from model.base.bounds import whole
from model.base.errors import UserError
from model.base.lang import DEFAULT_LANG, LANGS
from model.report.output import check_target, write_atomic


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``workshop`` command with ``bench`` and ``export``."""
    parser = sub.add_parser("workshop", help="workshop mode: benchmark simultaneous submissions, export a session",
                            description="Workshop mode tools (the workshop itself runs in the app).")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    bench = actions.add_parser("bench", help="N teams submit at the same moment; print what was stored and how fast")
    bench.add_argument("--submitters", type=whole(-1000, 1000), default=30, help="simultaneous teams (default 30)")
    bench.add_argument("--mode", choices=("threads", "processes", "both"), default="both")
    bench.add_argument("--db-dir", metavar="DIR", help="directory for the throw-away databases (default: a temp dir)")
    bench.set_defaults(handler=run_bench)

    export = actions.add_parser("export", help="write a session to CSV or Excel (the database is only read)")
    export.add_argument("--db", metavar="FILE", help="workshop database (default: $QN_WORKSHOP_DB or the data dir)")
    export.add_argument("--session", required=True, help="session id (the ws= part of the facilitator link)")
    export.add_argument("--secret", required=True, help="facilitator secret (the fac= part of the link)")
    export.add_argument("--out", required=True, metavar="FILE.csv|FILE.xlsx", help="output file")
    export.add_argument("--lang", choices=LANGS, default=DEFAULT_LANG)
    export.add_argument("--force", action="store_true", help="replace --out if it exists")
    export.set_defaults(handler=run_export)


def run_bench(args: argparse.Namespace) -> int:
    """Run the load test(s) and print the figures."""
    from model.workshop import loadtest

    if not 1 <= args.submitters <= 200:
        raise UserError(f"--submitters {args.submitters}: expected 1 to 200")
    modes = ("threads", "processes") if args.mode == "both" else (args.mode,)
    with tempfile.TemporaryDirectory(dir=args.db_dir) as folder:
        for mode in modes:
            runner = loadtest.run_threads if mode == "threads" else loadtest.run_processes
            result = runner(Path(folder) / f"{mode}.sqlite3", args.submitters)
            print(f"{mode:9s}: {result.submitters} submitters, {result.stored} entries stored, "
                  f"{result.logged} log rows, {result.wrong} wrong, {len(result.errors)} errors; "
                  f"all done {result.seconds:.2f} s after release, latency median {result.median_latency:.3f} s, "
                  f"max {result.max_latency:.3f} s")
            for message in result.errors[:5]:
                print(f"  error: {message}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    """Write the session to CSV or Excel."""
    from model.workshop import export, service
    from model.workshop.store import Store, StoreError, default_path

    suffix = Path(args.out).suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise UserError(f"--out {args.out}: expected a .csv or .xlsx file name")
    path = Path(args.db) if args.db else default_path()
    if not path.is_file():
        raise UserError(f"{path}: no such workshop database")
    check_target(args.out, args.force)
    try:  # read-only: a wrong or foreign file is refused before anything could be written to it
        board = service.board(Store(path, readonly=True), service.FacilitatorKey(args.session, args.secret))
    except (StoreError, service.AccessDenied) as error:
        raise UserError(str(error)) from None
    data = export.session_csv(board) if suffix == ".csv" else export.session_excel(board, args.lang)
    write_atomic(args.out, data, force=args.force)
    print(f"wrote {args.out}: {len(board.rounds)} rounds, {len(board.teams)} teams")
    return 0
