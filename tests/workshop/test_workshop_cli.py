"""``python -m model workshop``: benchmark figures and session export from the command line."""

import re

import pandas as pd
import pytest

from model.commands.main import main
from model.workshop import service
from model.workshop.store import Store


@pytest.fixture
def session(tmp_path):
    store = Store(tmp_path / "w.sqlite3")
    created, secret = service.create_session(store, "CLI", "en")
    key = service.FacilitatorKey(created.id, secret)
    service.open_round(store, key, "ind_va_growth", ["admin_reform"])
    team, token = service.join_team(store, created.code, "Team")
    service.submit(store, service.TeamKey(team.id, token), {"admin_reform": 20}, 5.0)
    return store.path, key


def test_bench_prints_what_was_stored(capsys, tmp_path):
    assert main(["workshop", "bench", "--submitters", "4", "--mode", "threads", "--db-dir", str(tmp_path)]) == 0
    line = capsys.readouterr().out.strip()
    expected = r"threads\s*: 4 submitters, 4 entries stored, 4 log rows, 0 wrong, 0 errors; all done [\d.]+ s"
    assert re.match(expected, line)


def test_export_writes_csv_and_excel_and_never_overwrites(session, tmp_path, capsys):
    path, key = session
    args = ["workshop", "export", "--db", str(path), "--session", key.session_id, "--secret", key.secret]
    assert main([*args, "--out", str(tmp_path / "s.csv")]) == 0
    assert main([*args, "--out", str(tmp_path / "s.xlsx")]) == 0
    assert list(pd.read_csv(tmp_path / "s.csv")["team"]) == ["Team"]
    assert pd.read_excel(tmp_path / "s.xlsx", sheet_name="submissions")["admin_reform"].tolist() == [20]
    before = (tmp_path / "s.csv").read_bytes()
    assert main([*args, "--out", str(tmp_path / "s.csv")]) == 2
    assert (tmp_path / "s.csv").read_bytes() == before
    assert capsys.readouterr().err.count("\n") == 1


@pytest.mark.parametrize(("change", "message"), [
    ({"--secret": "wrong"}, "error: this link does not give facilitator access to the session"),
    ({"--out": "session.txt"}, "expected a .csv or .xlsx file name"),
    ({"--db": "missing.sqlite3"}, "no such workshop database"),
])
def test_export_errors_are_one_line(session, tmp_path, capsys, change, message):
    path, key = session
    options = {"--db": str(path), "--session": key.session_id, "--secret": key.secret,
               "--out": str(tmp_path / "out.csv"), **change}
    if change.get("--db") == "missing.sqlite3":
        options["--db"] = str(tmp_path / "missing.sqlite3")
    assert main(["workshop", "export", *[x for pair in options.items() for x in pair]]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
    assert not (tmp_path / "out.csv").exists() and not (tmp_path / "missing.sqlite3").exists()
