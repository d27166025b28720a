"""The sketch section of a model file read back into views of records.

Used to draw the views (:mod:`model.report.diagram.svg`) and to check them against
the equations. Lines of record types it does not know (images, ...) are
skipped; a comment whose text is on the following line takes that line too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from model.base.paths import MDL_PATH
from model.report.diagram.mdl_text import SKETCH_END, SKETCH_MARK, read_text, split_mdl
from model.report.diagram.sketch_format import (
    Arrow,
    Comment,
    Record,
    Valve,
    Variable,
    ViewHeader,
    comment_text_follows,
    parse_font_line,
    parse_record,
)


@dataclass(frozen=True)
class Pipe:
    """One pipe of a flow: ``end`` is the stock at that end or ``None`` for a cloud."""

    flow: str
    end: str | None
    into: bool


@dataclass(frozen=True)
class SketchView:
    """One view: its header and its records in file order."""

    header: ViewHeader
    records: tuple[Record, ...]

    @property
    def name(self) -> str:
        """The view's name."""
        return self.header.name

    def by_id(self) -> dict[int, Record]:
        """Records by id."""
        return {record.id: record for record in self.records}

    def variables(self) -> list[Variable]:
        """Every type-10 record."""
        return [r for r in self.records if isinstance(r, Variable)]

    def defined(self) -> list[str]:
        """Names of the variables defined in this view (not shadows)."""
        return [v.name for v in self.variables() if not v.is_shadow]

    def name_of(self, ident: int) -> str | None:
        """The variable an arrow end stands for: a valve stands for its flow (the next record)."""
        found = self.by_id()
        record = found.get(ident)
        if isinstance(record, Valve):
            record = found.get(ident + 1)
        return record.name if isinstance(record, Variable) else None

    def connectors(self) -> list[tuple[str | None, str | None]]:
        """``(cause, effect)`` of every connector (not pipes)."""
        return [(self.name_of(a.source), self.name_of(a.target)) for a in self.records
                if isinstance(a, Arrow) and not a.is_pipe]

    def pipes(self) -> list[Pipe]:
        """Every pipe, by flow name."""
        found = self.by_id()
        return [Pipe(self.name_of(a.source) or "", self.name_of(a.target), a.to_sink) for a in self.records
                if isinstance(a, Arrow) and a.is_pipe and isinstance(found.get(a.source), Valve)]


def _lines(text: str) -> list[str]:
    """The lines of the sketch section of a model text (or of a bare sketch section)."""
    sketch = split_mdl(text).sketch if not text.startswith(SKETCH_MARK) else text
    lines = sketch.splitlines()
    return lines[:next((i for i, line in enumerate(lines) if line.startswith(SKETCH_END)), len(lines))]


def read_views(text: str) -> tuple[SketchView, ...]:
    """Every view of a model text, in file order."""
    views: list[SketchView] = []
    name, header, records = None, None, []
    lines = iter(_lines(text))
    for line in lines:
        if line.startswith(SKETCH_MARK) or line.startswith("V300") or line.startswith("V364"):
            continue
        if line.startswith("*"):
            if name is not None:
                views.append(SketchView(header or ViewHeader(name), tuple(records)))
            name, header, records = line[1:], None, []
        elif line.startswith("$") and name is not None:
            header = parse_font_line(name, line)
        elif name is not None:
            record = parse_record(line)
            if comment_text_follows(line):
                text_line = next(lines, "")
                record = Comment(record.id, text_line, record.x, record.y, record.w, record.h, record.shape) \
                    if isinstance(record, Comment) else record
            if record is not None:
                records.append(record)
    if name is not None:
        views.append(SketchView(header or ViewHeader(name), tuple(records)))
    return tuple(views)


def model_views(mdl_path: Path = MDL_PATH) -> tuple[SketchView, ...]:
    """Every view of a model file."""
    return read_views(read_text(mdl_path))


def slug(name: str) -> str:
    """A file-name form of a view name: lower case, words joined by hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "view"


def find_view(views: tuple[SketchView, ...], wanted: str) -> SketchView:
    """The view named ``wanted`` (case-insensitive, or by its slug).

    Raises
    ------
    KeyError
        With a message naming the valid views.

    """
    for view in views:
        if wanted.strip().lower() in (view.name.lower(), slug(view.name)):
            return view
    raise KeyError(f"no view {wanted!r}; views: " + ", ".join(v.name for v in views))
