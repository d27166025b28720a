"""The command line, in-process, plus one subprocess smoke test."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

import pytest

from model.base.paths import PROJECT_DIR, SCENARIO_DIR
from model.catalogue.levers import load_levers
from model.commands.main import main

BASELINE = str(SCENARIO_DIR / "baseline.toml")
RESOLUTION = str(SCENARIO_DIR / "resolution.toml")
REQUIRED_COLUMNS = ("year grdp grdp_growth grdp_per_capita_usd industry_va industry_va_growth manufacturing_va "
                    "manufacturing_va_growth industry_share indcon_share ind_serv_share manufacturing_share "
                    "fabrication_share hitech_share employed_total employed_agri employed_indcon employed_services "
                    "nonagri_labour_share indcon_labour_share ind_productivity ind_productivity_growth "
                    "ip_wastewater_share ez_ip_investment_cum_usd cluster_investment_cum cluster_realised_share "
                    "refinery_va steel_va").split()


def test_levers_json_lists_every_lever_with_contract_fields(capsys):
    assert main(["levers", "--format", "json"]) == 0
    items = json.loads(capsys.readouterr().out)
    assert len(items) == len(load_levers())
    for item in items:
        assert {"id", "kind", "name_vi", "name_en", "unit", "min", "max", "default"} <= set(item)
        assert item["kind"] in ("lever", "assumption")


def test_levers_table(capsys):
    assert main(["levers", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "admin_reform" in out and "assumption" in out


def test_run_writes_indicators_and_prints_scoreboard(tmp_path, capsys):
    out = tmp_path / "baseline.csv"
    assert main(["run", BASELINE, "--out", str(out), "--lang", "en"]) == 0
    assert "Resolution targets for 2025" in capsys.readouterr().out
    with open(out, newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [int(r["year"]) for r in rows] == list(range(2010, 2036))
    assert set(REQUIRED_COLUMNS) <= set(rows[0])


def test_run_json_contract(capsys):
    assert main(["run", RESOLUTION, "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["scenario"] == "resolution"
    for item in payload["targets"]:
        assert {"id", "value", "lower", "upper", "status", "distance"} <= set(item)
        assert ("year" in item) != ("period" in item)
        assert item["status"] in ("met", "near", "missed")


def test_run_refuses_to_overwrite_and_keeps_user_data(tmp_path, capsys):
    out = tmp_path / "mine.csv"
    out.write_text("precious")
    assert main(["run", BASELINE, "--out", str(out)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert out.read_text() == "precious"
    assert main(["run", BASELINE, "--out", str(out), "--force"]) == 0
    assert out.read_text().startswith("year,")


def test_compare_side_by_side(capsys):
    assert main(["compare", BASELINE, RESOLUTION, "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "baseline" in out and "resolution" in out and "resolution - baseline" in out


@pytest.mark.parametrize(("argv", "fragment"), [
    (["run", "absent.toml"], "no such scenario file"),
    (["compare", BASELINE, "absent.toml"], "no such scenario file"),
])
def test_bad_input_exits_2_with_one_line(argv, fragment, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert fragment in err and "Traceback" not in err and err.count("\n") == 1


def test_bad_lever_in_file(tmp_path, capsys):
    path = tmp_path / "bad.toml"
    path.write_text("[levers]\ninvestment_promotio = 5\n")
    assert main(["run", str(path)]) == 2
    assert "did you mean 'investment_promotion'" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["run"], ["run", BASELINE, "--format", "xml"], ["frobnicate"], []])
def test_bad_arguments_exit_2(argv):
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 2


def test_help_for_every_command():
    for command in ("levers", "run", "compare"):
        with pytest.raises(SystemExit) as caught:
            main([command, "--help"])
        assert caught.value.code == 0


def test_subprocess_smoke():
    done = subprocess.run([sys.executable, "-m", "model", "run", BASELINE, "--format", "json"],
                          cwd=PROJECT_DIR, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["scenario"] == "baseline"
    bad = subprocess.run([sys.executable, "-m", "model", "run", "nope.toml"],
                         cwd=PROJECT_DIR, capture_output=True, text=True, timeout=300)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr and "nope.toml" in bad.stderr
