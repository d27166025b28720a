"""SQL for the workshop tables: rows in, records out (used inside store transactions)."""

from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Mapping
from types import MappingProxyType

import numpy as np

from model.catalogue.targets import targets_by_id
from model.run.goals import TargetResult
from model.run.result import RunResult
from model.workshop.models import Round, Session, Submission, Team


def _clean(value: object) -> object:
    """JSON-safe number: NaN and infinities become ``None``."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def outcome_json(result: RunResult, cost: float | None) -> str:
    """Serialise a run result and the mix's cost (NaN stored as null)."""
    return json.dumps({
        "targets": {r.target.id: {"value": _clean(r.value), "status": r.status, "distance": _clean(r.distance)}
                    for r in result.targets},
        "years": [int(year) for year in result.years],
        "series": {k: [_clean(float(v)) for v in values] for k, values in result.arrays.items()},
        "cost": _clean(cost),
    }, allow_nan=False)


def _number(value: float | None) -> float:
    return math.nan if value is None else value


def outcome_from_json(text: str) -> tuple[RunResult, float | None]:
    """Read a run result and cost written by :func:`outcome_json` (goals no longer in targets.toml are left out)."""
    data = json.loads(text)
    known = targets_by_id()
    targets = tuple(TargetResult(known[k], _number(rec["value"]), rec["status"], _number(rec["distance"]))
                    for k, rec in data["targets"].items() if k in known)
    arrays = {k: np.array([_number(v) for v in values], dtype=float) for k, values in data["series"].items()}
    return RunResult(None, np.array(data["years"], dtype=int), MappingProxyType(arrays), targets), data.get("cost")


def _frozen(text: str) -> Mapping[str, float]:
    return MappingProxyType({k: float(v) for k, v in json.loads(text).items()})


def session_from_row(row: sqlite3.Row) -> Session:
    """A :class:`Session` from a ``sessions`` row."""
    return Session(row["id"], row["code"], row["title"], row["lang"], row["created_at"], row["ended_at"])


def round_from_row(row: sqlite3.Row) -> Round:
    """A :class:`Round` from a ``rounds`` row."""
    return Round(
        id=row["id"], session_id=row["session_id"], number=row["number"], target_id=row["target_id"],
        objective=row["objective"], open_levers=tuple(json.loads(row["open_levers"])),
        base_scenario=row["base_scenario"], assumption_set=row["assumption_set"],
        base_levers=_frozen(row["base_levers"]), assumptions=_frozen(row["assumptions"]),
        state=row["state"], opened_at=row["opened_at"], closed_at=row["closed_at"],
        revealed_at=row["revealed_at"],
    )


def team_from_row(row: sqlite3.Row) -> Team:
    """A :class:`Team` from a ``teams`` row."""
    return Team(row["id"], row["session_id"], row["name"], row["joined_at"])


def submission_from_row(row: sqlite3.Row, with_outcome: bool = True) -> Submission:
    """A :class:`Submission` from a ``submissions`` row joined with the team's name."""
    outcome, cost = outcome_from_json(row["outcome"]) if with_outcome else (None, None)
    return Submission(
        round_id=row["round_id"], team_id=row["team_id"], team_name=row["team_name"],
        levers=_frozen(row["levers"]), prediction=row["prediction"], outcome=outcome,
        submitted_at=row["submitted_at"], revision=row["revision"], cost=cost,
    )


def insert_session(conn: sqlite3.Connection, session: Session, facilitator_hash: str) -> None:
    """Add a session row (IntegrityError if the id or code is taken)."""
    conn.execute(
        "INSERT INTO sessions (id, code, title, lang, facilitator_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        (session.id, session.code, session.title, session.lang, facilitator_hash, session.created_at),
    )


def session_by(conn: sqlite3.Connection, column: str, value: str) -> Session | None:
    """The session whose ``id`` or ``code`` is ``value``."""
    if column not in ("id", "code"):
        raise ValueError(column)
    row = conn.execute(f"SELECT * FROM sessions WHERE {column} = ?", (value,)).fetchone()
    return session_from_row(row) if row else None


def rename_session(conn: sqlite3.Connection, session_id: str, title: str) -> None:
    """Change a session's title."""
    conn.execute("UPDATE sessions SET title = ? WHERE id = ?", (title, session_id))


def end_session(conn: sqlite3.Connection, session_id: str, when: float) -> None:
    """Mark a session ended (its join code stops working)."""
    conn.execute("UPDATE sessions SET ended_at = ? WHERE id = ? AND ended_at IS NULL", (when, session_id))


def rounds_of(conn: sqlite3.Connection, session_id: str) -> tuple[Round, ...]:
    """A session's rounds by number."""
    rows = conn.execute("SELECT * FROM rounds WHERE session_id = ? ORDER BY number", (session_id,))
    return tuple(round_from_row(row) for row in rows)


def insert_round(conn: sqlite3.Connection, item: Round) -> int:
    """Add a round row; return its id."""
    cursor = conn.execute(
        "INSERT INTO rounds (session_id, number, target_id, objective, open_levers, base_scenario, "
        "assumption_set, base_levers, assumptions, state, opened_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (item.session_id, item.number, item.target_id, item.objective, json.dumps(list(item.open_levers)),
         item.base_scenario, item.assumption_set, json.dumps(dict(item.base_levers)),
         json.dumps(dict(item.assumptions)), item.state, item.opened_at),
    )
    return int(cursor.lastrowid)


def set_round_state(conn: sqlite3.Connection, round_id: int, state: str, when: float) -> None:
    """Move a round to ``closed`` or ``revealed`` and stamp the time."""
    column = {"closed": "closed_at", "revealed": "revealed_at"}[state]
    conn.execute(f"UPDATE rounds SET state = ?, {column} = ? WHERE id = ?", (state, when, round_id))


def insert_team(conn: sqlite3.Connection, team: Team, name_key: str, token_hash: str) -> None:
    """Add a team row (IntegrityError if the name is taken in the session)."""
    conn.execute(
        "INSERT INTO teams (id, session_id, name, name_key, token_hash, joined_at) VALUES (?, ?, ?, ?, ?, ?)",
        (team.id, team.session_id, team.name, name_key, token_hash, team.joined_at),
    )


def set_team_token(conn: sqlite3.Connection, team_id: str, token_hash: str) -> None:
    """Replace a team's device token hash."""
    conn.execute("UPDATE teams SET token_hash = ? WHERE id = ?", (token_hash, team_id))


def teams_of(conn: sqlite3.Connection, session_id: str) -> tuple[Team, ...]:
    """A session's teams by joining time."""
    rows = conn.execute("SELECT * FROM teams WHERE session_id = ? ORDER BY joined_at, name", (session_id,))
    return tuple(team_from_row(row) for row in rows)


def upsert_submission(conn: sqlite3.Connection, entry: Submission) -> int:
    """Insert or replace a team's entry in a round, log it; return the new revision number."""
    row = conn.execute("SELECT revision FROM submissions WHERE round_id = ? AND team_id = ?",
                       (entry.round_id, entry.team_id)).fetchone()
    revision = 1 if row is None else row["revision"] + 1
    levers = json.dumps(dict(entry.levers))
    conn.execute(
        "INSERT INTO submissions (round_id, team_id, levers, prediction, outcome, submitted_at, revision) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (round_id, team_id) DO UPDATE SET levers = excluded.levers, "
        "prediction = excluded.prediction, outcome = excluded.outcome, submitted_at = excluded.submitted_at, "
        "revision = excluded.revision",
        (entry.round_id, entry.team_id, levers, entry.prediction, outcome_json(entry.outcome, entry.cost),
         entry.submitted_at, revision),
    )
    conn.execute(
        "INSERT INTO submission_log (round_id, team_id, revision, levers, prediction, submitted_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (entry.round_id, entry.team_id, revision, levers, entry.prediction, entry.submitted_at),
    )
    return revision


_SUBMISSIONS = (
    "SELECT s.*, t.name AS team_name FROM submissions s JOIN teams t ON t.id = s.team_id "
    "WHERE s.round_id = ? {extra} ORDER BY t.joined_at, t.name"
)


def submissions_of(conn: sqlite3.Connection, round_id: int, team_id: str | None = None,
                   with_outcome: bool = True) -> tuple[Submission, ...]:
    """Entries of a round (optionally one team's), by team joining order."""
    if team_id is None:
        rows = conn.execute(_SUBMISSIONS.format(extra=""), (round_id,))
    else:
        rows = conn.execute(_SUBMISSIONS.format(extra="AND s.team_id = ?"), (round_id, team_id))
    return tuple(submission_from_row(row, with_outcome) for row in rows)


def revisions_of(conn: sqlite3.Connection, session_id: str) -> tuple[dict, ...]:
    """Every submission ever made in a session, oldest first."""
    rows = conn.execute(
        "SELECT r.number AS round, t.name AS team, l.revision, l.levers, l.prediction, l.submitted_at "
        "FROM submission_log l JOIN rounds r ON r.id = l.round_id JOIN teams t ON t.id = l.team_id "
        "WHERE r.session_id = ? ORDER BY l.submitted_at, l.id",
        (session_id,),
    )
    return tuple({**dict(row), "levers": json.loads(row["levers"])} for row in rows)
