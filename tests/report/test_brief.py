"""The meeting brief: Word and PDF from the command line, text extracted and checked against the runs."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from model.base.paths import SCENARIO_DIR
from model.catalogue.levers import load_levers
from model.catalogue.targets import load_targets
from model.commands.main import main
from model.report.brief.answer import misses, reach
from model.run.runner import simulate
from model.run.scenario import baseline, load_scenario

RESOLUTION = SCENARIO_DIR / "resolution.toml"
PESSIMISTIC = SCENARIO_DIR / "pessimistic.toml"


def squash(text: str) -> str:
    """Text without whitespace (table cells and lines wrap names in a PDF)."""
    return re.sub(r"\s+", "", text)


def docx_text(path: Path) -> str:
    document = Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


@pytest.fixture(scope="module")
def briefs(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("brief")
    out = {}
    for name, extra in (("vi.docx", []), ("vi.pdf", []), ("en.pdf", ["--lang", "en"]),
                        ("compare.docx", ["--compare", str(PESSIMISTIC)])):
        path = folder / name
        assert main(["brief", str(RESOLUTION), "--out", str(path), *extra]) == 0
        out[name] = path
    return out


@pytest.fixture(scope="module")
def runs():
    result = simulate(load_scenario(RESOLUTION))
    return result, simulate(baseline())


@pytest.mark.parametrize("name, read", [("vi.docx", docx_text), ("vi.pdf", pdf_text)])
def test_every_vietnamese_goal_name_with_its_diacritics(briefs, name, read):
    text = squash(read(briefs[name]))
    for target in load_targets():
        assert squash(target.name("vi")) in text, target.id
    assert "Tómtắtchocuộchọp" in text and "Quảng Ngãi".replace(" ", "") in text


@pytest.mark.parametrize("name, read", [("vi.docx", docx_text), ("vi.pdf", pdf_text)])
def test_verdict_counts_and_missed_goals_come_from_the_run(briefs, runs, name, read):
    result, base = runs
    text = squash(read(briefs[name]))
    resolution = [r for r in result.targets if r.target.set == "resolution_2025"]
    met = sum(r.status == "met" for r in resolution)
    base_met = sum(r.status == "met" for r in base.targets if r.target.set == "resolution_2025")
    assert squash(f"2025: {met}/{len(resolution)} chỉ tiêu của Nghị quyết đạt") in text
    assert squash(f"chính sách năm 2020: {base_met}/{len(resolution)}") in text
    for miss in misses(result.targets, reach(result.scenario)):
        assert squash(f"{miss.result.target.name('vi')}: ") in text


def test_changed_levers_and_their_names(briefs):
    text = squash(docx_text(briefs["vi.docx"]))
    scenario = load_scenario(RESOLUTION)
    for lever in load_levers():
        changed = scenario.settings()[lever.id] != lever.default
        if lever.kind == "lever" and changed:
            assert squash(lever.name("vi")) in text, lever.id


def test_pdf_has_two_to_four_pages_three_charts_and_an_embedded_font(briefs):
    reader = PdfReader(str(briefs["vi.pdf"]))
    assert 2 <= len(reader.pages) <= 4
    images = sum(len(page.images) for page in reader.pages)
    assert images == 3
    fonts = {str(f.get_object().get("/BaseFont")) for page in reader.pages
             for f in (page.get("/Resources", {}).get("/Font", {}) or {}).values()}
    assert any("DejaVu" in f for f in fonts), fonts


def test_english_brief_and_comparison(briefs):
    english = pdf_text(briefs["en.pdf"])
    assert "Meeting brief" in english and "resolution targets met" in english
    compared = docx_text(briefs["compare.docx"])
    pessimistic = load_scenario(PESSIMISTIC)
    assert compared.count("chỉ tiêu của Nghị quyết đạt") == 2  # one verdict per mix
    assert len(Document(str(briefs["compare.docx"])).tables[0].columns) == 5
    assert pessimistic.name  # the second mix is named in the table header


def test_pdf_first_page_renders(briefs, tmp_path):
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(briefs["vi.pdf"]),
                    str(tmp_path / "page")], check=True)
    pages = list(tmp_path.glob("page*.png"))
    assert len(pages) == 1 and pages[0].stat().st_size > 5000


@pytest.mark.parametrize("args, message", [
    (["--out", "brief.txt"], "must end in .docx or .pdf"),
    (["--out", "brief.pdf", "--compare", "missing.toml"], "missing.toml"),
])
def test_bad_input_is_one_line_and_status_two(tmp_path, args, message):
    out = [a if not a.startswith("brief.") else str(tmp_path / a) for a in args]
    done = subprocess.run([sys.executable, "-m", "model", "brief", str(RESOLUTION), *out], capture_output=True,
                          text=True, cwd=Path(__file__).resolve().parents[2])
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and message in done.stderr and "Traceback" not in done.stderr


def test_existing_file_is_not_replaced_without_force(tmp_path):
    path = tmp_path / "brief.docx"
    path.write_bytes(b"keep")
    assert main(["brief", str(RESOLUTION), "--out", str(path)]) == 2
    assert path.read_bytes() == b"keep"


def test_how_sure_summary_appears_when_given(runs, tmp_path):
    from model.report.brief.make import brief_bytes

    result, base = runs
    names = [target.name("vi") for target in load_targets()]
    sure = {name: 10.0 * (i % 11) for i, name in enumerate(names)}
    path = tmp_path / "sure.docx"
    path.write_bytes(brief_bytes(result, base, "docx", "vi", how_sure=sure))
    text = docx_text(path)
    assert "trong 1.000 kịch bản có thể xảy ra" in text.lower()
    for name, percent in sure.items():
        assert f"{name}: {round(percent)}%" in text
    without = tmp_path / "plain.docx"
    without.write_bytes(brief_bytes(result, base, "docx", "vi"))
    assert "1.000 kịch bản" not in docx_text(without)
