"""Layout of a whole view: stock-and-flow clusters and variables placed in layered rows.

Each cluster of stocks joined by flows (with all their valves) is laid out by
:mod:`model.report.diagram.cluster` and then placed as one block; every auxiliary,
constant and shadow variable is a block of its own, sized to its wrapped name.
:func:`model.report.diagram.layering.place` puts the blocks in rows so that arrows
mostly point down and stay short, with gaps between all blocks, so no two
boxes or names overlap.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from model.report.diagram.cluster import Cluster, layout_cluster
from model.report.diagram.geometry import Placed, PlacedFlow, Point, Rect, bounds
from model.report.diagram.layering import Block, place
from model.report.diagram.plan import ViewPlan
from model.report.diagram.text import Font, label_half_size, shown

#: Empty border around a view, in sketch pixels.
MARGIN = 40
#: An arrow across rows passes this far left of its kept way. An arrow within a cluster along a horizontal
#: pipe bends below it by this share of its length, between LOOP_MIN and LOOP_MAX pixels (the cluster keeps
#: room for it); along a vertical pipe it bends SIDE_BEND pixels.
ROUTE_ASIDE, LOOP_BEND, LOOP_MIN, LOOP_MAX, SIDE_BEND = 8.0, 0.6, 50.0, 70.0, 24.0


@dataclass(frozen=True)
class ViewLayout:
    """A laid-out view.

    Attributes
    ----------
    name : str
        The view's name.
    nodes : tuple of Placed
        Stocks, auxiliaries and shadows.
    flows : tuple of PlacedFlow
        Valves with their names, pipes and clouds.
    arrows : tuple of (str, str)
        ``(cause, effect)`` connectors between keys of ``nodes`` (see
        :attr:`Placed.ident`) or names of flows.
    routes : Mapping
        ``(cause, effect)`` -> a point the arrow should pass through, for
        arrows that cross rows of other blocks.

    """

    name: str
    nodes: tuple[Placed, ...]
    flows: tuple[PlacedFlow, ...]
    arrows: tuple[tuple[str, str], ...]
    routes: Mapping[tuple[str, str], Point]


def _stock_groups(plan: ViewPlan) -> list[tuple[str, ...]]:
    """Stocks joined by flows, each group in file order, groups in the order of their first stock."""
    group = {stock: {stock} for stock in plan.stocks}
    for link in plan.flows:
        if link.source and link.sink:
            joined = group[link.source] | group[link.sink]
            for stock in joined:
                group[stock] = joined
    found: list[tuple[str, ...]] = []
    for stock in plan.stocks:
        members = tuple(s for s in plan.stocks if s in group[stock])
        if members not in found:
            found.append(members)
    return found


def clusters(plan: ViewPlan, font: Font) -> list[Cluster]:
    """The view's stock-and-flow clusters, in the order of their first stock.

    A cluster with arrows among its own stocks and flows keeps room below its
    row of stocks for their bends.
    """
    found = []
    for members in _stock_groups(plan):
        links = tuple(k for k in plan.flows if k.source in members or k.sink in members)
        cluster = layout_cluster(members, links, font)
        names = set(members) | {k.flow for k in links}
        if any(cause in names and effect in names for cause, effect in plan.arrows):
            room = Rect(cluster.bounds.x, LOOP_MAX / 2, 1, LOOP_MAX / 2 + 4)
            cluster = Cluster(cluster.stocks, cluster.flows, bounds([cluster.bounds, room]))
        found.append(cluster)
    return found


def _single(name: str, kind: str, font: Font, key: str = "") -> Placed:
    w, h = label_half_size(shown(name, kind == "shadow"), False, font)
    return Placed(name, kind, Rect(0, 0, w, h), key)


def _members(item: Cluster | Placed) -> list[str]:
    if isinstance(item, Placed):
        return [item.ident]
    return [s.name for s in item.stocks] + [f.flow for f in item.flows]


def _index(items: list) -> dict[str, int]:
    return {name: i for i, item in enumerate(items) for name in _members(item)}


def _edges(items: list, arrows: tuple[tuple[str, str], ...]) -> dict[tuple[int, int], int]:
    index = _index(items)
    edges: dict[tuple[int, int], int] = {}
    for cause, effect in arrows:
        a, b = index[cause], index[effect]
        if a != b:
            edges[(a, b)] = edges.get((a, b), 0) + 1
    return edges


def _size(item: Cluster | Placed) -> Rect:
    return item.bounds if isinstance(item, Cluster) else item.rect


def layout_view(plan: ViewPlan, font: Font) -> ViewLayout:
    """Place everything of one view.

    Parameters
    ----------
    plan : ViewPlan
        What the view shows.
    font : Font
        The view's font (sizes every name).

    Returns
    -------
    ViewLayout
        Positions in sketch pixels, the top-left corner of the content at
        (:data:`MARGIN`, :data:`MARGIN`).

    """
    items: list[Cluster | Placed] = list(clusters(plan, font))
    items += [_single(name, "aux", font) for name in plan.auxiliaries]
    shadows, arrows = _shadow_copies(plan, _index(items), font)
    items += shadows
    blocks = [Block(str(i), _size(item).w, _size(item).h) for i, item in enumerate(items)]
    placement = place(blocks, _edges(items, arrows))
    moved = [item.shifted(cx - _size(item).x, cy - _size(item).y)
             for item, (cx, cy) in zip(items, placement.centres, strict=True)]
    dx = MARGIN - min((_size(item).left for item in moved), default=0.0)
    dy = MARGIN - min((_size(item).top for item in moved), default=0.0)
    moved = [item.shifted(dx, dy) for item in moved]
    routes = {pair: [(x + dx, y + dy) for x, y in points] for pair, points in placement.routes.items()}
    nodes = [n for item in moved for n in ([item] if isinstance(item, Placed) else item.stocks)]
    flows = [f for item in moved if isinstance(item, Cluster) for f in item.flows]
    return ViewLayout(plan.name, tuple(nodes), tuple(flows), arrows,
                      MappingProxyType(_routes(moved, arrows, routes)))


def _shadow_copies(plan: ViewPlan, index: dict[str, int], font: Font) -> tuple[list[Placed], tuple]:
    """One shadow per variable of another sector and per block using it, so it can stand next to its user.

    Returns the shadows and the arrows with each shadow cause replaced by the key of its copy.
    """
    copies: list[Placed] = []
    for name in plan.shadows:
        users = sorted({index[effect] for cause, effect in plan.arrows if cause == name})
        copies += [_single(name, "shadow", font, f"{name}\0{user}") for user in users]
    shadows = set(plan.shadows)
    arrows = tuple((f"{cause}\0{index[effect]}" if cause in shadows else cause, effect)
                   for cause, effect in plan.arrows)
    return copies, arrows


def _centres(items: list) -> dict[str, Point]:
    """Where arrows start and end: a variable's centre, a flow's valve."""
    found: dict[str, Point] = {}
    for item in items:
        if isinstance(item, Placed):
            found[item.ident] = (item.rect.x, item.rect.y)
        else:
            found.update({s.name: (s.rect.x, s.rect.y) for s in item.stocks})
            found.update({f.flow: f.valve for f in item.flows})
    return found


def _aside(start: Point, end: Point, via: Point, distance: float) -> Point:
    """``via`` moved ``distance`` to the left of the direction from ``start`` to ``end``."""
    dx, dy = end[0] - start[0], end[1] - start[1]
    length = math.hypot(dx, dy) or 1.0
    return via[0] + dy / length * distance, via[1] - dx / length * distance


def _routes(items: list, arrows: tuple[tuple[str, str], ...], routes: dict) -> dict:
    """Arrow -> a point it passes through.

    For an arrow across rows, the middle of the way kept for it, a little to
    its left so that two opposite arrows stay apart; for an arrow within one
    cluster (a stock and its own flow), a wide bend below a horizontal pipe, or
    a small one beside a vertical pipe.
    """
    index, centre = _index(items), _centres(items)
    vertical = {f.flow for item in items if isinstance(item, Cluster) for f in item.flows if f.vertical}
    found = {}
    for cause, effect in arrows:
        start, end = centre[cause], centre[effect]
        points = routes.get((index[cause], index[effect]))
        if points:
            x, y = points[len(points) // 2]
            found[(cause, effect)] = _aside(start, end, (x, y), ROUTE_ASIDE)
        elif index[cause] == index[effect]:
            middle = ((start[0] + end[0]) / 2, (start[1] + end[1]) / 2)
            dx = end[0] - start[0]
            if not {cause, effect} & vertical:
                bend = min(max(LOOP_BEND * math.dist(start, end), LOOP_MIN), LOOP_MAX)
                found[(cause, effect)] = _aside(start, end, middle, bend if dx < 0 else -bend)
            else:
                found[(cause, effect)] = _aside(start, end, middle, SIDE_BEND)
    return found
