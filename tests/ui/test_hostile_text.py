"""Hostile user text through every workshop view and the simulator's link warning (AppTest).

A corpus of strings that would render as a link, an image, a formula, a
colour, HTML or a code span is pushed through team names and the session
title (facilitator: board, debrief and teams views; a team's view before and
after the reveal) and through a share link. Every Markdown element must carry
each string only in its escaped form (:func:`ui.plain.plain`), never as
written, and no busy or broken database may surface as a traceback.
"""

from __future__ import annotations

import re
import sqlite3

import pytest
from streamlit.testing.v1 import AppTest
from test_workshop_app import APP, TIMEOUT, clean, database, workshop_page  # noqa: F401 (fixture)

from model.workshop import service
from model.workshop.store import Store
from ui.plain import plain

HOSTILE = [
    "![b](http://probe.invalid/x.png)",
    "[Reveal now](http://probe.invalid)",
    "$\\int_0^1$ x",
    ":red[alarm] :material/home:",
    "<img src=x onerror=alert(1)>",
    "`tick` **bold**",
    "www.probe.invalid/x",
    "<http://probe.invalid>",
]
MARKDOWN_KINDS = ("title", "header", "subheader", "markdown", "caption", "info", "success", "warning", "error",
                  "toast", "exception")


def markdown_texts(at: AppTest) -> list[str]:
    """Every string the page renders as Markdown (element bodies, labels, metric labels)."""
    texts = []
    for kind in MARKDOWN_KINDS:
        texts += [str(element.value) for element in at.get(kind)]
    texts += [m.label for m in at.metric] + [str(e.label) for e in at.get("expander")]
    return texts


def assert_plain(at: AppTest, strings) -> None:
    clean(at)
    texts = markdown_texts(at)
    for text in strings:
        assert not any(text in shown for shown in texts), text
    joined = "\n".join(texts)
    for marker in ("](http", "![", "<img", ":red[", "$\\int", "<http"):  # unless escaped by a backslash
        assert not re.search(r"(?<!\\)" + re.escape(marker), joined), marker


@pytest.fixture
def hostile_session(database):  # noqa: F811 (pytest fixture)
    store = Store(database)
    session, secret = service.create_session(store, "[Workshop](http://probe.invalid) $x$", "vi")
    key = service.FacilitatorKey(session.id, secret)
    service.open_round(store, key, "ind_va_growth", ["investment_promotion"])
    teams = []
    for number, name in enumerate(HOSTILE):
        team, token = service.join_team(store, session.code, name)
        teams.append(service.TeamKey(team.id, token))
        service.submit(store, teams[-1], {"investment_promotion": 25 * number}, 5.0 + number)
    return store, key, teams, session


@pytest.mark.parametrize("view", ["board", "debrief", "teams"])
def test_facilitator_views_show_hostile_names_as_plain_text(hostile_session, view):
    store, key, _, session = hostile_session
    fac = clean(workshop_page({"ws": key.session_id, "fac": key.secret}))
    if view != "board":
        fac.button_group(key="ws_view").set_value(view).run()
    assert_plain(fac, [*HOSTILE, session.title])
    if view == "teams":
        assert any(plain(HOSTILE[0]) in text for text in markdown_texts(fac))
    service.reveal(store, key)
    fac.run()
    assert_plain(fac, [*HOSTILE, session.title])


def test_open_round_lists_missing_teams_as_plain_text(hostile_session, database):  # noqa: F811
    store, key, _, session = hostile_session
    service.join_team(store, session.code, "[late](http://probe.invalid)")
    fac = clean(workshop_page({"ws": key.session_id, "fac": key.secret}))
    assert_plain(fac, ["[late](http://probe.invalid)", *HOSTILE])
    assert any(plain("[late](http://probe.invalid)") in text for text in markdown_texts(fac))


def test_team_view_shows_hostile_names_and_title_as_plain_text(hostile_session):
    store, key, teams, session = hostile_session
    team = clean(workshop_page({"team": teams[1].team_id, "tk": teams[1].token}))
    assert_plain(team, [HOSTILE[1], session.title])
    assert any(plain(HOSTILE[1]) in text for text in markdown_texts(team))
    service.reveal(store, key)
    team.run()
    assert_plain(team, [*HOSTILE, session.title])


def test_join_errors_are_plain_text(hostile_session):
    session = hostile_session[3]
    again = clean(workshop_page({"join": session.code}))
    again.text_input(key="ws_team_name_input").input(HOSTILE[0]).run()
    again.button(key="ws_join").click().run()
    assert_plain(again, HOSTILE)
    assert again.error


def test_a_busy_database_is_one_line_in_the_pages_language_and_the_entry_stays(hostile_session):
    store, key, teams, _ = hostile_session
    team = clean(workshop_page({"team": teams[0].team_id, "tk": teams[0].token, "lang": "vi"}))
    round_id = service.board(store, key).current.id
    team.text_input(key=f"ws_prediction_{round_id}").input("7,5")
    team.select_slider(key=f"ws_lever_{round_id}_investment_promotion").set_value(200)
    holder = sqlite3.connect(store.path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        team.button(key=f"ws_submit_{round_id}").click().run(timeout=TIMEOUT)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    clean(team)
    assert [e.value for e in team.error] == ["Cơ sở dữ liệu của hội thảo đang bận; chưa lưu gì. Những gì bạn đã nhập "
                                             "vẫn còn trên trang: hãy gửi lại sau giây lát."]
    assert team.text_input(key=f"ws_prediction_{round_id}").value == "7,5"
    assert team.select_slider(key=f"ws_lever_{round_id}_investment_promotion").value == 200
    team.button(key=f"ws_submit_{round_id}").click().run()
    clean(team)
    entry = {e.team_id: e for e in service.board(store, key).submissions[round_id]}[teams[0].team_id]
    assert entry.levers["investment_promotion"] == 200 and entry.prediction == 7.5


@pytest.mark.parametrize("kind", ["foreign", "garbage"])
def test_a_wrong_database_file_is_one_line_and_never_a_traceback(database, kind):  # noqa: F811
    if kind == "foreign":
        conn = sqlite3.connect(database)
        conn.execute("CREATE TABLE notes (x)")
        conn.commit()
        conn.close()
    else:
        database.write_text("garbage " * 500)
    at = clean(workshop_page({"lang": "en"}))
    assert len(at.error) == 1 and str(database) not in at.error[0].value
    expected = "belongs to another program" if kind == "foreign" else "is damaged"
    assert expected in at.error[0].value and "nothing was written" in at.error[0].value


@pytest.mark.parametrize("value", ["`x` [a](http://probe.invalid)", "![i](http://probe.invalid/i.png)", "$x$ `"])
def test_share_link_problems_are_plain_text(value):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["admin_reform"] = value
    at.query_params["lang"] = "en`" + value
    at.run()
    clean(at)
    warning = at.warning[0].value
    for marker in ("](http", "![", "`x`", "$x$"):
        assert marker not in warning
    assert plain(value[:10]) in warning


def test_fractional_year_in_a_share_link_is_refused():
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["refinery_expansion_year"] = "2027.5"
    at.run()
    clean(at)
    assert "số nguyên" in at.warning[0].value  # Vietnamese, the default
    english = AppTest.from_file(APP, default_timeout=TIMEOUT)
    english.query_params.update({"refinery_expansion_year": "2027.5", "lang": "en"})
    english.run()
    assert "whole number" in clean(english).warning[0].value.replace("\\", "")
