"""The catalogue of policy levers and external assumptions (data/levers.toml).

Each lever's slider grid is a fact of the lever: ``min`` to ``max`` in steps of
``step`` (:meth:`Lever.grid_value`, :meth:`Lever.stops`), shown with as many
decimals as the step has (:attr:`Lever.decimals`). The app's sliders, the
goal search and the reports all read it from here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from model.base.lang import Bilingual
from model.base.paths import LEVERS_PATH
from model.catalogue.loader import CatalogueError, Field, Schema, check_tables, entries, read_toml

KINDS = ("lever", "assumption")
#: Task groups of the resolution's section III, in its order (policy levers).
POLICY_GROUPS = ("industry", "people_science", "resources", "climate")
GROUPS = (*POLICY_GROUPS, "external")

SCHEMA = Schema("lever", key="id", fields=(
    Field("id"), Field("kind", choices=KINDS), Field("group", choices=GROUPS), Field("variable"),
    Field("name_vi"), Field("name_en"), Field("help_vi"), Field("help_en"), Field("unit"),
    Field("min", "float"), Field("max", "float"), Field("default", "float"), Field("step", "float"),
    Field("clause"), Field("clause_text"),
))


@dataclass(frozen=True)
class Lever(Bilingual):
    """One policy lever or external assumption.

    Attributes
    ----------
    id : str
        Identifier used in scenario files and on the command line.
    kind : str
        ``"lever"`` (a policy choice) or ``"assumption"`` (external condition).
    group : str
        Task group of the resolution's section III, or ``"external"``.
    variable : str
        The model constant it sets.
    name_vi, name_en, help_vi, help_en : str
        Labels and help texts.
    unit : str
        Unit as shown to users.
    min, max, default, step : float
        Allowed range, the 2020 stance and the slider step, in ``unit``.
    clause : str
        Clause of the resolution the lever expresses.
    clause_text : str
        Quotation of that clause (Vietnamese).

    """

    id: str
    kind: str
    group: str
    variable: str
    name_vi: str
    name_en: str
    help_vi: str
    help_en: str
    unit: str
    min: float
    max: float
    default: float
    step: float
    clause: str
    clause_text: str

    def name(self, lang: str) -> str:
        """Label in ``lang``."""
        return self.text("name", lang)

    def help(self, lang: str) -> str:
        """Help text in ``lang``."""
        return self.text("help", lang)

    def as_dict(self) -> dict:
        """All fields as a plain dictionary (for JSON)."""
        return dict(self.__dict__)

    @property
    def decimals(self) -> int:
        """Decimal places of the step (0.05 -> 2, 50 -> 0)."""
        text = f"{self.step:.10f}".rstrip("0")
        return len(text.split(".")[1]) if "." in text else 0

    @property
    def steps(self) -> int:
        """Index of the last grid value: the grid is ``min + k * step`` for k = 0 .. steps."""
        return math.floor((self.max - self.min) / self.step + 1e-9)

    def grid_value(self, k: int) -> float:
        """The ``k``-th grid value, rounded to the step's decimals and kept within the range."""
        value = round(self.min + k * self.step, self.decimals)
        return float(min(max(value, self.min), self.max))

    def grid_index(self, value: float) -> int:
        """Index of the grid value nearest to ``value`` (not clipped to the grid)."""
        return round((value - self.min) / self.step)

    def stops(self, current: float | None = None) -> list[float]:
        """Slider stops: the grid plus ``max``, the default and ``current`` where they are off it, sorted."""
        grid = {self.grid_value(k) for k in range(self.steps + 1)}
        grid |= {self.max, self.default} | ({float(current)} if current is not None else set())
        return sorted(grid)


def _lever(path: Path, record: dict) -> Lever:
    lever = Lever(**record)
    if not lever.min <= lever.default <= lever.max:
        raise CatalogueError(f"{path}: lever {lever.id}: default outside [min, max]")
    if not lever.step > 0:
        raise CatalogueError(f"{path}: lever {lever.id}: step must be positive")
    return lever


@lru_cache(maxsize=4)
def load_levers(path: Path = LEVERS_PATH) -> tuple[Lever, ...]:
    """Read the lever catalogue.

    Parameters
    ----------
    path : Path
        TOML file with ``[[lever]]`` tables.

    Returns
    -------
    tuple of Lever
        In file order (levers first by group, then assumptions).

    Raises
    ------
    CatalogueError
        Unknown key, missing field, wrong type, bad kind or group, repeated
        id, or a default outside the range.

    """
    data = read_toml(path)
    check_tables(path, data, [SCHEMA.table])
    return tuple(_lever(Path(path), record) for record in entries(path, data, SCHEMA))


def levers_by_id(path: Path = LEVERS_PATH) -> dict[str, Lever]:
    """Lever id -> Lever."""
    return {lever.id: lever for lever in load_levers(path)}


def defaults(kind: str | None = None) -> dict[str, float]:
    """Lever id -> default value, optionally for one kind only."""
    return {lev.id: lev.default for lev in load_levers() if kind in (None, lev.kind)}
