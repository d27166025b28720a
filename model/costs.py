"""The levers' cost model as data (data/costs.toml), checked against the model.

The costs themselves are computed in the model (group ``.Costs`` of the
``.mdl`` file); this module only reads which model variable holds each lever's
yearly cost, which constants split it between payers, how it is priced, and
the resolution's direction for the lever.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from model.base.paths import DATA_DIR

COSTS_PATH = DATA_DIR / "costs.toml"
LABELS = ("spending", "assumption")
DIRECTIONS = ("up", "down")
PAYERS = ("provincial", "central", "private")


@dataclass(frozen=True)
class LeverCost:
    """How one lever's cost is computed and who pays it.

    Attributes
    ----------
    lever : str
        Lever id (levers.toml).
    variable : str
        Model variable with the lever's yearly cost above the 2020 stance,
        bn VND/yr at 2010 prices (negative: a saving).
    provincial_share, central_share : str
        Model constants: shares paid by the provincial and central budgets; the
        rest is socialised/private capital.
    unit_cost : str
        Model constant that prices the lever ("" for a spending lever).
    label : str
        ``"spending"`` or ``"assumption"``.
    low, high : float
        Range of the unit cost assumption, in the model constant's unit.
    direction : str
        The resolution's direction from the stance: ``"up"`` or ``"down"``.
    basis_vi, basis_en : str
        How the cost is computed, in words.

    """

    lever: str
    variable: str
    provincial_share: str
    central_share: str
    unit_cost: str
    label: str
    low: float
    high: float
    direction: str
    basis_vi: str
    basis_en: str

    def basis(self, lang: str) -> str:
        """The cost basis in ``lang``."""
        return self.basis_vi if lang == "vi" else self.basis_en

    @property
    def indicator(self) -> str:
        """Column of the annual table with this lever's yearly cost."""
        return f"cost_{self.lever}"


class CostModelError(ValueError):
    """The cost file is inconsistent."""


def _parse(entry: dict, path: Path) -> LeverCost:
    fields = LeverCost.__dataclass_fields__
    missing = [f for f in fields if f not in entry]
    extra = [k for k in entry if k not in fields]
    if missing or extra:
        raise CostModelError(f"{path}: cost {entry.get('lever', '?')}: missing {missing}, unknown {extra}")
    cost = LeverCost(**{k: float(entry[k]) if k in ("low", "high") else entry[k] for k in fields})
    if cost.label not in LABELS or cost.direction not in DIRECTIONS:
        raise CostModelError(f"{path}: cost {cost.lever}: bad label or direction")
    if cost.label == "assumption" and not (cost.unit_cost and cost.low <= cost.high):
        raise CostModelError(f"{path}: cost {cost.lever}: an assumption needs unit_cost and low <= high")
    return cost


@lru_cache(maxsize=2)
def load_costs(path: Path = COSTS_PATH) -> tuple[LeverCost, ...]:
    """Read the cost model, one entry per policy lever, in file order."""
    with open(path, "rb") as handle:
        entries = tomllib.load(handle).get("cost", [])
    costs = tuple(_parse(entry, Path(path)) for entry in entries)
    ids = [c.lever for c in costs]
    if len(set(ids)) != len(ids):
        raise CostModelError(f"{path}: duplicate lever in the cost model")
    return costs


def costs_by_lever() -> dict[str, LeverCost]:
    """Lever id -> LeverCost."""
    return {cost.lever: cost for cost in load_costs()}


def payer_shares(cost: LeverCost, constants: dict[str, float]) -> dict[str, float]:
    """Shares paid by each payer, from the model's constants.

    Parameters
    ----------
    cost : LeverCost
        The lever's cost entry.
    constants : dict
        Model constant name -> value (e.g. ``model_info().constants`` with
        calibrated values applied).

    """
    provincial = constants[cost.provincial_share]
    central = constants[cost.central_share]
    return {"provincial": provincial, "central": central, "private": 1.0 - provincial - central}
