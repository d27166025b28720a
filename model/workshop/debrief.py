"""What separated the mixes that met a round's goal from those that missed it, whatever happened.

Which two groups are compared is chosen by :func:`compare_groups`: met
against missed when both occur, otherwise the teams closest to the goal
against the furthest (nobody met it) or those furthest beyond it against those
just over it (everybody met it). :func:`check_predictions` sets the teams'
predictions against their results. Two descriptions of the teams' own mixes
(numpy only), for any two groups ("met" below stands for the first group):

* :func:`rank_levers`: for each open lever, the point-biserial correlation
  between the lever's value and meeting the goal (the Pearson correlation of
  the value with a 0/1 "met" indicator, -1..1) and the standardised mean
  difference (mean of the met group minus mean of the missed group, divided
  by the pooled standard deviation, ddof = 1).
* :func:`fit_tree`: a decision tree of depth at most 2 (Gini impurity,
  thresholds half-way between neighbouring values).

With 4-8 teams these describe the mixes the teams chose; they are not tests.
Levers that teams moved together cannot be told apart, and a lever nobody
changed cannot show any effect. The debrief says so on screen.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class LeverSplit:
    """How one lever's values differ between the met and the missed group.

    Attributes
    ----------
    lever : str
        Lever id.
    n_met, n_missed : int
        Group sizes.
    mean_met, mean_missed : float
        Group means in the lever's unit (NaN for an empty group).
    correlation : float
        Point-biserial correlation with "met" (NaN if the lever or the outcome
        does not vary).
    smd : float
        Standardised mean difference; +/-inf when both groups are constant but
        differ (perfect separation); NaN if undefined.

    """

    lever: str
    n_met: int
    n_missed: int
    mean_met: float
    mean_missed: float
    correlation: float
    smd: float


def _matrix(mixes: Sequence[Mapping[str, float]], levers: Sequence[str]) -> np.ndarray:
    return np.array([[float(mix[lever]) for lever in levers] for mix in mixes], dtype=float).reshape(
        len(mixes), len(levers)
    )


def _correlation(x: np.ndarray, y: np.ndarray) -> float:
    if len(x) < 2 or np.ptp(x) == 0 or np.ptp(y) == 0:
        return math.nan
    return float(np.corrcoef(x, y)[0, 1])


def _smd(a: np.ndarray, b: np.ndarray) -> float:
    if len(a) == 0 or len(b) == 0:
        return math.nan
    diff = float(a.mean() - b.mean())
    dof = len(a) + len(b) - 2
    pooled_var = ((len(a) - 1) * a.var(ddof=1) if len(a) > 1 else 0.0) + (
        (len(b) - 1) * b.var(ddof=1) if len(b) > 1 else 0.0)
    pooled = math.sqrt(pooled_var / dof) if dof > 0 else 0.0
    if pooled == 0:
        return math.nan if diff == 0 else math.copysign(math.inf, diff)
    return diff / pooled


def rank_levers(mixes: Sequence[Mapping[str, float]], met: Sequence[bool],
                levers: Sequence[str]) -> list[LeverSplit]:
    """Rank levers by how strongly their values split met from missed.

    Parameters
    ----------
    mixes : sequence of Mapping
        One lever-value mapping per team.
    met : sequence of bool
        Whether each team's mix met the goal.
    levers : sequence of str
        Lever ids to rank (the round's open levers).

    Returns
    -------
    list of LeverSplit
        Strongest absolute correlation first; levers without a defined
        correlation last, in the given order.

    """
    if len(mixes) != len(met):
        raise ValueError("one met/missed flag per mix is needed")
    x = _matrix(mixes, levers)
    y = np.asarray(met, dtype=bool)
    splits = []
    for j, lever in enumerate(levers):
        a, b = x[y, j], x[~y, j]
        splits.append(LeverSplit(
            lever, len(a), len(b),
            float(a.mean()) if len(a) else math.nan, float(b.mean()) if len(b) else math.nan,
            _correlation(x[:, j], y.astype(float)), _smd(a, b),
        ))
    order = sorted(range(len(splits)), key=lambda i: (math.isnan(splits[i].correlation),
                                                      -abs(np.nan_to_num(splits[i].correlation)), i))
    return [splits[i] for i in order]


@dataclass(frozen=True)
class TreeNode:
    """A node of the decision tree.

    Attributes
    ----------
    n, n_met : int
        Teams reaching the node and how many of them met the goal.
    lever : str or None
        Lever split on (``None`` for a leaf).
    threshold : float or None
        Teams with value <= threshold go ``low``, the others ``high``.
    low, high : TreeNode or None
        Children.

    """

    n: int
    n_met: int
    lever: str | None = None
    threshold: float | None = None
    low: TreeNode | None = None
    high: TreeNode | None = None

    @property
    def is_leaf(self) -> bool:
        """Whether the node has no split."""
        return self.lever is None


def _gini(y: np.ndarray) -> float:
    if len(y) == 0:
        return 0.0
    p = float(y.mean())
    return 2.0 * p * (1.0 - p)


def _best_split(x: np.ndarray, y: np.ndarray) -> tuple[int, float] | None:
    """Column and threshold with the largest impurity decrease, or None if nothing helps."""
    best, best_gain = None, 1e-12
    parent = _gini(y)
    for j in range(x.shape[1]):
        values = np.unique(x[:, j])
        for threshold in (values[:-1] + values[1:]) / 2.0:
            low = x[:, j] <= threshold
            child = (low.sum() * _gini(y[low]) + (~low).sum() * _gini(y[~low])) / len(y)
            if parent - child > best_gain:
                best, best_gain = (j, float(threshold)), parent - child
    return best


def _grow(x: np.ndarray, y: np.ndarray, levers: Sequence[str], depth: int) -> TreeNode:
    node = TreeNode(len(y), int(y.sum()))
    split = _best_split(x, y) if depth > 0 and 0 < y.sum() < len(y) else None
    if split is None:
        return node
    j, threshold = split
    low = x[:, j] <= threshold
    return TreeNode(node.n, node.n_met, levers[j], threshold,
                    _grow(x[low], y[low], levers, depth - 1), _grow(x[~low], y[~low], levers, depth - 1))


def fit_tree(mixes: Sequence[Mapping[str, float]], met: Sequence[bool], levers: Sequence[str],
             max_depth: int = 2) -> TreeNode:
    """A decision tree (Gini, depth <= ``max_depth``) separating met from missed mixes.

    Ties between equally good splits go to the lever listed first and the
    lower threshold, so the tree is reproducible.
    """
    if len(mixes) != len(met):
        raise ValueError("one met/missed flag per mix is needed")
    return _grow(_matrix(mixes, levers), np.asarray(met, dtype=bool), list(levers), max_depth)


def tree_rules(node: TreeNode, label: Mapping[str, str] | None = None,
               fmt: Callable[[str, float], str] = lambda lever, value: f"{value:g}",
               joiner: str = " and ") -> list[tuple[str, int, int]]:
    """The tree's leaves as readable rules.

    Parameters
    ----------
    node : TreeNode
        Root of a tree from :func:`fit_tree`.
    label : Mapping[str, str], optional
        Lever id -> name to show.
    fmt : callable
        ``fmt(lever_id, threshold) -> str``.
    joiner : str
        Text between two conditions of one rule.

    Returns
    -------
    list of (str, int, int)
        ``(condition, n_met, n)`` per leaf, e.g. ``("A <= 2027 and B > 60", 3, 3)``;
        the condition is empty for a tree without splits.

    """
    label = label or {}

    def walk(item: TreeNode, conditions: list[str]) -> list[tuple[str, int, int]]:
        if item.is_leaf:
            return [(joiner.join(conditions), item.n_met, item.n)]
        name, cut = label.get(item.lever, item.lever), fmt(item.lever, item.threshold)
        return (walk(item.low, [*conditions, f"{name} <= {cut}"])
                + walk(item.high, [*conditions, f"{name} > {cut}"]))

    return walk(node, [])


#: How teams are split for the lever comparison: met against missed when some met and some missed;
#: closest against furthest from the goal when none met; furthest beyond against nearest to it when all met.
GROUP_KINDS = ("met", "closest", "margin")


@dataclass(frozen=True)
class Groups:
    """Two groups of teams to compare.

    Attributes
    ----------
    kind : str
        One of :data:`GROUP_KINDS`.
    first : tuple of bool
        Per team: in the first group (met / closest to the goal / furthest beyond it).

    """

    kind: str
    first: tuple[bool, ...]


def compare_groups(distances: Sequence[float], met: Sequence[bool]) -> Groups | None:
    """Split the teams in two for the debrief, whatever happened.

    Parameters
    ----------
    distances : sequence of float
        Signed distance of each team's value to the goal's bound (>= 0 when met), in the goal's unit.
    met : sequence of bool
        Whether each team met the goal.

    Returns
    -------
    Groups or None
        Met against missed when both occur; otherwise the better half (by
        distance; the larger half when the number is odd) against the rest.
        ``None`` with fewer than two teams or when every distance is the same.

    """
    if len(distances) != len(met):
        raise ValueError("one distance per met/missed flag is needed")
    if len(met) < 2:
        return None
    if any(met) and not all(met):
        return Groups("met", tuple(bool(m) for m in met))
    values = np.nan_to_num(np.asarray(distances, dtype=float), neginf=-1e300, posinf=1e300)
    if np.ptp(values) == 0:
        return None
    order = np.argsort(-values, kind="stable")
    size = (len(values) + 1) // 2
    cut = values[order[size - 1]]
    first = values >= cut
    if first.all():  # ties at the cut: keep only the strictly better ones
        first = values > cut
    return Groups("margin" if all(met) else "closest", tuple(bool(f) for f in first))


@dataclass(frozen=True)
class PredictionCheck:
    """Teams' predictions set against the simulated results.

    Attributes
    ----------
    n : int
        Teams.
    over, under : int
        Teams whose prediction was above / below the simulated value.
    mean_abs_error : float
        Mean absolute prediction error, in the goal's unit.
    best : int
        Index of the team whose prediction was closest.
    expected_met, met : int
        Teams that predicted a value meeting the goal, and teams that met it.
    right_call : int
        Teams whose prediction was on the same side of the goal as their result.

    """

    n: int
    over: int
    under: int
    mean_abs_error: float
    best: int
    expected_met: int
    met: int
    right_call: int


def check_predictions(predictions: Sequence[float], values: Sequence[float], expected: Sequence[bool],
                      met: Sequence[bool]) -> PredictionCheck:
    """Summarise predictions against results (``expected``: the prediction itself meets the goal)."""
    if not len(predictions) == len(values) == len(expected) == len(met) or not predictions:
        raise ValueError("one prediction, value and flag per team is needed")
    error = np.asarray(predictions, dtype=float) - np.asarray(values, dtype=float)
    return PredictionCheck(len(error), int((error > 0).sum()), int((error < 0).sum()), float(np.abs(error).mean()),
                           int(np.argmin(np.abs(error))), int(sum(expected)), int(sum(met)),
                           int(sum(e == m for e, m in zip(expected, met, strict=True))))
