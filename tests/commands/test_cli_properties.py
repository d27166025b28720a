"""Property: any scenario file and any argument list end in exit 0, or in one line and exit 2.

Hypothesis generates scenario files (valid and invalid keys, numbers of any
size, text, booleans, arrays, nested tables, broken TOML) and argument lists
for the light commands; the command line must never end in a traceback. The
number of examples is kept small so the whole suite stays fast; raise it
locally with ``--hypothesis-seed`` and ``HYPOTHESIS_PROFILE=long``.
"""

from __future__ import annotations

import math
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model.base.paths import SCENARIO_DIR
from model.catalogue.levers import load_levers
from model.commands.main import main

settings.register_profile("ci", max_examples=40, deadline=None,
                          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
settings.register_profile("long", max_examples=1000, deadline=None,
                          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

LEVER_IDS = [lever.id for lever in load_levers()]
KEYS = st.one_of(st.sampled_from(LEVER_IDS), st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=12))
NUMBERS = st.one_of(
    st.integers(), st.integers(min_value=-(10**500), max_value=10**500), st.floats(allow_nan=True),
    st.sampled_from([0, 1, -1, 2025, 2027, 0.5, 1e308, -1e308, 5e-324]),
)
SCALARS = st.one_of(NUMBERS, st.booleans(), st.text(max_size=20))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                     st.dictionaries(KEYS, inner, max_size=3)), max_leaves=8)


def toml_value(value) -> str:
    """A value in TOML syntax (inline arrays and tables)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return '"' + value.encode("unicode_escape").decode("ascii").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return "{" + ", ".join(f"{k} = {toml_value(v)}" for k, v in value.items()) + "}"


@st.composite
def scenario_texts(draw) -> bytes:
    """A scenario file: mostly well-formed TOML with odd values, sometimes raw junk."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.binary(max_size=200))
    lines = []
    if draw(st.booleans()):
        lines.append(f"name = {toml_value(draw(st.one_of(st.text(max_size=30), NUMBERS)))}")
    for section in draw(st.lists(st.sampled_from(["levers", "assumptions", "other"]), max_size=2, unique=True)):
        lines.append(f"[{section}]")
        for key, value in draw(st.dictionaries(KEYS, VALUES, max_size=4)).items():
            lines.append(f"{key} = {toml_value(value)}")
    text = "\n".join(lines) + "\n"
    if draw(st.integers(0, 9)) == 0:
        text = text[: draw(st.integers(0, len(text)))]  # cut anywhere
    return text.encode("utf-8", "surrogatepass")


def outcome(argv: list[str], capsys) -> tuple[int, str]:
    try:
        code = main(argv)
    except SystemExit as stop:
        code = stop.code
    captured = capsys.readouterr()
    return code, captured.err


def assert_clean(code: int, err: str) -> None:
    assert code in (0, 2), (code, err[:300])
    if code == 2:
        assert err.startswith("error: ") and err.count("\n") == 1, err[:300]
    assert "Traceback" not in err


@given(scenario_texts())
def test_any_scenario_file_ends_cleanly(capsys, content):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "scenario.toml"
        path.write_bytes(content)
        assert_clean(*outcome(["run", str(path), "--format", "json"], capsys))


OPTIONS = {
    "run": [str(SCENARIO_DIR / "baseline.toml"), "--format", "--lang", "--out", "--force"],
    "levers": ["--format", "--lang"],
    "constants": ["--provenance"],
    "uncertainty": ["--samples", "--seed", "--format"],
    "sensitivity": ["--method", "--samples", "--output", "--year", "--seed"],
    "contributions": ["--target", "--indicator", "--year", "--max-exact", "--orders", "--seed"],
    "workshop": ["export", "--db", "--session", "--secret", "--out", "--lang"],
}
WORDS = st.one_of(st.sampled_from(["table", "json", "vi", "en", "xx", "-1", "0", "1", "2", "3", "1e9", "nan", "9" * 60,
                                   "", "-", "--", "oat", "sobol", "grdp", "ind_va_growth", "2025"]),
                  st.text(max_size=15).filter(lambda s: "\x00" not in s))


@st.composite
def argument_lists(draw) -> list[str]:
    command = draw(st.sampled_from(sorted(OPTIONS)))
    words = draw(st.lists(st.one_of(st.sampled_from(OPTIONS[command]), WORDS), max_size=6))
    return [command, *words]


@given(argument_lists())
def test_any_argument_list_ends_cleanly(capsys, argv):
    if argv[:2] == ["workshop", "bench"]:
        argv = ["workshop", "export", *argv[2:]]  # the benchmark starts processes; its options are bounded
    if argv[0] in ("uncertainty", "sensitivity", "contributions") and len(argv) > 1:
        argv = [argv[0], "/nonexistent/scenario.toml", *argv[1:]]  # never start a long analysis
    with tempfile.TemporaryDirectory() as folder:
        cwd = os.getcwd()
        os.chdir(folder)  # any file an argument list writes lands in a throw-away folder
        try:
            assert_clean(*outcome(argv, capsys))
        finally:
            os.chdir(cwd)
