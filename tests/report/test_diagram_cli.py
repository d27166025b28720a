"""``python -m model diagram``: listing, drawing each view as SVG and PNG, bad input, rewriting the sketch."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from model.base.paths import MDL_PATH
from model.commands.main import main
from model.report.diagram.files import write_files
from model.report.diagram.mdl_text import read_text, split_mdl
from model.report.diagram.sketch_reader import find_view, model_views, slug
from model.report.diagram.svg import HIGHLIGHT, model_view_svg, view_svg
from model.report.output import OutputError

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def views():
    return model_views(MDL_PATH)


def test_listing_names_every_view(views, capsys):
    assert main(["diagram"]) == 0
    out = capsys.readouterr().out
    assert all(view.name in out for view in views)


def test_out_writes_svg_and_png_for_every_view(tmp_path, views, capsys):
    out = tmp_path / "diagrams"
    assert main(["diagram", "--out", str(out), "--scale", "0.4"]) == 0
    expected = {f"{slug(v.name)}.{ext}" for v in views for ext in ("svg", "png")}
    assert {path.name for path in out.iterdir()} == expected
    for view in views:
        root = ET.fromstring((out / f"{slug(view.name)}.svg").read_text(encoding="utf-8"))
        assert root.tag.endswith("svg") and root.find("{http://www.w3.org/2000/svg}title").text == view.name
        assert (out / f"{slug(view.name)}.png").read_bytes().startswith(PNG_MAGIC)
    assert f"wrote {len(expected)} files" in capsys.readouterr().out


def test_one_view_and_force_rules(tmp_path, capsys):
    out = tmp_path / "one"
    assert main(["diagram", "--view", "labour", "--out", str(out), "--scale", "0.3"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["labour.png", "labour.svg"]
    (out / "labour.svg").write_text("keep me")
    assert main(["diagram", "--view", "Labour", "--out", str(out), "--scale", "0.3"]) == 2
    assert "already exists" in capsys.readouterr().err
    assert (out / "labour.svg").read_text() == "keep me"
    assert main(["diagram", "--view", "Labour", "--out", str(out), "--scale", "0.3", "--force"]) == 0
    assert (out / "labour.svg").read_text().startswith("<svg")


def test_unknown_view_is_one_line_naming_the_views_and_exit_2(tmp_path, capsys):
    assert main(["diagram", "--view", "Labor market", "--out", str(tmp_path / "x")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Labor market" in err and "Labour" in err and "Public finance" in err
    assert not (tmp_path / "x").exists()


def test_set_of_files_appears_whole_or_not_at_all(tmp_path):
    target = tmp_path / "set"
    target.mkdir()
    (target / "b.svg").write_text("old")
    with pytest.raises(OutputError):
        write_files(target, {"a.svg": b"new", "b.svg": b"new"})
    assert sorted(p.name for p in target.iterdir()) == ["b.svg"]
    written = write_files(target, {"a.svg": b"new", "b.svg": b"new"}, force=True)
    assert [p.read_bytes() for p in written] == [b"new", b"new"]
    assert sorted(p.name for p in target.iterdir()) == ["a.svg", "b.svg"]
    with pytest.raises(OutputError):
        write_files(tmp_path / "missing" / "deeper", {"a.svg": b"x"})


def test_write_sketch_rewrites_only_the_sketch_section(tmp_path, monkeypatch, capsys):
    import model.report.diagram.graph as diagram_graph

    text = read_text(MDL_PATH)
    parts = split_mdl(text)
    copy = tmp_path / "model.mdl"
    copy.write_bytes((parts.equations + "\\\\\\---/// Sketch\nV300\n*View 1\n///---\\\\\\\n" + parts.settings)
                     .encode("utf-8"))
    graph = diagram_graph.model_graph(MDL_PATH)
    monkeypatch.setattr(diagram_graph, "model_graph", lambda path: graph)
    assert main(["diagram", "--write-sketch", "--model", str(copy)]) == 0
    assert read_text(copy) == text
    assert main(["diagram", "--write-sketch", "--model", str(copy)]) == 0
    assert "already up to date" in capsys.readouterr().out


def test_svg_for_the_app_highlights_the_given_variables(views):
    plain = model_view_svg("Skills")
    assert HIGHLIGHT not in plain
    lit = model_view_svg("Skills", highlight={"trained workers", "trained worker exits"})
    assert lit.count(HIGHLIGHT) >= 3 and 'opacity="' in lit
    assert view_svg(find_view(views, "skills")) == plain
    with pytest.raises(KeyError):
        model_view_svg("nowhere")


def test_lang_vi_draws_the_vietnamese_labels_and_en_stays_the_default(tmp_path, capsys):
    vi, en = tmp_path / "vi", tmp_path / "en"
    assert main(["diagram", "--view", "Labour", "--out", str(vi), "--scale", "0.3", "--lang", "vi"]) == 0
    assert main(["diagram", "--view", "Labour", "--out", str(en), "--scale", "0.3"]) == 0
    drawn_vi, drawn_en = ((path / "labour.svg").read_text(encoding="utf-8") for path in (vi, en))
    joined = re.sub(r"</tspan><tspan[^>]*>", " ", drawn_vi)
    assert ">Lao động có việc làm<" in joined
    assert ">employed total<" not in drawn_vi and ">employed total<" in drawn_en
    assert drawn_en == view_svg(find_view(model_views(MDL_PATH), "Labour"))
