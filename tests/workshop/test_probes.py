"""Hostile probes of the workshop: storage faults, access attempts, hostile team names, numbers.

Each probe must end cleanly: a :class:`StoreError` of the right kind, an
:class:`AccessDenied` or a one-line :class:`WorkshopError`; never a raw
``sqlite3`` error, never a change to a file that was refused, never data
shown to someone who may not see it.
"""

from __future__ import annotations

import csv
import io
import os
import sqlite3
import threading
import time

import pytest

from model.report.export import FORMULA_STARTS
from model.workshop import export, service
from model.workshop.rules import name_key
from model.workshop.service import AccessDenied, WorkshopError
from model.workshop.store import APPLICATION_ID, SCHEMA_VERSION, Store, StoreError

LEVER = "investment_promotion"


@pytest.fixture
def workshop(tmp_path):
    """A session with an open round and one team (A) that submitted once."""
    store = Store(tmp_path / "w.sqlite3", timeout=0.3)
    created, secret = service.create_session(store, "Probe", "en")
    key = service.FacilitatorKey(created.id, secret)
    service.open_round(store, key, "ind_va_growth", [LEVER])
    team, token = service.join_team(store, created.code, "A")
    team_key = service.TeamKey(team.id, token)
    service.submit(store, team_key, {LEVER: 10}, 6.0)
    return store, key, team_key, created


def is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def entries(store, key):
    board = service.board(store, key)
    return {e.team_name: e for e in board.submissions.get(board.rounds[-1].id, ())}


class Locked:
    """Another program holding the write lock of the database file."""

    def __init__(self, path):
        self.conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)

    def __enter__(self):
        self.conn.execute("BEGIN EXCLUSIVE")
        return self

    def __exit__(self, *exc):
        self.conn.execute("ROLLBACK")
        self.conn.close()


# --- storage faults ---------------------------------------------------------------------------------------

def test_busy_database_submit_is_refused_quickly_and_nothing_is_saved(workshop):
    store, key, team, _ = workshop
    with Locked(store.path):
        started = time.monotonic()
        with pytest.raises(StoreError) as caught:
            service.submit(store, team, {LEVER: 20}, 7.0)
        assert time.monotonic() - started < 5
    assert caught.value.kind == "busy" and "try again" in str(caught.value)
    assert entries(store, key)["A"].levers[LEVER] == 10
    service.submit(store, team, {LEVER: 20}, 7.0)  # resubmitted once the lock is gone
    assert entries(store, key)["A"].levers[LEVER] == 20


def test_busy_database_join_and_create_are_refused_with_the_busy_kind(workshop):
    store, _, _, created = workshop
    with Locked(store.path):
        for attempt in (lambda: service.join_team(store, created.code, "B"),
                        lambda: service.create_session(store, "Second", "en")):
            with pytest.raises(StoreError) as caught:
                attempt()
            assert caught.value.kind == "busy"


def test_a_lock_released_within_the_timeout_is_waited_for(tmp_path):
    store = Store(tmp_path / "w.sqlite3", timeout=3.0)
    holder = Locked(store.path).__enter__()
    threading.Timer(0.3, lambda: holder.__exit__(None, None, None)).start()
    session, _ = service.create_session(store, "Waited", "en")
    assert service.session_for_code(store, session.code).title == "Waited"


@pytest.mark.parametrize("how", ["deleted", "emptied"])
def test_a_database_deleted_or_emptied_mid_session_gets_its_schema_back(workshop, how):
    store, key, team, created = workshop
    for suffix in ("", "-wal", "-shm"):
        path = store.path.with_name(store.path.name + suffix)
        if path.exists():
            path.unlink()
    if how == "emptied":
        store.path.write_bytes(b"")
    with pytest.raises(AccessDenied):  # the session is gone, but the failure is a clean one
        service.board(store, key)
    with pytest.raises(WorkshopError, match="no such session"):
        service.join_team(store, created.code, "B")
    with pytest.raises(AccessDenied):
        service.submit(store, team, {LEVER: 20}, 7.0)
    again, _ = service.create_session(store, "After", "en")
    assert service.session_for_code(store, again.code).title == "After"
    assert store.schema_version() == SCHEMA_VERSION


def test_a_database_whose_directory_was_deleted_is_recreated(tmp_path):
    store = Store(tmp_path / "data" / "w.sqlite3")
    for path in (tmp_path / "data").iterdir():
        path.unlink()
    (tmp_path / "data").rmdir()
    service.create_session(store, "Back", "en")
    assert store.path.exists()


def _garbage_pages(path):
    store = Store(path)
    for _ in range(30):
        service.create_session(store, "T" * 70, "en")
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(path.read_bytes())
    data[4096 * 2:4096 * 3] = bytes((i * 37) % 256 for i in range(4096))
    path.write_bytes(bytes(data))


def _foreign(path):
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (text TEXT)")
    conn.commit()
    conn.close()


def _foreign_with_our_table_names(path):
    conn = sqlite3.connect(path)
    for table in ("sessions", "rounds", "teams", "submissions", "submission_log"):
        conn.execute(f"CREATE TABLE {table} (x)")
    conn.execute("PRAGMA application_id = 1234")
    conn.commit()
    conn.close()


def _partial(path):
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE sessions (id TEXT)")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()


def _newer(path):
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()


def _truncated(path):
    _garbage_pages(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


@pytest.mark.parametrize(("make", "kind"), [
    (_garbage_pages, "corrupt"),
    (lambda path: path.write_text("not a database " * 300), "corrupt"),
    (_truncated, "corrupt"),
    (_foreign, "foreign"),
    (_foreign_with_our_table_names, "foreign"),
    (_partial, "foreign"),
    (_newer, "newer"),
], ids=["garbage_pages", "text_file", "truncated", "foreign", "foreign_application_id", "partial_schema", "newer"])
@pytest.mark.parametrize("readonly", [False, True], ids=["read_write", "read_only"])
def test_a_wrong_file_is_refused_and_left_untouched(tmp_path, make, kind, readonly):
    path = tmp_path / "w.sqlite3"
    make(path)
    before = path.read_bytes()
    with pytest.raises(StoreError) as caught:
        Store(path, readonly=readonly)
    assert caught.value.kind == kind and str(path) in str(caught.value) and "\n" not in str(caught.value)
    assert path.read_bytes() == before
    assert not path.with_name(path.name + "-wal").exists() or readonly


def test_a_read_only_file_is_refused_before_anything_is_written(tmp_path, monkeypatch):
    path = tmp_path / "w.sqlite3"
    Store(path)
    before = path.read_bytes()
    monkeypatch.setattr(os, "access", lambda *args, **kwargs: False)
    with pytest.raises(StoreError) as caught:
        Store(path)
    assert caught.value.kind == "readonly" and path.read_bytes() == before


@pytest.mark.parametrize("where", ["directory", "parent_is_file"])
def test_an_unusable_path_is_refused(tmp_path, where):
    (tmp_path / "file").write_text("x")
    path = tmp_path if where == "directory" else tmp_path / "file" / "w.sqlite3"
    with pytest.raises(StoreError):
        Store(path)


def test_the_read_only_store_never_writes(workshop):
    store, key, _, _ = workshop
    reader = Store(store.path, readonly=True)
    assert reader.schema_version() == SCHEMA_VERSION
    assert service.board(reader, key).session.title == "Probe"
    with pytest.raises(StoreError) as caught:
        service.rename_session(reader, key, "Changed")
    assert caught.value.kind == "readonly"
    with pytest.raises(StoreError):
        Store(store.path.with_name("absent.sqlite3"), readonly=True)
    assert not store.path.with_name("absent.sqlite3").exists()


def test_a_new_database_carries_the_workshop_application_id(tmp_path):
    store = Store(tmp_path / "w.sqlite3")
    conn = sqlite3.connect(store.path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    conn.close()


# --- access attempts ----------------------------------------------------------------------------------------

FACILITATOR_OPERATIONS = {
    "rename": lambda store, key, team: service.rename_session(store, key, "Taken over"),
    "open": lambda store, key, team: service.open_round(store, key, "mfg_share", ["admin_reform"]),
    "close": lambda store, key, team: service.close_round(store, key),
    "reveal": lambda store, key, team: service.reveal(store, key),
    "end": lambda store, key, team: service.end_session(store, key),
    "reissue": lambda store, key, team: service.reissue_team_token(store, key, team.team_id),
    "board": lambda store, key, team: service.board(store, key),
}
WRONG_SECRETS = {"wrong": "x" * 32, "empty": "", "none": None, "number": 12345, "huge": "s" * 1_000_000,
                 "sql": "' OR '1'='1"}


@pytest.mark.parametrize("secret", WRONG_SECRETS)
@pytest.mark.parametrize("operation", FACILITATOR_OPERATIONS)
def test_facilitator_operations_need_the_secret(workshop, operation, secret):
    store, key, team, _ = workshop
    with pytest.raises(AccessDenied):
        FACILITATOR_OPERATIONS[operation](store, service.FacilitatorKey(key.session_id, WRONG_SECRETS[secret]), team)
    assert service.board(store, key).session.title == "Probe"
    assert service.board(store, key).rounds[-1].state == "open"


def test_another_sessions_secret_gives_no_access(workshop):
    store, key, team, _ = workshop
    _, other_secret = service.create_session(store, "Other", "en")
    for operation in FACILITATOR_OPERATIONS.values():
        with pytest.raises(AccessDenied):
            operation(store, service.FacilitatorKey(key.session_id, other_secret), team)


TEAM_OPERATIONS = {
    "submit": lambda store, key: service.submit(store, key, {LEVER: 30}, 1.0),
    "prepare": lambda store, key: service.prepare_submission(store, key, {LEVER: 30}, 1.0),
    "view": lambda store, key: service.team_view(store, key),
}


@pytest.mark.parametrize("token", WRONG_SECRETS)
@pytest.mark.parametrize("operation", TEAM_OPERATIONS)
def test_team_operations_need_the_token(workshop, operation, token):
    store, key, team, _ = workshop
    with pytest.raises(AccessDenied):
        TEAM_OPERATIONS[operation](store, service.TeamKey(team.team_id, WRONG_SECRETS[token]))
    assert entries(store, key)["A"].levers[LEVER] == 10


def test_join_codes_stop_working_when_the_session_ends(workshop):
    store, key, team, created = workshop
    service.join_team(store, created.code, "B")
    service.reveal(store, key)
    ended = service.end_session(store, key)
    assert ended.ended and service.board(store, key).rounds[-1].state == "revealed"
    with pytest.raises(WorkshopError, match="has ended"):
        service.join_team(store, created.code, "Late")
    with pytest.raises(WorkshopError, match="has ended"):
        service.open_round(store, key, "mfg_share", ["admin_reform"])
    assert [t.name for t in service.board(store, key).teams] == ["A", "B"]
    assert service.team_view(store, team).session.ended  # joined teams keep what they may see


def test_ending_closes_an_open_round(workshop):
    store, key, team, _ = workshop
    service.end_session(store, key)
    assert service.board(store, key).rounds[-1].state == "closed"
    with pytest.raises(WorkshopError, match="no round is open"):
        service.submit(store, team, {LEVER: 30}, 1.0)


def test_join_codes_stop_working_a_day_after_creation(workshop, monkeypatch):
    store, _, _, created = workshop
    later = created.created_at + service.JOIN_HOURS * 3600 + 1
    monkeypatch.setattr(service.time, "time", lambda: later)
    with pytest.raises(WorkshopError, match="has ended"):
        service.join_team(store, created.code, "Late")


@pytest.mark.parametrize("code", ["", "ABC", "ABCDEFG", "O0O0O0", "１２３４５６", "'; DROP TABLE teams; --",
                                  "A" * 10_000, None, 123456])
def test_bad_join_codes_are_refused_in_one_line(workshop, code):
    store = workshop[0]
    with pytest.raises(WorkshopError) as caught:
        service.join_team(store, code, "Z")
    assert "\n" not in str(caught.value) and len(str(caught.value)) < 300


# --- hostile team names and numbers ---------------------------------------------------------------------------

HOSTILE_NAMES = [
    "![b](http://probe.invalid/x.png)",
    "[Reveal now](http://probe.invalid/)",
    "$\\frac{1}{0}$",
    ":red[alarm] :material/warning:",
    "<img src=x onerror=alert(1)>",
    '=HYPERLINK("http://p.invalid","Open")',
    "+1-1 @SUM(A1)",
    "`code` **bold** ~~gone~~",
]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_team_names_are_stored_as_typed_and_exported_as_text(workshop, name):
    store, key, _, created = workshop
    team, token = service.join_team(store, created.code, name)
    service.submit(store, service.TeamKey(team.id, token), {LEVER: 20}, 6.5)
    assert name in entries(store, key)
    text = export.session_csv(service.board(store, key)).decode("utf-8-sig")
    for row in csv.reader(io.StringIO(text)):
        for cell in row:
            assert is_number(cell) or not cell.startswith(FORMULA_STARTS), cell


@pytest.mark.parametrize(("first", "second"), [
    ("Team A", "team a"), ("Team A", "Tеam А"), ("Alpha", "Αlpha"), ("ocean", "осеаn"), ("Team A", "Ｔｅａｍ Ａ"),
    ("Team  A", " Team A "), ("Team 0", "Team O"), ("Tỉnh", "TỈNH"),
])
def test_look_alike_names_are_refused(workshop, first, second):
    store, _, _, created = workshop
    service.join_team(store, created.code, first)
    with pytest.raises(WorkshopError, match="already taken"):
        service.join_team(store, created.code, second)


def test_vietnamese_marks_still_tell_names_apart():
    assert name_key("Nhóm") != name_key("Nhom") and name_key("Đội") != name_key("Doi")
    assert name_key("ＡＢＣ") == name_key("abc") == name_key("АВС")


@pytest.mark.parametrize("name", ["a\u200bb", "a\u202eb", "a\x00b", "\x1b[31mred", "x" * 41, "   ", 12, None])
def test_invisible_control_or_oversized_names_are_refused(workshop, name):
    store, _, _, created = workshop
    with pytest.raises(WorkshopError):
        service.join_team(store, created.code, name)


@pytest.mark.parametrize("value", [10**400, -(10**400), 10**20, 1e300, float("nan"), float("inf"), "6", True, None,
                                   [6]])
def test_numbers_are_bounded_before_use(workshop, value):
    store, key, team, _ = workshop
    with pytest.raises(WorkshopError) as caught:
        service.submit(store, team, {LEVER: 20}, value)
    assert "\n" not in str(caught.value) and len(str(caught.value)) < 300
    with pytest.raises(WorkshopError):
        service.submit(store, team, {LEVER: value}, 6.0)
    assert entries(store, key)["A"].levers[LEVER] == 10
