"""The meeting brief of a mix: runs what it needs and writes Word or PDF bytes.

Used by ``python -m model brief`` and by the app's download button.
"""

from __future__ import annotations

from model.report.brief import answer
from model.report.brief.content import Mix, brief_blocks, shipped_text
from model.report.brief.docx import docx_bytes
from model.report.brief.pdf import pdf_bytes
from model.run.result import RunResult
from model.run.scenario import Scenario

FORMATS = ("docx", "pdf")


def mix_of(result: RunResult, lang: str, name: str | None = None) -> Mix:
    """A run as a :class:`Mix`: the shipped scenario's name and description in ``lang``, else the file's."""
    scenario: Scenario = result.scenario
    shown = name or shipped_text(scenario.name, "name", lang, scenario.name)
    return Mix(shown, shipped_text(scenario.name, "description", lang, scenario.description), result)


def brief_bytes(result: RunResult, base: RunResult, fmt: str, lang: str, other: RunResult | None = None,
                reaches: dict | None = None, how_sure: dict | None = None, name: str | None = None) -> bytes:
    """The brief of ``result`` (against the 2020 stance ``base``) as ``"docx"`` or ``"pdf"`` bytes.

    ``reaches`` (:func:`model.report.brief.answer.reach`) is computed when not given.
    """
    reaches = reaches if reaches is not None else answer.reach(result.scenario)
    blocks = brief_blocks(mix_of(result, lang, name), base, reaches, lang,
                          other=mix_of(other, lang) if other is not None else None, how_sure=how_sure)
    return docx_bytes(blocks) if fmt == "docx" else pdf_bytes(blocks)
