"""Every supported construct equals PySD on a small model; unsupported ones fail loudly; the selector falls back."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pytest

from model.engine.compiled import UnsupportedConstruct, engine_for
from model.engine.compiled.build import model_directory
from model.engine.compiled.emit import generate
from model.engine.compiled.runners import CompiledBatch, CompiledSimulator
from model.engine.compiled.source import read_model
from model.engine.simulator import Simulator
from tests.engine.compiled.helpers import assert_equivalent

DATA = Path(__file__).resolve().parents[2] / "data"
CONSTRUCTS = DATA / "compiled_constructs.mdl"

# Sampled inputs: delay times below three time steps (DELAY3 lowers its order), zero and
# tiny denominators (ZIDZ, XIDZ), starts on and off the time grid and within 1e-6 of it.
INPUTS = {
    "start time": np.array([1.0, 2.0, 2.9999995, 3.0000004, 3.3, 4.75, 5.0, 6.1]),
    "width": np.array([0.3, 2.0, 0.5, 1.25, 3.0, 0.75, 2.5, 1.0]),
    "threshold": np.array([2.0, 5.0, 1.0, 8.0, 3.5, 4.0, 6.0, 2.5]),
    "den": np.array([0.0, 1e-7, 1.0, 2.0, -0.5, 1e-6, 3.0, 0.0]),
    "delay time": np.array([0.3, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 0.6]),
}

TEMPLATE = """{{UTF-8}}
x = 1
	~	Dmnl
	~	|

{equation}
	~	Dmnl
	~	|

INITIAL TIME = 0
	~	Year
	~	|

FINAL TIME = 2
	~	Year
	~	|

TIME STEP = 0.5
	~	Year
	~	|

SAVEPER = 0.5
	~	Year
	~	|

\\\\\\---/// Sketch information - do not modify anything except names
V300  Do not put anything below this section - it will be ignored
*View 1
///---\\\\\\
"""


@pytest.fixture(autouse=True)
def build_dir(tmp_path_factory, monkeypatch):
    """Build the small models outside the project's build directory (one per session)."""
    monkeypatch.setenv("QN_BUILD_DIR", str(tmp_path_factory.getbasetemp() / "compiled-build"))
    monkeypatch.setenv("QN_COMPILED_CACHE", str(tmp_path_factory.getbasetemp() / "compiled-cache"))


def sample(i: int) -> dict[str, float]:
    return {name: float(values[i]) for name, values in INPUTS.items()}


def test_every_construct_equals_pysd_in_single_and_batch_runs():
    reference = Simulator(CONSTRUCTS)
    single = CompiledSimulator(CONSTRUCTS)
    columns = list(single.columns)
    expected = np.stack([reference.run(sample(i), columns=columns)[columns].to_numpy(dtype=float)
                         for i in range(len(INPUTS["width"]))])
    got = np.stack([single.run(sample(i), columns=columns).to_numpy() for i in range(len(INPUTS["width"]))])
    assert_equivalent(expected, got, columns)
    batch = CompiledBatch(CONSTRUCTS).run(INPUTS, columns)
    assert np.array_equal(batch.values, got)
    assert np.ptp(got[:, -1, columns.index("delayed 3")]) > 0


def test_generation_names_the_stateful_structures():
    source = generate(read_model(CONSTRUCTS)).source
    for piece in ("lookup(", "np_interp(", "pulse_train(", "while h", "np.trunc("):
        assert piece in source
    assert "simulate_batch" in source and "prange" in source


def test_calls_of_one_function_ready_together_share_one_numpy_loop_call_and_equal_pysd(tmp_path):
    mdl = tmp_path / "grouped.mdl"
    mdl.write_text(TEMPLATE.format(equation="a = EXP(0.3 * Time) + EXP(-0.2 * Time * x) ~~|\n"
                                            "b = LN(1 + Time) * EXP(0.3 * Time) + LN(3 + Time * x) ~~|\n"
                                            "y = a + b + LN(2 + Time + a)"))
    source = generate(read_model(mdl)).source
    assert "g_exp(2, ibg)" in source and "g_log(2, ibg)" in source and "g_log(3" not in source  # LN(2 + Time + a) waits
    assert source.count("0.3*t") == 1  # the same call, computed once
    expected = Simulator(mdl).run({"x": 1.5}, columns=["a", "b", "y"], every_step=True)
    got = CompiledSimulator(mdl).run({"x": 1.5}, columns=["a", "b", "y"], every_step=True)
    assert np.array_equal(got.to_numpy(), expected.to_numpy(dtype=float))


@pytest.mark.parametrize(("equation", "construct"), [
    ("y = DELAY FIXED(x, 1, 0)", "DELAY FIXED"),
    ("y = SAMPLE IF TRUE(Time > 1, x, 0)", "SAMPLE IF TRUE"),
    ("y = GET TIME VALUE(0, 0, 0)", "GET TIME VALUE"),
    ("y = RANDOM UNIFORM(0, 1, 0)", "RANDOM UNIFORM"),
    ("y = SMOOTHI(Time, 1, x)", "SMOOTH with an initial value"),
    ("y = DELAY N(x, Time + 1, 0, 2)", "DELAY N with a delay time that changes"),
    ("y = z + 1 ~~|\nz = y * 2", "simultaneous equation"),
])
def test_an_unsupported_construct_raises_naming_it_and_the_variable(tmp_path, equation, construct):
    mdl = tmp_path / "unsupported.mdl"
    mdl.write_text(TEMPLATE.format(equation=equation))
    with pytest.raises(UnsupportedConstruct, match=construct) as error:
        generate(read_model(mdl))
    assert error.value.variable in ("y", "z")
    assert error.value.variable in str(error.value)


def test_subscripts_are_unsupported(tmp_path):
    mdl = tmp_path / "subscripted.mdl"
    mdl.write_text(TEMPLATE.format(equation="region: north, south\n\t~\t~\t|\n\ny[region] = x"))
    with pytest.raises(UnsupportedConstruct, match=r"subscripts.*'y'"):
        generate(read_model(mdl))


def test_the_selector_falls_back_to_pysd_with_one_warning(tmp_path):
    mdl = tmp_path / "fixed.mdl"
    mdl.write_text(TEMPLATE.format(equation="y = DELAY FIXED(x, 1, 0)"))
    with pytest.warns(RuntimeWarning, match=r"using the PySD engine: .*DELAY FIXED.*'y'") as caught:
        engine = engine_for("compiled", mdl)
    assert len(caught) == 1
    assert engine.name == "pysd" and "DELAY FIXED" in engine.reason
    assert engine.simulator(mdl).run(columns=["y"])["y"].iloc[-1] == pytest.approx(1.0)


def test_the_selector_gives_the_compiled_engine_and_pysd_on_request():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        engine = engine_for("compiled", CONSTRUCTS)
    assert engine.name == "compiled" and engine.simulator is CompiledSimulator and engine.batch is CompiledBatch
    assert engine_for("pysd").name == "pysd"
    with pytest.raises(ValueError, match="unknown engine"):
        engine_for("fortran")


def test_the_cache_is_keyed_by_the_model_text(tmp_path):
    copy = tmp_path / "copy.mdl"
    copy.write_text(CONSTRUCTS.read_text())
    assert model_directory(copy) == model_directory(CONSTRUCTS)
    copy.write_text(CONSTRUCTS.read_text().replace("width = 2", "width = 3"))
    assert model_directory(copy) != model_directory(CONSTRUCTS)
    CompiledSimulator(CONSTRUCTS)
    directory = model_directory(CONSTRUCTS)
    assert (directory / "compiled_model.py").exists()
    assert list((directory / "__pycache__").glob("*.nbi"))  # numba's compiled code is on disk


def test_unknown_names_are_refused():
    single = CompiledSimulator(CONSTRUCTS)
    with pytest.raises(KeyError, match="not model constants"):
        single.run({"stock": 1.0})
    with pytest.raises(KeyError, match="not model variables"):
        single.run(columns=["no such variable"])
    with pytest.raises(ValueError, match="different lengths"):
        CompiledBatch(CONSTRUCTS).run({"width": [1.0, 2.0], "den": [1.0, 2.0, 3.0]}, ["stock"])
