"""PySD's parse of the Vensim equations, handed on as plain data (for the unit check).

PySD translates a ``.mdl`` file in two stages: the Vensim file is parsed into an
*abstract model* (one element per variable, with its units string and the
abstract syntax tree of its equation), which a builder then turns into Python.
This module reads the first stage and converts PySD's syntax classes into plain
nested tuples, so that :mod:`model.checks.units` works without PySD:

* a number: ``int`` or ``float``;
* ``("ref", name)``: a model variable by its real name (``"Time"`` for time);
* ``("arith", operators, arguments)``: arithmetic, ``operators`` one shorter
  than ``arguments`` (``+ - * / ^``), or ``(("negative",), (x,))``;
* ``("logic", operators, arguments)``: comparisons and ``:AND: :OR: :NOT:``;
* ``("call", function, arguments)``: a Vensim function, lower case with
  underscores (``"if_then_else"``, ``"step"``, ``"zidz"``, ...);
* ``("integ", flow, initial)``: a stock;
* ``("initial", expression)``: ``INITIAL``;
* ``("unsupported", class_name)``: a construct the unit check does not cover
  (delays, lookups, data), which it reports instead of passing silently.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

from model.base.paths import MDL_PATH

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from pysd.translators.structures import abstract_expressions as ae
    from pysd.translators.vensim.vensim_file import VensimFile


@dataclass(frozen=True)
class Equation:
    """One model variable as written in the ``.mdl`` file.

    Attributes
    ----------
    name : str
        Real (Vensim) name.
    units : str
        Units string, without the range in brackets.
    expression : object
        The equation's syntax tree (see the module docstring).

    """

    name: str
    units: str
    expression: object


def _safe(name: str) -> str:
    """The key PySD uses for a reference (lower case, spaces as underscores)."""
    return name.strip().lower().replace(" ", "_")


def _convert(node: object, names: dict[str, str]) -> object:
    """Turn a PySD syntax node into the plain tuple form."""
    if isinstance(node, bool):
        return int(node)
    if isinstance(node, int | float):
        return node
    if isinstance(node, ae.ReferenceStructure):
        return ("ref", names.get(node.reference, node.reference))
    if isinstance(node, ae.ArithmeticStructure):
        return ("arith", tuple(node.operators), tuple(_convert(a, names) for a in node.arguments))
    if isinstance(node, ae.LogicStructure):
        return ("logic", tuple(node.operators), tuple(_convert(a, names) for a in node.arguments))
    if isinstance(node, ae.CallStructure):
        return ("call", node.function.reference, tuple(_convert(a, names) for a in node.arguments))
    if isinstance(node, ae.IntegStructure):
        return ("integ", _convert(node.flow, names), _convert(node.initial, names))
    if isinstance(node, ae.InitialStructure):
        return ("initial", _convert(node.initial, names))
    return ("unsupported", type(node).__name__)


def abstract_equations(mdl_path: Path = MDL_PATH) -> dict[str, Equation]:
    """Parse a Vensim model into its equations, units and syntax trees.

    Parameters
    ----------
    mdl_path : Path
        The Vensim ``.mdl`` file.

    Returns
    -------
    dict
        Real name -> :class:`Equation`, in file order, control variables
        (``INITIAL TIME``, ``TIME STEP``, ...) included. A variable defined by
        several equations (subscripts) keeps its first one.

    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        vensim_file = VensimFile(Path(mdl_path))
        vensim_file.parse()
        model = vensim_file.get_abstract_model()
    elements = [el for section in model.sections for el in section.elements]
    names = {_safe(el.name): el.name for el in elements}
    names["time"] = "Time"
    out = {}
    for element in elements:
        ast = element.components[0].ast if element.components else ("unsupported", "no equation")
        out[element.name] = Equation(element.name, (element.units or "").strip(), _convert(ast, names))
    return out
