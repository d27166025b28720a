"""Laid-out views as Vensim sketch records, and the sketch section of a model file.

Records of a view are written in this order, with ids counting up from 1:
stocks; per flow its clouds, the pipe to its sink, the pipe from its source,
its valve and its name (the valve's id + 1, as Vensim keeps them); auxiliaries
and constants; shadow variables; connectors. Coordinates are rounded to whole
pixels. The same equations give the same bytes.
"""

from __future__ import annotations

import math

from model.report.diagram.geometry import Placed, PlacedFlow, Point
from model.report.diagram.graph import ModelGraph
from model.report.diagram.layout import ViewLayout, layout_view
from model.report.diagram.mdl_text import sectors as read_sectors
from model.report.diagram.mdl_text import split_mdl
from model.report.diagram.plan import plan_views
from model.report.diagram.sketch_format import (
    BITS_OWN,
    BITS_SHADOW,
    DEFAULT_FONT,
    END_LINE,
    FONT_LINE,
    HEADER_LINE,
    PIPE_SINK,
    PIPE_SOURCE,
    PIPE_THICKNESS,
    SHADOW_TAIL,
    SHAPE_BOX,
    SHAPE_FLOW_NAME,
    SHAPE_TEXT,
    VERSION_LINE,
    Arrow,
    Comment,
    Record,
    Valve,
    Variable,
)

#: Connectors bend to the left of their direction by this share of their length, at most :data:`MAX_BEND` pixels.
BEND, MAX_BEND = 0.08, 24.0


def _px(value: float) -> int:
    return math.floor(value + 0.5)


def _point(point: Point) -> tuple[int, int]:
    return _px(point[0]), _px(point[1])


def _node(ident: int, node: Placed) -> Variable:
    r = node.rect
    if node.kind == "stock":
        return Variable(ident, node.name, _px(r.x), _px(r.y), _px(r.w), _px(r.h), SHAPE_BOX, BITS_OWN, 0)
    if node.kind == "shadow":
        return Variable(ident, node.name, _px(r.x), _px(r.y), _px(r.w), _px(r.h), SHAPE_TEXT, BITS_SHADOW, -1,
                        SHADOW_TAIL)
    return Variable(ident, node.name, _px(r.x), _px(r.y), _px(r.w), _px(r.h), SHAPE_TEXT, BITS_OWN, -1)


def _flow_records(first: int, flow: PlacedFlow, ids: dict[str, int]) -> list[Record]:
    """Clouds, the two pipes, the valve and the name of one flow, ids from ``first``."""
    records: list[Record] = []
    ident = first
    for end in (flow.source, flow.sink):
        if end.cloud:
            records.append(Comment(ident, "48", *_point(end.cloud)))
            ids[f"\0cloud{ident}"] = ident
            ident += 1
    valve = ident + 2
    ends = {}
    for end in (flow.source, flow.sink):
        ends[id(end)] = ids[end.stock] if end.stock else next(
            r.id for r in records if isinstance(r, Comment) and (r.x, r.y) == _point(end.cloud))
    records.append(Arrow(ident, valve, ends[id(flow.sink)], (_point(flow.sink.attach),), PIPE_SINK, PIPE_THICKNESS, 0))
    records.append(Arrow(ident + 1, valve, ends[id(flow.source)], (_point(flow.source.attach),), PIPE_SOURCE,
                         PIPE_THICKNESS, 0))
    records.append(Valve(valve, *_point(flow.valve), vertical=flow.vertical))
    label = flow.label
    records.append(Variable(valve + 1, flow.flow, _px(label.x), _px(label.y), _px(label.w), _px(label.h),
                            SHAPE_FLOW_NAME, BITS_OWN, -1))
    ids[flow.flow] = valve + 1
    return records


def _handle(start: Point, end: Point) -> tuple[int, int]:
    """The point a connector's arc passes through: the middle, moved left of the direction."""
    dx, dy = end[0] - start[0], end[1] - start[1]
    length = math.hypot(dx, dy) or 1.0
    bend = min(BEND * length, MAX_BEND)
    return _point(((start[0] + end[0]) / 2 + dy / length * bend, (start[1] + end[1]) / 2 - dx / length * bend))


def view_records(layout: ViewLayout) -> list[Record]:
    """Every record of one view, in writing order."""
    records: list[Record] = []
    ids: dict[str, int] = {}
    centre: dict[str, Point] = {}
    for node in (n for n in layout.nodes if n.kind == "stock"):
        records.append(_node(len(records) + 1, node))
        ids[node.ident], centre[node.ident] = records[-1].id, (node.rect.x, node.rect.y)
    for flow in layout.flows:
        records += _flow_records(len(records) + 1, flow, ids)
        centre[flow.flow] = flow.valve
    for node in (n for n in layout.nodes if n.kind != "stock"):
        records.append(_node(len(records) + 1, node))
        ids[node.ident], centre[node.ident] = records[-1].id, (node.rect.x, node.rect.y)
    for cause, effect in layout.arrows:
        via = layout.routes.get((cause, effect))
        handle = _point(via) if via else _handle(centre[cause], centre[effect])
        records.append(Arrow(len(records) + 1, ids[cause], ids[effect], (handle,)))
    return records


def view_text(layout: ViewLayout) -> list[str]:
    """The lines of one view: header lines, then its records."""
    return [HEADER_LINE, VERSION_LINE, f"*{layout.name}", FONT_LINE] + [r.line() for r in view_records(layout)]


def layouts(equations: str, graph: ModelGraph) -> tuple[ViewLayout, ...]:
    """One laid-out view per sector of the equations."""
    return tuple(layout_view(plan, DEFAULT_FONT) for plan in plan_views(read_sectors(equations), graph))


def sketch_section(equations: str, graph: ModelGraph) -> str:
    r"""The whole sketch section for these equations (ends with the ``///---\\\`` line and a newline)."""
    lines = [line for layout in layouts(equations, graph) for line in view_text(layout)]
    return "\n".join([*lines, END_LINE]) + "\n"


def with_sketch(text: str, graph: ModelGraph) -> str:
    """The model text with its sketch section regenerated; equations and settings kept byte for byte."""
    parts = split_mdl(text)
    return parts.equations + sketch_section(parts.equations, graph) + parts.settings
