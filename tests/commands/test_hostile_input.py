"""Hostile command-line input: every case ends in exit 0, or in one line on stderr and exit status 2.

The cases re-run the probes of a hostile review of the command line (scenario
files, option values, output paths, workshop databases). None may end in a
traceback, a second line of output on stderr, or a file left behind.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile

import pytest

from model.base.paths import SCENARIO_DIR
from model.commands.main import main
from model.workshop import service
from model.workshop.store import Store

BASELINE = str(SCENARIO_DIR / "baseline.toml")
DEEP = 3000

#: Scenario files: name -> file content (text or bytes). All must end in one line and exit 2.
BAD_SCENARIOS = {
    "int_400_digits": "[levers]\npublic_infrastructure = " + "9" * 400,
    "negative_int_400_digits": "[levers]\npublic_infrastructure = -" + "9" * 400,
    "int_5000_digits": "[levers]\npublic_infrastructure = " + "9" * 5000,
    "int_hex_huge": "[levers]\npublic_infrastructure = 0x" + "f" * 300,
    "float_1e400": "[levers]\npublic_infrastructure = 1e400",
    "nan": "[levers]\npublic_infrastructure = nan",
    "inf": "[levers]\npublic_infrastructure = inf",
    "minus_inf": "[levers]\npublic_infrastructure = -inf",
    "string_value": '[levers]\npublic_infrastructure = "900"',
    "bool_value": "[levers]\npublic_infrastructure = true",
    "array_value": "[levers]\npublic_infrastructure = [900]",
    "table_value": "[levers]\npublic_infrastructure = {value = 900}",
    "date_value": "[levers]\npublic_infrastructure = 2025-01-01",
    "time_value": "[levers]\npublic_infrastructure = 07:30:00",
    f"array_nested_{DEEP}": "[levers]\npublic_infrastructure = " + "[" * DEEP + "]" * DEEP,
    f"table_nested_{DEEP}": "levers = " + "{a = " * DEEP + "1" + "}" * DEEP,
    "array_nested_400": "[levers]\npublic_infrastructure = " + "[" * 400 + "]" * 400,
    f"dotted_key_{DEEP}": "levers." + ".".join(["a"] * DEEP) + " = 1",
    "unknown_lever": "[levers]\npublic_infrastructur = 900",
    "unknown_field": "nmae = 'x'",
    "levers_not_a_table": "levers = 5",
    "assumption_under_levers": "[levers]\nsteel_utilisation = 0.9",
    "lever_under_assumptions": "[assumptions]\npublic_infrastructure = 900",
    "above_range": "[levers]\npublic_infrastructure = 1e9",
    "below_range": "[levers]\npublic_infrastructure = -1",
    "name_not_text": "name = 5",
    "description_not_text": "description = ['a']",
    "malformed": "[levers\npublic_infrastructure = 900",
    "duplicate_key": "[levers]\npublic_infrastructure = 900\npublic_infrastructure = 901",
    "byte_order_mark": "\ufeffname = 'x'",
    "binary": bytes(range(256)) * 8,
    "invalid_utf8": b"name = '\xff\xfe'",
    "nul_in_string": "name = 'a\x00b'",
    "unterminated_string": "name = 'abc",
}


def run_cli(argv: list[str], capsys) -> tuple[int, str]:
    """Exit status and stderr of ``python -m model ARGV`` (in-process)."""
    try:
        code = main(argv)
    except SystemExit as stop:
        code = stop.code
    return code, capsys.readouterr().err


def assert_one_line(code: int, err: str) -> None:
    assert code == 2, err
    assert err.startswith("error: ") and err.endswith("\n") and err.count("\n") == 1, err
    assert "Traceback" not in err and len(err) < 2000, err[:300]


@pytest.mark.parametrize("name", BAD_SCENARIOS)
def test_bad_scenario_file_ends_in_one_line(name, tmp_path, capsys):
    content = BAD_SCENARIOS[name]
    path = tmp_path / f"{name}.toml"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    assert_one_line(*run_cli(["run", str(path), "--format", "json"], capsys))
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


@pytest.mark.parametrize("where", ["missing", "directory", "long_name", "long_directory", "parent_is_file"])
def test_bad_scenario_path_ends_in_one_line(where, tmp_path, capsys):
    (tmp_path / "file").write_text("x")
    path = {"missing": tmp_path / "nope.toml", "directory": tmp_path, "long_name": tmp_path / ("a" * 300 + ".toml"),
            "long_directory": tmp_path / ("d" * 300) / "s.toml", "parent_is_file": tmp_path / "file" / "s.toml"}[where]
    assert_one_line(*run_cli(["run", str(path)], capsys))


@pytest.mark.parametrize("where", ["long_name", "parent_is_file", "missing_directory", "is_directory", "exists",
                                   "long_directory"])
def test_bad_out_path_ends_in_one_line_and_writes_nothing(where, tmp_path, capsys):
    (tmp_path / "file").write_text("x")
    (tmp_path / "exists.csv").write_text("keep")
    out = {"long_name": tmp_path / ("a" * 300 + ".csv"), "parent_is_file": tmp_path / "file" / "x.csv",
           "missing_directory": tmp_path / "no" / "x.csv", "is_directory": tmp_path,
           "exists": tmp_path / "exists.csv", "long_directory": tmp_path / ("d" * 300) / "x.csv"}[where]
    before = sorted(p.name for p in tmp_path.iterdir())
    assert_one_line(*run_cli(["run", BASELINE, "--out", str(out)], capsys))
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert (tmp_path / "exists.csv").read_text() == "keep"


def test_unwritable_out_directory_ends_in_one_line(tmp_path, capsys, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)  # what a directory without write permission does
    assert_one_line(*run_cli(["run", BASELINE, "--out", str(tmp_path / "x.csv")], capsys))
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write in a read-only directory")
def test_read_only_out_directory_ends_in_one_line(tmp_path, capsys):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        assert_one_line(*run_cli(["run", BASELINE, "--out", str(folder / "x.csv")], capsys))
    finally:
        folder.chmod(0o755)


#: Option values: argument lists that must end in one line and exit 2.
BAD_ARGUMENTS = {
    "no_command": [],
    "unknown_command": ["runn"],
    "missing_scenario": ["run"],
    "unknown_option": ["run", BASELINE, "--bogus"],
    "bad_lang": ["levers", "--lang", "fr"],
    "bad_format": ["levers", "--format", "xml"],
    "samples_text": ["uncertainty", BASELINE, "--samples", "many"],
    "samples_huge": ["uncertainty", BASELINE, "--samples", "9" * 400],
    "samples_5000_digits": ["uncertainty", BASELINE, "--samples", "9" * 5000],
    "samples_one": ["uncertainty", BASELINE, "--samples", "1"],
    "samples_negative": ["uncertainty", BASELINE, "--samples", "-5"],
    "seed_negative": ["uncertainty", BASELINE, "--seed", "-1"],
    "seed_too_large": ["uncertainty", BASELINE, "--seed", str(2**40)],
    "seed_float": ["uncertainty", BASELINE, "--seed", "1e3"],
    "sobol_not_power_of_two": ["sensitivity", BASELINE, "--method", "sobol", "--samples", "100"],
    "sensitivity_bad_method": ["sensitivity", BASELINE, "--method", "guess"],
    "sensitivity_bad_output": ["sensitivity", BASELINE, "--method", "oat", "--output", "nope"],
    "optimise_bad_levers": ["optimise", "--levers", "nope"],
    "optimise_bad_targets": ["optimise", "--targets", "2099"],
    "optimise_popsize_zero": ["optimise", "--popsize", "0"],
    "optimise_maxiter_huge": ["optimise", "--maxiter", "9" * 30],
    "contributions_bad_target": ["contributions", BASELINE, "--target", "nope"],
    "contributions_bad_year": ["contributions", BASELINE, "--indicator", "grdp", "--year", "1900"],
    "latest_start_bad_target": ["latest-start", BASELINE, "--target", "nope"],
    "constants_bad_provenance": ["constants", "--provenance", "nope"],
    "check_bad_group": ["check", "--only", "nope"],
    "bench_zero": ["bench", "--samples", "0"],
    "workshop_bench_too_many": ["workshop", "bench", "--submitters", "100000"],
    "workshop_no_action": ["workshop"],
}


@pytest.mark.parametrize("name", BAD_ARGUMENTS)
def test_bad_arguments_end_in_one_line(name, capsys):
    assert_one_line(*run_cli(BAD_ARGUMENTS[name], capsys))


def test_uncertainty_out_set_is_all_or_nothing(tmp_path, capsys):
    out = tmp_path / "D"
    out.mkdir()
    (out / "percentiles.csv").write_text("keep")
    code, err = run_cli(["uncertainty", BASELINE, "--samples", "2", "--out", str(out), "--no-png"], capsys)
    assert_one_line(code, err)
    assert sorted(p.name for p in out.iterdir()) == ["percentiles.csv"]
    assert (out / "percentiles.csv").read_text() == "keep"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["D"]


@pytest.fixture
def workshop_db(tmp_path):
    store = Store(tmp_path / "w.sqlite3")
    session, secret = service.create_session(store, "Probe", "en")
    return store.path, service.FacilitatorKey(session.id, secret)


def _export(db, key, out, *extra):
    return ["workshop", "export", "--db", str(db), "--session", key.session_id, "--secret", key.secret,
            "--out", str(out), *extra]


def foreign_db(path):
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (text TEXT)")
    conn.execute("INSERT INTO notes VALUES ('mine')")
    conn.commit()
    conn.close()


@pytest.mark.parametrize("kind", ["foreign", "text_file", "empty_file", "directory", "missing", "garbage_pages"])
def test_workshop_export_refuses_a_wrong_database_untouched(kind, workshop_db, tmp_path, capsys):
    _, key = workshop_db
    db = tmp_path / f"{kind}.sqlite3"
    if kind == "foreign":
        foreign_db(db)
    elif kind == "text_file":
        db.write_text("not a database " * 200)
    elif kind == "empty_file":
        db.write_bytes(b"")
    elif kind == "directory":
        db.mkdir()
    elif kind == "garbage_pages":
        store = Store(db)
        for _ in range(30):
            service.create_session(store, "T" * 70, "en")
        conn = sqlite3.connect(db)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
        data = bytearray(db.read_bytes())
        data[4096 * 2:4096 * 3] = bytes((i * 37) % 256 for i in range(4096))
        db.write_bytes(bytes(data))
    before = db.read_bytes() if db.is_file() else None
    assert_one_line(*run_cli(_export(db, key, tmp_path / "out.csv"), capsys))
    assert not (tmp_path / "out.csv").exists()
    if before is not None:
        assert db.read_bytes() == before
    if kind == "foreign":
        conn = sqlite3.connect(db)
        assert [row[0] for row in conn.execute("SELECT name FROM sqlite_master")] == ["notes"]
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        conn.close()


@pytest.mark.parametrize("change", ["secret", "session", "suffix", "exists", "long_secret"])
def test_workshop_export_bad_arguments_end_in_one_line(change, workshop_db, tmp_path, capsys):
    db, key = workshop_db
    (tmp_path / "exists.csv").write_text("keep")
    key = {"secret": service.FacilitatorKey(key.session_id, "wrong"),
           "session": service.FacilitatorKey("nope", key.secret),
           "long_secret": service.FacilitatorKey(key.session_id, "x" * 100_000)}.get(change, key)
    out = {"suffix": tmp_path / "out.txt", "exists": tmp_path / "exists.csv"}.get(change, tmp_path / "out.csv")
    assert_one_line(*run_cli(_export(db, key, out), capsys))
    assert (tmp_path / "exists.csv").read_text() == "keep" and not (tmp_path / "out.csv").exists()
