"""The levers' cost model as data (data/costs.toml), checked against the model.

The costs themselves are computed in the model (group ``.Costs`` of the
``.mdl`` file); this module only reads which model variable holds each lever's
yearly cost, which constants split it between payers, how it is priced, and
the resolution's direction for the lever.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from model.base.lang import Bilingual
from model.base.paths import COSTS_PATH
from model.catalogue.levers import levers_by_id
from model.catalogue.loader import CatalogueError, Field, Schema, check_tables, entries, read_toml

LABELS = ("spending", "assumption")
DIRECTIONS = ("up", "down")
SCHEMA = Schema("cost", key="lever", fields=(
    Field("lever"), Field("variable"), Field("provincial_share"), Field("central_share"), Field("unit_cost"),
    Field("label", choices=LABELS), Field("low", "float"), Field("high", "float"),
    Field("direction", choices=DIRECTIONS), Field("basis_vi"), Field("basis_en"),
))


@dataclass(frozen=True)
class LeverCost(Bilingual):
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
        return self.text("basis", lang)

    @property
    def indicator(self) -> str:
        """Column of the annual table with this lever's yearly cost."""
        return f"cost_{self.lever}"


def _cost(path: Path, record: dict) -> LeverCost:
    cost = LeverCost(**record)
    where = f"{path}: cost {cost.lever}"
    if cost.lever not in levers_by_id():
        raise CatalogueError(f"{where}: lever: not a lever of levers.toml")
    if cost.label == "assumption" and not (cost.unit_cost and cost.low <= cost.high):
        raise CatalogueError(f"{where}: an assumption needs unit_cost and low <= high")
    return cost


@lru_cache(maxsize=2)
def load_costs(path: Path = COSTS_PATH) -> tuple[LeverCost, ...]:
    """Read the cost model, one entry per policy lever, in file order.

    Raises
    ------
    CatalogueError
        Unknown key, missing field, wrong type, a bad label or direction, a
        lever listed twice or not in levers.toml, or an assumption without its
        unit cost and range.

    """
    data = read_toml(path)
    check_tables(path, data, [SCHEMA.table])
    return tuple(_cost(Path(path), record) for record in entries(path, data, SCHEMA))


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
