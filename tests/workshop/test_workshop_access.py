"""Workshop access rules and input validation."""

import math
from types import MappingProxyType

import pytest

from model.workshop import service
from model.workshop.access import CODE_ALPHABET, CODE_LENGTH, new_join_code, normalise_code
from model.workshop.rules import cost_indicator
from model.workshop.service import AccessDenied, WorkshopError
from model.workshop.store import Store

LEVERS = ["refinery_expansion_year", "investment_promotion"]


@pytest.fixture
def workshop(tmp_path):
    """A session with an open round and two teams, A and B, each with one entry."""
    store = Store(tmp_path / "w.sqlite3")
    created, secret = service.create_session(store, "Access test", "en")
    key = service.FacilitatorKey(created.id, secret)
    service.open_round(store, key, "ind_va_growth", LEVERS)
    teams = {}
    for name, year in (("A", 2029), ("B", 2035)):
        team, token = service.join_team(store, created.code, name)
        teams[name] = service.TeamKey(team.id, token)
        service.submit(store, teams[name], {"refinery_expansion_year": year}, 6.0)
    return store, key, teams, created


def _entries(store, key):
    board = service.board(store, key)
    return {e.team_name: e for e in board.submissions[board.current.id]}


def test_a_team_cannot_submit_with_another_teams_id(workshop):
    store, key, teams, _ = workshop
    forged = service.TeamKey(teams["A"].team_id, teams["B"].token)
    with pytest.raises(AccessDenied):
        service.submit(store, forged, {"refinery_expansion_year": 2035}, 1.0)
    assert _entries(store, key)["A"].levers["refinery_expansion_year"] == 2029


def test_a_team_cannot_store_an_entry_under_another_team(workshop):
    store, key, teams, _ = workshop
    entry = service.prepare_submission(store, teams["B"], {"refinery_expansion_year": 2035}, 1.0)
    disguised = service.Submission(entry.round_id, teams["A"].team_id, "A", entry.levers, entry.prediction,
                                   entry.outcome, entry.submitted_at)
    with pytest.raises(AccessDenied):
        service.store_submission(store, teams["B"], disguised)
    entries = _entries(store, key)
    assert entries["A"].levers["refinery_expansion_year"] == 2029
    assert entries["B"].levers["refinery_expansion_year"] == 2035


@pytest.mark.parametrize("operation", [
    lambda store, key: service.rename_session(store, key, "Taken over"),
    lambda store, key: service.open_round(store, key, "mfg_share", ["admin_reform"]),
    lambda store, key: service.close_round(store, key),
    lambda store, key: service.reveal(store, key),
    lambda store, key: service.board(store, key),
])
def test_only_the_facilitator_secret_changes_or_reads_the_session(workshop, operation):
    store, key, teams, _ = workshop
    _, other_secret = service.create_session(store, "Another workshop", "en")
    for wrong in (service.FacilitatorKey(key.session_id, teams["A"].token),
                  service.FacilitatorKey(key.session_id, ""),
                  service.FacilitatorKey(key.session_id, key.secret[:-1]),
                  service.FacilitatorKey(key.session_id, other_secret)):
        with pytest.raises(AccessDenied):
            operation(store, wrong)
    board = service.board(store, key)
    assert board.session.title == "Access test"
    assert [(r.number, r.state) for r in board.rounds] == [(1, "open")]


def test_a_team_sees_no_result_while_open_and_no_other_mix_before_the_reveal(workshop):
    store, key, teams, _ = workshop
    view = service.team_view(store, teams["A"])
    round_id = view.current.id
    assert set(view.own) == {round_id} and view.own[round_id].outcome is None
    assert view.revealed == {}

    service.close_round(store, key)
    view = service.team_view(store, teams["A"])
    assert view.own[round_id].outcome is not None
    assert view.own[round_id].levers["refinery_expansion_year"] == 2029
    assert view.revealed == {}

    service.reveal(store, key)
    view = service.team_view(store, teams["A"])
    assert [e.team_name for e in view.revealed[round_id]] == ["A", "B"]


def test_submit_returns_no_outcome_to_the_team(workshop):
    store, _, teams, _ = workshop
    assert service.submit(store, teams["A"], {"investment_promotion": 50}, 7.0).outcome is None


def test_the_join_code_gives_the_session_name_only(workshop):
    store, _, _, created = workshop
    found = service.session_for_code(store, created.code.lower())
    assert found == created
    assert not hasattr(found, "teams") and not hasattr(found, "submissions")


def test_the_database_holds_no_secret_in_clear(workshop):
    store, key, teams, _ = workshop
    content = b"".join(p.read_bytes() for p in store.path.parent.glob(store.path.name + "*"))
    for secret in (key.secret, teams["A"].token, teams["B"].token):
        assert secret.encode() not in content


def test_a_reissued_token_replaces_the_old_one(workshop):
    store, key, teams, _ = workshop
    fresh = service.reissue_team_token(store, key, teams["A"].team_id)
    with pytest.raises(AccessDenied):
        service.team_view(store, teams["A"])
    assert service.team_view(store, service.TeamKey(teams["A"].team_id, fresh)).team.name == "A"


def test_join_codes_avoid_look_alike_characters():
    codes = {new_join_code() for _ in range(200)}
    assert all(len(code) == CODE_LENGTH and set(code) <= set(CODE_ALPHABET) for code in codes)
    assert not set("01OIL") & set(CODE_ALPHABET)
    assert normalise_code(" k7q-x2m ") == "K7QX2M"


@pytest.mark.parametrize(("levers", "prediction", "message"), [
    ({"admin_reform": 10}, 5.0, "levers.admin_reform: not open in this round; open levers: refinery_expansion_year"),
    ({"refinery_expansoin_year": 2030}, 5.0, "unknown lever; did you mean 'refinery_expansion_year'?"),
    ({"refinery_expansion_year": 2050}, 5.0, "= 2050: out of range, allowed 2028 to 2035 year"),
    ({"refinery_expansion_year": "2030"}, 5.0, "expected a number in year, got str '2030'"),
    ({"refinery_expansion_year": True}, 5.0, "expected a number in year, got bool"),
    ({"investment_promotion": math.inf}, 5.0, "out of range"),
    ([("investment_promotion", 5)], 5.0, "levers: expected a table"),
    ({}, "seven", "prediction: expected a number in %/yr, got str 'seven'"),
    ({}, math.nan, "prediction = nan: expected a finite number"),
])
def test_invalid_entries_are_refused_with_a_clear_message(workshop, levers, prediction, message):
    store, key, teams, _ = workshop
    before = _entries(store, key)
    with pytest.raises(WorkshopError) as error:
        service.submit(store, teams["A"], levers, prediction)
    assert message in str(error.value) and "\n" not in str(error.value)
    assert str(error.value).startswith("round 1:")
    assert _entries(store, key) == before


@pytest.mark.parametrize(("name", "message"), [
    ("   ", "team name: must not be empty"),
    ("x" * 41, "team name: 41 characters, at most 40 allowed"),
    ("Bad\x00name", "team name: contains control characters"),
    (" a ", "team name 'a' is already taken"),
    (42, "team name: expected text, got int"),
])
def test_invalid_team_names_are_refused(workshop, name, message):
    store, _, _, created = workshop
    with pytest.raises(WorkshopError, match="^" + message.replace("(", r"\(")):
        service.join_team(store, created.code, name)


@pytest.mark.parametrize(("code", "message"), [
    ("ABC", "join code 'ABC': expected 6 characters"),
    ("O0I1L2", "join code 'O0I1L2': expected 6 characters from"),
    ("ZZZZZZ", "join code ZZZZZZ: no such session"),
])
def test_bad_join_codes_are_refused(workshop, code, message):
    store = workshop[0]
    with pytest.raises(WorkshopError, match="^" + message):
        service.join_team(store, code, "C")


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"target_id": "ind_va_growht"}, "target 'ind_va_growht': unknown goal; did you mean 'ind_va_growth'?"),
    ({"open_levers": ["refining_margin"]}, "open levers: refining_margin: an external assumption"),
    ({"open_levers": []}, "open levers: choose at least one lever"),
    ({"open_levers": "admin_reform"}, "open levers: expected a list"),
    ({"base_scenario": "optimstic"}, "base scenario 'optimstic': unknown scenario; did you mean 'optimistic'?"),
    ({"assumption_set": "nowhere"}, "assumption set 'nowhere': unknown scenario"),
    ({"objective": "cheapest"}, "objective 'cheapest': expected one of meet"),
])
def test_invalid_round_settings_are_refused(workshop, kwargs, message):
    store, key, _, _ = workshop
    service.close_round(store, key)
    settings = {"target_id": "mfg_share", "open_levers": ["admin_reform"], **kwargs}
    with pytest.raises(WorkshopError) as error:
        service.open_round(store, key, **settings)
    assert str(error.value).startswith(message)
    assert len(service.board(store, key).rounds) == 1


def test_the_lowest_cost_objective_needs_a_cost_in_the_model(workshop):
    store, key, _, _ = workshop
    service.close_round(store, key)
    if cost_indicator() is None:
        with pytest.raises(WorkshopError, match="reports no public cost"):
            service.open_round(store, key, "mfg_share", ["admin_reform"], objective="meet_lowest_cost")
    else:
        opened = service.open_round(store, key, "mfg_share", ["admin_reform"], objective="meet_lowest_cost")
        assert opened.objective == "meet_lowest_cost"


def test_a_second_round_cannot_open_while_one_is_open(workshop):
    store, key, _, _ = workshop
    with pytest.raises(WorkshopError, match="round 1 is still open; close it first"):
        service.open_round(store, key, "mfg_share", ["admin_reform"])


def test_round_settings_are_frozen_copies(workshop):
    store, key, _, _ = workshop
    current = service.board(store, key).current
    assert isinstance(current.base_levers, MappingProxyType)
    with pytest.raises(TypeError):
        current.base_levers["admin_reform"] = 50
