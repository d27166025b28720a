"""Several sessions at once never see each other's settings or results.

A PySD model object is not safe to share between overlapping runs. The app
sends every run to a pool of worker threads that each own a model
(:mod:`model.run.pool`); these tests run many different scenarios at the same
time, through the pool and through whole app sessions, and compare every result
with a serial reference.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from model.catalogue.levers import levers_by_id
from model.run.pool import RunPool, neighbours, shared_pool
from model.run.result import RunResult
from model.run.runner import simulate
from model.run.scenario import baseline, with_settings
from ui.parts.scoreboard import YEAR_SETS, frame

APP = str(Path(__file__).resolve().parents[2] / "app.py")
SETTINGS = [
    {},
    {"investment_promotion": 60},
    {"admin_reform": 30, "public_infrastructure": 900},
    {"global_fdi_climate": 0.7},
    {"refinery_expansion_year": 2029, "vocational_training": 30000},
    {"steel_utilisation": 0.75, "fdi_quality_priority": 0.8},
]
THREADS = 6
REPEATS = 3


def scenario(index: int):
    return with_settings(baseline(), SETTINGS[index])


@pytest.fixture(scope="module")
def reference() -> list[RunResult]:
    """Each setting simulated alone, one after the other."""
    return [simulate(scenario(i)) for i in range(len(SETTINGS))]


def same(a: RunResult, b: RunResult) -> bool:
    return a.table.equals(b.table) and [r.value for r in a.targets] == [r.value for r in b.targets]


def test_reference_settings_differ(reference):
    assert len({round(r.table["industry_va"].iloc[-1], 6) for r in reference}) == len(SETTINGS)


def test_pool_runs_overlapping_scenarios_without_mixing(reference):
    pool = RunPool(runs_kept=0)  # nothing kept: every request is a run of its own
    barrier = threading.Barrier(THREADS)

    def worker(index: int) -> list[bool]:
        barrier.wait()
        checks = []
        for repeat in range(REPEATS):
            which = (index + repeat) % len(SETTINGS)
            out = pool.result(scenario(which))
            checks.append(same(out, reference[which]))
        return checks

    with ThreadPoolExecutor(THREADS) as executor:
        results = [c for checks in executor.map(worker, range(THREADS)) for c in checks]
    assert len(results) == THREADS * REPEATS and all(results)


def test_threads_with_their_own_models_agree_with_serial(reference):
    barrier = threading.Barrier(3)

    def worker(index: int) -> list[bool]:
        barrier.wait()
        return [same(simulate(scenario((index + k) % len(SETTINGS))), reference[(index + k) % len(SETTINGS)])
                for k in range(2)]

    with ThreadPoolExecutor(3) as executor:
        assert all(c for checks in executor.map(worker, range(3)) for c in checks)


def session(index: int) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180)
    at.query_params["mix"] = "2020"  # start from the 2020 stance (a first visit opens on the resolution)
    at.run()
    for key, value in SETTINGS[index].items():
        lever = levers_by_id()[key]
        at.select_slider(key=f"{lever.kind}__{key}").set_value(value).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def shown(at: AppTest) -> list[str]:
    return at.table[0].value["Mô phỏng"].tolist() + at.table[1].value["Mô phỏng"].tolist()


def expected(reference: list[RunResult], index: int) -> list[str]:
    chosen = [r for year in YEAR_SETS for r in reference[index].targets if r.target.set in YEAR_SETS[year]]
    return frame(chosen, list(reference[0].targets), "vi")["Mô phỏng"].tolist()


def test_interleaved_app_sessions_keep_their_own_settings_and_results(reference):
    # AppTest itself is not thread-safe, so sessions here take turns; sessions that overlap in
    # time are tested against a real server in tests/browser/test_app_browser.py.
    sessions = {i: session(i) for i in (1, 2, 3)}
    sessions[1].select_slider(key="lever__talent_attraction").set_value(1000).run()
    sessions[1].select_slider(key="lever__talent_attraction").set_value(200).run()
    for index, at in sessions.items():
        assert shown(at) == expected(reference, index), index
        for key, lever in levers_by_id().items():
            value = at.select_slider(key=f"{lever.kind}__{key}").value
            assert float(value) == float(SETTINGS[index].get(key, lever.default)), (index, key)


def test_prefetched_neighbours_match_serial_runs():
    mix = with_settings(baseline(), {"investment_promotion": 45.0, "global_fdi_climate": 0.8})
    pool = shared_pool()
    pool.prefetch(mix, ["investment_promotion", "global_fdi_climate"])
    for lever_id in ("investment_promotion", "global_fdi_climate"):
        for nearby in neighbours(mix, lever_id):
            future = pool.started(nearby)
            assert future is not None
            assert same(future.result(), simulate(nearby))
    assert pool.started(neighbours(mix, "global_fdi_climate")[0].assumptions_only()) is not None
    assert [n.levers["investment_promotion"] for n in neighbours(mix, "investment_promotion")] == [40.0, 50.0]
