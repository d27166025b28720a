"""A whole session as tables: CSV (one row per round and team) and an Excel workbook.

Sheets of the workbook: ``rounds``, ``teams``, ``submissions`` (each team's
mix, one column per lever), ``predictions`` (prediction against simulated
value), ``results`` (every goal for every entry) and ``revisions`` (every
submission ever made, including replaced ones). Times are local ISO 8601.

Team names are typed by anyone with the join code, so no text cell is ever
read as a formula (:func:`model.report.export.neutral_frame` for CSV,
:func:`model.report.export.protect_sheet` for the workbook).
"""

from __future__ import annotations

import io
from datetime import datetime

import pandas as pd

from model.catalogue.levers import load_levers
from model.catalogue.targets import HEADLINE_SET, load_targets
from model.report.export import neutral_frame, protect_sheet
from model.workshop.models import Board, Round, Submission

SHEETS = ("rounds", "teams", "submissions", "predictions", "results", "revisions")


def _time(stamp: float | None) -> str:
    return "" if stamp is None else datetime.fromtimestamp(stamp).astimezone().isoformat(timespec="seconds")


def _entries(board: Board) -> list[tuple[Round, Submission]]:
    return [(item, entry) for item in board.rounds for entry in board.submissions.get(item.id, ())]


def _lever_columns(board: Board) -> list[str]:
    used = {lever for item in board.rounds for lever in item.open_levers}
    return [lev.id for lev in load_levers() if lev.id in used]


def rounds_frame(board: Board, lang: str = "vi") -> pd.DataFrame:
    """One row per round: question, open levers, fixed settings, state and times."""
    targets = {t.id: t for t in load_targets()}
    rows = []
    for item in board.rounds:
        entries = board.submissions.get(item.id, ())
        rows.append({
            "round": item.number, "target_id": item.target_id, "target": targets[item.target_id].name(lang),
            "unit": targets[item.target_id].unit, "objective": item.objective,
            "open_levers": ", ".join(item.open_levers), "base_scenario": item.base_scenario,
            "assumption_set": item.assumption_set, "state": item.state, "opened_at": _time(item.opened_at),
            "closed_at": _time(item.closed_at), "revealed_at": _time(item.revealed_at),
            "entries": len(entries), "met": sum(e.outcome.met(item.target_id) for e in entries),
        })
    return pd.DataFrame(rows, columns=["round", "target_id", "target", "unit", "objective", "open_levers",
                                       "base_scenario", "assumption_set", "state", "opened_at", "closed_at",
                                       "revealed_at", "entries", "met"])


def teams_frame(board: Board) -> pd.DataFrame:
    """One row per team: name, joining time, rounds entered."""
    rows = [{"team": team.name, "joined_at": _time(team.joined_at),
             "rounds_entered": sum(any(e.team_id == team.id for e in board.submissions.get(r.id, ()))
                                   for r in board.rounds)}
            for team in board.teams]
    return pd.DataFrame(rows, columns=["team", "joined_at", "rounds_entered"])


def submissions_frame(board: Board) -> pd.DataFrame:
    """One row per round and team: the mix (blank for levers not open in that round)."""
    levers = _lever_columns(board)
    rows = [{"round": item.number, "team": e.team_name, "revision": e.revision, "submitted_at": _time(e.submitted_at),
             **{lever: e.levers.get(lever) for lever in levers}}
            for item, e in _entries(board)]
    return pd.DataFrame(rows, columns=["round", "team", "revision", "submitted_at", *levers])


def predictions_frame(board: Board) -> pd.DataFrame:
    """One row per round and team: prediction, simulated value, error, status and cost."""
    targets = {t.id: t for t in load_targets()}
    headline = tuple(t.id for t in load_targets() if t.set == HEADLINE_SET)
    rows = []
    for item, e in _entries(board):
        rows.append({
            "round": item.number, "team": e.team_name, "target_id": item.target_id,
            "unit": targets[item.target_id].unit, "prediction": e.prediction,
            "simulated": e.outcome.value(item.target_id), "error": e.error(item.target_id),
            "status": e.outcome.status(item.target_id),
            f"{HEADLINE_SET}_met": e.outcome.goals_met(headline), f"{HEADLINE_SET}_total": len(headline),
            "cost": e.cost,
        })
    return pd.DataFrame(rows, columns=["round", "team", "target_id", "unit", "prediction", "simulated", "error",
                                       "status", f"{HEADLINE_SET}_met", f"{HEADLINE_SET}_total", "cost"])


def results_frame(board: Board) -> pd.DataFrame:
    """One row per round, team and goal: simulated value, status, distance to the bound."""
    targets = load_targets()
    rows = [{"round": item.number, "team": e.team_name, "target_id": t.id, "set": t.set, "unit": t.unit,
             "value": e.outcome.value(t.id), "status": e.outcome.status(t.id),
             "distance": float(e.outcome.target(t.id).distance)}
            for item, e in _entries(board) for t in targets]
    return pd.DataFrame(rows, columns=["round", "team", "target_id", "set", "unit", "value", "status", "distance"])


def revisions_frame(board: Board) -> pd.DataFrame:
    """Every submission ever made, oldest first (replaced ones included)."""
    levers = _lever_columns(board)
    rows = [{"round": r["round"], "team": r["team"], "revision": r["revision"],
             "submitted_at": _time(r["submitted_at"]), "prediction": r["prediction"],
             **{lever: r["levers"].get(lever) for lever in levers}}
            for r in board.revisions]
    return pd.DataFrame(rows, columns=["round", "team", "revision", "submitted_at", "prediction", *levers])


def session_frames(board: Board, lang: str = "vi") -> dict[str, pd.DataFrame]:
    """Every sheet by name (see :data:`SHEETS`)."""
    return {
        "rounds": rounds_frame(board, lang), "teams": teams_frame(board), "submissions": submissions_frame(board),
        "predictions": predictions_frame(board), "results": results_frame(board),
        "revisions": revisions_frame(board),
    }


def session_csv(board: Board) -> bytes:
    """One row per round and team (prediction, result, status, cost, then the mix); UTF-8 with BOM for Excel."""
    keys = ["round", "team"]
    table = predictions_frame(board).merge(submissions_frame(board), on=keys, how="left")
    return neutral_frame(table).to_csv(index=False).encode("utf-8-sig")


def session_excel(board: Board, lang: str = "vi") -> bytes:
    """The workbook (openpyxl) with the sheets of :data:`SHEETS`."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in session_frames(board, lang).items():
            frame.to_excel(writer, sheet_name=name, index=False)
            protect_sheet(writer.sheets[name])
    return buffer.getvalue()
