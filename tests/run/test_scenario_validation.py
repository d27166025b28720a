"""Scenario validation, value by value: ranges, types, huge numbers, messages, immutable settings."""

from __future__ import annotations

import pickle

import pytest

from model.base.paths import SCENARIO_DIR
from model.catalogue.levers import defaults, levers_by_id
from model.run.scenario import (
    MAX_INT_DIGITS,
    Scenario,
    ScenarioError,
    Settings,
    baseline,
    check_value,
    from_mapping,
    load_scenario,
    load_shipped,
    shipped_scenarios,
    shown,
    to_toml,
    with_settings,
)

LEVER = levers_by_id()["admin_reform"]          # a policy lever, 0 to 50 %
ASSUMPTION = levers_by_id()["global_fdi_climate"]


def test_the_range_is_inclusive_at_both_ends():
    assert check_value("s", LEVER, LEVER.min) == LEVER.min
    assert check_value("s", LEVER, LEVER.max) == LEVER.max
    assert isinstance(check_value("s", LEVER, int(LEVER.max)), float)


@pytest.mark.parametrize("value", [LEVER.max + 1e-9, LEVER.min - 1e-9, float("nan"), float("inf"), float("-inf")])
def test_values_outside_the_range_are_refused_with_the_range(value):
    with pytest.raises(ScenarioError) as caught:
        check_value("file.toml", LEVER, value)
    assert str(caught.value) == (f"file.toml: levers.admin_reform = {value}: out of range, allowed "
                                 f"{LEVER.min:g} to {LEVER.max:g} {LEVER.unit}")


def test_an_assumption_is_named_under_assumptions():
    with pytest.raises(ScenarioError, match=r"^f: assumptions\.global_fdi_climate = 99: out of range"):
        check_value("f", ASSUMPTION, 99)


@pytest.mark.parametrize(("value", "shown_as"), [
    (True, "bool True"), ("20", "str '20'"), ([20], "list [20]"), (None, "NoneType None"), ({"a": 1}, "dict {'a': 1}"),
])
def test_values_that_are_not_numbers_are_refused_by_type(value, shown_as):
    with pytest.raises(ScenarioError) as caught:
        check_value("f", LEVER, value)
    assert str(caught.value) == f"f: levers.admin_reform: expected a number in {LEVER.unit}, got {shown_as}"


def test_huge_integers_are_refused_before_any_conversion():
    limit = 2 ** (MAX_INT_DIGITS * 4)
    assert check_value("f", LEVER, 0) == 0.0
    with pytest.raises(ScenarioError) as caught:
        check_value("f", LEVER, 10**400)
    assert str(caught.value) == (f"f: levers.admin_reform: an integer of 1329 bits (about 10^400): out of range, "
                                 f"allowed {LEVER.min:g} to {LEVER.max:g} {LEVER.unit}")
    with pytest.raises(ScenarioError, match=r"\(about -10\^400\)"):
        check_value("f", LEVER, -(10**400))
    with pytest.raises(ScenarioError, match="an integer of"):
        check_value("f", LEVER, limit)
    with pytest.raises(ScenarioError, match=rf"= {limit - 1}: out of range, allowed"):  # one bit less: converted
        check_value("f", LEVER, limit - 1)


def test_shown_cuts_long_and_unprintable_values():
    assert shown("abc") == "'abc'"
    assert shown("x" * 100) == "'" + "x" * 58 + "…" and len(shown("x" * 100)) == 60
    assert len(shown("x" * 58)) == 60 and shown("x" * 58).endswith("'")
    deep: list = []
    for _ in range(100_000):
        deep = [deep]
    assert shown(deep) == "<list>"


@pytest.mark.parametrize(("text", "message"), [
    ("", None),
    ('name = "a"\ndescription = "b"\n', None),
    ("[levers]\nadmin_reform = " + "9" * 5000, "malformed TOML: Exceeds the limit"),
    ("[levers]\nadmin_reform = " + "[" * 3000 + "]" * 3000, "malformed TOML: arrays or tables nested too deeply"),
    ("name = 1", "name and description must be text"),
    ('description = ["x"]', "name and description must be text"),
    ("[assumptions]\nadmin_reform = 1", "assumptions.admin_reform: unknown assumption"),
    ("assumptions = 2", "[assumptions] must be a table of id = number"),
])
def test_files(tmp_path, text, message):
    path = tmp_path / "s.toml"
    path.write_text(text)
    if message is None:
        scenario = load_scenario(path)
        assert scenario.name == ("a" if text else "s") and scenario.description == ("b" if text else "")
        assert dict(scenario.levers) == {k: v for k, v in defaults("lever").items()}
        return
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert str(caught.value).startswith(f"{path}: {message}")


def test_unreadable_files(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(ScenarioError, match=r"s\.toml: cannot read: "):
        load_scenario(tmp_path / "file" / "s.toml")  # its parent is a file
    (tmp_path / "bad.toml").write_bytes(b"name = '\xff'")
    with pytest.raises(ScenarioError, match=r"malformed TOML|cannot read"):
        load_scenario(tmp_path / "bad.toml")


def test_unknown_top_level_field_suggests_the_closest_or_lists_the_valid_names():
    with pytest.raises(ScenarioError, match=r"^<s>: descripton: unknown field; did you mean 'description'\?"):
        from_mapping({"descripton": "x"}, "<s>")
    with pytest.raises(ScenarioError) as caught:
        from_mapping({"zzzzzzzz": 1})
    assert str(caught.value) == ("<scenario>: zzzzzzzz: unknown field; "
                                 "valid names: assumptions, description, levers, name")


def test_unknown_ids_far_from_any_name_list_the_valid_names():
    with pytest.raises(ScenarioError, match=r"^<s>: levers\.zzzzzzzz: unknown lever; valid names: [a-z_]+, "):
        from_mapping({"levers": {"zzzzzzzz": 1}}, "<s>")
    with pytest.raises(ScenarioError, match=r"^<settings>: zzzzzzzz: unknown lever; valid names: [a-z_]+, "):
        with_settings(baseline(), {"zzzzzzzz": 1})


def test_settings_are_immutable_hashable_and_ordered():
    a = Settings({"b": 1, "a": 2})
    assert list(a) == ["b", "a"] and len(a) == 2 and a["a"] == 2.0 and isinstance(a["b"], float)
    assert a == Settings({"a": 2, "b": 1}) and hash(a) == hash(Settings({"a": 2.0, "b": 1.0}))
    assert a == {"a": 2.0, "b": 1.0} and a != {"a": 2.0} and a != [("a", 2.0)] and a != Settings({"a": 2})
    with pytest.raises(AttributeError):
        a.x = 1
    assert pickle.loads(pickle.dumps(a)) == a and repr(a) == "Settings({'b': 1.0, 'a': 2.0})"
    assert Settings() == {} and Settings(None) == Settings({})
    assert hash(Settings({"a": 1})) != hash(Settings({"a": 2})) != hash(Settings({"b": 2}))


def test_scenario_helpers():
    base = baseline()
    mix = with_settings(base, {"admin_reform": 30, "global_fdi_climate": ASSUMPTION.max}, name="mix")
    assert mix.name == "mix" and mix.description == base.description
    assert mix.changed() == {"admin_reform": 30.0, "global_fdi_climate": ASSUMPTION.max}
    assert mix.key() == (mix.levers, mix.assumptions) and hash(mix.renamed("other")) == hash(mix.renamed("other"))
    assert mix.renamed("r").name == "r" and mix.renamed("r", "d").description == "d"
    assert mix.renamed("r").description == mix.description
    only = mix.assumptions_only()
    assert only.levers == Settings(defaults("lever")) and only.assumptions == mix.assumptions and only.name == "mix"
    assert mix.assumptions_only("x").name == "x"
    params = mix.model_params()
    assert params[LEVER.variable] == 30.0 and params[ASSUMPTION.variable] == ASSUMPTION.max
    assert set(mix.settings()) == set(levers_by_id())
    assert with_settings(base, {}) == Scenario(base.name, base.description, base.levers, base.assumptions)
    made = Scenario("x", levers={"admin_reform": 1}, assumptions={"global_fdi_climate": 0.5})
    assert isinstance(made.levers, Settings) and isinstance(made.assumptions, Settings) and hash(made)
    assert made.levers["admin_reform"] == 1.0 and made.assumptions["global_fdi_climate"] == 0.5
    kept = Settings({"admin_reform": 2})
    assert Scenario("y", levers=kept).levers is kept
    with pytest.raises(ScenarioError, match=r"^<settings>: admin_reforn: unknown lever; did you mean 'admin_reform'"):
        with_settings(base, {"admin_reforn": 1})
    with pytest.raises(ScenarioError, match=r"^<settings>: levers\.admin_reform = -1: out of range"):
        with_settings(base, {"admin_reform": -1})


def test_to_toml_quotes_text_and_writes_whole_numbers_as_integers(tmp_path):
    mix = with_settings(baseline(), {"admin_reform": 30, "global_fdi_climate": 0.8}).renamed('a "b" \\ c', "x\ny")
    text = to_toml(mix)
    assert "admin_reform = 30\n" in text and "global_fdi_climate = 0.8\n" in text
    assert text.startswith('name = "a \\"b\\" \\\\ c"\ndescription = "x\\ny"\n\n[levers]\n')
    assert "\n\n[assumptions]\n" in text and text.endswith("\n")
    path = tmp_path / "m.toml"
    path.write_text(text)
    again = load_scenario(path)
    assert again == mix


def test_load_shipped_reads_the_file_of_that_name():
    assert load_shipped("resolution") == load_scenario(SCENARIO_DIR / "resolution.toml")
    assert load_shipped("resolution").name != load_shipped("baseline").name


def test_shipped_scenarios_come_in_the_offered_order():
    names = shipped_scenarios()
    assert names[:4] == ["baseline", "resolution", "pessimistic", "optimistic"]
    assert names[4:] == sorted(names[4:]) and len(names) == len(set(names))
