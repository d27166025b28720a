"""The meeting brief as a PDF (fpdf2), with a Unicode font shipped in ``fonts/``.

DejaVu Sans Condensed covers Vietnamese; the font files and their licence are
part of the project, so the PDF is the same on any machine.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

from model.report.brief.content import Block

FONTS = Path(__file__).resolve().parent / "fonts"
FAMILY = "DejaVuCondensed"
WIDTH_MM = 180.0


def _pdf() -> FPDF:
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_margins(15, 14, 15)
    pdf.set_auto_page_break(True, margin=14)
    pdf.add_font(FAMILY, "", str(FONTS / "DejaVuSansCondensed.ttf"))
    pdf.add_font(FAMILY, "B", str(FONTS / "DejaVuSansCondensed-Bold.ttf"))
    pdf.add_page()
    return pdf


def _text(pdf: FPDF, text: str, size: float, style: str = "", gap: float = 1.5) -> None:
    pdf.set_font(FAMILY, style, size)
    pdf.multi_cell(0, size * 0.45, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(gap)


def _bullets(pdf: FPDF, block: Block) -> None:
    if block.text:
        _text(pdf, block.text, 9.5, "B", 0.5)
    pdf.set_font(FAMILY, "", 9)
    for item in block.items:
        pdf.set_x(pdf.l_margin + 2)
        pdf.multi_cell(0, 4.2, "• " + item, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.5)


def _table(pdf: FPDF, rows: Sequence[Sequence[str]]) -> None:
    columns = len(rows[0])
    first = 62.0
    rest = (WIDTH_MM - first) / (columns - 1)
    pdf.set_font(FAMILY, "", 7)
    heading = FontFace(emphasis="BOLD", fill_color=(222, 232, 247))
    with pdf.table(col_widths=(first, *[rest] * (columns - 1)), headings_style=heading, line_height=3.4,
                   text_align="LEFT", padding=0.8) as table:
        for row in rows:
            line = table.row()
            for cell in row:
                line.cell(str(cell))
    pdf.ln(2)


def pdf_bytes(blocks: Sequence[Block]) -> bytes:
    """The brief's blocks as a PDF (A4)."""
    pdf = _pdf()
    for block in blocks:
        if block.kind == "title":
            _text(pdf, block.text, 15, "B", 1)
        elif block.kind == "heading":
            pdf.ln(1)
            _text(pdf, block.text, 11.5, "B", 0.5)
        elif block.kind == "text":
            _text(pdf, block.text, 9.5)
        elif block.kind == "small":
            _text(pdf, block.text, 8)
        elif block.kind == "bullets":
            _bullets(pdf, block)
        elif block.kind == "table":
            _table(pdf, block.items)
        elif block.kind == "image":
            if block.text:
                _text(pdf, block.text, 9, "B", 0)
            pdf.image(io.BytesIO(block.data), w=120)
            pdf.ln(1)
    return bytes(pdf.output())
