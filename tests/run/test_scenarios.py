"""Scenario files: shipped ones load; bad ones give clear, located errors."""

from __future__ import annotations

import pytest

from model.catalogue.levers import defaults
from model.run.scenario import ScenarioError, baseline, load_scenario, to_toml, with_settings


def write(tmp_path, text, name="s.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_scenarios_load_and_cover_required_names(shipped_scenarios):
    names = {p.stem for p in shipped_scenarios}
    assert {"baseline", "resolution", "pessimistic", "optimistic"} <= names
    for path in shipped_scenarios:
        scenario = load_scenario(path)
        assert scenario.name and scenario.description
    assert load_scenario(shipped_scenarios[0].parent / "baseline.toml").settings() == defaults()


def test_missing_values_take_defaults(tmp_path):
    scenario = load_scenario(write(tmp_path, 'name = "x"\n[levers]\nadmin_reform = 20\n'))
    assert scenario.levers["admin_reform"] == 20
    assert scenario.changed() == {"admin_reform": 20}


@pytest.mark.parametrize(("text", "fragments"), [
    ('[levers]\nadmin_reforms = 20\n', ["levers.admin_reforms", "unknown lever", "admin_reform"]),
    ('[levers]\nadmin_reform = 80\n', ["levers.admin_reform", "out of range", "0 to 50"]),
    ('[levers]\nadmin_reform = "fast"\n', ["levers.admin_reform", "expected a number"]),
    ('[levers]\nadmin_reform = true\n', ["levers.admin_reform", "expected a number"]),
    ('[assumptions]\nadmin_reform = 10\n', ["assumptions.admin_reform", "unknown assumption"]),
    ('[levers\nadmin_reform = 1\n', ["malformed TOML"]),
    ('nmae = "x"\n', ["nmae", "unknown field", "name"]),
    ('levers = 3\n', ["[levers] must be a table"]),
])
def test_bad_scenarios_name_file_field_and_range(tmp_path, text, fragments):
    path = write(tmp_path, text)
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    message = str(caught.value)
    assert str(path) in message and "\n" not in message
    for fragment in fragments:
        assert fragment in message


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(ScenarioError, match="no such scenario file"):
        load_scenario(tmp_path / "absent.toml")
    with pytest.raises(ScenarioError, match="is a directory"):
        load_scenario(tmp_path)


def test_toml_round_trip(tmp_path):
    scenario = with_settings(baseline("mix"), {"admin_reform": 25, "global_fdi_climate": 0.8})
    again = load_scenario(write(tmp_path, to_toml(scenario)))
    assert again.settings() == scenario.settings() and again.name == "mix"


def test_with_settings_validates():
    with pytest.raises(ScenarioError, match="out of range"):
        with_settings(baseline(), {"admin_reform": -1})
    with pytest.raises(ScenarioError, match="did you mean"):
        with_settings(baseline(), {"admin_reforn": 1})
