"""What the meeting brief says, as a list of blocks both writers (Word, PDF) lay out.

:func:`brief_blocks` runs nothing itself: it takes the run results of the mix,
of the 2020 stance and optionally of a second mix to compare, and turns them
into headings, paragraphs, lists, tables and chart images (PNG) in one
language. Every number comes from the results.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from dataclasses import dataclass

import vl_convert as vlc

from model.analysis.budget import evaluate as evaluate_budget
from model.catalogue.indicators import indicators_by_id
from model.catalogue.levers import load_levers
from model.report.brief import answer
from model.report.budget import budget_text
from model.report.charts import series
from model.report.charts.data import bound_text
from model.report.i18n import digits_for, status_word
from model.report.text import STRINGS, t
from model.run.result import RunResult

#: The three charts of the brief (indicator ids).
CHARTS = ("industry_va", "industry_share", "grdp_per_capita_usd")
STATUS_MARK = {"met": "●", "near": "◐", "missed": "○"}


@dataclass(frozen=True)
class Block:
    """One element of the brief.

    Attributes
    ----------
    kind : str
        ``"title"``, ``"heading"``, ``"text"``, ``"small"``, ``"bullets"``,
        ``"table"`` or ``"image"``.
    text : str
        The text (title, heading, paragraph; an image's caption).
    items : tuple
        Bullet lines, or table rows (the first row is the header).
    data : bytes
        PNG of an image.

    """

    kind: str
    text: str = ""
    items: tuple = ()
    data: bytes = b""


@dataclass(frozen=True)
class Mix:
    """A mix to report: its display name, description and run result.

    Attributes
    ----------
    name : str
        Name shown in the brief (user text, shown as is).
    description : str
        What the mix is.
    result : RunResult
        Its run.

    """

    name: str
    description: str
    result: RunResult


def shipped_text(name: str, field: str, lang: str, fallback: str) -> str:
    """A shipped scenario's name or description in ``lang`` (``brief.<field>_<name>``), else ``fallback``."""
    key = f"brief.{field}_{name}"
    return t(key, lang) if key in STRINGS.entries() else fallback


def _png(spec: dict) -> bytes:
    """A Vega-Lite specification as a PNG (2× scale, for print)."""
    return vlc.vegalite_to_png(spec, scale=2)


def chart_images(mixes: Sequence[Mix], base: RunResult, lang: str) -> list[Block]:
    """The three charts: the 2020 stance and each mix, with goal bands and observed history."""
    tables = {t("brief.line_base", lang): base.table, **{m.name: m.result.table for m in mixes}}
    blocks = []
    for indicator in CHARTS:
        info = indicators_by_id()[indicator]
        spec = series.time_series(tables, indicator, lang, unit_label=answer.unit_label(info.unit, lang),
                                  height=200)
        spec["width"] = 460
        spec.pop("autosize", None)
        blocks.append(Block("image", data=_png(spec)))
    return blocks


def scoreboard_rows(mixes: Sequence[Mix], base: RunResult, lang: str) -> tuple:
    """Header and one row per goal: goal, target, 2020 stance, then each mix's value and status."""
    header = [t("brief.col_goal", lang), t("brief.col_target", lang), t("brief.line_base", lang),
              *[m.name for m in mixes]]
    rows = [tuple(header)]
    for i, r0 in enumerate(base.targets):
        target = r0.target
        digits = digits_for(target.unit)
        unit = answer.unit_label(target.unit, lang)
        cells = [target.name(lang), f"{bound_text(target, lang, digits)} {unit}",
                 answer.number(r0.value, lang, digits)]
        for m in mixes:
            r = m.result.targets[i]
            mark = f"{STATUS_MARK[r.status]} {status_word(r.status, lang)}"
            cells.append(f"{answer.number(r.value, lang, digits)} {mark}")
        rows.append(tuple(cells))
    return tuple(rows)


def verdict_lines(mix: Mix, base: RunResult, lang: str) -> list[str]:
    """One line per goal set: met, and at the 2020 stance."""
    return [f"{v.year}: {answer.verdict_text(v, lang)} ({answer.versus_text(v, lang)})"
            for v in answer.verdicts(mix.result.targets, base.targets)]


def missed_lines(mix: Mix, reaches: dict, lang: str) -> list[str]:
    """Every goal not met with its gap and strongest lever."""
    return [f"{m.result.target.name(lang)}: {answer.distance_text(m.result, lang)}. {answer.lever_text(m, lang)}"
            for m in answer.misses(mix.result.targets, reaches)]


def lever_lines(mix: Mix, lang: str, kind: str) -> list[str]:
    """The levers (``kind="lever"``) or assumptions changed from the 2020 stance, with both values."""
    settings = mix.result.scenario.settings() if mix.result.scenario is not None else {}
    lines = []
    for lever in load_levers():
        value = settings.get(lever.id, lever.default)
        if lever.kind == kind and value != lever.default:
            lines.append(t("brief.setting_line", lang, name=lever.name(lang),
                           base=answer.setting_text(lever.id, lever.default, lang),
                           value=answer.setting_text(lever.id, value, lang)))
    return lines


def how_sure_lines(how_sure: dict | None, lang: str) -> list[str]:
    """Goal name -> probability of being met (percent), as lines; empty when not computed."""
    return [t("brief.how_sure_line", lang, name=name, percent=round(p)) for name, p in (how_sure or {}).items()]


def brief_blocks(mix: Mix, base: RunResult, reaches: dict, lang: str, other: Mix | None = None,
                 how_sure: dict | None = None, today: _dt.date | None = None) -> list[Block]:
    """The brief's blocks, in order.

    Parameters
    ----------
    mix : Mix
        The mix the brief is about.
    base : RunResult
        The 2020 stance (every setting at its default).
    reaches : dict
        :func:`model.report.brief.answer.reach` of the mix.
    lang : str
        "vi" or "en".
    other : Mix, optional
        A second mix, compared in the table, the verdict and the charts.
    how_sure : dict, optional
        Goal name -> probability of being met, percent (when computed).
    today : datetime.date, optional
        The date printed (today by default).

    """
    mixes = [mix] if other is None else [mix, other]
    date = (today or _dt.date.today()).strftime("%d/%m/%Y" if lang == "vi" else "%d %B %Y")
    blocks = [Block("title", t("brief.title", lang)), Block("small", t("brief.date", lang, date=date)),
              Block("heading", t("brief.h_mix", lang, name=mix.name))]
    if mix.description:
        blocks.append(Block("text", mix.description))
    blocks.append(Block("heading", t("brief.h_verdict", lang)))
    for m in mixes:
        blocks.append(Block("bullets", m.name if other else "", items=tuple(verdict_lines(m, base, lang))))
    missed = missed_lines(mix, reaches, lang)
    blocks += [Block("heading", t("brief.h_missed", lang)),
               Block("bullets", items=tuple(missed or [t("brief.none_missed", lang)]))]
    blocks += [Block("heading", t("brief.h_table", lang)), Block("table", items=scoreboard_rows(mixes, base, lang))]
    blocks += [Block("heading", t("brief.h_charts", lang)), *chart_images(mixes, base, lang)]
    blocks += [Block("heading", t("brief.h_levers", lang)),
               Block("bullets", items=tuple(lever_lines(mix, lang, "lever") or [t("brief.no_change", lang)]))]
    budget = evaluate_budget(mix.result.table)
    blocks += [Block("heading", t("brief.h_costs", lang)), Block("text", budget_text(budget, lang))]
    blocks += [Block("heading", t("brief.h_assumptions", lang)),
               Block("bullets", items=tuple(lever_lines(mix, lang, "assumption") or
                                            [t("brief.default_assumptions", lang)]))]
    sure = how_sure_lines(how_sure, lang)
    if sure:
        blocks += [Block("heading", t("brief.h_how_sure", lang)), Block("bullets", items=tuple(sure))]
    blocks += [Block("heading", t("brief.h_method", lang)), Block("small", t("brief.method", lang))]
    return blocks
