"""Layered (Sugiyama-style) placement of blocks connected by arrows, without drawing concerns.

Blocks are boxes of known size; edges point from cause to effect. The steps:

1. Break cycles: order the blocks with the greedy heuristic of Eades, Lin and
   Smyth (sinks last, sources first, else the block with most outgoing minus
   incoming edges) and treat every edge against that order as reversed.
2. Layers by longest path from the sources; a source then moves down to just
   above its nearest consumer, so constants sit next to what uses them.
3. Order within layers by the barycentre of neighbours in the layers above
   (downward sweeps) and below (upward sweeps).
4. Split a layer wider than the maximum into several rows.
5. x by pulling each block towards the mean x of its neighbours while keeping
   the order and the gaps (isotonic regression, solved exactly by pooling
   adjacent violators); y row by row.

Every choice breaks ties by the blocks' given order, so the result depends only
on the input.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import pairwise

GAP_X, DUMMY_GAP, GAP_Y, MAX_ROW_WIDTH = 36.0, 14.0, 64.0, 1500.0
DUMMY_W = 4.0
SWEEPS, PULLS = 6, 6


@dataclass(frozen=True)
class Block:
    """A box to place: half width and half height; a dummy holds the way for an arrow across a row."""

    key: str
    w: float
    h: float
    dummy: bool = False


def _gap(a: Block, b: Block) -> float:
    """Space between neighbours in a row (less between arrows' dummies)."""
    return DUMMY_GAP if a.dummy or b.dummy else GAP_X


@dataclass(frozen=True)
class Placement:
    """Where the blocks go.

    Attributes
    ----------
    centres : list of (float, float)
        Centre of every block.
    routes : dict
        ``(cause, effect)`` block pair -> points an arrow between them can
        pass through, one per row it crosses, from cause to effect.

    """

    centres: list[tuple[float, float]]
    routes: dict[tuple[int, int], list[tuple[float, float]]]


Edges = dict[tuple[int, int], int]


def acyclic_order(count: int, edges: Edges) -> list[int]:
    """Greedy order of blocks ``0..count-1`` with few edges pointing backwards (Eades-Lin-Smyth)."""
    out_n: dict[int, set[int]] = defaultdict(set)
    in_n: dict[int, set[int]] = defaultdict(set)
    for a, b in edges:
        out_n[a].add(b)
        in_n[b].add(a)
    remaining = set(range(count))
    head: list[int] = []
    tail: list[int] = []
    while remaining:
        sinks = sorted(v for v in remaining if not out_n[v] & remaining)
        sources = sorted(v for v in remaining if not in_n[v] & remaining and v not in sinks)
        if sinks or sources:
            tail[:0] = sinks
            head += sources
            remaining -= set(sinks) | set(sources)
            continue
        best = max(sorted(remaining), key=lambda v: len(out_n[v] & remaining) - len(in_n[v] & remaining))
        head.append(best)
        remaining.remove(best)
    return head + tail


def dag_edges(count: int, edges: Edges) -> Edges:
    """The edges with every one against :func:`acyclic_order` reversed (weights summed)."""
    rank = {v: i for i, v in enumerate(acyclic_order(count, edges))}
    result: Edges = defaultdict(int)
    for (a, b), weight in edges.items():
        if a != b:
            result[(a, b) if rank[a] < rank[b] else (b, a)] += weight
    return dict(result)


def layers(count: int, dag: Edges) -> list[int]:
    """Layer of each block: longest path from a source, sources then lowered next to their consumers."""
    preds: dict[int, list[int]] = defaultdict(list)
    succs: dict[int, list[int]] = defaultdict(list)
    for a, b in dag:
        preds[b].append(a)
        succs[a].append(b)
    layer: dict[int, int] = {}

    def depth(v: int) -> int:
        if v not in layer:
            layer[v] = 0
            layer[v] = max((depth(p) + 1 for p in preds[v]), default=0)
        return layer[v]

    for v in range(count):
        depth(v)
    for v in sorted(range(count), key=lambda u: -layer[u]):
        if not preds[v] and succs[v]:
            layer[v] = min(layer[s] for s in succs[v]) - 1
    return [layer[v] for v in range(count)]


def _neighbours(count: int, dag: Edges) -> list[list[tuple[int, int]]]:
    found: list[list[tuple[int, int]]] = [[] for _ in range(count)]
    for (a, b), weight in sorted(dag.items()):
        found[a].append((b, weight))
        found[b].append((a, weight))
    return found


def _pack(row: list[int], blocks: list[Block]) -> list[float]:
    """Centres of a row's blocks side by side with the standard gap, the row centred on 0."""
    centres, edge = [], 0.0
    for i, v in enumerate(row):
        edge += _gap(blocks[row[i - 1]], blocks[v]) if i else 0.0
        centres.append(edge + blocks[v].w)
        edge += 2 * blocks[v].w
    return [c - edge / 2 for c in centres]


def _sweep(rows: list[list[int]], row_of: list[int], x: dict[int, float], near: list, down: bool,
           blocks: list[Block]) -> None:
    """Reorder each row by the barycentre of its neighbours in the rows already swept."""
    indices = range(1, len(rows)) if down else range(len(rows) - 2, -1, -1)
    for r in indices:
        def key(v: int, r: int = r) -> float:
            side = [(x[u], w) for u, w in near[v] if (row_of[u] < r if down else row_of[u] > r)]
            return sum(p * w for p, w in side) / sum(w for _, w in side) if side else x[v]
        rows[r] = sorted(rows[r], key=key)
        x.update(zip(rows[r], _pack(rows[r], blocks), strict=True))


def order_rows(layer_of: list[int], dag: Edges, blocks: list[Block]) -> list[list[int]]:
    """Blocks grouped by layer (top first), each layer ordered by barycentre sweeps."""
    rows = [[v for v in range(len(blocks)) if layer_of[v] == layer] for layer in sorted(set(layer_of))]
    row_of = [0] * len(blocks)
    for r, row in enumerate(rows):
        for v in row:
            row_of[v] = r
    x = {v: c for row in rows for v, c in zip(row, _pack(row, blocks), strict=True)}
    near = _neighbours(len(blocks), dag)
    for _ in range(SWEEPS):
        _sweep(rows, row_of, x, near, True, blocks)
        _sweep(rows, row_of, x, near, False, blocks)
    return rows


def wrap_rows(rows: list[list[int]], blocks: list[Block]) -> list[list[int]]:
    """Rows no wider than :data:`MAX_ROW_WIDTH` (a too-wide row continues on the next)."""
    wrapped: list[list[int]] = []
    for row in rows:
        current: list[int] = []
        width = 0.0
        for v in row:
            extra = 2 * blocks[v].w + (_gap(blocks[current[-1]], blocks[v]) if current else 0.0)
            if current and width + extra > MAX_ROW_WIDTH:
                wrapped.append(current)
                current, width, extra = [], 0.0, 2 * blocks[v].w
            current.append(v)
            width += extra
        wrapped.append(current)
    return wrapped


def isotonic(values: list[float]) -> list[float]:
    """The non-decreasing sequence nearest to ``values`` in least squares (pool adjacent violators)."""
    pools: list[list[float]] = []
    for value in values:
        pools.append([value, 1.0])
        while len(pools) > 1 and pools[-2][0] / pools[-2][1] > pools[-1][0] / pools[-1][1]:
            total, count = pools.pop()
            pools[-1][0] += total
            pools[-1][1] += count
    return [total / count for total, count in pools for _ in range(int(count))]


def _pull(row: list[int], x: dict[int, float], near: list, blocks: list[Block]) -> None:
    """Move a row's blocks towards their neighbours' mean x, keeping order and gaps."""
    offsets = [0.0]
    for a, b in pairwise(row):
        offsets.append(offsets[-1] + blocks[a].w + _gap(blocks[a], blocks[b]) + blocks[b].w)
    wanted = []
    for v in row:
        total = sum(w for _, w in near[v])
        wanted.append(sum(x[u] * w for u, w in near[v]) / total if total else x[v])
    fitted = isotonic([d - c for d, c in zip(wanted, offsets, strict=True)])
    x.update({v: f + c for v, f, c in zip(row, fitted, offsets, strict=True)})


def coordinates(rows: list[list[int]], dag: Edges, blocks: list[Block]) -> list[tuple[float, float]]:
    """Centre of every block: x pulled towards neighbours, rows stacked top to bottom."""
    x = {v: c for row in rows for v, c in zip(row, _pack(row, blocks), strict=True)}
    near = _neighbours(len(blocks), dag)
    for i in range(PULLS):
        for row in rows if i % 2 == 0 else rows[::-1]:
            _pull(row, x, near, blocks)
    y: dict[int, float] = {}
    top = 0.0
    for row in rows:
        half = max(blocks[v].h for v in row)
        y.update(dict.fromkeys(row, top + half))
        top += 2 * half + GAP_Y
    return [(x[v], y[v]) for v in range(len(blocks))]


def _with_dummies(blocks: list[Block], layer_of: list[int], dag: Edges) -> tuple[list, list, Edges, dict]:
    """Blocks, layers and edges with a dummy block in every layer a long edge crosses."""
    blocks, layer_of = list(blocks), list(layer_of)
    expanded: Edges = defaultdict(int)
    chains: dict[tuple[int, int], list[int]] = {}
    for (u, v), weight in sorted(dag.items()):
        previous, chain = u, []
        for layer in range(layer_of[u] + 1, layer_of[v]):
            chain.append(len(blocks))
            blocks.append(Block(f"~{u}-{v}-{layer}", DUMMY_W, 0.0, dummy=True))
            layer_of.append(layer)
            expanded[(previous, chain[-1])] += weight
            previous = chain[-1]
        expanded[(previous, v)] += weight
        chains[(u, v)] = chain
    return blocks, layer_of, dict(expanded), chains


def place(blocks: list[Block], edges: Edges) -> Placement:
    """Centres for ``blocks`` joined by ``edges`` ((cause, effect) index pairs -> count), and arrow routes."""
    if not blocks:
        return Placement([], {})
    dag = dag_edges(len(blocks), edges)
    all_blocks, layer_of, expanded, chains = _with_dummies(blocks, layers(len(blocks), dag), dag)
    rows = wrap_rows(order_rows(layer_of, expanded, all_blocks), all_blocks)
    centres = coordinates(rows, expanded, all_blocks)
    routes = {}
    for a, b in edges:
        if (a, b) in chains:
            routes[(a, b)] = [centres[d] for d in chains[(a, b)]]
        elif (b, a) in chains:
            routes[(a, b)] = [centres[d] for d in reversed(chains[(b, a)])]
    return Placement(centres[:len(blocks)], routes)
