"""Layout of one stock-and-flow cluster: a chain of stocks with every valve attached to them.

The stocks joined by flows stand in one row, each flow between two neighbours
a horizontal pipe with its valve half-way. The first stock takes an inflow from
a cloud on its left and the last an outflow to a cloud on its right. Every
other flow from or to a cloud is vertical: inflows come down into the top of
their stock, outflows leave from its bottom, side by side, the box widened to
take them all. Valve names sit below horizontal valves and right of vertical
ones. Pipes are straight, so they only need one point each in the sketch.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import pairwise

from model.report.diagram.geometry import End, Placed, PlacedFlow, Rect, bounds
from model.report.diagram.plan import FlowLink
from model.report.diagram.text import Font, label_half_size

#: Clear pipe length beside a valve's name, the shortest horizontal pipe, the vertical pipe pieces, the
#: space between side-by-side vertical flows and the least distance of a vertical pipe from a box's corner.
PIPE_MARGIN, MIN_PIPE = 36, 110
VALVE_TO_STOCK, VALVE_TO_CLOUD, CLOUD_W, CLOUD_H = 44, 44, 10, 8
VERTICAL_GAP, PIPE_INSET = 24, 14


class LayoutError(ValueError):
    """The stock-and-flow structure has a shape the layout does not draw."""


@dataclass(frozen=True)
class Cluster:
    """A laid-out cluster in its own coordinates.

    Attributes
    ----------
    stocks : tuple of Placed
        The stock boxes, left to right.
    flows : tuple of PlacedFlow
        Every valve of the cluster.
    bounds : Rect
        The area it covers.

    """

    stocks: tuple[Placed, ...]
    flows: tuple[PlacedFlow, ...]
    bounds: Rect

    def shifted(self, dx: float, dy: float) -> Cluster:
        """The same cluster moved."""
        return Cluster(tuple(s.shifted(dx, dy) for s in self.stocks), tuple(f.shifted(dx, dy) for f in self.flows),
                       self.bounds.shifted(dx, dy))


def chain_order(stocks: tuple[str, ...], links: tuple[FlowLink, ...]) -> tuple[str, ...]:
    """The stocks of a connected cluster as a row in which every stock-to-stock flow joins neighbours.

    Raises
    ------
    LayoutError
        If the stocks joined by flows do not form a single chain, or two flows
        join the same two stocks.

    """
    pairs = [frozenset((link.source, link.sink)) for link in links if link.source and link.sink]
    if len(set(pairs)) != len(pairs):
        raise LayoutError(f"two flows join the same two stocks among {sorted(stocks)}")
    neighbours: dict[str, list[str]] = {stock: [] for stock in stocks}
    for pair in pairs:
        a, b = sorted(pair)
        neighbours[a].append(b)
        neighbours[b].append(a)
    if any(len(n) > 2 for n in neighbours.values()) or len(pairs) != len(stocks) - 1:
        raise LayoutError(f"the stocks {sorted(stocks)} joined by flows are not a single chain")
    ends = [s for s in stocks if len(neighbours[s]) <= 1]
    starts = [s for s in ends if not any(link.sink == s and link.source for link in links)]
    order = [(starts or ends)[0]]
    while len(order) < len(stocks):
        order.append(next(n for n in neighbours[order[-1]] if n not in order))
    return tuple(order)


def _label(link: FlowLink, font: Font) -> tuple[int, int]:
    return label_half_size(link.flow, False, font)


def _slot(link: FlowLink, font: Font) -> float:
    """Width a vertical flow needs: its pipe, and its name on the right."""
    return 2 * _label(link, font)[0] + 10 + VERTICAL_GAP


def _pipe_length(link: FlowLink | None, font: Font) -> float:
    """Distance between the two ends of a horizontal pipe: room for the valve's name."""
    return 0.0 if link is None else max(MIN_PIPE, 2 * _label(link, font)[0] + PIPE_MARGIN)


@dataclass(frozen=True)
class _Sides:
    """Where each flow of the cluster goes."""

    between: tuple[FlowLink | None, ...]
    left: FlowLink | None
    right: FlowLink | None
    top: dict
    bottom: dict


def _sides(order: tuple[str, ...], links: tuple[FlowLink, ...]) -> _Sides:
    between = tuple(next((k for k in links if {k.source, k.sink} == {a, b}), None) for a, b in pairwise(order))
    left = next((k for k in links if k.source is None and k.sink == order[0]), None)
    right = next((k for k in links if k.sink is None and k.source == order[-1]), None)
    top = {s: [k for k in links if k.source is None and k.sink == s and k is not left] for s in order}
    bottom = {s: [k for k in links if k.sink is None and k.source == s and k is not right] for s in order}
    return _Sides(between, left, right, top, bottom)


def _stock_rect(stock: str, sides: _Sides, font: Font) -> Rect:
    """A stock's box at the origin, wide enough for its name and for all its vertical pipes to meet it."""
    w, h = label_half_size(stock, True, font)
    for group in (sides.top[stock], sides.bottom[stock]):
        spread = sum(_slot(k, font) for k in group[:-1])
        w = max(w, math.ceil(spread / 2) + PIPE_INSET)
    return Rect(0, 0, w, h)


def _pipe(link: FlowLink, left: End, right: End, font: Font) -> PlacedFlow:
    """A horizontal flow between a left and a right end, valve half-way, name below."""
    valve = ((left.attach[0] + right.attach[0]) / 2, left.attach[1])
    w, h = _label(link, font)
    forward = right.stock == link.sink if right.stock else left.stock != link.sink
    source, sink = (left, right) if forward else (right, left)
    return PlacedFlow(link.flow, valve, False, Rect(valve[0], valve[1] + 8 + h, w, h), source, sink)


def _row(order: tuple[str, ...], sides: _Sides, font: Font) -> tuple[list[Placed], list[PlacedFlow]]:
    """The stocks left to right with the horizontal flows."""
    stocks: list[Placed] = []
    flows: list[PlacedFlow] = []
    edge = 0.0
    if sides.left:
        edge = 2 * CLOUD_W + _pipe_length(sides.left, font)
        cloud = End(None, (2 * CLOUD_W, 0.0), (CLOUD_W, 0.0))
        flows.append(_pipe(sides.left, cloud, End(order[0], (edge, 0.0)), font))
    for i, stock in enumerate(order):
        rect = _stock_rect(stock, sides, font)
        rect = Rect(edge + rect.w, 0.0, rect.w, rect.h)
        stocks.append(Placed(stock, "stock", rect))
        link = sides.between[i] if i < len(sides.between) else sides.right
        if link is None:
            break
        edge = rect.right + _pipe_length(link, font)
        start = End(stock, (rect.right, 0.0))
        if i < len(sides.between):
            flows.append(_pipe(link, start, End(order[i + 1], (edge, 0.0)), font))
        else:
            flows.append(_pipe(link, start, End(None, (edge, 0.0), (edge + CLOUD_W, 0.0)), font))
    return stocks, flows


def _vertical(link: FlowLink, x: float, stock: Rect, down: bool, font: Font) -> PlacedFlow:
    """A vertical flow: an inflow from a cloud above (``down``) or an outflow to a cloud below."""
    w, h = _label(link, font)
    if down:
        valve = (x, stock.top - VALVE_TO_STOCK)
        cloud = (x, valve[1] - VALVE_TO_CLOUD - CLOUD_H)
        source = End(None, (x, cloud[1] + CLOUD_H), cloud)
        sink = End(link.sink, (x, stock.top))
    else:
        valve = (x, stock.bottom + VALVE_TO_STOCK)
        cloud = (x, valve[1] + VALVE_TO_CLOUD + CLOUD_H)
        source = End(link.source, (x, stock.bottom))
        sink = End(None, (x, cloud[1] - CLOUD_H), cloud)
    return PlacedFlow(link.flow, valve, True, Rect(x + 10 + w, valve[1], w, h), source, sink)


def _verticals(stock: Placed, group: list[FlowLink], down: bool, font: Font) -> list[PlacedFlow]:
    """Side-by-side vertical flows of one stock, centred on it."""
    offsets = [0.0]
    for link in group[:-1]:
        offsets.append(offsets[-1] + _slot(link, font))
    shift = stock.rect.x - offsets[-1] / 2
    return [_vertical(link, offset + shift, stock.rect, down, font)
            for link, offset in zip(group, offsets, strict=True)]


def layout_cluster(stocks: tuple[str, ...], links: tuple[FlowLink, ...], font: Font) -> Cluster:
    """Lay out one cluster.

    Parameters
    ----------
    stocks : tuple of str
        The stocks of the cluster (joined by flows, or a single stock).
    links : tuple of FlowLink
        Every valve attached to them.
    font : Font
        The view's font.

    Returns
    -------
    Cluster
        Stocks and flows in the cluster's own coordinates (stock row at y = 0).

    """
    order = chain_order(stocks, links)
    sides = _sides(order, links)
    placed, flows = _row(order, sides, font)
    for stock in placed:
        flows += _verticals(stock, sides.top[stock.name], True, font) if sides.top[stock.name] else []
        flows += _verticals(stock, sides.bottom[stock.name], False, font) if sides.bottom[stock.name] else []
    rects = [s.rect for s in placed] + [r for f in flows for r in f.rects()]
    return Cluster(tuple(placed), tuple(flows), bounds(rects))
