"""The workshop database: an SQLite file, opened per operation, changed in transactions.

Where the file lives
--------------------
``QN_WORKSHOP_DB`` (environment variable) names the file. Without it the file is
``workshop.sqlite3`` in the user's data directory: ``$XDG_DATA_HOME`` or
``~/.local/share`` (``%LOCALAPPDATA%`` on Windows), sub-directory
``quang-ngai-simulator``. It is never inside the repository by default, so a
workshop's data is not committed or lost with a redeploy of the code.

How concurrency is handled
--------------------------
* One connection per operation (cheap for SQLite): no connection is shared
  between threads or processes.
* Every change runs in ``BEGIN IMMEDIATE``: the write lock is taken before the
  first read, so a read-check-write sequence (e.g. "is the round still open?
  then upsert") cannot interleave with another writer.
* WAL journal: readers do not block the writer and vice versa; a writer that
  finds the lock taken waits (busy timeout, default 30 s) instead of failing.
* ``synchronous = FULL``: a committed submission survives a power cut.

Schema versions are kept in ``PRAGMA user_version`` and applied in order by
:data:`MIGRATIONS`; a file written by a newer program is refused, not altered.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ENV_VAR = "QN_WORKSHOP_DB"
APP_DIR = "quang-ngai-simulator"
FILE_NAME = "workshop.sqlite3"

#: Each entry upgrades the schema by one version (index 0 -> version 1).
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE sessions (
            id TEXT PRIMARY KEY,
            code TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL,
            lang TEXT NOT NULL,
            facilitator_hash TEXT NOT NULL,
            created_at REAL NOT NULL)""",
        """CREATE TABLE rounds (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            number INTEGER NOT NULL,
            target_id TEXT NOT NULL,
            objective TEXT NOT NULL,
            open_levers TEXT NOT NULL,
            base_scenario TEXT NOT NULL,
            assumption_set TEXT NOT NULL,
            base_levers TEXT NOT NULL,
            assumptions TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('open', 'closed', 'revealed')),
            opened_at REAL NOT NULL,
            closed_at REAL,
            revealed_at REAL,
            UNIQUE (session_id, number))""",
        """CREATE TABLE teams (
            id TEXT PRIMARY KEY,
            session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL,
            token_hash TEXT NOT NULL,
            joined_at REAL NOT NULL,
            UNIQUE (session_id, name_key))""",
        """CREATE TABLE submissions (
            round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
            team_id TEXT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
            levers TEXT NOT NULL,
            prediction REAL NOT NULL,
            outcome TEXT NOT NULL,
            submitted_at REAL NOT NULL,
            revision INTEGER NOT NULL,
            PRIMARY KEY (round_id, team_id))""",
        """CREATE TABLE submission_log (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
            team_id TEXT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
            revision INTEGER NOT NULL,
            levers TEXT NOT NULL,
            prediction REAL NOT NULL,
            submitted_at REAL NOT NULL,
            UNIQUE (round_id, team_id, revision))""",
        "CREATE INDEX rounds_by_session ON rounds (session_id, number)",
        "CREATE INDEX teams_by_session ON teams (session_id, joined_at)",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)


class StoreError(RuntimeError):
    """The database cannot be opened or used; the message names the file."""


def default_path() -> Path:
    """The database file: ``$QN_WORKSHOP_DB`` or ``workshop.sqlite3`` in the user data directory."""
    named = os.environ.get(ENV_VAR, "").strip()
    if named:
        return Path(named).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or os.environ.get("LOCALAPPDATA")
    root = Path(base) if base else Path.home() / ".local" / "share"
    return root / APP_DIR / FILE_NAME


class Store:
    """An SQLite workshop database.

    Parameters
    ----------
    path : str or Path, optional
        Database file (created with its directory if missing); :func:`default_path` if omitted.
    timeout : float
        Seconds a writer waits for the lock before giving up.

    Raises
    ------
    StoreError
        If the file cannot be created or opened, is not an SQLite database, or
        was written by a newer version of the program.

    """

    def __init__(self, path: str | Path | None = None, timeout: float = 30.0):
        self.path = Path(path) if path is not None else default_path()
        self.timeout = timeout
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._connect() as conn:
                self._refuse_newer(conn.execute("PRAGMA user_version").fetchone()[0])
                conn.execute("PRAGMA journal_mode = WAL")
            self._migrate()
        except (sqlite3.Error, OSError) as error:
            raise StoreError(f"{self.path}: cannot open the workshop database: {error}") from None

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        conn = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
        try:
            conn.row_factory = sqlite3.Row
            conn.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA synchronous = FULL")
            yield conn
        finally:
            conn.close()

    def _refuse_newer(self, version: int) -> None:
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: schema version {version} is newer than this program's "
                f"({SCHEMA_VERSION}); use a newer version of the program"
            )

    def _migrate(self) -> None:
        with self.transaction() as conn:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            self._refuse_newer(version)
            for step in MIGRATIONS[version:]:
                for statement in step:
                    conn.execute(statement)
            if version < SCHEMA_VERSION:
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction (``BEGIN IMMEDIATE``): committed on success, rolled back on error."""
        with self._connect() as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    @contextmanager
    def reader(self) -> Iterator[sqlite3.Connection]:
        """A read transaction: every query inside sees the same snapshot."""
        with self._connect() as conn:
            conn.execute("BEGIN")
            try:
                yield conn
            finally:
                conn.execute("ROLLBACK")

    def schema_version(self) -> int:
        """The file's schema version (``PRAGMA user_version``)."""
        with self.reader() as conn:
            return int(conn.execute("PRAGMA user_version").fetchone()[0])

    def journal_mode(self) -> str:
        """The file's journal mode (``"wal"``)."""
        with self.reader() as conn:
            return str(conn.execute("PRAGMA journal_mode").fetchone()[0])

