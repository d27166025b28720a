"""Many teams submitting at the same moment: threads or processes against one session.

Used by the tests and by ``python -m model workshop bench``. Each submitter
is a separate team with its own mix (vocational training 5 000 + 1 000·i
persons/yr, investment promotion 5·i bn VND/yr) and prediction (i), so an
entry stored under the wrong team, a lost entry or a duplicate shows up.

* ``threads``: every thread waits at a barrier, then runs the complete
  :func:`~model.workshop.service.submit` (validate, simulate, write).
* ``processes``: the entries are prepared (validated and simulated) in the
  parent; each of the spawned processes opens the database itself, waits at
  a barrier, then runs :func:`~model.workshop.service.store_submission`, so
  all writes hit the file at the same moment from separate processes.
"""

from __future__ import annotations

import math
import multiprocessing
import statistics
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from model.workshop import queries, service
from model.workshop.models import Board
from model.workshop.store import Store

LEVERS = ("vocational_training", "investment_promotion")


@dataclass(frozen=True)
class LoadResult:
    """What a load run stored and how long it took.

    Attributes
    ----------
    mode : str
        ``"threads"`` or ``"processes"``.
    submitters : int
        Teams submitting at once.
    stored : int
        Entries in the round afterwards.
    logged : int
        Rows in the submission log afterwards.
    wrong : int
        Entries whose mix or prediction is not their team's.
    seconds : float
        From the barrier's release to the last commit, seconds.
    median_latency, max_latency : float
        Per submitter, from its release at the barrier to its commit, seconds.
    errors : tuple of str
        Exceptions raised by submitters, if any.

    """

    mode: str
    submitters: int
    stored: int
    logged: int
    wrong: int
    seconds: float
    median_latency: float
    max_latency: float
    errors: tuple[str, ...]


def mix_for(index: int) -> dict[str, float]:
    """The mix team ``index`` submits."""
    return {"vocational_training": 5000.0 + 1000.0 * index, "investment_promotion": 5.0 * index}


def team_name(index: int) -> str:
    """Name of team ``index``."""
    return f"team-{index:02d}"


def setup(store: Store, submitters: int) -> tuple[service.FacilitatorKey, list[service.TeamKey]]:
    """A session with one open round and ``submitters`` teams."""
    session, secret = service.create_session(store, "load test", "en")
    key = service.FacilitatorKey(session.id, secret)
    service.open_round(store, key, "ind_va_growth", list(LEVERS))
    teams = [service.join_team(store, session.code, team_name(i)) for i in range(submitters)]
    return key, [service.TeamKey(team.id, token) for team, token in teams]


def wrong_entries(board: Board) -> int:
    """Entries of the latest round whose mix or prediction is not their team's."""
    wrong = 0
    for entry in board.submissions[board.current.id]:
        index = int(entry.team_name.split("-")[1])
        wrong += dict(entry.levers) != mix_for(index) or entry.prediction != float(index)
    return wrong


def _result(mode: str, store: Store, key: service.FacilitatorKey, spans: list, errors: list) -> LoadResult:
    board = service.board(store, key)
    starts, ends = [s for s, _ in spans], [e for _, e in spans]
    seconds = max(ends) - min(starts) if spans else math.nan
    latencies = sorted(end - start for start, end in spans) or [math.nan]
    return LoadResult(mode, len(board.teams), len(board.submissions[board.current.id]), len(board.revisions),
                      wrong_entries(board), seconds, statistics.median(latencies), latencies[-1], tuple(errors))


def run_threads(path: str | Path, submitters: int = 30) -> LoadResult:
    """``submitters`` threads each submit their team's entry at once (full submit path)."""
    store = Store(path)
    key, teams = setup(store, submitters)
    barrier = threading.Barrier(submitters)
    spans: list[tuple[float, float]] = []
    errors: list[str] = []
    lock = threading.Lock()

    def work(index: int) -> None:
        barrier.wait()
        start = time.perf_counter()
        try:
            service.submit(store, teams[index], mix_for(index), float(index))
        except Exception as error:  # reported, and the counts show what was lost
            with lock:
                errors.append(f"{type(error).__name__}: {error}")
        with lock:
            spans.append((start, time.perf_counter()))

    threads = [threading.Thread(target=work, args=(i,)) for i in range(submitters)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return _result("threads", store, key, spans, errors)


def _store_worker(path: str, team: tuple[str, str], entry: dict, barrier, results) -> None:
    """Process body: open the database, wait for the others, store one entry."""
    store = Store(path)
    key = service.TeamKey(*team)
    outcome, cost = queries.outcome_from_json(entry["outcome"])
    submission = service.Submission(entry["round_id"], key.team_id, entry["team_name"], entry["levers"],
                                    entry["prediction"], outcome, entry["submitted_at"], cost=cost)
    barrier.wait()
    start = time.time()
    try:
        service.store_submission(store, key, submission)
        results.put((start, time.time(), ""))
    except Exception as error:  # reported to the parent
        results.put((start, time.time(), f"{type(error).__name__}: {error}"))


def run_processes(path: str | Path, submitters: int = 30) -> LoadResult:
    """``submitters`` spawned processes each store their team's (pre-simulated) entry at once."""
    store = Store(path)
    key, teams = setup(store, submitters)
    entries = []
    for i, team in enumerate(teams):
        entry = service.prepare_submission(store, team, mix_for(i), float(i))
        entries.append({"round_id": entry.round_id, "team_name": entry.team_name, "levers": dict(entry.levers),
                        "prediction": entry.prediction, "outcome": queries.outcome_json(entry.outcome, entry.cost),
                        "submitted_at": entry.submitted_at})
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(submitters), context.Queue()
    processes = [context.Process(target=_store_worker, args=(str(path), (t.team_id, t.token), e, barrier, results))
                 for t, e in zip(teams, entries, strict=True)]
    for process in processes:
        process.start()
    outcomes = [results.get(timeout=300) for _ in processes]
    for process in processes:
        process.join(timeout=60)
    spans = [(start, end) for start, end, _ in outcomes]
    errors = [message for _, _, message in outcomes if message]
    return _result("processes", store, key, spans, errors)
