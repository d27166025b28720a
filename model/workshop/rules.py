"""Validation of everything a facilitator or a team types, with one-line messages.

Lever values are checked exactly as in scenario files (:func:`model.run.scenario.check_value`:
a finite number within the lever's range in ``levers.toml``); on top of that a
team may only set the levers open in the round.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping

from model.base.errors import UserError
from model.base.lang import LANGS
from model.base.names import did_you_mean
from model.catalogue.indicators import indicators_by_id
from model.catalogue.levers import levers_by_id
from model.catalogue.targets import Target, load_targets
from model.run.scenario import Scenario, ScenarioError, check_value, load_shipped, shipped_scenarios, shown
from model.workshop.models import OBJECTIVES, Round

MAX_TITLE = 80
MAX_TEAM_NAME = 40
#: Largest prediction accepted, in absolute value, in the goal's unit (no goal comes near it).
MAX_PREDICTION = 1e9
#: Letters that look like Latin letters (Cyrillic, Greek and a few others), after case folding,
#: and digits that look like letters: mapped to the letter they imitate when names are compared.
CONFUSABLES = str.maketrans({
    # Cyrillic
    "а": "a", "б": "6", "в": "b", "г": "r", "д": "d", "е": "e", "ё": "e", "з": "3", "и": "u", "й": "u",
    "к": "k", "л": "n", "м": "m", "н": "h", "о": "o", "п": "n", "р": "p", "с": "c", "т": "t", "у": "y",
    "х": "x", "ь": "b", "ѕ": "s", "і": "i", "ї": "i", "ј": "j", "ԁ": "d", "ԛ": "q", "ԝ": "w", "һ": "h",
    "ӏ": "l", "ү": "y", "ɡ": "g",
    # Greek
    "α": "a", "β": "b", "γ": "y", "δ": "d", "ε": "e", "ζ": "z", "η": "n", "ι": "i", "κ": "k", "μ": "u",
    "ν": "v", "ο": "o", "ρ": "p", "σ": "o", "ς": "c", "τ": "t", "υ": "u", "χ": "x", "ω": "w", "ϲ": "c",
    "ϳ": "j",
    # Latin look-alikes and digits
    "ı": "i", "ȷ": "j", "ℓ": "l", "0": "o", "1": "l", "|": "l",
})
#: Indicator read as the public cost of a mix: public budgets' (provincial and
#: central) cost of the measures above the 2020 stance, cumulative from 2021.
COST_INDICATOR = "public_cost_cum"


class WorkshopError(UserError, ValueError):
    """Invalid input or an operation the round's state does not allow; one-line message.

    The message is English (command line, logs). ``kind`` names the case for a
    line in the user's language (``ui/strings/errors.toml``, key
    ``workshop_<kind>``, filled from ``values``); ``None`` where only a hostile
    or programming input can cause it (the page then shows a generic line).
    """

    def __init__(self, message: str, kind: str | None = None, **values: object) -> None:
        super().__init__(message)
        self.kind = kind
        self.values = values


def clean_text(value: object, what: str, limit: int) -> str:
    """Trim a name or title, collapse inner spaces; reject empty, too long or control characters."""
    if not isinstance(value, str):
        raise WorkshopError(f"{what}: expected text, got {type(value).__name__}")
    text = re.sub(r"\s+", " ", value).strip()
    if not text:
        raise WorkshopError(f"{what}: must not be empty", "empty", field=what)
    if len(text) > limit:
        raise WorkshopError(f"{what}: {len(text)} characters, at most {limit} allowed", "too_long", field=what,
                            limit=limit)
    if not text.isprintable():
        raise WorkshopError(f"{what}: contains control characters", "control", field=what)
    return text


def name_key(name: str) -> str:
    """Key under which team names must be unique.

    Two names with the same key cannot both be used in a session: the text is
    normalised (Unicode NFKC: full-width and other compatibility forms become
    ordinary letters), case-folded, spaces are collapsed, and letters that look
    alike are mapped to one of them (:data:`CONFUSABLES`: the Cyrillic "а" and
    the Greek "α" become "a", the digit "0" becomes "o"). Vietnamese letters
    keep their marks, so "Nhóm" and "Nhom" stay different names.
    """
    text = unicodedata.normalize("NFKC", name).casefold()
    text = unicodedata.normalize("NFC", text).translate(CONFUSABLES)
    return re.sub(r"\s+", " ", text).strip()


def check_lang(lang: object) -> str:
    """``"vi"`` or ``"en"``."""
    if lang not in LANGS:
        raise WorkshopError(f"language {lang!r}: expected one of {', '.join(LANGS)}")
    return str(lang)


def available_scenarios() -> list[str]:
    """Names of the scenario files a round can take its fixed levers and assumptions from."""
    return sorted(shipped_scenarios())


def scenario_named(name: object, what: str) -> Scenario:
    """Load ``scenarios/<name>.toml``; the name must be one of :func:`available_scenarios`."""
    names = available_scenarios()
    if name not in names:
        raise WorkshopError(f"{what} {name!r}: unknown scenario{did_you_mean(str(name), names, list_as='valid')}")
    try:
        return load_shipped(str(name))
    except ScenarioError as error:
        raise WorkshopError(str(error)) from None


def cost_indicator() -> str | None:
    """The indicator id used as the public cost of a mix, if the model reports one."""
    return COST_INDICATOR if COST_INDICATOR in indicators_by_id() else None


def objectives() -> tuple[str, ...]:
    """Objectives a round can ask for with the current model."""
    return OBJECTIVES if cost_indicator() else ("meet",)


def check_target(target_id: object) -> Target:
    """The goal with this id."""
    targets = {target.id: target for target in load_targets()}
    if target_id not in targets:
        hint = did_you_mean(str(target_id), targets, list_as="valid")
        raise WorkshopError(f"target {target_id!r}: unknown goal{hint}")
    return targets[target_id]


def check_objective(objective: object) -> str:
    """One of :func:`objectives`."""
    allowed = objectives()
    if objective not in allowed:
        extra = "" if cost_indicator() else " (the model reports no public cost)"
        raise WorkshopError(f"objective {objective!r}: expected one of {', '.join(allowed)}{extra}")
    return str(objective)


def check_open_levers(ids: object) -> tuple[str, ...]:
    """Lever ids teams may set: at least one, policy levers only, no repeats."""
    if isinstance(ids, str) or not isinstance(ids, Iterable):
        raise WorkshopError("open levers: expected a list of lever ids")
    catalogue = levers_by_id()
    levers = [lev.id for lev in catalogue.values() if lev.kind == "lever"]
    chosen: list[str] = []
    for lever_id in ids:
        if lever_id in catalogue and catalogue[lever_id].kind != "lever":
            raise WorkshopError(f"open levers: {lever_id}: an external assumption, not a policy lever")
        if lever_id not in levers:
            hint = did_you_mean(str(lever_id), levers, list_as="valid")
            raise WorkshopError(f"open levers: {lever_id}: unknown lever{hint}")
        if lever_id not in chosen:
            chosen.append(lever_id)
    if not chosen:
        raise WorkshopError("open levers: choose at least one lever", "no_levers")
    return tuple(chosen)


def check_mix(item: Round, levers: object) -> dict[str, float]:
    """A team's lever values, validated; open levers not given keep the round's base value.

    Returns
    -------
    dict
        Value of every open lever of the round, in the lever's unit.

    """
    source = f"round {item.number}"
    if not isinstance(levers, Mapping):
        raise WorkshopError(f"{source}: levers: expected a table of lever id = number")
    catalogue = levers_by_id()
    mix = {lever_id: float(item.base_levers[lever_id]) for lever_id in item.open_levers}
    for key, value in levers.items():
        if key not in catalogue:
            hint = did_you_mean(str(key), catalogue, list_as="valid")
            raise WorkshopError(f"{source}: levers.{key}: unknown lever{hint}")
        if key not in item.open_levers:
            raise WorkshopError(
                f"{source}: levers.{key}: not open in this round; open levers: {', '.join(item.open_levers)}"
            )
        try:
            mix[key] = check_value(source, catalogue[key], value)
        except ScenarioError as error:
            raise WorkshopError(str(error)) from None
    return mix


def check_prediction(item: Round, value: object) -> float:
    """A team's prediction of the round's key indicator: a finite number."""
    target = check_target(item.target_id)
    where = f"round {item.number}: prediction"
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise WorkshopError(f"{where}: expected a number in {target.unit}, got {type(value).__name__} {shown(value)}")
    if isinstance(value, int) and abs(value) > MAX_PREDICTION:
        raise WorkshopError(f"{where}: too large, expected at most {MAX_PREDICTION:g} {target.unit} either way",
                            "prediction_too_large")
    number = float(value)
    if not math.isfinite(number):
        raise WorkshopError(f"{where} = {number}: expected a finite number in {target.unit}")
    if abs(number) > MAX_PREDICTION:
        raise WorkshopError(f"{where}: too large, expected at most {MAX_PREDICTION:g} {target.unit} either way",
                            "prediction_too_large")
    return number
