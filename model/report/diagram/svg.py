"""Draw a sketch view as SVG (and PNG): stocks as boxes, flows as pipes with valves, clouds, curved arrows.

The drawing is made from the records of the view as the model file holds them
(:mod:`model.report.diagram.sketch_reader`), not from the equations. Connectors are
quadratic curves through the arc point of their record, cut where they leave
their cause and meet their effect, with an arrowhead; an arrow to or from a
flow's name goes to its valve. Shadow variables are grey ``<name>``. Labels
can be given in another language (a name → label mapping); they then replace
the names in the drawing. With a
set of names to highlight (for instance the variables of a feedback loop),
those variables and the arrows and pipes among them are drawn in colour and
everything else is faded; with the loop's links as well, only the arrows along
those links are drawn in colour. Every variable's text carries its name
(``data-var``) and, when highlighted, ``class="lit"``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from model.base.paths import MDL_PATH
from model.report.diagram.geometry import Rect
from model.report.diagram.labels import label
from model.report.diagram.sketch_format import Arrow, Comment, Valve, Variable
from model.report.diagram.sketch_reader import SketchView, find_view, model_views
from model.report.diagram.text import label_lines, shown

HIGHLIGHT, SHADOW_GREY, FADED, ARROW_OPACITY = "#d4380d", "#808080", "0.28", "0.7"
TITLE_SIZE, MARGIN = 18, 24
#: Widest line of a translated label outside a stock (sketch pixels): names sized the records, labels may be longer.
TRANSLATED_WRAP = 100.0
#: A white outline under text keeps names readable where arrows pass behind them.
HALO = ' stroke="#ffffff" stroke-width="4" stroke-linejoin="round" paint-order="stroke"'


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _box(record: Variable | Valve | Comment) -> Rect:
    if isinstance(record, Valve):
        return Rect(record.x, record.y, 8, 8)
    return Rect(record.x, record.y, max(record.w, 4), max(record.h, 4))


def _inside(rect: Rect, point: tuple[float, float], margin: float = 3.0) -> bool:
    return abs(point[0] - rect.x) <= rect.w + margin and abs(point[1] - rect.y) <= rect.h + margin


def _bezier(p0, c, p2, t: float) -> tuple[float, float]:
    u = 1 - t
    return (u * u * p0[0] + 2 * u * t * c[0] + t * t * p2[0], u * u * p0[1] + 2 * u * t * c[1] + t * t * p2[1])


def _tangent(p0, c, p2, t: float) -> tuple[float, float]:
    u = 1 - t
    return (2 * u * (c[0] - p0[0]) + 2 * t * (p2[0] - c[0]), 2 * u * (c[1] - p0[1]) + 2 * t * (p2[1] - c[1]))


def _arrowhead(tip: tuple[float, float], direction: tuple[float, float], length: float, half: float) -> str:
    norm = math.hypot(*direction) or 1.0
    ux, uy = direction[0] / norm, direction[1] / norm
    bx, by = tip[0] - ux * length, tip[1] - uy * length
    corners = [tip, (bx - uy * half, by + ux * half), (bx + uy * half, by - ux * half)]
    return " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in corners)


class _Drawing:
    """Builds the SVG of one view."""

    def __init__(self, view: SketchView, highlight: frozenset[str],
                 links: frozenset[tuple[str, str]] | None = None, labels: Mapping[str, str] | None = None):
        self.view = view
        self.labels = labels
        self.links = links
        self.header = view.header
        self.font = view.header.font
        self.records = view.by_id()
        self.highlight = highlight
        self.parts: list[str] = []

    def _lit(self, *names: str | None) -> bool:
        return bool(self.highlight) and all(n in self.highlight for n in names if n is not None)

    def _fade(self, lit: bool) -> str:
        return f' opacity="{FADED}"' if self.highlight and not lit else ""

    def _end(self, ident: int) -> Variable | Valve | Comment | None:
        """The drawn element of an arrow end: a flow's name stands for its valve."""
        record = self.records.get(ident)
        before = self.records.get(ident - 1)
        if isinstance(record, Variable) and record.attached and isinstance(before, Valve):
            return before
        return record if isinstance(record, Variable | Valve | Comment) else None

    def connector(self, arrow: Arrow) -> None:
        start, end = self._end(arrow.source), self._end(arrow.target)
        if start is None or end is None:
            return
        p0, p2 = (start.x, start.y), (end.x, end.y)
        handle = arrow.points[0] if arrow.points and arrow.shape != 0 and arrow.points[0] != (0, 0) else None
        mid = ((p0[0] + p2[0]) / 2, (p0[1] + p2[1]) / 2)
        c = (2 * handle[0] - mid[0], 2 * handle[1] - mid[1]) if handle else mid
        steps = [i / 200 for i in range(201)]
        t0 = max((t for t in steps if t <= 0.5 and _inside(_box(start), _bezier(p0, c, p2, t))), default=0.0)
        t1 = min((t for t in steps if t >= 0.5 and _inside(_box(end), _bezier(p0, c, p2, t))), default=1.0)
        s, e = _bezier(p0, c, p2, t0), _bezier(p0, c, p2, t1)
        d0 = _tangent(p0, c, p2, t0)
        k = (s[0] + (t1 - t0) / 2 * d0[0], s[1] + (t1 - t0) / 2 * d0[1])
        cause, effect = self.view.name_of(arrow.source), self.view.name_of(arrow.target)
        lit = self._lit(cause, effect) and (self.links is None or (cause, effect) in self.links)
        colour = HIGHLIGHT if lit else self.header.arrow_color
        style = ' stroke-width="1.8"' if lit else f' stroke-width="1" stroke-opacity="{ARROW_OPACITY}"'
        self.parts.append(f'<path d="M{_fmt(s[0])},{_fmt(s[1])} Q{_fmt(k[0])},{_fmt(k[1])} {_fmt(e[0])},{_fmt(e[1])}" '
                          f'fill="none" stroke="{colour}"{style}{self._fade(lit)}/>')
        head = _arrowhead(e, _tangent(p0, c, p2, t1), 8, 3.5)
        self.parts.append(f'<polygon points="{head}" fill="{colour}"{self._fade(lit)}/>')

    def pipe(self, arrow: Arrow) -> None:
        valve, end = self.records.get(arrow.source), self.records.get(arrow.target)
        if not isinstance(valve, Valve) or end is None:
            return
        tip = arrow.points[0] if arrow.points else (end.x, end.y)
        flow = self.view.name_of(valve.id)
        lit = self._lit(flow, self.view.name_of(arrow.target))
        colour = HIGHLIGHT if lit else self.header.shape_color
        dx, dy = tip[0] - valve.x, tip[1] - valve.y
        length = math.hypot(dx, dy) or 1.0
        stop = (tip[0] - dx / length * 9, tip[1] - dy / length * 9) if arrow.to_sink else tip
        line = f'M{_fmt(valve.x)},{_fmt(valve.y)} L{_fmt(stop[0])},{_fmt(stop[1])}'
        self.parts.append(f'<path d="{line}" stroke="{colour}" stroke-width="6"{self._fade(lit)}/>')
        self.parts.append(f'<path d="{line}" stroke="#ffffff" stroke-width="2.5"/>')
        if arrow.to_sink:
            head = _arrowhead(tip, (dx, dy), 11, 7)
            self.parts.append(f'<polygon points="{head}" fill="{colour}"{self._fade(lit)}/>')

    def valve(self, valve: Valve) -> None:
        x, y = valve.x, valve.y
        a, b = (8, 6) if valve.vertical else (6, 8)
        if valve.vertical:
            shape = f"M{x - a},{y - b} L{x - a},{y + b} L{x + a},{y - b} L{x + a},{y + b} Z"
        else:
            shape = f"M{x - a},{y - b} L{x + a},{y - b} L{x - a},{y + b} L{x + a},{y + b} Z"
        lit = self._lit(self.view.name_of(valve.id))
        colour = HIGHLIGHT if lit else self.header.shape_color
        self.parts.append(f'<path d="{shape}" fill="#ffffff" stroke="{colour}" stroke-width="1.3" '
                          f'stroke-linejoin="round"{self._fade(lit)}/>')

    def cloud(self, comment: Comment) -> None:
        x, y = comment.x, comment.y
        shape = (f"M{x - 8},{y + 5} a4,4 0 0 1 0,-8 a5,5 0 0 1 8,-3 a5,5 0 0 1 8,3 "
                 f"a4,4 0 0 1 0,8 Z")
        self.parts.append(f'<path d="{shape}" fill="#ffffff" stroke="{self.header.shape_color}" stroke-width="1"'
                          f'{self._fade(False)}/>')

    def variable(self, record: Variable) -> None:
        lit = self._lit(record.name)
        if record.is_box:
            stroke = HIGHLIGHT if lit else self.header.shape_color
            self.parts.append(f'<rect x="{record.x - record.w}" y="{record.y - record.h}" width="{2 * record.w}" '
                              f'height="{2 * record.h}" fill="#ffffff" stroke="{stroke}" '
                              f'stroke-width="{"2.5" if lit else "1.3"}"{self._fade(lit)}/>')
        colour = HIGHLIGHT if lit else SHADOW_GREY if record.is_shadow else self.header.text_color
        # A translated label is not the text the record was sized for: outside a stock's box, it may take the
        # widest line any name gets, rather than many short lines in the width of the name.
        width = record.w if record.is_box or not self.labels else max(record.w, TRANSLATED_WRAP / 2)
        lines = label_lines(shown(label(record.name, self.labels), record.is_shadow), record.is_box, width, self.font)
        self.text(record.x, record.y, lines, colour, lit, record.name)

    def text(self, x: float, y: float, lines: tuple[str, ...], colour: str, lit: bool, name: str) -> None:
        height = self.font.line_height
        first = y - (len(lines) - 1) * height / 2 + self.font.px * 0.35
        spans = "".join(f'<tspan x="{_fmt(x)}" y="{_fmt(first + i * height)}">{escape(line)}</tspan>'
                        for i, line in enumerate(lines))
        weight = ' class="lit" font-weight="bold"' if lit else ""
        self.parts.append(f'<text data-var={quoteattr(name)} text-anchor="middle" fill="{colour}"{weight}{HALO}'
                          f'{self._fade(lit)}>{spans}</text>')

    def body(self) -> list[str]:
        kinds = [(Arrow, lambda r: r.is_pipe, self.pipe), (Arrow, lambda r: not r.is_pipe, self.connector),
                 (Comment, lambda r: r.is_cloud, self.cloud), (Valve, lambda r: True, self.valve),
                 (Variable, lambda r: True, self.variable)]
        for kind, wanted, draw in kinds:
            for record in self.view.records:
                if isinstance(record, kind) and wanted(record):
                    draw(record)
        return self.parts


def _extent(view: SketchView) -> tuple[float, float]:
    """Width and height that hold every element and every arrow's arc point."""
    rights, bottoms = [200.0], [100.0]
    for record in view.records:
        if isinstance(record, Variable | Valve | Comment):
            box = _box(record)
            rights.append(box.right)
            bottoms.append(box.bottom)
        elif isinstance(record, Arrow):
            rights += [x for x, _ in record.points]
            bottoms += [y for _, y in record.points]
    return max(rights) + MARGIN, max(bottoms) + MARGIN


def _focus_box(view: SketchView, names: frozenset[str]) -> tuple[float, float, float, float] | None:
    """``(x, y, width, height)`` around the variables ``names`` of a view, with a margin; None if none."""
    found = [v for v in view.variables() if v.name in names]
    if not found:
        return None
    left = min(v.x - max(v.w, 40) for v in found) - 3 * MARGIN
    top = min(v.y - max(v.h, 12) for v in found) - 3 * MARGIN
    right = max(v.x + max(v.w, 40) for v in found) + 3 * MARGIN
    bottom = max(v.y + max(v.h, 12) for v in found) + 3 * MARGIN
    return max(left, 0.0), max(top, 0.0), right - max(left, 0.0), bottom - max(top, 0.0)


def view_svg(view: SketchView, highlight: frozenset[str] | set[str] = frozenset(),
             links: frozenset[tuple[str, str]] | None = None, *, title: str | None = None,
             zoom: float = 1.0, focus: bool = False, labels: Mapping[str, str] | None = None) -> str:
    """The SVG text of one view.

    Parameters
    ----------
    view : SketchView
        A view read from a model file.
    highlight : set of str, optional
        Variable names to draw in colour (with the arrows and pipes among them); the rest is faded.
    links : set of (str, str), optional
        ``(cause, effect)`` pairs: when given, only the arrows of these links are drawn in colour.
    title : str, optional
        Text of the title (default: the view's name).
    zoom : float
        Screen pixels per sketch pixel (the drawing's ``width`` and ``height``).
    focus : bool
        Show only the part of the view around the highlighted variables.
    labels : mapping of str to str, optional
        Text drawn for each variable name (e.g. :func:`model.report.diagram.labels.labels` ``("vi")``);
        a name missing from it is drawn as itself. Highlighting still works on the names.

    Returns
    -------
    str
        A standalone SVG document in sketch pixels, with the view's name as title.

    """
    width, height = _extent(view)
    box = (_focus_box(view, frozenset(highlight)) if focus else None) or (0.0, 0.0, width, height)
    font = view.header.font
    family = quoteattr(f"{font.face}, Liberation Sans, Helvetica, sans-serif")
    view_box = " ".join(_fmt(value) for value in box)
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{_fmt(box[2] * zoom)}" height="{_fmt(box[3] * zoom)}" '
            f'viewBox="{view_box}" font-family={family} font-size="{_fmt(font.px)}">')
    name = escape(view.name if title is None else title)
    heading = (f'<title>{name}</title><rect x="{_fmt(box[0])}" y="{_fmt(box[1])}" width="{_fmt(box[2])}" '
               f'height="{_fmt(box[3])}" fill="#ffffff"/>'
               f'<text x="{_fmt(box[0] + 12)}" y="{_fmt(box[1] + TITLE_SIZE + 4)}" font-size="{TITLE_SIZE}" '
               f'font-weight="bold" fill="{view.header.text_color}">{name}</text>')
    return "\n".join([head, heading, *_Drawing(view, frozenset(highlight), links, labels).body(), "</svg>"]) + "\n"


def model_view_svg(name: str, highlight: frozenset[str] | set[str] = frozenset(), mdl_path: Path = MDL_PATH,
                   links: frozenset[tuple[str, str]] | None = None) -> str:
    """The SVG of the view ``name`` of a model file (for the app); :class:`KeyError` names the valid views."""
    return view_svg(find_view(model_views(mdl_path), name), highlight, links)


def views_showing(names: set[str] | frozenset[str], views: tuple[SketchView, ...]) -> list[tuple[str, int]]:
    """The views in which some of ``names`` appear, with how many.

    A variable counts where it is defined and where it appears as a shadow.
    Views that define the most of ``names`` come first (then those showing
    the most, then file order), so the first view is the loop's home.
    """
    counts = [(view.name, len({v.name for v in view.variables()} & set(names))) for view in views]
    defined = [len(set(view.defined()) & set(names)) for view in views]
    order = sorted(range(len(counts)), key=lambda i: (-defined[i], -counts[i][1], i))
    return [counts[i] for i in order if counts[i][1]]


def svg_png(svg: str, scale: float = 1.5) -> bytes:
    """PNG bytes of an SVG document (rendered by vl-convert)."""
    import vl_convert

    return vl_convert.svg_to_png(svg, scale=scale)
