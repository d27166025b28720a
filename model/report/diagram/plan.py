"""What each view shows, before layout.

One view per sector. A view holds its sector's variables and, as shadows, the
variables of other sectors (and ``Time``) that they use. Stocks are boxes.
A flow of a stock in the same sector is a valve with pipes: from its source
stock (where it is subtracted) to its sink stock (where it is added); an end
whose stock is in another sector, or that has no stock, is a cloud. A flow
whose stocks are all in other sectors is drawn as an ordinary variable there
(and reaches those stocks as a shadow with an arrow). Every other dependency
between the view's variables is an arrow from cause to effect.
"""

from __future__ import annotations

from dataclasses import dataclass

from model.report.diagram.graph import ModelGraph, stock_flows
from model.report.diagram.mdl_text import Sector


@dataclass(frozen=True)
class FlowLink:
    """A flow drawn as a valve.

    Attributes
    ----------
    flow : str
        The flow variable.
    source, sink : str or None
        The stock it leaves and the stock it enters, or ``None`` for a cloud.

    """

    flow: str
    source: str | None
    sink: str | None


@dataclass(frozen=True)
class ViewPlan:
    """The content of one view.

    Attributes
    ----------
    name : str
        The view (sector) name.
    stocks, auxiliaries : tuple of str
        The sector's stocks and its other variables that are not valves, in file order.
    flows : tuple of FlowLink
        The sector's flows drawn as valves, in file order.
    shadows : tuple of str
        Variables of other sectors used here, sorted by name.
    arrows : tuple of (str, str)
        ``(cause, effect)`` for every dependency not drawn as a pipe.

    """

    name: str
    stocks: tuple[str, ...]
    flows: tuple[FlowLink, ...]
    auxiliaries: tuple[str, ...]
    shadows: tuple[str, ...]
    arrows: tuple[tuple[str, str], ...]

    @property
    def primaries(self) -> tuple[str, ...]:
        """Names defined in this view (stocks, flows, auxiliaries)."""
        return self.stocks + tuple(link.flow for link in self.flows) + self.auxiliaries


def _flow_ends(graph: ModelGraph) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """Flow -> (stocks it leaves, stocks it enters), each sorted by name."""
    ends: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    for stock, flows in sorted(stock_flows(graph).items()):
        for flow in flows.outflows:
            sources, sinks = ends.get(flow, ((), ()))
            ends[flow] = (sources + (stock,), sinks)
        for flow in flows.inflows:
            sources, sinks = ends.get(flow, ((), ()))
            ends[flow] = (sources, sinks + (stock,))
    return ends


def _first_member(stocks: tuple[str, ...], members: set[str]) -> str | None:
    return next((stock for stock in stocks if stock in members), None)


def _links(sector: Sector, ends: dict) -> tuple[FlowLink, ...]:
    """The sector's valves: flows with at least one of their stocks in the sector."""
    members = set(sector.variables)
    links = []
    for name in sector.variables:
        sources, sinks = ends.get(name, ((), ()))
        source, sink = _first_member(sources, members), _first_member(sinks, members)
        if source or sink:
            links.append(FlowLink(name, source, sink))
    return tuple(links)


def plan_view(sector: Sector, graph: ModelGraph, ends: dict) -> ViewPlan:
    """The content of one sector's view."""
    links = _links(sector, ends)
    piped = {(link.flow, stock) for link in links for stock in (link.source, link.sink) if stock}
    stocks = tuple(name for name in sector.variables if name in graph.rates)
    valves = {link.flow for link in links}
    auxiliaries = tuple(n for n in sector.variables if n not in graph.rates and n not in valves)
    arrows = []
    for effect in sector.variables:
        for cause in sorted(graph.dependencies[effect]):
            if (cause, effect) not in piped:
                arrows.append((cause, effect))
    shadows = tuple(sorted({cause for cause, _ in arrows} - set(sector.variables)))
    return ViewPlan(sector.name, stocks, links, auxiliaries, shadows, tuple(arrows))


def plan_views(sectors: tuple[Sector, ...], graph: ModelGraph) -> tuple[ViewPlan, ...]:
    """One :class:`ViewPlan` per sector, in file order."""
    ends = _flow_ends(graph)
    return tuple(plan_view(sector, graph, ends) for sector in sectors)
