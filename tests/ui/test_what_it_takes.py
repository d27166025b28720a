"""The "what would it take" page and the budget flag, driven through Streamlit's AppTest."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from model.catalogue.levers import levers_by_id
from model.catalogue.targets import load_targets

TIMEOUT = 300


def page(lang: str = "en") -> AppTest:
    def script(lang: str) -> None:
        from ui import state
        from ui.pages import what_it_takes

        state.init_session()
        what_it_takes.render(lang)

    return AppTest.from_function(script, args=(lang,), default_timeout=TIMEOUT).run()


def flag(settings: dict) -> AppTest:
    def script(settings: dict) -> None:
        from model.run.runner import simulate
        from model.run.scenario import baseline, with_settings
        from ui.parts.budget import render_budget_flag

        render_budget_flag(simulate(with_settings(baseline(), settings)), "en")

    return AppTest.from_function(script, args=(settings,), default_timeout=TIMEOUT).run()


def test_page_finds_a_mix_shows_gaps_waterfall_and_loads_it_onto_the_sliders():
    at = page()
    assert not at.exception
    at.session_state["wit_goals"] = ["ip_wastewater", "hitech_share_2030"]
    at.session_state["wit_levers"] = ["environmental_investment", "admin_reform"]
    at.session_state["wit_effort"] = "quick"
    at.run()
    at.button(key="wit_run").click().run()
    assert not at.exception
    assert any("closest reaches 1 of 2" in w.value for w in at.warning)
    tables = [d.value for d in at.dataframe]
    assert any("Central wastewater treatment" in str(table.iloc[:, 0].tolist()) for table in tables)
    missed = next(t for t in load_targets() if t.id == "hitech_share_2030").name("en")
    assert any(missed in str(table.iloc[:, 0].tolist()) for table in tables)
    assert len(at.get("vega_lite_chart")) >= 2  # the budget chart and the waterfall
    chosen = at.session_state["wit_outcome"][0].scenario.levers["environmental_investment"]
    at.button(key="wit_load").click().run()
    assert at.session_state["lever__environmental_investment"] == chosen
    assert any("on the sliders" in s.value for s in at.success)


def test_budget_flag_is_red_with_the_amount_when_over_the_envelope():
    at = flag({"public_infrastructure": 1200, "budget_envelope": 200, "budget_binds": 0})
    assert not at.exception and len(at.error) == 1
    assert "Over the provincial budget envelope" in at.error[0].value and "bn VND in total" in at.error[0].value
    at = flag({})
    assert not at.exception and not at.error and "Within" in at.success[0].value


def test_budget_flag_says_when_the_envelope_cuts_the_programme():
    costly = {"public_infrastructure": 1200, "science_technology_support": 400, "talent_attraction": 3000,
              "sme_modernisation": 300, "vocational_training": 40000, "budget_envelope": 200}
    at = flag(costly)
    assert not at.exception
    assert any("only" in w.value and "% of the chosen programme is delivered" in w.value for w in at.warning)
    at = flag({**costly, "budget_binds": 0})
    assert not at.exception and not any("chosen programme" in w.value for w in at.warning)


def test_within_budget_keeps_the_mix_inside_the_envelope_and_says_what_is_out_of_reach():
    at = page()
    lever = levers_by_id()["budget_envelope"]
    at.session_state["assumption__budget_envelope"] = lever.min  # the tightest envelope
    at.session_state["wit_goals"] = ["ip_wastewater", "hitech_share_2030", "ind_va_growth"]
    at.session_state["wit_levers"] = ["environmental_investment", "admin_reform", "public_infrastructure"]
    at.session_state["wit_effort"] = "quick"
    at.session_state["wit_budget"] = True
    at.run()
    at.button(key="wit_run").click().run()
    assert not at.exception, [e.value for e in at.exception]
    outcome, unlimited = at.session_state["wit_outcome"]
    assert outcome.problem.within_budget and not outcome.budget.over
    if outcome.feasible:
        assert unlimited is None
    else:
        assert unlimited is not None and not unlimited.problem.within_budget
        message = " ".join(i.value for i in at.info)
        if unlimited.feasible:
            assert "Out of reach within the budget" in message
            assert all(r.target.name("en") in message for r in outcome.gaps)
        else:
            assert "Even without the budget limit" in message
    at.run()
    assert any("Measured on the last search: Quick:" in c.value for c in at.caption)  # measured, not guessed
