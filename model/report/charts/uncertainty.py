"""Charts of uncertainty and sensitivity results (Altair; HTML and PNG files).

Fan charts show the 5-95 and 25-75 percentile bands and the median of an
indicator by year, with the goal's bound as a dashed rule where a goal reads
the indicator. Sensitivity results are bar charts of indices (with confidence
intervals) and a tornado of one-at-a-time swings around the scenario's value.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from model.analysis.sensitivity import SensitivityResult
from model.catalogue.indicators import indicators_by_id
from model.catalogue.targets import load_targets

FIRST_SHOWN_YEAR = 2015


def goal_indicators() -> list[str]:
    """Indicators read by a goal, in goal order (each once)."""
    out: list[str] = []
    for target in load_targets():
        if target.indicator not in out:
            out.append(target.indicator)
    return out


def _bounds() -> pd.DataFrame:
    rows = [{"indicator": t.indicator, "year": t.year, "bound": t.lower if t.direction == "at_least" else t.upper}
            for t in load_targets() if t.rule == "level"]
    return pd.DataFrame(rows, columns=["indicator", "year", "bound"])


def fan_chart(percentiles: pd.DataFrame, indicator: str, title: str = "") -> alt.LayerChart:
    """Fan chart of one indicator from a percentile table (see :mod:`model.analysis.uncertainty`)."""
    info = indicators_by_id()[indicator]
    data = percentiles[(percentiles["indicator"] == indicator) & (percentiles["year"] >= FIRST_SHOWN_YEAR)]
    year = alt.X("year:Q", title=None, axis=alt.Axis(format="d", tickMinStep=1), scale=alt.Scale(zero=False))
    base = alt.Chart(data).encode(x=year)
    outer = base.mark_area(opacity=0.25, color="#4c78a8").encode(
        y=alt.Y("p5:Q", title=info.unit, scale=alt.Scale(zero=False)), y2="p95:Q")
    inner = base.mark_area(opacity=0.45, color="#4c78a8").encode(y="p25:Q", y2="p75:Q")
    median = base.mark_line(color="#1f3b73").encode(
        y="p50:Q", tooltip=["year", alt.Tooltip("p5:Q", format=",.2f"), alt.Tooltip("p50:Q", format=",.2f"),
                            alt.Tooltip("p95:Q", format=",.2f")])
    layers = [outer, inner, median]
    bounds = _bounds()
    bounds = bounds[bounds["indicator"] == indicator]
    if not bounds.empty:
        layers.append(alt.Chart(bounds).mark_point(shape="diamond", color="#d62728", size=80, filled=True)
                      .encode(x=year, y="bound:Q", tooltip=["year", "bound"]))
    return alt.layer(*layers).properties(title=title or info.name_en, width=260, height=160)


def fans_chart(percentiles: pd.DataFrame, indicators: list[str] | None = None, columns: int = 3) -> alt.VConcatChart:
    """Fan charts of several indicators in a grid (goal indicators by default)."""
    charts = [fan_chart(percentiles, ind) for ind in (indicators or goal_indicators())]
    rows = [alt.hconcat(*charts[i:i + columns]) for i in range(0, len(charts), columns)]
    return alt.vconcat(*rows).properties(
        title="Percentiles over sampled futures: 5-95 (light), 25-75 (dark), median (line); goal (diamond)")


def indices_chart(result: SensitivityResult) -> alt.LayerChart:
    """Bar chart of Sobol total/first-order indices or Morris mu* with confidence intervals."""
    table = result.table.head(20)
    if result.method == "sobol":
        long = pd.concat([table.assign(index="ST", value=table["ST"], conf=table["ST_conf"]),
                          table.assign(index="S1", value=table["S1"], conf=table["S1_conf"])])
        label = "Sobol index (share of output variance)"
    else:
        long = table.assign(index="mu*", value=table["mu_star"], conf=table["mu_star_conf"])
        label = "Morris mu* (mean absolute elementary effect)"
    long = long.assign(lo=long["value"] - long["conf"], hi=long["value"] + long["conf"])
    order = list(table["factor"])
    y = alt.Y("factor:N", sort=order, title=None)
    bars = alt.Chart(long).mark_bar().encode(
        y=y, x=alt.X("value:Q", title=label), color=alt.Color("index:N", title=None), yOffset="index:N",
        tooltip=["factor", "index", alt.Tooltip("value:Q", format=".3f"), alt.Tooltip("conf:Q", format=".3f")])
    errors = alt.Chart(long).mark_rule(color="black").encode(y=y, x="lo:Q", x2="hi:Q", yOffset="index:N")
    return alt.layer(bars, errors).properties(title=f"{result.output}: {result.method}", width=420,
                                              height=alt.Step(14))


def tornado_chart(result: SensitivityResult) -> alt.LayerChart:
    """Tornado: the output with each factor at its lower and upper bound, around the base value."""
    table = result.table.head(20)
    base_value = float(table["output_base"].iloc[0])
    long = pd.concat([table.assign(end="at lower bound", value=table["output_low"]),
                      table.assign(end="at upper bound", value=table["output_high"])])
    y = alt.Y("factor:N", sort=list(table["factor"]), title=None)
    bars = alt.Chart(long).mark_bar().encode(
        y=y, x=alt.X("value:Q", title=f"{result.output} (base {base_value:.3g})", scale=alt.Scale(zero=False)),
        x2=alt.X2(datum=base_value), color=alt.Color("end:N", title=None),
        tooltip=["factor", "end", alt.Tooltip("value:Q", format=".3f")])
    rule = alt.Chart(pd.DataFrame({"x": [base_value]})).mark_rule(color="black").encode(x="x:Q")
    return alt.layer(bars, rule).properties(title=f"{result.output}: one at a time", width=420)
