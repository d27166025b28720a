"""The data files agree with the model: levers, indicators, targets, documentation."""

from __future__ import annotations

from model.catalogue.indicators import indicators_by_id, load_indicators
from model.catalogue.levers import GROUPS, load_levers
from model.catalogue.targets import SETS, load_targets
from model.engine.simulator import model_info

PROVENANCE = ("Source", "Assumption", "Calibrated", "Derived", "Policy lever", "External assumption",
              "Historical stance", "Normalising", "Calendar constant")


def test_every_lever_sets_a_model_constant_with_its_default():
    constants = model_info().constants
    for lever in load_levers():
        assert lever.variable in constants, lever.id
        assert constants[lever.variable] == lever.default, lever.id
        assert lever.min < lever.max and lever.step > 0, lever.id


def test_at_least_twelve_levers_cover_every_task_group_and_assumptions_are_apart():
    levers = [lev for lev in load_levers() if lev.kind == "lever"]
    assumptions = [lev for lev in load_levers() if lev.kind == "assumption"]
    assert len(levers) >= 12
    assert {lev.group for lev in levers} == set(GROUPS) - {"external"}
    assert assumptions and all(a.group == "external" for a in assumptions)
    for lev in load_levers():
        assert lev.name_vi and lev.name_en and lev.help_vi and lev.help_en and lev.clause and lev.clause_text


def test_policy_levers_act_from_2021_through_a_historical_stance():
    info = model_info()
    for lever in load_levers():
        if lever.kind == "lever" and "year" not in lever.unit:
            stance = f"{lever.variable} history"
            assert stance in info.constants, f"{lever.id}: no historical stance constant"
            assert info.constants[stance] == lever.default, lever.id


def test_every_constant_has_units_and_a_source_or_assumption_label():
    info = model_info()
    for name in info.constants:
        assert info.units[name] not in ("", "None"), name
        assert any(label in info.comments[name] for label in PROVENANCE), name


def test_indicators_and_targets_refer_to_existing_things():
    info = model_info()
    by_id = indicators_by_id()
    for ind in load_indicators():
        assert all(v in info.kinds for v in ind.variables), ind.id
        assert not ind.growth_of or ind.growth_of in by_id, ind.id
    targets = load_targets()
    assert {t.set for t in targets} == set(SETS)
    assert sum(t.set == "resolution_2025" for t in targets) >= 13
    for target in targets:
        assert target.indicator in by_id, target.id
        assert target.direction in ("at_least", "at_most")
        assert target.lower is not None or target.upper is not None
        assert target.source


def test_contract_columns_are_indicators():
    contract = ("grdp grdp_growth grdp_per_capita_usd industry_va industry_va_growth manufacturing_va "
                "manufacturing_va_growth industry_share indcon_share ind_serv_share manufacturing_share "
                "fabrication_share hitech_share employed_total employed_agri employed_indcon employed_services "
                "nonagri_labour_share indcon_labour_share ind_productivity ind_productivity_growth "
                "ip_wastewater_share ez_ip_investment_cum_usd cluster_investment_cum cluster_realised_share "
                "refinery_va steel_va").split()
    assert set(contract) <= set(indicators_by_id())


def test_assumptions_and_calibrated_constants_state_a_range_that_holds_their_value():
    from model.catalogue.provenance import constants

    for c in constants():
        assert c.provenance != "unlabelled", c.name
        if c.provenance in ("assumption", "calibrated", "external assumption"):
            assert c.low is not None, f"{c.name}: no plausible range in its comment"
            assert c.low <= c.model_value <= c.high, c.name


def test_every_text_of_the_data_files_exists_in_both_languages():
    from model.base.lang import LANGS
    from model.catalogue.costs import load_costs

    records = [(lev, ("name", "help")) for lev in load_levers()] + [(t, ("name",)) for t in load_targets()]
    records += [(ind, ("name",)) for ind in load_indicators()] + [(c, ("basis",)) for c in load_costs()]
    for record, fields in records:
        for field in fields:
            for lang in LANGS:
                assert record.text(field, lang).strip(), (record, field, lang)
