"""Workshop operations: every change and every view goes through these functions.

Who may call what
-----------------
* Anyone: :func:`create_session`, :func:`join_team` (with the join code),
  :func:`session_for_code`.
* The facilitator (session id + secret, :class:`FacilitatorKey`):
  :func:`open_round`, :func:`close_round`, :func:`reveal`, :func:`end_session`,
  :func:`rename_session`, :func:`reissue_team_token`, :func:`board`.
* A team (team id + device token, :class:`TeamKey`): :func:`submit` (its own
  entry only; :func:`prepare_submission` and :func:`store_submission` are its
  two halves) and :func:`team_view` (its own entry; other teams' entries only
  for revealed rounds; its own result only once the round is closed).

The join code works until the facilitator ends the session
(:func:`end_session`) and at most :data:`JOIN_HOURS` hours after the session
was created; teams that joined keep their access to what they may see.

Wrong secrets raise :class:`AccessDenied`; bad input or an operation the round's
state does not allow raises :class:`WorkshopError` with a one-line message.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass, replace
from types import MappingProxyType

from model.workshop import queries
from model.workshop.access import (
    AccessDenied,
    check_facilitator,
    check_team,
    hash_secret,
    new_id,
    new_join_code,
    new_secret,
    normalise_code,
)
from model.workshop.models import Board, Round, Session, Submission, Team, TeamView
from model.workshop.rules import (
    MAX_TEAM_NAME,
    MAX_TITLE,
    WorkshopError,
    check_lang,
    check_mix,
    check_objective,
    check_open_levers,
    check_prediction,
    check_target,
    clean_text,
    name_key,
    scenario_named,
)
from model.workshop.simulation import simulate_mix
from model.workshop.store import Store

#: Hours after its creation during which a session's join code works (unless ended before).
JOIN_HOURS = 24.0


@dataclass(frozen=True)
class FacilitatorKey:
    """What the facilitator link carries: the session id and the secret."""

    session_id: str
    secret: str


@dataclass(frozen=True)
class TeamKey:
    """What a team's device keeps: the team id and its token."""

    team_id: str
    token: str


def create_session(store: Store, title: object, lang: object = "vi") -> tuple[Session, str]:
    """Start a workshop.

    Returns
    -------
    (Session, str)
        The session and the facilitator secret (shown once; only its hash is stored).

    """
    title, lang = clean_text(title, "session title", MAX_TITLE), check_lang(lang)
    secret = new_secret()
    for _ in range(50):
        session = Session(new_id(), new_join_code(), title, lang, time.time())
        try:
            with store.transaction() as conn:
                queries.insert_session(conn, session, hash_secret(secret))
            return session, secret
        except sqlite3.IntegrityError:
            continue  # join code (or id) already taken: draw again
    raise WorkshopError("could not find a free join code; try again", "no_code")


def session_for_code(store: Store, code: object) -> Session:
    """The session a join code belongs to."""
    try:
        code = normalise_code(code)
    except ValueError as error:
        raise WorkshopError(str(error)) from None
    with store.reader() as conn:
        session = queries.session_by(conn, "code", code)
    if session is None:
        raise WorkshopError(f"join code {code}: no such session", "no_session", code=code)
    return session


def end_session(store: Store, key: FacilitatorKey) -> Session:
    """End the workshop (facilitator only): an open round is closed and the join code stops working."""
    with store.transaction() as conn:
        check_facilitator(conn, key.session_id, key.secret)
        now = time.time()
        item = _latest(conn, key.session_id)
        if item is not None and item.state == "open":
            queries.set_round_state(conn, item.id, "closed", now)
        queries.end_session(conn, key.session_id, now)
        return queries.session_by(conn, "id", key.session_id)


def check_joinable(session: Session, now: float | None = None) -> None:
    """Raise :class:`WorkshopError` if the session's join code no longer works."""
    now = time.time() if now is None else now
    if session.ended or now - session.created_at > JOIN_HOURS * 3600:
        raise WorkshopError(f"join code {session.code}: this workshop has ended; ask the facilitator for a new code",
                            "ended_join")


def rename_session(store: Store, key: FacilitatorKey, title: object) -> Session:
    """Change the session's title (facilitator only)."""
    title = clean_text(title, "session title", MAX_TITLE)
    with store.transaction() as conn:
        check_facilitator(conn, key.session_id, key.secret)
        queries.rename_session(conn, key.session_id, title)
        return queries.session_by(conn, "id", key.session_id)


def open_round(store: Store, key: FacilitatorKey, target_id: object, open_levers: object,
               objective: object = "meet", base_scenario: object = "baseline",
               assumption_set: object = "baseline") -> Round:
    """Open the next round (facilitator only; the previous round must be closed).

    Parameters
    ----------
    store : Store
        The database.
    key : FacilitatorKey
        The facilitator's link.
    target_id : str
        Goal the round asks about (``model/data/targets.toml``).
    open_levers : list of str
        Levers teams may set.
    objective : str
        ``"meet"`` or ``"meet_lowest_cost"`` (only if the model reports a cost).
    base_scenario, assumption_set : str
        Scenario files fixing the closed levers and the external assumptions.

    """
    target = check_target(target_id)
    levers = check_open_levers(open_levers)
    objective = check_objective(objective)
    base = scenario_named(base_scenario, "base scenario")
    assumptions = scenario_named(assumption_set, "assumption set")
    with store.transaction() as conn:
        check_facilitator(conn, key.session_id, key.secret)
        if queries.session_by(conn, "id", key.session_id).ended:
            raise WorkshopError("this workshop has ended; start a new one", "ended")
        rounds = queries.rounds_of(conn, key.session_id)
        if rounds and rounds[-1].state == "open":
            raise WorkshopError(f"round {rounds[-1].number} is still open; close it first", "round_open",
                                number=rounds[-1].number)
        item = Round(
            id=0, session_id=key.session_id, number=len(rounds) + 1, target_id=target.id, objective=objective,
            open_levers=levers, base_scenario=str(base_scenario), assumption_set=str(assumption_set),
            base_levers=MappingProxyType(dict(base.levers)),
            assumptions=MappingProxyType(dict(assumptions.assumptions)), state="open", opened_at=time.time(),
        )
        return replace(item, id=queries.insert_round(conn, item))


def _latest(conn: sqlite3.Connection, session_id: str) -> Round | None:
    rounds = queries.rounds_of(conn, session_id)
    return rounds[-1] if rounds else None


def close_round(store: Store, key: FacilitatorKey) -> Round:
    """Stop accepting submissions in the open round (facilitator only)."""
    with store.transaction() as conn:
        check_facilitator(conn, key.session_id, key.secret)
        item = _latest(conn, key.session_id)
        if item is None or item.state != "open":
            raise WorkshopError("no round is open", "no_open_round")
        now = time.time()
        queries.set_round_state(conn, item.id, "closed", now)
        return replace(item, state="closed", closed_at=now)


def reveal(store: Store, key: FacilitatorKey) -> Round:
    """Show every team's mix and result of the latest round to all (closing it first if open)."""
    with store.transaction() as conn:
        check_facilitator(conn, key.session_id, key.secret)
        item = _latest(conn, key.session_id)
        if item is None:
            raise WorkshopError("no round to reveal", "nothing_to_reveal")
        now = time.time()
        if item.state == "open":
            queries.set_round_state(conn, item.id, "closed", now)
            item = replace(item, state="closed", closed_at=now)
        if item.state == "closed":
            queries.set_round_state(conn, item.id, "revealed", now)
            item = replace(item, state="revealed", revealed_at=now)
        return item


def join_team(store: Store, code: object, name: object) -> tuple[Team, str]:
    """Join the session with this code as a new team.

    Returns
    -------
    (Team, str)
        The team and its device token (keep it: it is needed to submit).

    """
    session = session_for_code(store, code)
    check_joinable(session)
    name = clean_text(name, "team name", MAX_TEAM_NAME)
    token = new_secret()
    team = Team(new_id(), session.id, name, time.time())
    try:
        with store.transaction() as conn:
            check_joinable(queries.session_by(conn, "id", session.id))
            queries.insert_team(conn, team, name_key(name), hash_secret(token))
    except sqlite3.IntegrityError:
        raise WorkshopError(f"team name {name!r} is already taken in this session (or one that looks the same); "
                            "choose another", "name_taken", name=name) from None
    return team, token


def reissue_team_token(store: Store, key: FacilitatorKey, team_id: str) -> str:
    """A new device token for a team that lost its device (facilitator only; the old one stops working)."""
    token = new_secret()
    with store.transaction() as conn:
        check_facilitator(conn, key.session_id, key.secret)
        if not any(team.id == team_id for team in queries.teams_of(conn, key.session_id)):
            raise WorkshopError(f"team {team_id!r}: not in this session")
        queries.set_team_token(conn, team_id, hash_secret(token))
    return token


def prepare_submission(store: Store, key: TeamKey, levers: object, prediction: object) -> Submission:
    """Check the team's token, validate its mix and prediction, and simulate the mix (nothing is written).

    Raises
    ------
    AccessDenied
        Wrong team token.
    WorkshopError
        No open round, a lever not open or out of range, a prediction that is not a number.

    """
    with store.reader() as conn:
        team = queries.team_from_row(check_team(conn, key.team_id, key.token))
        item = _latest(conn, team.session_id)
    if item is None or item.state != "open":
        raise WorkshopError("no round is open for submissions", "no_open_round")
    mix = check_mix(item, levers)
    value = check_prediction(item, prediction)
    outcome, cost = simulate_mix(item, mix)
    return Submission(item.id, team.id, team.name, MappingProxyType(mix), value, outcome, time.time(), cost=cost)


def store_submission(store: Store, key: TeamKey, entry: Submission) -> Submission:
    """Write an entry made by :func:`prepare_submission` as the team's current entry.

    Mix and prediction are checked again against the round (outside the lock:
    a round's settings never change once it is open). Then, in one
    ``BEGIN IMMEDIATE`` transaction, the token must still be valid and belong
    to the entry's team and the entry's round must still be the open round;
    the entry replaces the team's previous one (revision + 1) and is appended
    to the log.
    """
    with store.reader() as conn:
        team = queries.team_from_row(check_team(conn, key.team_id, key.token))
        item = _latest(conn, team.session_id)
    if entry.team_id != team.id:
        raise AccessDenied("a team can only submit its own entry")
    if item is None or item.id != entry.round_id or item.state != "open":
        raise WorkshopError("the round is closed; nothing was saved", "round_closed")
    checked = replace(entry, team_name=team.name, levers=MappingProxyType(check_mix(item, entry.levers)),
                      prediction=check_prediction(item, entry.prediction))
    with store.transaction() as conn:
        check_team(conn, key.team_id, key.token)
        latest = _latest(conn, team.session_id)
        if latest is None or latest.id != item.id or latest.state != "open":
            raise WorkshopError(f"round {item.number} closed before the entry was stored; nothing was saved",
                                "round_closed")
        revision = queries.upsert_submission(conn, checked)
    return replace(checked, revision=revision)


def submit(store: Store, key: TeamKey, levers: object, prediction: object) -> Submission:
    """Validate, simulate and store (or replace) this team's entry in the open round.

    The simulation runs outside any transaction; the write then re-checks
    everything (see :func:`store_submission`), so an entry is never stored in
    a round that closed meanwhile nor under another team. The returned entry
    carries no outcome: a team sees its result only once the round is closed.
    """
    stored = store_submission(store, key, prepare_submission(store, key, levers, prediction))
    return replace(stored, outcome=None, cost=None)


def board(store: Store, key: FacilitatorKey) -> Board:
    """The whole session: rounds, teams, every entry with its outcome, every revision (facilitator only)."""
    with store.reader() as conn:
        check_facilitator(conn, key.session_id, key.secret)
        rounds = queries.rounds_of(conn, key.session_id)
        return Board(
            session=queries.session_by(conn, "id", key.session_id),
            rounds=rounds,
            teams=queries.teams_of(conn, key.session_id),
            submissions=MappingProxyType({r.id: queries.submissions_of(conn, r.id) for r in rounds}),
            revisions=queries.revisions_of(conn, key.session_id),
        )


def team_view(store: Store, key: TeamKey) -> TeamView:
    """What this team may see now (see the module docstring)."""
    with store.reader() as conn:
        team = queries.team_from_row(check_team(conn, key.team_id, key.token))
        rounds = queries.rounds_of(conn, team.session_id)
        own = {}
        for item in rounds:
            entries = queries.submissions_of(conn, item.id, team.id, item.reveal.own_result_visible)
            if entries:
                own[item.id] = entries[0]
        revealed = {r.id: queries.submissions_of(conn, r.id) for r in rounds if r.reveal.others_visible}
        return TeamView(queries.session_by(conn, "id", team.session_id), team, rounds,
                        MappingProxyType(own), MappingProxyType(revealed))
