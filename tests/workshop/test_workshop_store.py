"""Workshop storage: simultaneous submissions, restarts, schema and file location."""

import json
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from model.base.paths import PROJECT_DIR
from model.workshop import loadtest, service
from model.workshop.store import ENV_VAR, SCHEMA_VERSION, Store, StoreError, default_path

SUBMITTERS = 30
LEVERS = ["vocational_training", "investment_promotion"]


def _check_database(path: Path, submitters: int) -> None:
    """Read the file with plain sqlite3 (not the code under test): each team's entry once, its own."""
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            "SELECT t.name, s.levers, s.prediction, s.revision FROM submissions s JOIN teams t ON t.id = s.team_id"
        ).fetchall()
        log = conn.execute("SELECT team_id, COUNT(*) FROM submission_log GROUP BY team_id").fetchall()
    finally:
        conn.close()
    assert len(rows) == submitters
    assert sorted(name for name, *_ in rows) == [loadtest.team_name(i) for i in range(submitters)]
    for name, levers, prediction, revision in rows:
        index = int(name.split("-")[1])
        assert json.loads(levers) == loadtest.mix_for(index)
        assert prediction == float(index)
        assert revision == 1
    assert len(log) == submitters and all(count == 1 for _, count in log)


def test_thirty_simultaneous_thread_submissions_are_each_stored_once(tmp_path):
    path = tmp_path / "threads.sqlite3"
    result = loadtest.run_threads(path, SUBMITTERS)
    assert result.errors == ()
    assert (result.stored, result.logged, result.wrong) == (SUBMITTERS, SUBMITTERS, 0)
    _check_database(path, SUBMITTERS)


@pytest.mark.slow
def test_thirty_simultaneous_process_submissions_are_each_stored_once(tmp_path):
    path = tmp_path / "processes.sqlite3"
    result = loadtest.run_processes(path, SUBMITTERS)
    assert result.errors == ()
    assert (result.stored, result.logged, result.wrong) == (SUBMITTERS, SUBMITTERS, 0)
    _check_database(path, SUBMITTERS)


@pytest.fixture
def session(tmp_path):
    store = Store(tmp_path / "w.sqlite3")
    created, secret = service.create_session(store, "Hội thảo Quảng Ngãi", "vi")
    key = service.FacilitatorKey(created.id, secret)
    service.open_round(store, key, "ind_va_growth", LEVERS)
    team, token = service.join_team(store, created.code, "Đội Trà Bồng")
    return store, key, service.TeamKey(team.id, token), created


def test_resubmission_replaces_the_entry_and_keeps_the_history(session):
    store, key, team, _ = session
    service.submit(store, team, {"vocational_training": 20000}, 5.0)
    second = service.submit(store, team, {"vocational_training": 30000}, 6.0)
    board = service.board(store, key)
    entries = board.submissions[board.current.id]
    assert second.revision == 2
    assert len(entries) == 1
    assert entries[0].levers["vocational_training"] == 30000 and entries[0].prediction == 6.0
    assert [r["levers"]["vocational_training"] for r in board.revisions] == [20000, 30000]


def test_an_entry_prepared_before_the_round_closed_is_not_stored(session):
    store, key, team, _ = session
    entry = service.prepare_submission(store, team, {"vocational_training": 20000}, 5.0)
    service.close_round(store, key)
    with pytest.raises(service.WorkshopError, match="closed"):
        service.store_submission(store, team, entry)
    board = service.board(store, key)
    assert board.submissions[board.current.id] == () and board.revisions == ()


def test_a_restart_keeps_sessions_rounds_teams_entries_and_secrets(session):
    store, key, team, created = session
    service.submit(store, team, {"investment_promotion": 100}, 7.0)
    service.close_round(store, key)
    before = service.board(store, key)
    path = store.path
    del store, session  # a Store holds no open connection: a new object is a restart of the program

    reopened = Store(path)
    after = service.board(reopened, key)
    assert after == before
    view = service.team_view(reopened, team)
    assert view.own[after.current.id].outcome == before.submissions[after.current.id][0].outcome
    assert service.session_for_code(reopened, created.code) == created


def test_a_new_interpreter_reads_the_same_session(session):
    store, key, team, _ = session
    service.submit(store, team, {"investment_promotion": 100}, 7.0)
    script = textwrap.dedent(f"""
        from model.workshop import service
        from model.workshop.store import Store
        board = service.board(Store({str(store.path)!r}), service.FacilitatorKey({key.session_id!r}, {key.secret!r}))
        entry = board.submissions[board.current.id][0]
        print(board.session.title, len(board.teams), entry.team_name, entry.levers["investment_promotion"])
    """)
    done = subprocess.run([sys.executable, "-c", script], cwd=PROJECT_DIR, capture_output=True, text=True,
                          timeout=120, check=True)
    assert done.stdout.strip() == "Hội thảo Quảng Ngãi 1 Đội Trà Bồng 100.0"


def test_two_workshops_on_one_database_stay_apart(session):
    store, key_a, team_a, created_a = session
    created_b, secret_b = service.create_session(store, "Second workshop", "en")
    key_b = service.FacilitatorKey(created_b.id, secret_b)
    service.open_round(store, key_b, "mfg_share", ["admin_reform"])
    team_b, token_b = service.join_team(store, created_b.code, "Đội Trà Bồng")  # same name, other session
    service.submit(store, team_a, {"vocational_training": 12000}, 4.0)
    service.submit(store, service.TeamKey(team_b.id, token_b), {"admin_reform": 20}, 30.0)
    board_a, board_b = service.board(store, key_a), service.board(store, key_b)
    assert created_a.code != created_b.code
    assert [t.id for t in board_a.teams] == [team_a.team_id]
    assert [t.id for t in board_b.teams] == [team_b.id]
    assert dict(board_a.submissions[board_a.current.id][0].levers) == {"vocational_training": 12000,
                                                                       "investment_promotion": 20}
    assert dict(board_b.submissions[board_b.current.id][0].levers) == {"admin_reform": 20}


def test_a_new_file_gets_the_current_schema_in_wal_mode(tmp_path):
    store = Store(tmp_path / "sub" / "dir" / "new.sqlite3")
    assert store.schema_version() == SCHEMA_VERSION
    assert store.journal_mode() == "wal"
    conn = sqlite3.connect(store.path)
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    conn.close()
    assert {"sessions", "rounds", "teams", "submissions", "submission_log"} <= tables


def test_opening_an_existing_file_does_not_migrate_it_again(session):
    store = session[0]
    Store(store.path)
    assert Store(store.path).schema_version() == SCHEMA_VERSION


def test_a_file_from_a_newer_program_is_refused_untouched(tmp_path):
    path = tmp_path / "future.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match=f"{path}.*newer"):
        Store(path)
    assert path.read_bytes() == before


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path):
    path = tmp_path / "notes.sqlite3"
    path.write_text("not a database, just notes " * 100)
    with pytest.raises(StoreError, match="cannot open"):
        Store(path)
    assert path.read_text().startswith("not a database")


def test_the_path_comes_from_the_environment_or_the_user_data_directory(monkeypatch, tmp_path):
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "named.sqlite3"))
    assert default_path() == tmp_path / "named.sqlite3"
    monkeypatch.delenv(ENV_VAR)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_path() == tmp_path / "data" / "quang-ngai-simulator" / "workshop.sqlite3"
    assert PROJECT_DIR not in default_path().parents
