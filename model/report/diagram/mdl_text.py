r"""The parts of a Vensim ``.mdl`` text and the sectors of its equations.

A model file is the equations, then the sketch (from the first line starting
with ``\\\---///`` to the line ``///---\\\``), then the settings (from
``:L<%^E!@``). Equations are grouped in sectors by group headers::

    ****************************************************
        .Labour
    ****************************************************~
        comment
        |

Every variable after a header belongs to that sector, up to the next header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

SKETCH_MARK = "\\\\\\---///"
SKETCH_END = "///---\\\\\\"
_GROUP = re.compile(r"^\*+[ \t]*\n[ \t]*\.([^\n]+?)[ \t]*\n\*+")
_NAME_END = re.compile(r"[=(\[~:]")


class MdlFormatError(ValueError):
    """The model text does not have the expected parts."""


@dataclass(frozen=True)
class MdlParts:
    r"""A model file cut in three.

    Attributes
    ----------
    equations : str
        Everything before the first sketch header line.
    sketch : str
        The sketch section, from its first header line to the end of the
        ``///---\\\`` line (newline included); empty if the file has none.
    settings : str
        Everything after the sketch.

    """

    equations: str
    sketch: str
    settings: str

    def text(self) -> str:
        """The whole file."""
        return self.equations + self.sketch + self.settings


@dataclass(frozen=True)
class Sector:
    """One group of equations.

    Attributes
    ----------
    name : str
        The group's name as written after the dot.
    variables : tuple of str
        Its variables in file order.

    """

    name: str
    variables: tuple[str, ...]


def read_text(path: str | Path) -> str:
    """A model file's text exactly as stored (line ends kept)."""
    return Path(path).read_bytes().decode("utf-8")


def split_mdl(text: str) -> MdlParts:
    """Cut a model text into equations, sketch and settings."""
    start = text.find(SKETCH_MARK)
    if start < 0:
        return MdlParts(text, "", "")
    if start > 0 and text[start - 1] != "\n":
        raise MdlFormatError("the sketch header does not start a line")
    end = text.find(SKETCH_END, start)
    if end < 0:
        raise MdlFormatError(f"the sketch section has no end line {SKETCH_END}")
    end = text.find("\n", end)
    end = len(text) if end < 0 else end + 1
    return MdlParts(text[:start], text[start:end], text[end:])


def _variable_name(chunk: str) -> str:
    """The left-hand side of one equation, without subscripts."""
    return _NAME_END.split(chunk, maxsplit=1)[0].strip()


def sectors(equations: str) -> tuple[Sector, ...]:
    """The sectors of the equations part, in file order.

    Parameters
    ----------
    equations : str
        The equations part of a model file (see :func:`split_mdl`).

    Returns
    -------
    tuple of Sector
        One per group header, with its variables; variables before the first
        header form a sector named ``"View 1"``. Sectors without variables are
        left out.

    """
    found: list[tuple[str, list[str]]] = [("View 1", [])]
    for chunk in equations.split("|"):
        chunk = chunk.strip()
        if chunk.startswith("{UTF-8}"):
            chunk = chunk[len("{UTF-8}"):].lstrip()
        if not chunk:
            continue
        header = _GROUP.match(chunk)
        if header:
            found.append((header.group(1), []))
            continue
        name = _variable_name(chunk)
        if name and name not in found[-1][1]:
            found[-1][1].append(name)
    return tuple(Sector(name, tuple(names)) for name, names in found if names)
