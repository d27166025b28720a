"""Secrets, join codes and who may do what.

Security model
--------------
* The facilitator's secret and each team's token are random
  (``secrets.token_urlsafe``, 192 bits); the database keeps only their SHA-256
  hashes, so a copy of the database file does not give control of a session.
  Plain SHA-256 (no salt, no slow hash) is enough because the secrets are
  random, not chosen by people.
* The join code (6 characters, no look-alikes such as 0/O or 1/I/L) only lets
  a device join as a new team; it gives no access to other teams' entries.
* Comparisons of hashes use ``hmac.compare_digest`` (constant time).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import sqlite3

#: Join-code characters: capitals and digits without 0, O, 1, I and L.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
TOKEN_BYTES = 24


class AccessDenied(PermissionError):
    """The caller's secret or token does not grant this operation."""


def new_secret() -> str:
    """A fresh random secret for a facilitator link or a team device.

    It never starts with ``-``, so it can follow ``--secret`` on a command line.
    """
    while True:
        secret = secrets.token_urlsafe(TOKEN_BYTES)
        if not secret.startswith("-"):
            return secret


def new_id() -> str:
    """A random identifier for a session or a team (not a secret)."""
    return secrets.token_hex(6)


def new_join_code() -> str:
    """A random join code such as ``"K7QX2M"``."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def hash_secret(secret: str) -> str:
    """Hex SHA-256 of a secret, the only form that is stored."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def matches(secret: object, stored_hash: str) -> bool:
    """Whether ``secret`` hashes to ``stored_hash`` (constant-time comparison)."""
    if not isinstance(secret, str) or not secret:
        return False
    return hmac.compare_digest(hash_secret(secret), stored_hash)


def normalise_code(text: object) -> str:
    """Upper-case a typed join code and drop spaces and dashes.

    Raises
    ------
    ValueError
        If the result is not :data:`CODE_LENGTH` characters of :data:`CODE_ALPHABET`.

    """
    typed = str(text or "")
    code = typed.upper().replace(" ", "").replace("-", "")
    if len(code) != CODE_LENGTH or any(char not in CODE_ALPHABET for char in code):
        shown = typed if len(typed) <= 2 * CODE_LENGTH else typed[: 2 * CODE_LENGTH] + "…"
        raise ValueError(f"join code {shown!r}: expected {CODE_LENGTH} characters from {CODE_ALPHABET}")
    return code


def check_facilitator(conn: sqlite3.Connection, session_id: object, secret: object) -> None:
    """Raise :class:`AccessDenied` unless ``secret`` is the session's facilitator secret."""
    row = conn.execute("SELECT facilitator_hash FROM sessions WHERE id = ?", (str(session_id),)).fetchone()
    if row is None or not matches(secret, row["facilitator_hash"]):
        raise AccessDenied("this link does not give facilitator access to the session")


def check_team(conn: sqlite3.Connection, team_id: object, token: object) -> sqlite3.Row:
    """The team's row if ``token`` is its device token; else raise :class:`AccessDenied`."""
    row = conn.execute("SELECT * FROM teams WHERE id = ?", (str(team_id),)).fetchone()
    if row is None or not matches(token, row["token_hash"]):
        raise AccessDenied("this device is not signed in as that team")
    return row
