"""The budget check of a run: the provincial cost against the budget envelope.

Costs and the envelope are computed in the model (group ``.Costs``); this module
reads them from the annual table (:mod:`model.catalogue.indicators`) and says whether,
when and by how much the provincial cost exceeds the envelope.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from model.catalogue.calendar import HORIZON, POLICY_START


@dataclass(frozen=True)
class BudgetCheck:
    """The provincial cost of a run against the budget envelope.

    Attributes
    ----------
    first_year, last_year : int
        Years checked (calendar years, inclusive).
    envelope : float
        Envelope per year, bn VND/yr at 2010 prices (the assumption in force).
    provincial, central, private : float
        Cost of the mix above the 2020 stance over the years checked, by payer,
        bn VND at 2010 prices.
    envelope_total : float
        The envelope summed over the years checked, bn VND.
    over_years : tuple of int
        Years whose provincial cost exceeds the envelope.
    excess : tuple of float
        Amount above the envelope in each of ``over_years``, bn VND/yr.
    delivered : tuple of float
        Share of the planned programme delivered in each year checked, percent
        (below 100 when the envelope binds and the programme is cut back).

    """

    first_year: int
    last_year: int
    envelope: float
    provincial: float
    central: float
    private: float
    envelope_total: float
    over_years: tuple[int, ...]
    excess: tuple[float, ...]
    delivered: tuple[float, ...] = ()

    @property
    def lowest_delivered(self) -> float:
        """Lowest yearly share of the planned programme delivered, percent (100 if none cut)."""
        return float(min(self.delivered, default=100.0))

    @property
    def over(self) -> bool:
        """True if the provincial cost exceeds the envelope in any year checked."""
        return bool(self.over_years)

    @property
    def public(self) -> float:
        """Provincial plus central cost over the years checked, bn VND."""
        return self.provincial + self.central

    @property
    def total_excess(self) -> float:
        """Sum of the yearly amounts above the envelope, bn VND."""
        return float(sum(self.excess))

    @property
    def peak(self) -> tuple[float, int | None]:
        """Largest yearly amount above the envelope and its year (0, None if within)."""
        if not self.excess:
            return 0.0, None
        i = int(np.argmax(self.excess))
        return self.excess[i], self.over_years[i]

    def as_dict(self) -> dict:
        """JSON-ready record."""
        peak, peak_year = self.peak
        return {
            "first_year": self.first_year, "last_year": self.last_year, "unit": "bn VND (2010 prices)",
            "envelope_per_year": self.envelope, "envelope_total": self.envelope_total,
            "provincial_cost": self.provincial, "central_cost": self.central, "private_cost": self.private,
            "public_cost": self.public, "over_envelope": self.over, "over_years": list(self.over_years),
            "excess_by_year": list(self.excess), "excess_total": self.total_excess,
            "excess_peak": peak, "excess_peak_year": peak_year,
            "delivered_pct_by_year": list(self.delivered), "lowest_delivered_pct": self.lowest_delivered,
        }


def _years(table: pd.DataFrame, first: int, last: int) -> pd.DataFrame:
    return table[(table["year"] >= first) & (table["year"] <= last)]


def evaluate(table: pd.DataFrame, first_year: int = POLICY_START, last_year: int = HORIZON) -> BudgetCheck:
    """Check a run's provincial cost against the envelope.

    Parameters
    ----------
    table : pandas.DataFrame
        Annual indicator table of a run (with the cost columns).
    first_year, last_year : int
        Calendar years to check (default 2021-2030, the resolution's horizon).

    Returns
    -------
    BudgetCheck
        Yearly values are the model's mid-year values (bn VND/yr); totals are
        the model's cumulative stocks at the end of ``last_year`` less those at
        the end of ``first_year - 1`` (socialised/private: the sum of yearly
        values).

    """
    rows = _years(table, first_year, last_year)

    def total(column: str) -> float:
        series = table.set_index("year")[column]
        before = float(series.get(first_year - 1, 0.0))
        return float(series[last_year]) - before

    over = rows[rows["provincial_cost_over_envelope"] > 0]
    return BudgetCheck(
        first_year=first_year,
        last_year=last_year,
        envelope=float(rows["budget_envelope"].iloc[-1]),
        provincial=total("provincial_cost_cum"),
        central=total("public_cost_cum") - total("provincial_cost_cum"),
        private=float(rows["private_cost"].sum()),
        envelope_total=total("budget_envelope_cum"),
        over_years=tuple(int(y) for y in over["year"]),
        excess=tuple(float(v) for v in over["provincial_cost_over_envelope"]),
        delivered=tuple(float(v) for v in rows["budget_delivered_share"]),
    )
