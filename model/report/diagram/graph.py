"""The model's variables and dependencies as plain data, and the inflows and outflows of each stock.

:class:`ModelGraph` is filled by :func:`model_graph` from PySD's parse of the
model (:mod:`model.engine.graph`, the one part that reads PySD). A stock's rate (the first argument of ``INTEG``) is
a syntax tree in the plain tuple form of :mod:`model.engine.equations`; it is read
as a signed sum of terms. A term that is just another variable (not a stock) is
a *flow*: an inflow when added, an outflow when subtracted. Any other term
(a product, a gap over an adjustment time, ...) is not a flow; the variables it
uses reach the stock as ordinary dependencies.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from model.base.paths import MDL_PATH


@dataclass(frozen=True)
class ModelGraph:
    """Variables, dependencies and stock rates on real (Vensim) names.

    Attributes
    ----------
    dependencies : Mapping[str, frozenset[str]]
        Every model variable -> the variables its equation uses (initial
        values of stocks included; ``"Time"`` for time; itself excluded).
    rates : Mapping[str, object]
        Every stock -> the rate expression of its ``INTEG`` (tuple form).

    """

    dependencies: Mapping[str, frozenset[str]]
    rates: Mapping[str, object]

    @property
    def stocks(self) -> frozenset[str]:
        """Names of the stocks."""
        return frozenset(self.rates)


def model_graph(mdl_path: Path = MDL_PATH) -> ModelGraph:
    """The dependencies and stock rates of a model file (read again when the file changes)."""
    from model.engine.graph import model_structure

    path = Path(mdl_path)
    dependencies, rates = model_structure(path, path.stat().st_mtime_ns)
    return ModelGraph(dependencies=dependencies, rates=rates)


@dataclass(frozen=True)
class StockFlows:
    """The flows of one stock.

    Attributes
    ----------
    inflows, outflows : tuple of str
        Variables added to, or subtracted from, the stock's rate as whole terms.

    """

    inflows: tuple[str, ...]
    outflows: tuple[str, ...]


def signed_terms(expression: object, sign: int = 1) -> list[tuple[int, object]]:
    """Split a sum into ``(sign, term)`` pairs (``+1`` added, ``-1`` subtracted).

    Parameters
    ----------
    expression : object
        A syntax tree in the tuple form of :mod:`model.engine.equations`.
    sign : int
        The sign of the whole expression.

    Returns
    -------
    list of (int, object)
        The terms of the top-level sum, with unary minus folded into the sign.

    """
    if isinstance(expression, tuple) and expression[0] == "arith":
        operators, arguments = expression[1], expression[2]
        if operators == ("negative",):
            return signed_terms(arguments[0], -sign)
        if operators and set(operators) <= {"+", "-"}:
            terms = signed_terms(arguments[0], sign)
            for operator, argument in zip(operators, arguments[1:], strict=True):
                terms += signed_terms(argument, sign if operator == "+" else -sign)
            return terms
    return [(sign, expression)]


def _is_flow(term: object, graph: ModelGraph) -> bool:
    """Whether a term of a rate is a flow: a model variable that is not a stock."""
    return (isinstance(term, tuple) and term[0] == "ref" and term[1] in graph.dependencies
            and term[1] not in graph.rates)


def stock_flows(graph: ModelGraph) -> dict[str, StockFlows]:
    """Inflows and outflows of every stock.

    Parameters
    ----------
    graph : ModelGraph
        The model.

    Returns
    -------
    dict
        Stock name -> :class:`StockFlows`; a flow listed once per stock even if
        the rate names it twice with the same sign.

    """
    result = {}
    for stock, rate in graph.rates.items():
        inflows: list[str] = []
        outflows: list[str] = []
        for sign, term in signed_terms(rate):
            if _is_flow(term, graph):
                target = inflows if sign > 0 else outflows
                if term[1] not in target:
                    target.append(term[1])
        result[stock] = StockFlows(tuple(inflows), tuple(outflows))
    return result
