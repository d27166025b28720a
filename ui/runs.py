"""Model runs for the app: a shared pool of model threads and a cache of results.

Streamlit starts a new script thread for every rerun, so a per-thread model
(:func:`model.run.runner.simulator`) would be loaded again and again. Runs go
instead to a small pool of long-lived worker threads (created once per server
process): each worker owns its PySD model through :func:`model.run.runner.simulate`
and runs one scenario at a time, so no PySD object is ever shared by
overlapping runs. Results are cached by the settings (an immutable tuple), not
by any model object, and are the same for every session.

While a person looks at the result of a slider move, the workers compute the
lever's neighbouring stops in the background (:func:`prefetch`), so the next
step along the slider is usually ready when it is asked for.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from model.catalogue.levers import defaults, levers_by_id
from model.run.goals import TargetResult
from model.run.runner import simulate
from model.run.scenario import baseline, with_settings

WORKERS = 2
STORE_SIZE = 2000
Key = tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class RunOutput:
    """Annual indicators and goal outcomes of one setting.

    Attributes
    ----------
    table : pandas.DataFrame
        Annual indicator table (:func:`model.catalogue.indicators.annual_table`).
    targets : tuple of TargetResult
        Every goal's outcome.

    """

    table: pd.DataFrame
    targets: tuple[TargetResult, ...]


def settings_key(settings: Mapping[str, float]) -> Key:
    """Complete, sorted, hashable settings (defaults filled in)."""
    full = {**defaults(), **{k: float(v) for k, v in settings.items()}}
    return tuple(sorted(full.items()))


@st.cache_resource(show_spinner=False)
def pool() -> ThreadPoolExecutor:
    """The process's model worker threads."""
    return ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="model-worker")


def compute(key: Key) -> RunOutput:
    """Simulate one setting in the calling thread (uncached)."""
    result = simulate(with_settings(baseline(), dict(key)))
    return RunOutput(result.table, tuple(result.targets))


class _Store:
    """Finished and running computations by settings key (process-wide, thread-safe, bounded)."""

    def __init__(self, size: int = STORE_SIZE):
        self._lock = threading.Lock()
        self._futures: OrderedDict[Key, Future] = OrderedDict()
        self._size = size

    def future(self, key: Key, submit: bool = True) -> Future | None:
        """The computation of ``key``, started on the pool if new (and ``submit``)."""
        with self._lock:
            future = self._futures.get(key)
            if future is not None:
                self._futures.move_to_end(key)
                return future
            if not submit:
                return None
            future = pool().submit(compute, key)
            self._futures[key] = future
            while len(self._futures) > self._size:
                self._futures.popitem(last=False)
            return future

    def forget(self, key: Key) -> None:
        """Drop ``key`` (e.g. after its computation failed, so that it is tried again)."""
        with self._lock:
            self._futures.pop(key, None)


@st.cache_resource(show_spinner=False)
def store() -> _Store:
    """The process's store of computations."""
    return _Store()


@st.cache_data(max_entries=1000, show_spinner=False)
def run_key(key: Key) -> RunOutput:
    """Simulate one setting on a model worker (cached across sessions)."""
    try:
        return store().future(key).result()
    except Exception:
        store().forget(key)
        raise


def run(settings: Mapping[str, float]) -> RunOutput:
    """Results for ``settings`` (id -> value; missing ids take their defaults)."""
    return run_key(settings_key(settings))


def neighbours(settings: Mapping[str, float], lever_id: str) -> list[dict[str, float]]:
    """``settings`` with ``lever_id`` one slider stop lower and one higher (within range)."""
    from ui.state import options  # the slider's stops

    lever = levers_by_id()[lever_id]
    stops = [float(v) for v in options(lever, settings.get(lever_id, lever.default))]
    here = stops.index(float(settings.get(lever_id, lever.default)))
    return [{**settings, lever_id: stops[i]} for i in (here - 1, here + 1) if 0 <= i < len(stops)]


def prefetch(settings: Mapping[str, float], changed: Iterable[str]) -> None:
    """Start computing the neighbouring stops of the levers just ``changed`` (in the background)."""
    assumption_ids = defaults("assumption")
    for lever_id in changed:
        for nearby in neighbours(settings, lever_id):
            store().future(settings_key(nearby))
            if lever_id in assumption_ids:
                store().future(settings_key({k: v for k, v in nearby.items() if k in assumption_ids}))


def three_lines(settings: Mapping[str, float]) -> dict[str, RunOutput]:
    """The default baseline, the baseline under the current assumptions, and the current mix.

    Returns
    -------
    dict
        ``"default"``: every setting at its default; ``"assumptions"``: levers at
        their defaults, assumptions as set; ``"current"``: everything as set.

    """
    base = defaults()
    assumptions = {k: v for k, v in settings.items() if k in defaults("assumption")}
    return {
        "default": run(base),
        "assumptions": run({**base, **assumptions}),
        "current": run(settings),
    }
