"""Feedback loops as data (data/loops.toml): the variables around each loop, its polarity, the levers on it.

A loop lists model variables (names as in the ``.mdl``) in causal order: each
depends directly on the one before it and the first on the last. The tests
check that every loop is a cycle of the model's dependency graph and that its
levers exist; the how-it-works page lists the loops and highlights each on the
stock-and-flow diagrams.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from model.base.lang import Bilingual
from model.base.paths import LOOPS_PATH
from model.catalogue.levers import levers_by_id
from model.catalogue.loader import CatalogueError, Field, Schema, check_tables, entries, read_toml

POLARITIES = ("reinforcing", "balancing")
SCHEMA = Schema("loop", key="id", fields=(
    Field("id"), Field("polarity", choices=POLARITIES), Field("name_vi"), Field("name_en"),
    Field("explain_vi"), Field("explain_en"), Field("levers", "texts"), Field("variables", "texts"),
))


@dataclass(frozen=True)
class Loop(Bilingual):
    """One feedback loop.

    Attributes
    ----------
    id : str
        Identifier.
    polarity : str
        ``"reinforcing"`` or ``"balancing"``.
    name_vi, name_en, explain_vi, explain_en : str
        Name and plain explanation in each language.
    levers : tuple of str
        Lever ids (levers.toml) that act on a variable of the loop.
    variables : tuple of str
        Model variables in causal order (each uses the one before it; the first uses the last).

    """

    id: str
    polarity: str
    name_vi: str
    name_en: str
    explain_vi: str
    explain_en: str
    levers: tuple[str, ...]
    variables: tuple[str, ...]

    def name(self, lang: str) -> str:
        """Name in ``lang``."""
        return self.text("name", lang)

    def explain(self, lang: str) -> str:
        """Explanation in ``lang``."""
        return self.text("explain", lang)

    def links(self) -> tuple[tuple[str, str], ...]:
        """``(cause, effect)`` of each link around the loop, the last closing it."""
        names = self.variables
        return tuple((names[i - 1], names[i]) for i in range(len(names)))


@lru_cache(maxsize=2)
def load_loops(path: Path = LOOPS_PATH) -> tuple[Loop, ...]:
    """Read the loops.

    Raises
    ------
    CatalogueError
        For a malformed entry, a loop of fewer than two variables or an unknown lever.

    """
    data = read_toml(path)
    check_tables(path, data, [SCHEMA.table])
    known = levers_by_id()
    loops = []
    for record in entries(path, data, SCHEMA):
        loop = Loop(**record)
        if len(loop.variables) < 2:
            raise CatalogueError(f"{path}: loop {loop.id}: variables: a loop needs at least two variables")
        unknown = [lever for lever in loop.levers if lever not in known]
        if unknown:
            raise CatalogueError(f"{path}: loop {loop.id}: levers: {unknown[0]!r} is not a lever of levers.toml")
        loops.append(loop)
    return tuple(loops)
