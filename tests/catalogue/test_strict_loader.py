"""Every data file is read strictly: a typo is an error naming the file, the entry and the key."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from model.base.paths import CALIBRATION_PATH, COSTS_PATH, INDICATORS_PATH, LEVERS_PATH, TARGETS_PATH
from model.catalogue.costs import load_costs
from model.catalogue.indicators import load_indicators
from model.catalogue.levers import load_levers
from model.catalogue.loader import CatalogueError, Field, Schema, check_entry, entries, optional
from model.catalogue.parameters import read_parameters
from model.catalogue.targets import load_targets


def changed(tmp_path: Path, source: Path, old: str, new: str, count: int = 1) -> Path:
    """A copy of ``source`` with the first ``count`` occurrences of ``old`` replaced."""
    text = source.read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / source.name
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return path


def raises(loader, path: Path, *parts: str) -> str:
    with pytest.raises(CatalogueError) as info:
        loader(path)
    message = str(info.value)
    assert message.startswith(str(path)), message
    for part in parts:
        assert part in message, (part, message)
    return message


def test_a_misspelt_rule_is_an_error_not_a_level_goal(tmp_path):
    path = changed(tmp_path, TARGETS_PATH, 'rule = "avg_growth"', 'rule = "avg_grwth"')
    raises(load_targets, path, "target ind_va_growth", "rule must be one of avg_growth, level", "'avg_grwth'")


def test_unknown_keys_name_the_entry_and_the_closest_key(tmp_path):
    path = changed(tmp_path, TARGETS_PATH, "direction = ", "directon = ")
    raises(load_targets, path, "target ind_va_growth", "directon: unknown key; did you mean 'direction'?")
    path = changed(tmp_path, INDICATORS_PATH, 'growth_of = "', 'growth_off = "')
    raises(load_indicators, path, "indicator ", "growth_off: unknown key; did you mean 'growth_of'?")
    path = changed(tmp_path, LEVERS_PATH, "clause_text = ", "clause_txt = ")
    raises(load_levers, path, "lever refinery_expansion_year", "clause_txt: unknown key")
    path = changed(tmp_path, COSTS_PATH, "unit_cost = ", "unitcost = ")
    raises(load_costs, path, "cost ", "unitcost: unknown key; did you mean 'unit_cost'?")
    path = changed(tmp_path, CALIBRATION_PATH, "information = ", "informaton = ")
    raises(read_parameters, path, "parameter refinery VA per Mt", "informaton: unknown key")


def test_bad_choices_are_errors(tmp_path):
    cases = [
        (load_targets, TARGETS_PATH, 'set = "resolution_2025"', 'set = "resolution_2052"', "set must be one of"),
        (load_targets, TARGETS_PATH, 'direction = "at_least"', 'direction = "atleast"', "direction must be one of"),
        (load_levers, LEVERS_PATH, 'kind = "lever"', 'kind = "levers"', "kind must be one of lever, assumption"),
        (load_levers, LEVERS_PATH, 'group = "industry"', 'group = "industri"', "group must be one of"),
        (load_indicators, INDICATORS_PATH, '\nat = "end"', '\nat = "ending"', "at must be one of mid, end"),
        (load_costs, COSTS_PATH, 'direction = "up"', 'direction = "upward"', "direction must be one of up, down"),
        (load_costs, COSTS_PATH, 'label = "spending"', 'label = "spend"', "label must be one of spending"),
    ]
    for loader, source, old, new, part in cases:
        raises(loader, changed(tmp_path, source, old, new), part)


def test_missing_fields_wrong_types_and_repeats_are_errors(tmp_path):
    raises(load_targets, changed(tmp_path, TARGETS_PATH, "near = 0.5\n", ""), "target ind_va_growth", "near: missing")
    raises(load_levers, changed(tmp_path, LEVERS_PATH, "min = 2028", 'min = "2028"'), "min = '2028': expected float")
    raises(load_targets, changed(tmp_path, TARGETS_PATH, "year = 2025", "year = 2025.0"), "year = 2025.0: expected int")
    text = TARGETS_PATH.read_text(encoding="utf-8")
    first = text[text.index("[[target]]"):text.index("[[target]]", text.index("[[target]]") + 1)]
    path = tmp_path / "targets.toml"
    path.write_text(text + "\n" + first, encoding="utf-8")
    raises(load_targets, path, "target ind_va_growth", "listed twice")


def test_references_between_files_are_checked(tmp_path):
    raises(load_targets, changed(tmp_path, TARGETS_PATH, 'indicator = "industry_va"', 'indicator = "industry_vaa"'),
           "indicator = 'industry_vaa': not an indicator")
    raises(load_costs, changed(tmp_path, COSTS_PATH, 'lever = "', 'lever = "no_such_'), "not a lever of levers.toml")


def test_unknown_tables_are_errors(tmp_path):
    path = tmp_path / "levers.toml"
    path.write_text(LEVERS_PATH.read_text(encoding="utf-8") + "\n[[levers]]\nid = 'x'\n", encoding="utf-8")
    raises(load_levers, path, "levers: unknown table; did you mean 'lever'?")


def test_the_loader_on_its_own():
    fields = (Field("id"), optional("size", "float", 1.0), optional("tags", "texts", ()))
    schema = Schema("thing", key="id", fields=fields)
    assert entries("f.toml", {"thing": [{"id": "a", "tags": "x"}, {"id": "b", "size": 2}]}, schema) == [
        {"id": "a", "size": 1.0, "tags": ("x",)}, {"id": "b", "size": 2.0, "tags": ()}]
    with pytest.raises(CatalogueError, match=re.escape("f.toml: thing #1: id: missing")):
        entries("f.toml", {"thing": [{"size": 1}]}, schema)
    with pytest.raises(CatalogueError, match="flag = 1: expected flag"):
        check_entry("here", {"flag": 1}, [Field("flag", "flag")])
    with pytest.raises(KeyError):
        check_entry("here", {"size": True}, [Field("size", "float")], error=KeyError)


def test_the_other_data_files_are_read_as_strictly(tmp_path):
    from model.analysis.sampling import UncertaintyError, read_entries
    from model.base.paths import CHECKS_PATH, SETUP_PATH, UNCERTAINTY_PATH
    from model.calibration.setup import SetupError, load_setup
    from model.checks.config import ChecksConfigError, load_config

    path = changed(tmp_path, UNCERTAINTY_PATH, 'distribution = "triangular"', 'distribution = "triangle"')
    expected = "assumption refining_margin: distribution must be one of"
    with pytest.raises(UncertaintyError, match=expected):
        read_entries(path)
    path = changed(tmp_path, SETUP_PATH, "sigma = 3.0", "sigam = 3.0")
    with pytest.raises(SetupError, match="series grdp: sigam: unknown key; did you mean 'sigma'"):
        load_setup(path)
    path = changed(tmp_path, CHECKS_PATH, "share_tolerance = ", "share_tolerence = ")
    with pytest.raises(ChecksConfigError, match=r"\[extreme\]: share_tolerence: unknown key"):
        load_config(path)
