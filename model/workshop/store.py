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
  finds the lock taken waits (busy timeout, :data:`BUSY_SECONDS`) and then
  fails with a :class:`StoreError` of kind ``"busy"`` (nothing written), which
  the pages show in one line in the user's language.
* ``synchronous = FULL``: a committed submission survives a power cut.

Schema versions are kept in ``PRAGMA user_version`` and applied in order by
:data:`MIGRATIONS`; a file written by a newer program is refused, not altered.

Faults
------
Before anything is written (even the journal mode) a file is checked: it must
be writable, pass ``PRAGMA quick_check`` and be a workshop database (an empty
file, or one with the workshop's tables and ``application_id``). A read-only,
damaged or foreign file is refused with a :class:`StoreError` naming it. A
file deleted while the app runs gets its schema back on the next operation.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from model.base.errors import ReportedError

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
    (
        "ALTER TABLE sessions ADD COLUMN ended_at REAL",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)


#: ``PRAGMA application_id`` of a workshop database ("QNWS"); files made before it was set carry 0.
APPLICATION_ID = 0x514E5753
#: Tables every workshop database has.
TABLES = frozenset({"sessions", "rounds", "teams", "submissions", "submission_log"})
#: Seconds a writer waits for another writer's lock before the user is told to try again.
BUSY_SECONDS = 5.0
#: What went wrong, for a message in the user's language (``workshop.store_<kind>`` in ui/strings).
KINDS = ("busy", "readonly", "corrupt", "foreign", "newer", "unavailable")


class StoreError(ReportedError, RuntimeError):
    """The database cannot be opened or used; the message names the file.

    Attributes
    ----------
    kind : str
        One of :data:`KINDS`: a busy lock, a read-only, damaged or foreign
        file, a newer schema, or any other failure.

    """

    def __init__(self, message: str, kind: str = "unavailable"):
        super().__init__(message)
        self.kind = kind if kind in KINDS else "unavailable"


def _kind(error: sqlite3.Error) -> str:
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return "busy"
    if "readonly" in text or "read-only" in text:
        return "readonly"
    if "malformed" in text or "not a database" in text or "disk image" in text:
        return "corrupt"
    return "unavailable"


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
        Seconds a writer waits for the lock before giving up (:data:`BUSY_SECONDS`).
    readonly : bool
        Open for reading only: nothing is created, migrated or written, not even
        the journal mode (``workshop export``).

    Before anything is changed the file is checked: it must be writable (unless
    ``readonly``), pass ``PRAGMA quick_check`` and be a workshop database (or
    empty). A file deleted or emptied while the program runs gets its schema
    back on the next operation.

    Raises
    ------
    StoreError
        If the file cannot be created or opened, is read-only, damaged, another
        program's database, or was written by a newer version of the program.

    """

    def __init__(self, path: str | Path | None = None, timeout: float = BUSY_SECONDS, readonly: bool = False):
        self.path = Path(path) if path is not None else default_path()
        self.timeout = timeout
        self.readonly = readonly
        self._prepare()

    def _prepare(self) -> None:
        """Check the file and bring its schema up to date (read-write) or check it is current (read-only)."""
        try:
            if self.readonly:
                if not self.path.is_file():
                    raise StoreError(f"{self.path}: no such workshop database")
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                if self.path.exists() and not os.access(self.path, os.W_OK):
                    raise StoreError(f"{self.path}: the file is read-only; nothing was written", "readonly")
            with self._connect(check=False) as conn:
                self._check_file(conn)
                if not self.readonly:
                    conn.execute("PRAGMA journal_mode = WAL")
            if not self.readonly:
                self._migrate()
        except sqlite3.Error as error:
            raise StoreError(f"{self.path}: cannot open the workshop database: {error}", _kind(error)) from None
        except OSError as error:
            raise StoreError(f"{self.path}: cannot open the workshop database: {error.strerror or error}") from None

    def _check_file(self, conn: sqlite3.Connection) -> None:
        """Refuse a damaged file, another program's database or a newer schema (nothing is written)."""
        problems = [row[0] for row in conn.execute("PRAGMA quick_check").fetchall()]
        if problems != ["ok"]:
            first = " ".join(str(problems[0]).split())
            raise StoreError(f"{self.path}: the database file is damaged ({first}); nothing was written",
                             "corrupt")
        application = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        tables.discard("sqlite_sequence")
        empty = version == 0 and not tables
        if application in (0, APPLICATION_ID):
            self._refuse_newer(version)
        if application not in (0, APPLICATION_ID) or not (empty or tables >= TABLES):
            raise StoreError(f"{self.path}: not a workshop database (another program's file); nothing was written",
                             "foreign")
        if self.readonly and empty:
            raise StoreError(f"{self.path}: no such workshop database (the file is empty)", "foreign")

    def _open(self) -> sqlite3.Connection:
        if self.readonly:
            conn = sqlite3.connect(self.path.absolute().as_uri() + "?mode=ro", uri=True,
                                   timeout=self.timeout, isolation_level=None)
        else:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise StoreError(f"{self.path}: cannot create its directory: {error.strerror or error}") from None
            conn = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
        try:
            conn.row_factory = sqlite3.Row
            conn.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
            conn.execute("PRAGMA foreign_keys = ON")
            if not self.readonly:
                conn.execute("PRAGMA synchronous = FULL")
        except BaseException:
            conn.close()
            raise
        return conn

    @contextmanager
    def _connect(self, check: bool = True) -> Iterator[sqlite3.Connection]:
        conn = self._open()
        try:
            if check and conn.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
                conn.close()
                if self.readonly:
                    raise StoreError(f"{self.path}: the workshop database changed while open", "foreign")
                self._prepare()  # the file was deleted or replaced since it was opened
                conn = self._open()
            yield conn
        finally:
            conn.close()

    def _refuse_newer(self, version: int) -> None:
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: schema version {version} is newer than this program's "
                f"({SCHEMA_VERSION}); use a newer version of the program", "newer"
            )

    def _migrate(self) -> None:
        with self.transaction(check=False) as conn:
            self._check_file(conn)
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            for step in MIGRATIONS[version:]:
                for statement in step:
                    conn.execute(statement)
            if version < SCHEMA_VERSION:
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")

    def _failure(self, error: sqlite3.Error) -> StoreError:
        kind = _kind(error)
        if kind == "busy":
            return StoreError(f"{self.path}: the workshop database is busy (still locked after "
                              f"{self.timeout:g} s); nothing was saved, try again", "busy")
        return StoreError(f"{self.path}: the workshop database cannot be used: {error}", kind)

    @contextmanager
    def transaction(self, check: bool = True) -> Iterator[sqlite3.Connection]:
        """A write transaction (``BEGIN IMMEDIATE``): committed on success, rolled back on error.

        Raises
        ------
        StoreError
            A database failure (busy beyond the timeout, read-only, damaged);
            a broken uniqueness rule stays an ``sqlite3.IntegrityError``.

        """
        if self.readonly:
            raise StoreError(f"{self.path}: opened read-only; nothing was written", "readonly")
        try:
            with self._connect(check) as conn:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield conn
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
                conn.execute("COMMIT")
        except sqlite3.IntegrityError:
            raise
        except sqlite3.Error as error:
            raise self._failure(error) from None

    @contextmanager
    def reader(self) -> Iterator[sqlite3.Connection]:
        """A read transaction: every query inside sees the same snapshot."""
        try:
            with self._connect() as conn:
                conn.execute("BEGIN")
                try:
                    yield conn
                finally:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
        except sqlite3.Error as error:
            raise self._failure(error) from None

    def schema_version(self) -> int:
        """The file's schema version (``PRAGMA user_version``)."""
        with self.reader() as conn:
            return int(conn.execute("PRAGMA user_version").fetchone()[0])

    def journal_mode(self) -> str:
        """The file's journal mode (``"wal"``)."""
        with self.reader() as conn:
            return str(conn.execute("PRAGMA journal_mode").fetchone()[0])
