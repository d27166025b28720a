"""Text widths and label wrapping for the sketch and its drawing.

Widths use the published Helvetica character widths (Arial has the same
metrics), in thousandths of the font size, so the sketch written into the
model file is the same on every machine whatever fonts it has. The writer sizes
each box from these widths and the drawing wraps labels with the same rule, so
both agree on where lines break.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

_WIDTHS = dict(zip(
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~",
    (278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
     556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015,
     667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667,
     611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333,
     556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500,
     278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584),
    strict=True,
))
_OTHER = 556


@dataclass(frozen=True)
class Font:
    """The font of a view.

    Attributes
    ----------
    face : str
        Font name as written in the view header (``Arial``).
    size : float
        Size in points.
    ppi : float
        The view's pixels per inch; sketch coordinates are pixels.

    """

    face: str = "Arial"
    size: float = 10.0
    ppi: float = 96.0

    @property
    def px(self) -> float:
        """Font size in sketch pixels."""
        return self.size * self.ppi / 72.0

    @property
    def line_height(self) -> float:
        """Distance between the baselines of two lines, in sketch pixels."""
        return round(self.px * 1.2, 2)


def text_width(text: str, font: Font) -> float:
    """Width of one line of text in sketch pixels."""
    return sum(_WIDTHS.get(char, _OTHER) for char in text) * font.px / 1000.0


def wrap(text: str, max_width: float, font: Font) -> tuple[str, ...]:
    """Break a label into lines no wider than ``max_width`` (a longer single word keeps its own line).

    Parameters
    ----------
    text : str
        The label.
    max_width : float
        Widest line allowed, in sketch pixels.
    font : Font
        The view's font.

    Returns
    -------
    tuple of str
        The lines, greedy: each line takes as many words as fit.

    """
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and text_width(candidate, font) <= max_width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return tuple(lines) or ("",)


def block_size(lines: tuple[str, ...], font: Font) -> tuple[float, float]:
    """Width and height of a block of lines in sketch pixels."""
    width = max(text_width(line, font) for line in lines)
    return width, len(lines) * font.line_height


#: Widest line of a label, in sketch pixels: plain variables and flow names, and stocks (inside the box).
LABEL_WRAP = 120.0
STOCK_WRAP = 110.0
#: Padding between a stock's label and its box, and the smallest stock box (half sizes, as in the sketch).
STOCK_PAD = 8
STOCK_MIN_W, STOCK_MIN_H = 40, 20


def shown(name: str, shadow: bool) -> str:
    """The text drawn for a variable: a shadow in angle brackets."""
    return f"<{name}>" if shadow else name


def label_lines(text: str, stock: bool, w: float, font: Font) -> tuple[str, ...]:
    """The lines of a label drawn in a record of half width ``w`` (the rule the sizes were made with)."""
    limit = min(2 * w - 2 * STOCK_PAD, STOCK_WRAP) if stock else min(2 * w, LABEL_WRAP)
    return wrap(text, max(limit, 1.0), font)


def label_half_size(text: str, stock: bool, font: Font) -> tuple[int, int]:
    """Half width and half height of a record that fits ``text`` (a stock's box, or the text itself)."""
    width, height = block_size(wrap(text, STOCK_WRAP if stock else LABEL_WRAP, font), font)
    if stock:
        return max(STOCK_MIN_W, math.ceil(width / 2) + STOCK_PAD), max(STOCK_MIN_H, math.ceil(height / 2) + 6)
    return math.ceil(width / 2) + 2, math.ceil(height / 2)
