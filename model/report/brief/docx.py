"""The meeting brief as a Word document (python-docx)."""

from __future__ import annotations

import io
from collections.abc import Sequence

from docx import Document
from docx.shared import Cm, Pt

from model.report.brief.content import Block

FONT = "DejaVu Sans Condensed"


def _table(document, rows: Sequence[Sequence[str]]) -> None:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Light Grid Accent 1"
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            cell = table.cell(i, j)
            cell.text = str(text)
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(7.5)
                    run.font.bold = i == 0


def docx_bytes(blocks: Sequence[Block]) -> bytes:
    """The brief's blocks as a .docx file (A4, narrow margins)."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.6))
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(10)
    for block in blocks:
        if block.kind == "title":
            document.add_heading(block.text, level=0)
        elif block.kind == "heading":
            document.add_heading(block.text, level=2)
        elif block.kind == "text":
            document.add_paragraph(block.text)
        elif block.kind == "small":
            document.add_paragraph().add_run(block.text).font.size = Pt(8.5)
        elif block.kind == "bullets":
            if block.text:
                document.add_paragraph().add_run(block.text).bold = True
            for item in block.items:
                document.add_paragraph(item, style="List Bullet")
        elif block.kind == "table":
            _table(document, block.items)
        elif block.kind == "image":
            document.add_picture(io.BytesIO(block.data), width=Cm(13.5))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
