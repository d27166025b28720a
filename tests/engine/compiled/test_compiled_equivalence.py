"""The compiled engine equals PySD on the project's model: shipped scenarios and 100 random samples.

Every variable a run returns (every stock, auxiliary and constant) must agree
to 1e-9 relative (1e-12 absolute near 0), for the scalar and the vectorised
variant. The 100 samples vary every lever, assumption and uncertain parameter
over its range; they run as one compiled batch and as PySD single runs (the
lean runner, equal to ``Simulator.run``). PySD's array batch engine is not the
reference here: it evaluates ``**`` and EXP with numpy's array loops, whose
last bits differ from the scalar ones, and in corners of the input space where
the model subtracts nearly equal numbers (free land near zero) that grows to
percent-level differences from PySD's own single runs.
"""

from __future__ import annotations

import numpy as np
import pytest

from model.base.paths import SCENARIO_DIR
from model.catalogue.indicators import annual_arrays
from model.catalogue.levers import load_levers
from model.catalogue.parameters import calibrated_params
from model.engine.batch import BatchSimulator
from model.engine.compiled.runners import CompiledBatch, CompiledSimulator
from model.engine.simulator import Simulator
from model.run.scenario import load_scenario
from tests.engine.compiled.helpers import assert_equivalent, max_relative_gap
from tests.engine.samples import random_inputs

pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore:Replacing a constant value with a callable")]

SAMPLES = 100
#: The shipped scenario files (read here, not through the scenario module, so collection never runs project code).
SHIPPED = sorted(SCENARIO_DIR.glob("*.toml"))


@pytest.fixture(scope="module")
def base() -> dict[str, float]:
    return calibrated_params()


@pytest.fixture(scope="module")
def compiled(base, compiled_model) -> CompiledSimulator:
    return CompiledSimulator(base_params=base)


@pytest.fixture(scope="module")
def compiled_batch(base, compiled_model) -> CompiledBatch:
    return CompiledBatch(base_params=base)


@pytest.fixture(scope="module")
def reference(base) -> Simulator:
    return Simulator(base_params=base)


def assert_indicators_equivalent(times, columns, reference, compiled) -> None:
    """Every indicator (annual, as the goals and charts read them) agrees to 1e-9 relative."""
    want, got = annual_arrays(times, columns, reference), annual_arrays(times, columns, compiled)
    ids = sorted(want)
    assert ids and ids == sorted(got)
    assert_equivalent(np.stack([want[i] for i in ids], axis=-1), np.stack([got[i] for i in ids], axis=-1), ids)


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_shipped_scenarios_equal_pysd(path, compiled, compiled_batch, reference):
    params = load_scenario(path).model_params()
    expected = reference.run(params)
    columns = list(expected.columns)
    assert len(columns) == len(compiled.columns) and set(compiled.stocks) <= set(columns)
    single = compiled.run(params, columns=columns)
    assert np.array_equal(single.index.to_numpy(), expected.index.to_numpy())
    assert_equivalent(expected.to_numpy(dtype=float), single.to_numpy(), columns)
    batch = compiled_batch.run(params, columns)
    assert np.array_equal(batch.times, expected.index.to_numpy())
    assert_equivalent(expected.to_numpy(dtype=float), batch.values[0], columns)
    assert_indicators_equivalent(expected.index.to_numpy(), columns, expected.to_numpy(dtype=float), single.to_numpy())


def test_every_step_and_a_halved_time_step_equal_pysd(compiled, reference):
    for kwargs in ({"every_step": True}, {"time_step": 0.0625}):
        expected = reference.run({"admin reform": 0.5}, **kwargs)
        got = compiled.run({"admin reform": 0.5}, columns=list(expected.columns), **kwargs)
        assert np.array_equal(got.index.to_numpy(), expected.index.to_numpy())
        assert_equivalent(expected.to_numpy(dtype=float), got.to_numpy(), list(expected.columns))


def test_a_batch_of_lever_samples_equals_single_runs_exactly(compiled, compiled_batch):
    """Lever samples share the years before the levers act: the batch kernel reuses their powers and
    EXP/LN results between samples (its memo), and every number is still that of a single run."""
    rng = np.random.default_rng(21)
    inputs = {lever.variable: rng.uniform(lever.min, lever.max, 40) for lever in load_levers()}
    columns = list(compiled.columns)
    got = compiled_batch.run(inputs, columns)
    for i in range(40):
        single = compiled.run_arrays({k: float(v[i]) for k, v in inputs.items()}, columns=columns)[2]
        assert np.array_equal(single, got.values[i], equal_nan=True)


def test_random_samples_of_every_input_equal_pysd(base, compiled, compiled_batch):
    inputs = random_inputs(SAMPLES, seed=15)
    columns = list(compiled.columns)
    lean = BatchSimulator(base_params=base, per_sample=False)
    runs = [lean.run({k: float(v[i]) for k, v in inputs.items()}, columns) for i in range(SAMPLES)]
    expected = np.concatenate([run.values[:, :, [run.columns.index(c) for c in columns]] for run in runs])
    got = compiled_batch.run(inputs, columns)
    assert got.columns == tuple(columns) and np.array_equal(got.times, runs[0].times)
    assert got.values.shape == expected.shape == (SAMPLES, len(got.times), len(columns))
    assert_equivalent(expected, got.values, columns)
    assert_indicators_equivalent(got.times, columns, expected, got.values)
    print(f"max relative gap over {SAMPLES} samples x {len(columns)} variables: "
          f"{max_relative_gap(expected, got.values):.3g}")
    for i in (0, SAMPLES // 2 + 1, SAMPLES - 1):  # the scalar variant gives the batch's numbers exactly
        single = compiled.run_arrays({k: float(v[i]) for k, v in inputs.items()}, columns=columns)[2]
        assert np.array_equal(single, got.values[i])
    assert np.ptp(got.values[:, -1, columns.index("GRDP")]) > 0  # the samples really differ
