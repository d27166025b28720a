"""Batch runs equal looped single runs; chunking and Dask do not change results; the lean single run."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from model.catalogue.indicators import annual_table, model_variables
from model.catalogue.parameters import calibrated_params
from model.engine.batch import BatchSimulator
from model.engine.batchable import NotBatchable
from model.engine.simulator import Simulator, model_info
from model.run.batch import run_samples
from model.run.runner import lean_simulator, simulate, simulator
from model.run.scenario import load_scenario, shipped_path, shipped_scenarios
from tests.engine.samples import random_inputs

pytestmark = pytest.mark.filterwarnings("ignore:Replacing a constant value with a callable")

DATA = Path(__file__).resolve().parents[1] / "data"
TOLERANCE = 1e-9


def dynamic_variables(mdl_path: Path | None = None) -> list[str]:
    """Every auxiliary and stock of a model (what a run computes)."""
    info = model_info(mdl_path) if mdl_path else model_info()
    return [name for name, kind in info.kinds.items() if kind in ("Auxiliary", "Stateful")]


def assert_close(looped: np.ndarray, batched: np.ndarray) -> None:
    assert looped.shape == batched.shape
    assert np.array_equal(np.isnan(looped), np.isnan(batched))
    finite = ~np.isnan(looped)
    gap = np.abs(looped[finite] - batched[finite])
    assert np.all(gap <= TOLERANCE * np.abs(looped[finite]) + 1e-300), f"max gap {gap.max():.3g}"


def looped(simulator: Simulator, inputs: dict[str, np.ndarray], columns: list[str]) -> np.ndarray:
    size = len(next(iter(inputs.values())))
    runs = [simulator.run({k: float(v[i]) for k, v in inputs.items()}, columns=columns)[columns]
            for i in range(size)]
    return np.stack([run.to_numpy(dtype=float) for run in runs])


def test_batch_equals_looped_single_runs_of_the_model():
    columns = dynamic_variables()
    inputs = random_inputs(12, seed=20250101)
    base = calibrated_params()
    batch = BatchSimulator(base_params=base).run(inputs, columns)
    assert batch.values.shape[:2] == (12, len(batch.times))
    single = Simulator(base_params=base)
    assert np.allclose(single.run({}, columns=columns[:1]).index.to_numpy(), batch.times)
    ordered = batch.values[:, :, [batch.columns.index(c) for c in columns]]
    assert_close(looped(single, inputs, columns), ordered)


def test_samples_of_different_lengths_are_refused():
    with pytest.raises(ValueError, match="different lengths"):
        BatchSimulator().run({"admin reform": [1.0, 2.0], "investment promotion spending": [1.0, 2.0, 3.0]},
                             ["GRDP"])


@pytest.fixture()
def build_dir(tmp_path, monkeypatch):
    """Translate small test models outside the project's build directory."""
    monkeypatch.setenv("QN_BUILD_DIR", str(tmp_path / "build"))
    return tmp_path


def test_every_array_function_equals_pysd_on_a_small_model(build_dir):
    # IF THEN ELSE with per-sample conditions, MIN/MAX/EXP in float(), PULSE,
    # STEP and RAMP at sampled times, ZIDZ/XIDZ with zero denominators in some
    # samples, INTEGER, MODULO, QUANTUM and a named lookup.
    mdl = DATA / "array_functions.mdl"
    columns = dynamic_variables(mdl)
    rng = np.random.default_rng(7)
    inputs = {"start time": rng.uniform(1, 6, 12), "width": rng.uniform(0.5, 3, 12),
              "threshold": rng.uniform(2, 8, 12), "den": rng.choice([0.0, 1e-7, 0.5, 2.0], 12)}
    inputs["start time"][:4] = [1.0, 2.0, 3.0, 4.0]
    batch = BatchSimulator(mdl).run(inputs, columns)
    ordered = batch.values[:, :, [batch.columns.index(c) for c in columns]]
    assert_close(looped(Simulator(mdl), inputs, columns), ordered)
    assert np.ptp(ordered[:, -1, columns.index("stock")]) > 0  # the samples really differ


def keep_values(run):
    return {"values": run.values}


def test_an_unbatchable_model_falls_back_to_parallel_single_runs(build_dir, capsys):
    mdl = DATA / "smooth.mdl"
    with pytest.raises(NotBatchable, match="Smooth"):
        BatchSimulator(mdl)
    inputs = {"width": np.linspace(0.5, 3, 4), "threshold": np.linspace(2, 8, 4)}
    result = run_samples(inputs, ["stock", "smoothed"], reducer=keep_values, base_params={}, mdl_path=mdl)
    assert result.mode == "parallel single runs" and "Smooth" in result.note
    assert "cannot be batched" in capsys.readouterr().err
    assert_close(looped(Simulator(mdl), inputs, ["stock", "smoothed"]), result.arrays["values"])


def test_chunking_does_not_change_results():
    inputs = random_inputs(10, seed=3)
    whole = run_samples(inputs, chunk_size=10)
    pieces = run_samples(inputs, chunk_size=3)
    assert whole.mode == pieces.mode == "batch"
    for key, values in whole.arrays.items():
        assert values.shape[0] == 10
        np.testing.assert_array_equal(values, pieces.arrays[key])


def test_dask_cluster_gives_the_in_process_results():
    from distributed import LocalCluster

    inputs = random_inputs(8, seed=5)
    local = run_samples(inputs, chunk_size=3)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        seen = []
        remote = run_samples(inputs, chunk_size=3, dask_address=cluster.scheduler_address,
                             progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (3, 3)
    for key, values in local.arrays.items():
        np.testing.assert_array_equal(values, remote.arrays[key])


@pytest.mark.parametrize("path", [shipped_path(n) for n in sorted(shipped_scenarios())], ids=lambda p: p.stem)
def test_lean_single_run_path_equals_plain_pysd(path):
    scenario = load_scenario(path)
    result = simulate(scenario)
    plain = annual_table(simulator().run(scenario.model_params(), columns=model_variables()))
    assert list(result.table.columns) == list(plain.columns)
    assert_close(plain.to_numpy(dtype=float), result.table.to_numpy(dtype=float))


def test_lean_runs_do_not_depend_on_earlier_runs_and_follow_time_step_and_extras():
    columns = dynamic_variables()
    inputs = random_inputs(3, seed=9)
    lean, plain = lean_simulator(), simulator()
    for i in range(3):
        params = {k: float(v[i]) for k, v in inputs.items()}
        step = (None, 0.0625, None)[i]
        run = lean.run(params, columns, time_step=step)
        ordered = run.values[0][:, [run.columns.index(c) for c in columns]]
        assert_close(plain.run(params, time_step=step, columns=columns)[columns].to_numpy(dtype=float), ordered)
    fresh = lean.run({}, columns)
    again = Simulator(base_params=calibrated_params()).run({}, columns=columns)[columns].to_numpy(dtype=float)
    assert_close(again, fresh.values[0][:, [fresh.columns.index(c) for c in columns]])


def test_bench_prints_the_contract_keys(capsys):
    import json

    from model.commands.main import main

    assert main(["bench", "--samples", "20", "--format", "json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert set(figures) == {"single_run_ms", "batch_samples", "batch_s", "speedup", "engine", "compile_s",
                            "single_run_ms_pysd", "batch_s_pysd"}
    assert figures["batch_samples"] == 20 and figures["single_run_ms"] > 0 and figures["batch_s"] > 0
    assert figures["single_run_ms_pysd"] > 0 and figures["batch_s_pysd"] > 0 and figures["compile_s"] >= 0
    assert figures["engine"] in ("compiled", "pysd")
    with pytest.raises(SystemExit) as caught:  # refused by the argument parser: one line, exit 2
        main(["bench", "--samples", "0"])
    assert caught.value.code == 2
