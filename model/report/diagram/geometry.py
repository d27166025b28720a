"""Placed diagram elements: rectangles, variables, flows and their ends (sketch pixels, y downwards)."""

from __future__ import annotations

from dataclasses import dataclass, replace

Point = tuple[float, float]


def _moved(point: Point, dx: float, dy: float) -> Point:
    return point[0] + dx, point[1] + dy


@dataclass(frozen=True)
class Rect:
    """A rectangle by centre and half sizes (as sketch records give them)."""

    x: float
    y: float
    w: float
    h: float

    @property
    def left(self) -> float:
        """Smallest x."""
        return self.x - self.w

    @property
    def right(self) -> float:
        """Largest x."""
        return self.x + self.w

    @property
    def top(self) -> float:
        """Smallest y."""
        return self.y - self.h

    @property
    def bottom(self) -> float:
        """Largest y."""
        return self.y + self.h

    def shifted(self, dx: float, dy: float) -> Rect:
        """The same rectangle moved."""
        return replace(self, x=self.x + dx, y=self.y + dy)

    def overlaps(self, other: Rect, margin: float = 0.0) -> bool:
        """Whether the two rectangles, grown by ``margin``, intersect."""
        return (abs(self.x - other.x) < self.w + other.w + margin
                and abs(self.y - other.y) < self.h + other.h + margin)


def bounds(rects: list[Rect]) -> Rect:
    """The smallest rectangle holding all ``rects``."""
    left = min(r.left for r in rects)
    right = max(r.right for r in rects)
    top = min(r.top for r in rects)
    bottom = max(r.bottom for r in rects)
    return Rect((left + right) / 2, (top + bottom) / 2, (right - left) / 2, (bottom - top) / 2)


@dataclass(frozen=True)
class Placed:
    """A variable drawn as a box (``"stock"``), as text (``"aux"``) or as a shadow (``"shadow"``).

    ``key`` tells apart several shadows of one variable in a view (else the name is the key).
    """

    name: str
    kind: str
    rect: Rect
    key: str = ""

    @property
    def ident(self) -> str:
        """The element's key within its view."""
        return self.key or self.name

    def shifted(self, dx: float, dy: float) -> Placed:
        """The same element moved."""
        return replace(self, rect=self.rect.shifted(dx, dy))


@dataclass(frozen=True)
class End:
    """One end of a flow's pipe.

    Attributes
    ----------
    stock : str or None
        The stock there, or ``None`` for a cloud.
    attach : Point
        Where the pipe meets the stock's box or the cloud.
    cloud : Point or None
        The cloud's centre.

    """

    stock: str | None
    attach: Point
    cloud: Point | None = None

    def shifted(self, dx: float, dy: float) -> End:
        """The same end moved."""
        cloud = _moved(self.cloud, dx, dy) if self.cloud else None
        return End(self.stock, _moved(self.attach, dx, dy), cloud)


@dataclass(frozen=True)
class PlacedFlow:
    """A flow: its valve, its name and the two ends of its pipe."""

    flow: str
    valve: Point
    vertical: bool
    label: Rect
    source: End
    sink: End

    def shifted(self, dx: float, dy: float) -> PlacedFlow:
        """The same flow moved."""
        return PlacedFlow(self.flow, _moved(self.valve, dx, dy), self.vertical, self.label.shifted(dx, dy),
                          self.source.shifted(dx, dy), self.sink.shifted(dx, dy))

    def rects(self) -> list[Rect]:
        """Everything the flow covers: valve, name and clouds."""
        found = [Rect(self.valve[0], self.valve[1], 8, 8), self.label]
        found += [Rect(end.cloud[0], end.cloud[1], 12, 10) for end in (self.source, self.sink) if end.cloud]
        return found
