"""The guide's rounds: each preset can be won with its open levers and is not won by the default mix."""

from __future__ import annotations

from types import MappingProxyType

import pytest

from model.base.paths import PROJECT_DIR
from model.catalogue.levers import levers_by_id
from model.catalogue.loader import CatalogueError
from model.catalogue.targets import load_targets
from model.workshop.models import Round
from model.workshop.presets import fixed_settings, load_presets, policy_levers
from model.workshop.reachability import move_values, reach
from model.workshop.simulation import simulate_mix

TARGETS = {target.id: target for target in load_targets()}


def preset_round(preset) -> Round:
    fixed = fixed_settings(preset.base_scenario, preset.assumption_set)
    return Round(id=preset.round, session_id="test", number=preset.round, target_id=preset.target,
                 objective=preset.objective, open_levers=preset.open_levers, base_scenario=preset.base_scenario,
                 assumption_set=preset.assumption_set, base_levers=MappingProxyType(dict(fixed.levers)),
                 assumptions=MappingProxyType(dict(fixed.assumptions)), state="open", opened_at=0.0)


@pytest.mark.parametrize("preset", load_presets(), ids=lambda preset: preset.id)
def test_each_preset_is_winnable_by_its_open_levers_and_not_met_by_default(preset):
    fixed = fixed_settings(preset.base_scenario, preset.assumption_set)
    found = reach(fixed, TARGETS[preset.target], preset.open_levers)
    assert found.best_met, f"{preset.id}: best found {found.best_value:.2f} misses the goal"
    assert not found.default_met, f"{preset.id}: the default mix already meets the goal ({found.default_value:.2f})"
    assert set(found.best_mix) == set(preset.open_levers)
    item = preset_round(preset)
    # Played as a team would: the best mix through the single-run path meets the goal, the default does not.
    best, _ = simulate_mix(item, dict(found.best_mix))
    default, _ = simulate_mix(item, {})
    assert best.met(preset.target)
    assert not default.met(preset.target)
    assert best.value(preset.target) == pytest.approx(found.best_value, abs=0.02)
    assert default.value(preset.target) == pytest.approx(found.default_value, abs=0.02)


def test_presets_follow_the_guide_and_are_named_in_both_guides():
    presets = load_presets()
    assert [p.round for p in presets] == list(range(1, len(presets) + 1))
    for lang in ("vi", "en"):
        guide = (PROJECT_DIR / "docs" / f"workshop_guide_{lang}.md").read_text(encoding="utf-8")
        for preset in presets:
            assert preset.name(lang) in guide, (lang, preset.id)
    assert presets[-1].open_levers == policy_levers()


def test_a_preset_naming_an_unknown_lever_or_both_lever_fields_is_refused(tmp_path):
    head = ('[[preset]]\nid = "x"\nround = 1\nname_vi = "a"\nname_en = "a"\ntarget = "ind_va_growth"\n'
            'objective = "meet"\nbase_scenario = "baseline"\nassumption_set = "baseline"\n')
    for body, message in (('open_levers = ["no_such_lever"]\n', "no_such_lever"),
                          ('open_levers = ["admin_reform"]\nall_levers = true\n', "either")):
        path = tmp_path / "presets.toml"
        path.write_text(head + body, encoding="utf-8")
        with pytest.raises(CatalogueError, match=message):
            load_presets(path)


def test_reach_finds_an_unreachable_goal_out_of_reach():
    # Industrial growth 2021-2030 cannot reach 8.25 %/yr with public infrastructure alone.
    fixed = fixed_settings("baseline", "baseline")
    found = reach(fixed, TARGETS["ind_va_growth_2030"], ["public_infrastructure"])
    assert not found.best_met and not found.default_met
    assert found.best_value >= found.default_value
    lever = levers_by_id()["public_infrastructure"]
    values = move_values(lever)
    assert values[0] == lever.min and values[-1] == lever.max and len(values) >= 5
