"""Runs use the compiled engine wherever they happen, PySD when asked or while the cache is cold."""

from __future__ import annotations

import json
import subprocess

import numpy as np
import pytest

from model.catalogue.indicators import annual_arrays, model_variables
from model.engine.batch import BatchSimulator, LeanSimulator
from model.engine.compiled import EngineFallback, choose, chosen, current, selector
from model.engine.compiled.runners import CompiledBatch, CompiledLean
from model.run import batch as run_batch
from model.run import runner
from model.run.scenario import load_scenario, shipped_path, shipped_scenarios
from tests.engine.compiled.helpers import assert_equivalent

pytestmark = pytest.mark.filterwarnings("ignore:Replacing a constant value with a callable")


@pytest.fixture()
def engine_named(compiled_model):
    """Switch the process's engine for one test and back."""
    before = chosen()
    yield choose
    choose(before)


def indicators(result) -> np.ndarray:
    ids = sorted(result.arrays)
    return np.stack([np.asarray(result.arrays[i], dtype=float) for i in ids], axis=-1), ids


def test_scenario_runs_take_the_chosen_engine_and_agree(engine_named):
    path = shipped_path(sorted(shipped_scenarios())[0])
    outcomes = {}
    for name, kind in (("compiled", CompiledLean), ("pysd", LeanSimulator)):
        engine_named(name)
        assert type(runner.lean_simulator()) is kind
        outcomes[name] = runner.simulate(load_scenario(path))
    (expected, ids), (got, _) = indicators(outcomes["pysd"]), indicators(outcomes["compiled"])
    assert_equivalent(expected, got, ids)
    assert [t.status for t in outcomes["pysd"].targets] == [t.status for t in outcomes["compiled"].targets]


def test_sample_runs_take_the_chosen_engine_and_pass_it_to_workers(engine_named):
    engine_named("compiled")
    inputs = {"admin reform": np.linspace(0.0, 1.0, 5)}
    result = run_batch.run_samples(inputs, chunk_size=2)
    assert result.mode == "batch"
    base = tuple(sorted(runner.calibrated_params().items()))
    assert isinstance(run_batch._batch_simulator(run_batch.MDL_PATH, base), CompiledBatch)
    assert isinstance(run_batch._batch_simulator(run_batch.MDL_PATH, base, "pysd"), BatchSimulator)
    lean = runner.lean_simulator()
    singles = [lean.run({"admin reform": float(v)}, model_variables()) for v in inputs["admin reform"]]
    single_arrays = [annual_arrays(s.times, list(s.columns), s.values[0]) for s in singles]
    for key, values in result.arrays.items():  # the batch kernel gives the scalar kernel's numbers exactly
        np.testing.assert_array_equal(values, np.stack([s[key] for s in single_arrays]))


def test_a_cold_cache_runs_pysd_with_one_line_and_starts_one_background_build(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("QN_COMPILED_CACHE", str(tmp_path))
    monkeypatch.setenv("QN_COMPILED_WARM", "1")
    started = []
    monkeypatch.setattr(selector.subprocess, "Popen", lambda args, **kwargs: started.append(args))
    monkeypatch.setattr(selector, "_started", set())
    monkeypatch.setattr(selector, "_said", set())
    monkeypatch.setattr(selector, "_ready", {})
    for _ in range(2):
        with pytest.warns(EngineFallback, match="being built in the background"):
            engine = current(name="compiled")
        assert engine.name == "pysd" and engine.lean is LeanSimulator
    assert len(started) == 1 and started[0][1:3] == ["-m", "model.engine.compiled.warm"]
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("warning: using the PySD engine:")
    assert current(name="pysd").name == "pysd"


def test_a_model_the_generator_refused_runs_pysd_at_once(tmp_path, monkeypatch):
    from model.engine.compiled.build import model_directory, status

    monkeypatch.setenv("QN_COMPILED_CACHE", str(tmp_path))
    monkeypatch.setattr(selector, "_ready", {})
    directory = model_directory(selector.MDL_PATH)
    (directory.parent / f"{directory.name}.failed").write_text("DELAY FIXED\ny")
    assert status(selector.MDL_PATH) == ("failed", "compiled engine does not support DELAY FIXED (in variable 'y')")
    with pytest.warns(EngineFallback, match="DELAY FIXED"):
        assert current(name="compiled").name == "pysd"


def test_the_commands_take_an_engine_option(tmp_path):
    path = shipped_path(sorted(shipped_scenarios())[0])
    outputs = []
    for name in ("pysd", "compiled"):
        done = subprocess.run(["python", "-m", "model", "run", str(path), "--format", "json", "--engine", name],
                              capture_output=True, text=True, check=False, env=_env())
        assert done.returncode == 0, done.stderr
        assert "using the PySD engine" not in done.stderr
        outputs.append(json.loads(done.stdout))
    assert [t["status"] for t in outputs[0]["targets"]] == [t["status"] for t in outputs[1]["targets"]]
    bad = subprocess.run(["python", "-m", "model", "run", str(path), "--engine", "fortran"],
                         capture_output=True, text=True, check=False, env=_env())
    assert bad.returncode == 2 and "--engine" in bad.stderr


def _env() -> dict:
    import os
    import sys

    from model.base.paths import PROJECT_DIR

    return {**os.environ, "PATH": f"{os.path.dirname(sys.executable)}{os.pathsep}{os.environ['PATH']}",
            "PYTHONPATH": str(PROJECT_DIR)}
