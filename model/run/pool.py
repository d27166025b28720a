"""The one way the app and the workshop run the model: a pool of long-lived model threads.

A web server runs each page request on a new thread, so models kept per
thread (:mod:`model.run.runner`) would be loaded again for every request.
Runs go instead to :data:`WORKERS` long-lived threads that each keep their
model (and, for uncertainty runs, their batch model) loaded; a PySD object is
never shared by overlapping runs.

Results are kept by what decides them: a run by its scenario's values
(:meth:`model.run.scenario.Scenario.key`), so one mix is simulated once for
every session, page and workshop team; any other job (the "how sure"
analysis) by a key its caller gives. While a person looks at a result, the
workers compute the neighbouring slider stops of the levers just moved
(:meth:`RunPool.prefetch`).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace

from model.catalogue.levers import defaults, levers_by_id
from model.run.result import RunResult
from model.run.scenario import Scenario, with_settings

#: Model threads (runs are CPU-bound; more threads than cores do not help).
WORKERS = 2
#: Runs and other jobs kept (least recently used dropped first).
RUNS_KEPT = 2000
JOBS_KEPT = 64


class _Futures:
    """Computations by key: started once, kept while recently used (thread-safe, bounded)."""

    def __init__(self, size: int):
        self._lock = threading.Lock()
        self._futures: OrderedDict[Hashable, Future] = OrderedDict()
        self._size = size

    def get(self, key: Hashable, start: Callable[[], Future] | None = None) -> Future | None:
        """The computation of ``key``; started with ``start()`` if new (``None`` if new and no ``start``)."""
        with self._lock:
            future = self._futures.get(key)
            if future is not None:
                self._futures.move_to_end(key)
                return future
            if start is None:
                return None
            future = self._futures[key] = start()
            while len(self._futures) > self._size:
                self._futures.popitem(last=False)
            return future

    def forget(self, key: Hashable) -> None:
        """Drop ``key`` (after its computation failed, so that it is tried again)."""
        with self._lock:
            self._futures.pop(key, None)


def _simulate(scenario: Scenario) -> RunResult:
    from model.run.runner import simulate  # PySD is loaded by the first run, not by importing the pool

    return simulate(scenario)


def neighbours(scenario: Scenario, lever_id: str) -> list[Scenario]:
    """``scenario`` with ``lever_id`` one slider stop lower and one higher (within its range)."""
    lever = levers_by_id()[lever_id]
    value = scenario.settings()[lever_id]
    stops = lever.stops(value)
    here = stops.index(value)
    return [with_settings(scenario, {lever_id: stops[i]}) for i in (here - 1, here + 1) if 0 <= i < len(stops)]


class RunPool:
    """Long-lived model threads and the results they computed.

    Parameters
    ----------
    workers : int
        Model threads.
    runs_kept, jobs_kept : int
        Runs and other jobs kept.

    """

    def __init__(self, workers: int = WORKERS, runs_kept: int = RUNS_KEPT, jobs_kept: int = JOBS_KEPT):
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="model-worker")
        self._runs = _Futures(runs_kept)
        self._jobs = _Futures(jobs_kept)

    def start(self, scenario: Scenario) -> Future:
        """The run of ``scenario``'s values, started in the background if new."""
        return self._runs.get(scenario.key(), lambda: self._executor.submit(_simulate, scenario))

    def started(self, scenario: Scenario) -> Future | None:
        """The run of ``scenario``'s values if it was started, else ``None``."""
        return self._runs.get(scenario.key())

    def result(self, scenario: Scenario) -> RunResult:
        """Annual indicators and goal outcomes of ``scenario`` (waits for the run).

        A run depends only on the scenario's values; the result carries the
        scenario asked for (its name and description).
        """
        try:
            result = self.start(scenario).result()
        except Exception:
            self._runs.forget(scenario.key())
            raise
        return result if result.scenario == scenario else replace(result, scenario=scenario)

    def prefetch(self, scenario: Scenario, changed: Iterable[str]) -> None:
        """Start the neighbouring slider stops of the levers just ``changed``.

        For an assumption, also the neighbours with every lever at its default
        (the baseline under the chosen assumptions, which the app draws too).
        """
        assumptions = defaults("assumption")
        for lever_id in changed:
            for nearby in neighbours(scenario, lever_id):
                self.start(nearby)
                if lever_id in assumptions:
                    self.start(nearby.assumptions_only())

    def job(self, key: Hashable, function: Callable, *args, **kwargs):
        """``function(*args, **kwargs)`` on a model thread, kept under ``key`` (waits for it)."""
        future = self._jobs.get(key, lambda: self._executor.submit(function, *args, **kwargs))
        try:
            return future.result()
        except Exception:
            self._jobs.forget(key)
            raise


_shared: RunPool | None = None
_shared_lock = threading.Lock()


def shared_pool() -> RunPool:
    """The process's run pool (created on first use)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = RunPool()
        return _shared
