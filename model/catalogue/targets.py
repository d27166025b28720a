"""Goals as data (data/targets.toml) and their sets.

A goal reads one indicator and applies its rule: the average annual growth
from a base year to the target year, or the level in the target year (the rule
is applied to runs by :mod:`model.run.goals`).

Goal sets are declared once, in :data:`GOAL_SETS`; their titles are strings
(``model/report/strings/scoreboard.toml``, ``ui/strings/``). A new goal set is
its goals in targets.toml, its strings, and one line here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from model.base.lang import Bilingual
from model.base.paths import TARGETS_PATH
from model.catalogue.indicators import indicators_by_id
from model.catalogue.loader import CatalogueError, Field, Schema, check_tables, entries, optional, read_toml


@dataclass(frozen=True)
class GoalSet:
    """A set of goals (the ``set`` field of targets.toml).

    Attributes
    ----------
    id : str
        Identifier.
    year : int
        The year its goals are for (the app groups sets by it).
    selection : str
        Name that picks this set alone on the command line (``--targets 2025``)
        and in the app; empty if none.

    """

    id: str
    year: int
    selection: str = ""


#: Every goal set, in the order reports show them.
GOAL_SETS = (
    GoalSet("resolution_2025", 2025, selection="2025"),
    GoalSet("related_2025", 2025),
    GoalSet("goal_2030", 2030, selection="2030"),
)
SETS = tuple(goal_set.id for goal_set in GOAL_SETS)
#: The years goals are set for (2025, 2030).
GOAL_YEARS = tuple(sorted({goal_set.year for goal_set in GOAL_SETS}))
#: The set whose count heads comparisons and workshop results: the resolution's 2025 targets.
HEADLINE_SET = GOAL_SETS[0].id
RULES = ("avg_growth", "level")
DIRECTIONS = ("at_least", "at_most")

SCHEMA = Schema("target", key="id", fields=(
    Field("id"), Field("set", choices=SETS), Field("indicator"), Field("rule", choices=RULES),
    optional("start", "int", 0), Field("year", "int"), optional("lower", "number"), optional("upper", "number"),
    Field("direction", choices=DIRECTIONS), Field("near", "float"), Field("unit"), Field("name_vi"),
    Field("name_en"), Field("source"),
))


def sets_by_year() -> dict[int, tuple[str, ...]]:
    """Goal year -> ids of the goal sets for that year, in :data:`GOAL_SETS` order."""
    out: dict[int, tuple[str, ...]] = {}
    for goal_set in GOAL_SETS:
        out[goal_set.year] = (*out.get(goal_set.year, ()), goal_set.id)
    return out


@dataclass(frozen=True)
class Target(Bilingual):
    """One goal: an indicator, a rule and a bound.

    Attributes
    ----------
    id, set, indicator, rule : str
        Identity, goal set, the indicator it reads and ``"avg_growth"`` or ``"level"``.
    start, year : int
        Base year of a growth rule (0 for a level) and the target year.
    lower, upper : float or None
        Bounds in ``unit``; ``None`` where the source gives none.
    direction : str
        ``"at_least"`` or ``"at_most"``.
    near : float
        Margin (in ``unit``) within which a missed goal counts as near.
    unit, name_vi, name_en, source : str
        Unit, labels and where the goal comes from.

    """

    id: str
    set: str
    indicator: str
    rule: str
    start: int
    year: int
    lower: float | None
    upper: float | None
    direction: str
    near: float
    unit: str
    name_vi: str
    name_en: str
    source: str

    @property
    def period(self) -> str:
        """``"2021-2025"`` for a growth rule, else the year."""
        if self.rule == "avg_growth":
            return f"{self.start + 1}-{self.year}"
        return str(self.year)

    def name(self, lang: str) -> str:
        """Label in ``lang``."""
        return self.text("name", lang)


def _problem(target: Target) -> str:
    """What is inconsistent in a goal ("" if nothing)."""
    if target.indicator not in indicators_by_id():
        return f"indicator = {target.indicator!r}: not an indicator of indicators.toml"
    if target.rule == "avg_growth" and not 0 < target.start < target.year:
        return "an average-growth goal needs a base year start before its year"
    bound = target.lower if target.direction == "at_least" else target.upper
    if bound is None:
        return f"direction {target.direction} needs {'lower' if target.direction == 'at_least' else 'upper'}"
    return ""


@lru_cache(maxsize=2)
def load_targets(path: Path = TARGETS_PATH) -> tuple[Target, ...]:
    """Read the goal definitions.

    Raises
    ------
    CatalogueError
        Unknown key, missing field, wrong type, a set, rule or direction not
        among the allowed ones, an unknown indicator, a repeated id, or a bound
        missing for the goal's direction.

    """
    data = read_toml(path)
    check_tables(path, data, [SCHEMA.table])
    targets = tuple(Target(**record) for record in entries(path, data, SCHEMA))
    for target in targets:
        problem = _problem(target)
        if problem:
            raise CatalogueError(f"{path}: target {target.id}: {problem}")
    return targets


def targets_by_id() -> dict[str, Target]:
    """Goal id -> goal."""
    return {target.id: target for target in load_targets()}
