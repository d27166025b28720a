"""Plain records of a workshop: sessions, rounds, teams, submissions.

All records are frozen: the store builds them from database rows and the
service returns them; nothing mutates them in place.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from model.run.result import RunResult

#: Life of a round: teams submit while ``open``; after ``closed`` each team sees
#: its own result; after ``revealed`` everyone sees every team's mix and result.
ROUND_STATES = ("open", "closed", "revealed")
#: What a round asks: meet the target, or meet it at the lowest public cost.
OBJECTIVES = ("meet", "meet_lowest_cost")


@dataclass(frozen=True)
class Session:
    """One workshop.

    Attributes
    ----------
    id : str
        Random identifier used in the facilitator link.
    code : str
        Short join code teams type in.
    title : str
        Name shown to everyone.
    lang : str
        Language the session was created in ("vi" or "en").
    created_at : float
        Unix time, seconds.
    ended_at : float or None
        When the facilitator ended the workshop (Unix time, seconds); the
        join code stops working then.

    """

    id: str
    code: str
    title: str
    lang: str
    created_at: float
    ended_at: float | None = None

    @property
    def ended(self) -> bool:
        """Whether the facilitator has ended the workshop."""
        return self.ended_at is not None


@dataclass(frozen=True)
class Round:
    """One round: a question, the levers teams may set and the fixed rest.

    Attributes
    ----------
    id : int
        Database identifier.
    session_id : str
        Session it belongs to.
    number : int
        1, 2, 3, ... within the session.
    target_id : str
        Goal of ``model/data/targets.toml`` the round asks about; its value is
        the round's key indicator that teams predict.
    objective : str
        One of :data:`OBJECTIVES`.
    open_levers : tuple of str
        Lever ids teams may set.
    base_scenario : str
        Scenario file whose lever values fix every closed lever.
    assumption_set : str
        Scenario file whose external assumptions the round uses.
    base_levers, assumptions : Mapping[str, float]
        The values read from those files when the round was opened (kept, so a
        later change to a file does not change a running workshop).
    state : str
        One of :data:`ROUND_STATES`.
    opened_at, closed_at, revealed_at : float or None
        Unix times, seconds.

    """

    id: int
    session_id: str
    number: int
    target_id: str
    objective: str
    open_levers: tuple[str, ...]
    base_scenario: str
    assumption_set: str
    base_levers: Mapping[str, float]
    assumptions: Mapping[str, float]
    state: str
    opened_at: float
    closed_at: float | None = None
    revealed_at: float | None = None

    @property
    def reveal(self) -> RevealState:
        """What participants may see in this round's current state."""
        return RevealState.of(self.state)


@dataclass(frozen=True)
class RevealState:
    """Visibility rules that follow from a round's state.

    Attributes
    ----------
    state : str
        The round's state.
    own_result_visible : bool
        A team sees the simulated result of its own mix.
    others_visible : bool
        A team sees every other team's mix, prediction and result.

    """

    state: str
    own_result_visible: bool
    others_visible: bool

    @classmethod
    def of(cls, state: str) -> RevealState:
        """The rules for ``state`` (one of :data:`ROUND_STATES`)."""
        if state not in ROUND_STATES:
            raise ValueError(f"unknown round state {state!r}")
        return cls(state, state != "open", state == "revealed")


@dataclass(frozen=True)
class Team:
    """A team that joined a session.

    Attributes
    ----------
    id : str
        Random identifier.
    session_id : str
        Session joined.
    name : str
        Name as typed (unique in the session, ignoring case and spacing).
    joined_at : float
        Unix time, seconds.

    """

    id: str
    session_id: str
    name: str
    joined_at: float


@dataclass(frozen=True)
class Submission:
    """A team's current entry in a round (the latest of its submissions).

    Attributes
    ----------
    round_id : int
        Round.
    team_id, team_name : str
        Who submitted.
    levers : Mapping[str, float]
        Values of the round's open levers, as submitted.
    prediction : float
        The team's prediction of the key indicator, in the goal's unit.
    outcome : RunResult or None
        Simulated result (every goal and annual indicator); ``None`` in a
        team's view of an open round (the result is hidden until the round
        closes).
    submitted_at : float
        Unix time of the latest submission, seconds.
    revision : int
        1 for the first submission, +1 for each resubmission.
    cost : float or None
        Public (provincial and central budget) cost of the mix above the 2020
        stance, cumulative from 2021 to the round goal's year, bn VND at 2010
        prices; ``None`` if the model reports no cost or the result is hidden.

    """

    round_id: int
    team_id: str
    team_name: str
    levers: Mapping[str, float]
    prediction: float
    outcome: RunResult | None
    submitted_at: float
    revision: int = 1
    cost: float | None = None

    def error(self, target_id: str) -> float:
        """Prediction minus simulated value, in the goal's unit."""
        return self.prediction - self.outcome.value(target_id)


@dataclass(frozen=True)
class Board:
    """Everything about a session: the facilitator's view.

    Attributes
    ----------
    session : Session
        The session.
    rounds : tuple of Round
        By number.
    teams : tuple of Team
        By joining time.
    submissions : Mapping[int, tuple of Submission]
        Round id -> current entries, by team name.
    revisions : tuple of Mapping
        Every submission ever made (round number, team, revision, levers,
        prediction, time), oldest first.

    """

    session: Session
    rounds: tuple[Round, ...]
    teams: tuple[Team, ...]
    submissions: Mapping[int, tuple[Submission, ...]]
    revisions: tuple[Mapping, ...] = field(default_factory=tuple)

    def round(self, number: int) -> Round:
        """The round with this number (KeyError if none)."""
        for item in self.rounds:
            if item.number == number:
                return item
        raise KeyError(number)

    @property
    def current(self) -> Round | None:
        """The latest round, or ``None`` before the first."""
        return self.rounds[-1] if self.rounds else None


@dataclass(frozen=True)
class TeamView:
    """What one team may see.

    Attributes
    ----------
    session : Session
        The session (no secrets in it).
    team : Team
        The team itself.
    rounds : tuple of Round
        All rounds so far.
    own : Mapping[int, Submission]
        Round id -> the team's entry (rounds it has not submitted to are
        absent); its ``outcome`` is ``None`` while the round is open.
    revealed : Mapping[int, tuple of Submission]
        Round id -> every team's entry, only for revealed rounds.

    """

    session: Session
    team: Team
    rounds: tuple[Round, ...]
    own: Mapping[int, Submission]
    revealed: Mapping[int, tuple[Submission, ...]]

    @property
    def current(self) -> Round | None:
        """The latest round, or ``None`` before the first."""
        return self.rounds[-1] if self.rounds else None
