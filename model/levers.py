"""The catalogue of policy levers and external assumptions (data/levers.toml)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from model.base.paths import LEVERS_PATH

KINDS = ("lever", "assumption")
GROUPS = ("industry", "people_science", "resources", "climate", "external")


@dataclass(frozen=True)
class Lever:
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
        """Label in ``lang`` ("vi" or "en")."""
        return self.name_vi if lang == "vi" else self.name_en

    def help(self, lang: str) -> str:
        """Help text in ``lang`` ("vi" or "en")."""
        return self.help_vi if lang == "vi" else self.help_en

    def as_dict(self) -> dict:
        """All fields as a plain dictionary (for JSON)."""
        return dict(self.__dict__)


class CatalogueError(ValueError):
    """The lever catalogue file is inconsistent."""


def _parse(entry: dict, path: Path) -> Lever:
    fields = Lever.__dataclass_fields__
    missing = [f for f in fields if f not in entry]
    extra = [k for k in entry if k not in fields]
    if missing or extra:
        raise CatalogueError(f"{path}: lever {entry.get('id', '?')}: missing {missing}, unknown {extra}")
    values = {k: float(entry[k]) if k in ("min", "max", "default", "step") else entry[k] for k in fields}
    lever = Lever(**values)
    if lever.kind not in KINDS or lever.group not in GROUPS:
        raise CatalogueError(f"{path}: lever {lever.id}: bad kind or group")
    if not lever.min <= lever.default <= lever.max:
        raise CatalogueError(f"{path}: lever {lever.id}: default outside [min, max]")
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

    """
    with open(path, "rb") as handle:
        entries = tomllib.load(handle).get("lever", [])
    levers = tuple(_parse(entry, Path(path)) for entry in entries)
    ids = [lever.id for lever in levers]
    if len(set(ids)) != len(ids):
        raise CatalogueError(f"{path}: duplicate lever ids")
    return levers


def levers_by_id(path: Path = LEVERS_PATH) -> dict[str, Lever]:
    """Lever id -> Lever."""
    return {lever.id: lever for lever in load_levers(path)}


def defaults(kind: str | None = None) -> dict[str, float]:
    """Lever id -> default value, optionally for one kind only."""
    return {lev.id: lev.default for lev in load_levers() if kind in (None, lev.kind)}
