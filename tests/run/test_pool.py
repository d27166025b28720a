"""The one run pool: results kept by scenario values, used by the app's pages and the workshop."""

from __future__ import annotations

import pytest

from model.run.pool import RunPool, neighbours, shared_pool
from model.run.runner import simulate
from model.run.scenario import baseline, with_settings
from model.workshop import service
from model.workshop.simulation import round_scenario
from model.workshop.store import Store


def test_a_run_is_kept_by_its_values_and_labelled_by_the_scenario_asked_for():
    pool = RunPool(workers=1)
    mix = with_settings(baseline(), {"admin_reform": 25}, name="first")
    same_values = mix.renamed("second")
    first, second = pool.result(mix), pool.result(same_values)
    assert pool.start(mix) is pool.start(same_values)
    assert first.scenario.name == "first" and second.scenario.name == "second"
    assert first.arrays is second.arrays
    assert first == simulate(mix)
    assert pool.result(mix.assumptions_only()).targets == simulate(baseline()).targets


def test_neighbours_are_the_next_slider_stops():
    mix = with_settings(baseline(), {"refinery_expansion_year": 2028})
    assert [n.levers["refinery_expansion_year"] for n in neighbours(mix, "refinery_expansion_year")] == [2029.0]
    odd = with_settings(baseline(), {"investment_promotion": 12.5})
    assert [n.levers["investment_promotion"] for n in neighbours(odd, "investment_promotion")] == [10.0, 15.0]


def test_jobs_are_kept_by_key_and_failures_are_tried_again():
    pool = RunPool(workers=1)
    calls = []

    def job(value):
        calls.append(value)
        if len(calls) == 1:
            raise RuntimeError("first call fails")
        return value * 2

    with pytest.raises(RuntimeError):
        pool.job("k", job, 3)
    assert pool.job("k", job, 3) == 6 and pool.job("k", job, 3) == 6
    assert calls == [3, 3]


def test_the_workshop_and_the_how_sure_panel_run_on_the_shared_pool(tmp_path):
    from ui.parts.how_sure import compute

    store = Store(tmp_path / "ws.sqlite3")
    session, secret = service.create_session(store, "pool", "en")
    item = service.open_round(store, service.FacilitatorKey(session.id, secret), "ind_va_growth", ["admin_reform"])
    team, token = service.join_team(store, session.code, "A")
    entry = service.prepare_submission(store, service.TeamKey(team.id, token), {"admin_reform": 35}, 7.0)
    scenario = round_scenario(item, {"admin_reform": 35.0})
    assert shared_pool().started(scenario) is not None
    assert entry.outcome.targets == shared_pool().result(scenario).targets
    small = with_settings(baseline(), {"admin_reform": 35}, name="current")
    assert compute(small, samples=4, seed=3) is compute(small, samples=4, seed=3)
