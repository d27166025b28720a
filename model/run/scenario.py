"""Scenarios: a policy mix under external assumptions; files, validation, model parameters.

A scenario is a TOML file with ``name``, ``description``, a ``[levers]`` table
and an ``[assumptions]`` table. Anything not given takes its default (the 2020
stance). Validation errors name the file, the field and the allowed range or
the closest valid name.

A :class:`Scenario` is immutable and hashable (its values are
:class:`Settings`), so it can key a cache of runs directly. The shipped
scenarios are the files of ``scenarios/`` (:func:`shipped_scenarios`).
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from model.base.errors import UserError
from model.base.names import did_you_mean
from model.base.paths import SCENARIO_DIR
from model.catalogue.levers import Lever, defaults, levers_by_id

TOP_LEVEL_KEYS = ("name", "description", "levers", "assumptions")
SECTION_KIND = {"levers": "lever", "assumptions": "assumption"}
#: The shipped scenarios in the order they are offered; other files in scenarios/ follow, sorted.
SHIPPED_ORDER = ("baseline", "resolution", "pessimistic", "optimistic")
#: Integers with more digits than this are refused before any conversion (no lever needs more;
#: a float has about 16 significant digits and Python refuses to print integers of over 4300).
MAX_INT_DIGITS = 30


class ScenarioError(UserError, ValueError):
    """A scenario is invalid; the message names the file and the field."""


class Settings(Mapping[str, float]):
    """Lever or assumption id -> value: an immutable, hashable mapping that keeps its order.

    Parameters
    ----------
    values : Mapping[str, float], optional
        The settings, in their units (as numbers).

    """

    __slots__ = ("_hash", "_values")

    def __init__(self, values: Mapping[str, float] | None = None):
        items = {str(k): float(v) for k, v in dict(values or {}).items()}
        object.__setattr__(self, "_values", items)
        object.__setattr__(self, "_hash", hash(frozenset(items.items())))

    def __getitem__(self, key: str) -> float:
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Settings):
            return self._values == other._values
        return isinstance(other, Mapping) and self._values == dict(other.items())

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Settings cannot be changed")

    def __reduce__(self):
        return (Settings, (self._values,))

    def __repr__(self) -> str:
        return f"Settings({self._values!r})"


@dataclass(frozen=True)
class Scenario:
    """A policy mix under a set of external assumptions.

    Attributes
    ----------
    name : str
        Short name.
    description : str
        What the scenario represents.
    levers : Settings
        Lever id -> value, complete (defaults filled in), in catalogue order.
    assumptions : Settings
        Assumption id -> value, complete, in catalogue order.

    Equal scenarios hash alike, so a scenario can key a cache; :meth:`key`
    leaves out the name and description.

    """

    name: str
    description: str = ""
    levers: Settings = field(default_factory=Settings)
    assumptions: Settings = field(default_factory=Settings)

    def __post_init__(self):
        for name in ("levers", "assumptions"):
            if not isinstance(getattr(self, name), Settings):
                object.__setattr__(self, name, Settings(getattr(self, name)))

    def key(self) -> tuple[Settings, Settings]:
        """The values that decide a run (levers, assumptions), without name and description."""
        return self.levers, self.assumptions

    def settings(self) -> dict[str, float]:
        """All lever and assumption values by id."""
        return {**self.levers, **self.assumptions}

    def model_params(self) -> dict[str, float]:
        """Model constant name -> value for every lever and assumption."""
        catalogue = levers_by_id()
        return {catalogue[key].variable: value for key, value in self.settings().items()}

    def changed(self) -> dict[str, float]:
        """Only the settings that differ from their defaults."""
        catalogue = levers_by_id()
        return {k: v for k, v in self.settings().items() if v != catalogue[k].default}

    def assumptions_only(self, name: str | None = None) -> Scenario:
        """Every lever at its default (the 2020 stance) under this scenario's assumptions."""
        return replace(self, name=name or self.name, levers=Settings(defaults("lever")))

    def renamed(self, name: str, description: str | None = None) -> Scenario:
        """The same values under another name (and description)."""
        return replace(self, name=name, description=self.description if description is None else description)


def check_value(source: str, lever: Lever, value: object) -> float:
    """Validate one setting and return it as a float.

    Raises
    ------
    ScenarioError
        If ``value`` is not a finite number within the lever's range.

    """
    section = "levers" if lever.kind == "lever" else "assumptions"
    where = f"{source}: {section}.{lever.id}"
    allowed = f"allowed {lever.min:g} to {lever.max:g} {lever.unit}"
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ScenarioError(f"{where}: expected a number in {lever.unit}, got {type(value).__name__} "
                            f"{shown(value)}")
    if isinstance(value, int) and value.bit_length() > MAX_INT_DIGITS * 4:
        sign = "-" if value < 0 else ""
        raise ScenarioError(f"{where}: an integer of {value.bit_length()} bits (about {sign}"
                            f"10^{int(value.bit_length() * 0.30103)}): out of range, {allowed}")
    number = float(value)
    if not math.isfinite(number) or not lever.min <= number <= lever.max:
        raise ScenarioError(f"{where} = {value}: out of range, {allowed}")
    return number


def shown(value: object, limit: int = 60) -> str:
    """``repr(value)`` cut to ``limit`` characters (a value may be a huge nested table)."""
    try:
        text = repr(value)
    except (ValueError, RecursionError):
        text = f"<{type(value).__name__}>"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _section(source: str, data: Mapping, section: str) -> dict[str, float]:
    catalogue = levers_by_id()
    kind = SECTION_KIND[section]
    valid = [lev.id for lev in catalogue.values() if lev.kind == kind]
    table = data.get(section, {})
    if not isinstance(table, Mapping):
        raise ScenarioError(f"{source}: [{section}] must be a table of id = number")
    values = {lev_id: catalogue[lev_id].default for lev_id in valid}
    for key, value in table.items():
        if key not in valid:
            hint = did_you_mean(key, sorted(valid), list_as="valid names")
            raise ScenarioError(f"{source}: {section}.{key}: unknown {kind}{hint}")
        values[key] = check_value(source, catalogue[key], value)
    return values


def from_mapping(data: Mapping, source: str = "<scenario>") -> Scenario:
    """Build a validated scenario from a parsed TOML mapping.

    Parameters
    ----------
    data : Mapping
        Parsed scenario (keys ``name``, ``description``, ``levers``, ``assumptions``).
    source : str
        Where it came from, used in error messages.

    """
    for key in data:
        if key not in TOP_LEVEL_KEYS:
            hint = did_you_mean(key, sorted(TOP_LEVEL_KEYS), list_as="valid names")
            raise ScenarioError(f"{source}: {key}: unknown field{hint}")
    name = data.get("name", Path(source).stem)
    description = data.get("description", "")
    if not isinstance(name, str) or not isinstance(description, str):
        raise ScenarioError(f"{source}: name and description must be text")
    return Scenario(name, description, Settings(_section(source, data, "levers")),
                    Settings(_section(source, data, "assumptions")))


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate a scenario file.

    Raises
    ------
    ScenarioError
        Missing or unreadable file, malformed TOML, unknown field or id, wrong
        type, or a value out of range.

    """
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        raise ScenarioError(f"{path}: no such scenario file") from None
    except IsADirectoryError:
        raise ScenarioError(f"{path}: is a directory, not a scenario file") from None
    except tomllib.TOMLDecodeError as error:
        raise ScenarioError(f"{path}: malformed TOML: {error}") from None
    except RecursionError:
        raise ScenarioError(f"{path}: malformed TOML: arrays or tables nested too deeply") from None
    except ValueError as error:  # e.g. an integer of more than 4300 digits
        raise ScenarioError(f"{path}: malformed TOML: {error}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ScenarioError(f"{path}: cannot read: {error}") from None
    return from_mapping(data, str(path))


@lru_cache(maxsize=8)
def baseline(name: str = "baseline") -> Scenario:
    """The 2020 stance under default assumptions (built once per name: a Scenario cannot change)."""
    return from_mapping({"name": name})


def shipped_scenarios() -> list[str]:
    """Names of the scenario files in ``scenarios/``: those of :data:`SHIPPED_ORDER` first, then the rest sorted."""
    names = sorted(path.stem for path in SCENARIO_DIR.glob("*.toml"))
    return [n for n in SHIPPED_ORDER if n in names] + [n for n in names if n not in SHIPPED_ORDER]


def shipped_path(name: str) -> Path:
    """The file of the shipped scenario ``name``."""
    return SCENARIO_DIR / f"{name}.toml"


def load_shipped(name: str) -> Scenario:
    """The shipped scenario ``name`` (``scenarios/<name>.toml``)."""
    return load_scenario(shipped_path(name))


def with_settings(base: Scenario, settings: Mapping[str, float], name: str | None = None) -> Scenario:
    """A copy of ``base`` with some lever or assumption values replaced (validated)."""
    catalogue = levers_by_id()
    levers, assumptions = dict(base.levers), dict(base.assumptions)
    for key, value in settings.items():
        if key not in catalogue:
            hint = did_you_mean(key, sorted(catalogue), list_as="valid names")
            raise ScenarioError(f"<settings>: {key}: unknown lever{hint}")
        target = levers if catalogue[key].kind == "lever" else assumptions
        target[key] = check_value("<settings>", catalogue[key], value)
    return Scenario(name or base.name, base.description, Settings(levers), Settings(assumptions))


def to_toml(scenario: Scenario) -> str:
    """Serialise a scenario as TOML that :func:`load_scenario` reads back."""
    def fmt(value: float) -> str:
        return repr(int(value)) if float(value).is_integer() else repr(float(value))

    def quote(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'

    lines = [f"name = {quote(scenario.name)}", f"description = {quote(scenario.description)}", "", "[levers]"]
    lines += [f"{key} = {fmt(value)}" for key, value in scenario.levers.items()]
    lines += ["", "[assumptions]"]
    lines += [f"{key} = {fmt(value)}" for key, value in scenario.assumptions.items()]
    return "\n".join(lines) + "\n"
