r"""Vensim sketch records: the lines of a view, written and read.

A sketch section is, per view::

    \\\---/// Sketch information - do not modify anything except names
    V300  Do not put anything below this section - it will be ignored
    *View name
    $192-192-192,0,Arial|10||0-0-0|0-0-0|0-0-255|-1--1--1|-1--1--1|96,96,100,0
    10,1,Teacup Temperature,307,235,40,20,3,3,0,0,0,0,0,0
    ...

and after the last view the line ``///---\\\``. Each object line starts with
its type and an id unique within the view; x and y are centres, w and h half
the width and height:

* ``10`` a variable: ``10,id,name,x,y,w,h,shape,bits,hidden,hasfont,textpos,
  boxwidth,nav1,nav2[,colours and font]``. Shape 3 draws a box (a stock),
  8 plain text, 40 (= 8 + 32) the name of a flow attached to the valve just
  before it. Bits 3 is a variable's own definition, 2 a shadow (drawn
  ``<name>``, grey colours and font follow).
* ``11`` a valve: ``11,id,48,x,y,6,8,34,3,0,0,1,0,0,0`` for a horizontal pipe
  (name below), ``...,8,6,33,3,0,0,4,0,0,0`` for a vertical one (name on the
  right). The flow's name is the next record (id + 1).
* ``12`` a comment; a cloud (source or sink of a flow) is
  ``12,id,48,x,y,10,8,0,3,0,0,-1,0,0,0``.
* ``1`` an arrow: ``1,id,from,to,shape,hidden,polarity,thickness,hasfont,
  dtype,reserved,colour,font,npoints|(x,y)|``. A connector has thickness 0,
  dtype 64 and shape 1 (an arc through the point). A pipe goes from a valve to
  the stock or cloud at one end: thickness 22, shape 4 at the flow's sink
  (arrowhead) and 100 at its source; its point is where it meets that end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from model.report.diagram.text import Font

HEADER_LINE = "\\\\\\---/// Sketch information - do not modify anything except names"
VERSION_LINE = "V300  Do not put anything below this section - it will be ignored"
END_LINE = "///---\\\\\\"
DEFAULT_FONT = Font("Arial", 10, 96)
FONT_LINE = "$192-192-192,0,Arial|10||0-0-0|0-0-0|0-0-255|-1--1--1|-1--1--1|96,96,100,0"

SHAPE_BOX, SHAPE_TEXT, SHAPE_FLOW_NAME = 3, 8, 40
BITS_OWN, BITS_SHADOW = 3, 2
SHADOW_TAIL = "128-128-128,0-0-0,|0||128-128-128"
PIPE_THICKNESS, PIPE_SINK, PIPE_SOURCE = 22, 4, 100
CONNECTOR_DTYPE = 64
_POINT = re.compile(r"\((-?\d+),(-?\d+)\)")


@dataclass(frozen=True)
class Variable:
    """A type-10 record."""

    id: int
    name: str
    x: int
    y: int
    w: int
    h: int
    shape: int = SHAPE_TEXT
    bits: int = BITS_OWN
    text_pos: int = -1
    tail: str = ""

    @property
    def is_shadow(self) -> bool:
        """A shadow (ghost) of a variable defined in another view."""
        return not self.bits & 1

    @property
    def is_box(self) -> bool:
        """Drawn in a box (a stock)."""
        return self.shape & 0x1F == SHAPE_BOX

    @property
    def attached(self) -> bool:
        """The name of the flow whose valve is the record before it."""
        return bool(self.shape & 0x20)

    def line(self) -> str:
        """The record as written in the sketch."""
        head = (f"10,{self.id},{quote(self.name)},{self.x},{self.y},{self.w},{self.h},{self.shape},{self.bits},"
                f"0,{3 if self.tail else 0},{self.text_pos},0,0,0")
        return f"{head},{self.tail}" if self.tail else head


@dataclass(frozen=True)
class Valve:
    """A type-11 record: the valve of a flow."""

    id: int
    x: int
    y: int
    vertical: bool = False

    def line(self) -> str:
        """The record as written in the sketch."""
        if self.vertical:
            return f"11,{self.id},48,{self.x},{self.y},8,6,33,3,0,0,4,0,0,0"
        return f"11,{self.id},48,{self.x},{self.y},6,8,34,3,0,0,1,0,0,0"


@dataclass(frozen=True)
class Comment:
    """A type-12 record; ``text`` 48 with shape 0 is a cloud."""

    id: int
    text: str
    x: int
    y: int
    w: int = 10
    h: int = 8
    shape: int = 0

    @property
    def is_cloud(self) -> bool:
        """A cloud: the source or sink of a flow outside the model."""
        return self.text == "48" and self.shape == 0

    def line(self) -> str:
        """The record as written in the sketch (clouds only carry their text inline)."""
        return f"12,{self.id},{quote(self.text)},{self.x},{self.y},{self.w},{self.h},{self.shape},3,0,0,-1,0,0,0"


@dataclass(frozen=True)
class Arrow:
    """A type-1 record: a connector, or a pipe from a valve."""

    id: int
    source: int
    target: int
    points: tuple[tuple[int, int], ...]
    shape: int = 1
    thickness: int = 0
    dtype: int = CONNECTOR_DTYPE
    polarity: int = 0

    @property
    def is_pipe(self) -> bool:
        """A pipe of a flow (a double line from a valve)."""
        return self.thickness > 20

    @property
    def to_sink(self) -> bool:
        """For a pipe: the end the flow goes into."""
        return self.shape == PIPE_SINK

    def line(self) -> str:
        """The record as written in the sketch."""
        points = "".join(f"({x},{y})|" for x, y in self.points)
        return (f"1,{self.id},{self.source},{self.target},{self.shape},0,{self.polarity},{self.thickness},0,"
                f"{self.dtype},0,-1--1--1,,{len(self.points)}|{points}")


Record = Variable | Valve | Comment | Arrow


def quote(name: str) -> str:
    """A name as a sketch field: quoted when it holds a comma or a quote."""
    if "," in name or '"' in name:
        return '"' + name.replace('"', '\\"') + '"'
    return name


def split_fields(text: str) -> list[str]:
    r"""Comma-separated fields, a field in double quotes kept whole (``\"`` inside it is a quote)."""
    fields: list[str] = []
    i = 0
    while i <= len(text):
        if text.startswith('"', i):
            j, chars = i + 1, []
            while j < len(text) and text[j] != '"':
                if text.startswith('\\"', j):
                    chars.append('"')
                    j += 2
                else:
                    chars.append(text[j])
                    j += 1
            fields.append("".join(chars))
            i = text.find(",", j) + 1 if text.find(",", j) >= 0 else len(text) + 1
        else:
            j = text.find(",", i)
            j = len(text) if j < 0 else j
            fields.append(text[i:j])
            i = j + 1
    return fields


def _int(value: str) -> int:
    """Leading integer of a field (``-1--1--1`` reads -1, empty reads 0)."""
    match = re.match(r"\s*-?\d+", value)
    return int(match.group()) if match else 0


def _ints(fields: list[str], start: int, count: int) -> list[int]:
    values = [_int(f) for f in fields[start:start + count]]
    return values + [0] * (count - len(values))


def parse_record(line: str) -> Record | None:
    """One sketch object line as a record; ``None`` for other types (images, ...)."""
    fields = split_fields(line)
    kind = _int(fields[0]) if fields else -1
    if kind == 10 and len(fields) >= 9:
        x, y, w, h, shape, bits = _ints(fields, 3, 6)
        text_pos = _ints(fields, 11, 1)[0] if len(fields) > 11 else -1
        return Variable(_int(fields[1]), fields[2], x, y, w, h, shape, bits, text_pos, ",".join(fields[15:]))
    if kind == 11 and len(fields) >= 8:
        x, y, _, _, shape = _ints(fields, 3, 5)
        return Valve(_int(fields[1]), x, y, vertical=shape & 0x1F == 1)
    if kind == 12 and len(fields) >= 8:
        x, y, w, h, shape = _ints(fields, 3, 5)
        return Comment(_int(fields[1]), fields[2], x, y, w, h, shape)
    if kind == 1 and len(fields) >= 12:
        ident, source, target, shape, _, polarity, thickness, _, dtype = _ints(fields, 1, 9)
        points = tuple((int(a), int(b)) for a, b in _POINT.findall(",".join(fields[13:])))
        return Arrow(ident, source, target, points, shape, thickness, dtype, polarity)
    return None


def comment_text_follows(line: str) -> bool:
    """A type-12 line whose text is on the next line (bit 2 of its bits)."""
    fields = split_fields(line)
    return bool(fields) and _int(fields[0]) == 12 and len(fields) > 8 and bool(_int(fields[8]) & 4)


@dataclass(frozen=True)
class ViewHeader:
    """The title and font line of a view.

    Attributes
    ----------
    name : str
        The view's name (after ``*``).
    font : Font
        Face, size and pixels per inch.
    text_color, shape_color, arrow_color : str
        ``#rrggbb`` colours of text, shapes and arrows.

    """

    name: str
    font: Font = DEFAULT_FONT
    text_color: str = "#000000"
    shape_color: str = "#000000"
    arrow_color: str = "#0000ff"


def _colour(text: str, default: str) -> str:
    parts = text.split("-")
    if len(parts) != 3 or not all(p.strip().isdigit() for p in parts):
        return default
    return "#" + "".join(f"{int(p):02x}" for p in parts)


def parse_font_line(name: str, line: str) -> ViewHeader:
    """A view header from its name and ``$`` line."""
    parts = line[1:].split(",", 2)[-1].split("|")
    if len(parts) < 9:
        return ViewHeader(name)
    try:
        font = Font(parts[0] or DEFAULT_FONT.face, float(parts[1] or DEFAULT_FONT.size),
                    float(parts[8].split(",")[0] or DEFAULT_FONT.ppi))
    except ValueError:
        font = DEFAULT_FONT
    return ViewHeader(name, font, _colour(parts[3], "#000000"), _colour(parts[4], "#000000"),
                      _colour(parts[5], "#0000ff"))
