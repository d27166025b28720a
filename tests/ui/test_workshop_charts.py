"""The board's team colours and line-end labels: distinct, colour-blind-safe, never overlapping."""

from __future__ import annotations

from itertools import combinations, pairwise

from ui.parts.workshop_charts import TEAM_COLOURS, label_positions, team_colours


def _rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))


def test_ten_teams_get_ten_distinct_colours_without_yellow():
    names = [f"Team {i}" for i in range(10)]
    colours = team_colours(names)
    assert len(set(colours.values())) == 10
    for a, b in combinations(TEAM_COLOURS, 2):
        assert sum(abs(x - y) for x, y in zip(_rgb(a), _rgb(b), strict=True)) > 80, (a, b)
    assert "#F0E442" not in TEAM_COLOURS  # yellow is unreadable on white


def test_labels_keep_their_gap_and_stay_near_their_lines():
    values = [8.0, 8.02, 8.01, 5.0, 12.0, 8.03]
    placed = label_positions(values, 0.3)
    ordered = sorted(placed)
    assert all(b - a >= 0.3 - 1e-9 for a, b in pairwise(ordered))
    assert [placed.index(v) for v in sorted(placed)] == sorted(range(6), key=lambda i: (values[i], i))
    assert abs(placed[3] - 5.0) < 0.6 and abs(placed[4] - 12.0) < 0.6
    assert label_positions([1.0, 5.0], 0.5) == [1.0, 5.0]
