"""Read a Vensim model into PySD's abstract syntax, one definition per variable."""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

from model.engine.compiled.errors import UnsupportedConstruct

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from pysd.translators.structures import abstract_expressions as ae
    from pysd.translators.structures.abstract_model import AbstractData, AbstractLookup
    from pysd.translators.vensim.vensim_file import VensimFile

#: Control variables: the run supplies their values, not the equations.
CONTROL_KEYS = ("initial_time", "final_time", "time_step", "saveper")


def clean_name(name: str) -> str:
    """The key PySD's parser uses in references: lower case, spaces as underscores."""
    return name.lower().replace(" ", "_")


@dataclass(frozen=True)
class Element:
    """One model variable.

    Attributes
    ----------
    name : str
        The name as written in the ``.mdl`` file (PySD's "Real Name").
    key : str
        The name as references spell it (see :func:`clean_name`).
    ast : object
        PySD's abstract syntax tree of the equation, or a ``LookupsStructure``.
    is_lookup : bool
        The element is a lookup table (called like a function).

    """

    name: str
    key: str
    ast: object
    is_lookup: bool


@dataclass(frozen=True)
class ModelSource:
    """The variables of a model, in file order.

    Attributes
    ----------
    elements : tuple of Element
        Every variable, control variables included.

    """

    elements: tuple[Element, ...]

    def by_key(self) -> dict[str, Element]:
        """Reference key -> element."""
        return {element.key: element for element in self.elements}


def _element(abstract) -> Element:
    name = abstract.name
    if len(abstract.components) != 1:
        raise UnsupportedConstruct("a variable defined by several equations", name)
    component = abstract.components[0]
    if component.subscripts[0]:
        raise UnsupportedConstruct("subscripts", name)
    if isinstance(component, AbstractData):
        raise UnsupportedConstruct("data series", name)
    is_lookup = isinstance(component, AbstractLookup)
    if is_lookup and not isinstance(component.ast, ae.LookupsStructure):
        raise UnsupportedConstruct(f"external lookups ({type(component.ast).__name__})", name)
    return Element(name=name, key=clean_name(name), ast=component.ast, is_lookup=is_lookup)


def read_model(mdl_path: Path) -> ModelSource:
    """Parse a ``.mdl`` file with PySD's Vensim translator.

    Parameters
    ----------
    mdl_path : Path
        The Vensim model.

    Returns
    -------
    ModelSource
        One element per variable.

    Raises
    ------
    UnsupportedConstruct
        For macros, subscripts, data series, external data and variables with
        several equations.

    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        vensim = VensimFile(str(mdl_path))
        vensim.parse()
        abstract = vensim.get_abstract_model()
    for section in abstract.sections:
        if section.name != "__main__":
            raise UnsupportedConstruct("macros", section.name)
    elements = tuple(_element(e) for e in abstract.sections[0].elements)
    keys = [e.key for e in elements]
    duplicated = sorted({k for k in keys if keys.count(k) > 1})
    if duplicated:
        raise UnsupportedConstruct("names differing only in case or spacing", duplicated[0])
    missing = [k for k in CONTROL_KEYS if k not in keys]
    if missing:
        raise UnsupportedConstruct("a model without its control variables", missing[0])
    return ModelSource(elements)
