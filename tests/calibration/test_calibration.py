"""Calibration: recovery of known parameters, the committed result, identification, the command."""

import dataclasses
import math

import numpy as np
import pytest

from model.base.paths import CALIBRATION_PATH, PROJECT_DIR
from model.calibration.calibrate import build_problem, calibrate, payoff, simulate_observations
from model.calibration.identification import orthogonal_selection
from model.calibration.io import read_calibration, sha256_of
from model.calibration.setup import ParameterSpec, SetupError, load_setup
from model.commands.main import main

TRUE = {"refinery VA per Mt": 1650.0, "rest industry VA 2010": 3100.0, "services income elasticity": 1.25}


@pytest.fixture(scope="module")
def setup():
    return load_setup()


@pytest.fixture(scope="module")
def problem(setup):
    return build_problem(setup)


def test_recovers_known_parameters_from_model_generated_data(setup, problem):
    specs = {s.name: s for s in setup.parameters}
    # a weak prior, so that the optimum is the data's (maximum likelihood)
    small = dataclasses.replace(setup, parameters=tuple(specs[name] for name in TRUE),
                                settings={**setup.settings, "max_evaluations": 120, "prior_scale": 100.0})
    rng = np.random.default_rng(20240611)
    clean = simulate_observations(problem, {**problem.priors, **TRUE})
    noisy = tuple(dataclasses.replace(obs, value=float(v + 0.2 * obs.sigma * rng.standard_normal()))
                  for obs, v in zip(problem.observations, clean, strict=True))
    result = calibrate(small, progress=lambda _: None, simulator=problem.simulator, observations=noisy)
    verdicts = {a.name: a for a in result.assessments}
    for name, true in TRUE.items():
        spec = specs[name]
        fitted = result.values[name]
        assert verdicts[name].identified, name
        assert abs(fitted - true) <= 3 * verdicts[name].sd, (name, fitted, true, verdicts[name].sd)
        assert abs(fitted - true) < 0.1 * (spec.upper - spec.lower), (name, fitted, true)
        assert abs(fitted - true) < 0.5 * abs(problem.priors[name] - true), (name, fitted, true)
    assert result.payoff_after < result.payoff_before


def test_committed_calibration_reproduces_its_payoff(setup):
    assert CALIBRATION_PATH.exists(), "the calibration file is part of the project"
    calib = read_calibration(CALIBRATION_PATH)
    meta = calib.meta
    assert meta["data_sha256"] == sha256_of(PROJECT_DIR / meta["data_file"]), "history changed since calibration"
    assert meta["setup_sha256"] == sha256_of(PROJECT_DIR / meta["setup_file"]), "set-up changed since calibration"
    problem = build_problem(load_setup(PROJECT_DIR / meta["setup_file"]))
    values = {**problem.priors, **calib.values()}
    assert payoff(problem, values) == pytest.approx(meta["payoff_after"], rel=1e-6)
    assert payoff(problem, problem.priors) == pytest.approx(meta["payoff_before"], rel=1e-6)
    assert meta["n_observations"] == len(problem.observations)
    assert "python -m model calibrate" in meta["command"]


def test_committed_parameters_keep_prior_unless_identified_and_stay_in_bounds(setup, problem):
    calib = read_calibration(CALIBRATION_PATH)
    assert [p["name"] for p in calib.parameters] == [s.name for s in setup.parameters]
    for entry in calib.parameters:
        assert entry["lower"] <= entry["value"] <= entry["upper"], entry
        assert entry["prior"] == problem.priors[entry["name"]], entry
        if not entry["identified"]:
            assert entry["value"] == entry["prior"], entry
            assert entry["reason"], entry
    assert sorted(calib.meta["unidentified"]) == sorted(p["name"] for p in calib.parameters if not p["identified"])


def test_every_fitted_parameter_is_documented_as_calibrated_with_its_range(setup, problem):
    comments = problem.simulator.info.comments
    for spec in setup.parameters:
        text = " ".join(comments[spec.name].split())
        assert text.startswith("Calibrated"), spec.name
        assert f"prior range {spec.lower:g}-{spec.upper:g}" in text, (spec.name, text)


def test_orthogonal_selection_keeps_one_of_two_identical_columns():
    rng = np.random.default_rng(3)
    a = rng.standard_normal(30)
    jac = np.column_stack([a, a, rng.standard_normal(30), 1e-6 * rng.standard_normal(30)])
    chosen, info = orthogonal_selection(jac, tau=0.25, min_information=1.0)
    assert sorted(chosen) in ([0, 2], [1, 2])
    assert 3 not in chosen
    assert info[3] < 1.0


def test_unit_scale_round_trip():
    spec = ParameterSpec("x", 2.0, 7.0)
    assert spec.from_unit(spec.to_unit(3.3)) == pytest.approx(3.3)
    assert spec.to_unit(2.0) == 0.0 and spec.to_unit(7.0) == 1.0


def test_setup_errors_name_the_problem(tmp_path):
    bad = tmp_path / "setup.toml"
    bad.write_text('[settings]\nhistory = "history.csv"\n[[series]]\nid = "grdp"\nmodel = "grdp"\n'
                   'compare = "cumulative"\nsigma = 1\n')
    with pytest.raises(SetupError, match="compare must be one of"):
        load_setup(bad)
    with pytest.raises(SetupError, match="cannot read"):
        load_setup(tmp_path / "missing.toml")


def test_calibrate_refuses_to_replace_an_existing_file_before_fitting(tmp_path, capsys):
    out = tmp_path / "calibration.toml"
    out.write_text("keep me\n")
    assert main(["calibrate", "--out", str(out)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert out.read_text() == "keep me\n"


def test_prior_penalty_is_zero_at_the_priors(problem):
    from model.calibration.calibrate import prior_penalty

    assert prior_penalty(problem, problem.priors) == 0.0
    moved = dict(problem.priors)
    spec = problem.specs[0]
    moved[spec.name] = spec.from_unit(spec.to_unit(problem.priors[spec.name]) + 0.25)
    assert math.isclose(prior_penalty(problem, moved), 1.0 / float(problem.setup.settings.get("prior_scale", 1.0)) ** 2)
