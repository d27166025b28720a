"""Round presets of the workshop guide (data/workshop_presets.toml), and the fixed settings of a round.

A preset is one round of the guide: its goal, objective, open levers, base
scenario and assumption set. The facilitator's set-up form fills itself from a
preset; a test plays every preset (:mod:`model.workshop.reachability`) so the
guide's rounds stay winnable, and not won by doing nothing, as the model
changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from model.base.lang import Bilingual
from model.base.paths import WORKSHOP_PRESETS_PATH
from model.catalogue.levers import load_levers
from model.catalogue.loader import CatalogueError, Field, Schema, check_tables, entries, optional, read_toml
from model.run.scenario import Scenario, ScenarioError, from_mapping
from model.workshop.models import OBJECTIVES
from model.workshop.rules import WorkshopError, check_open_levers, check_target, scenario_named

SCHEMA = Schema("preset", key="id", fields=(
    Field("id"), Field("round", "int"), Field("name_vi"), Field("name_en"), Field("target"),
    Field("objective", choices=OBJECTIVES), optional("open_levers", "texts", ()), optional("all_levers", "flag", False),
    Field("base_scenario"), Field("assumption_set"),
))


@dataclass(frozen=True)
class Preset(Bilingual):
    """One round of the guide.

    Attributes
    ----------
    id : str
        Identifier.
    round : int
        The guide's round number.
    name_vi, name_en : str
        Title in each language.
    target, objective : str
        Goal id and objective of the round.
    open_levers : tuple of str
        Lever ids teams may set (every policy lever if ``all_levers``).
    base_scenario, assumption_set : str
        Scenario files fixing the closed levers and the external assumptions.

    """

    id: str
    round: int
    name_vi: str
    name_en: str
    target: str
    objective: str
    open_levers: tuple[str, ...]
    base_scenario: str
    assumption_set: str

    def name(self, lang: str) -> str:
        """Title in ``lang``."""
        return self.text("name", lang)


def policy_levers() -> tuple[str, ...]:
    """Ids of every policy lever, in catalogue order."""
    return tuple(lever.id for lever in load_levers() if lever.kind == "lever")


def _preset(path: Path, record: dict) -> Preset:
    every = record.pop("all_levers")
    if every == bool(record["open_levers"]):
        raise CatalogueError(f"{path}: preset {record['id']}: give either open_levers or all_levers = true")
    if every:
        record["open_levers"] = policy_levers()
    try:
        check_target(record["target"])
        record["open_levers"] = check_open_levers(record["open_levers"])
        for name in (record["base_scenario"], record["assumption_set"]):
            scenario_named(name, "scenario")
    except WorkshopError as error:
        raise CatalogueError(f"{path}: preset {record['id']}: {error}") from None
    return Preset(**record)


@lru_cache(maxsize=2)
def load_presets(path: Path = WORKSHOP_PRESETS_PATH) -> tuple[Preset, ...]:
    """Read the presets, in the guide's order.

    Raises
    ------
    CatalogueError
        For a malformed entry, an unknown goal, lever or scenario.

    """
    data = read_toml(path)
    check_tables(path, data, [SCHEMA.table])
    presets = tuple(_preset(path, record) for record in entries(path, data, SCHEMA))
    return tuple(sorted(presets, key=lambda preset: preset.round))


def fixed_settings(base_scenario: str, assumption_set: str) -> Scenario:
    """The scenario a round starts from: levers of ``base_scenario``, assumptions of ``assumption_set``."""
    base = scenario_named(base_scenario, "base scenario")
    assumptions = scenario_named(assumption_set, "assumption set")
    try:
        return from_mapping({"name": base_scenario, "levers": dict(base.levers),
                             "assumptions": dict(assumptions.assumptions)}, base_scenario)
    except ScenarioError as error:
        raise WorkshopError(str(error)) from None
