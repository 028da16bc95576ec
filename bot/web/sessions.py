"""Staff page sessions: random per sign-in, kept on the server, with their own CSRF token.

Signing in makes a random session id (the cookie) and a random CSRF token (in the page's
forms). The database keeps only a hash of the id, so it holds nothing that opens the page; a
session ends after `SESSION_HOURS`, at sign-out, and when `STAFF_TOKEN` changes. Several web
processes share the sessions through the database (migration 0003).

Before signing in there is no session: the sign-in form carries a CSRF token that matches a
cookie of its own (`LOGIN_COOKIE`), so another site cannot sign a browser in or out.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot.db import get_engine

SESSION_HOURS = 8
SESSIONS = sa.table(
    "staff_sessions",
    sa.column("id", sa.String),
    sa.column("csrf", sa.String),
    sa.column("token", sa.String),
    sa.column("created_at", sa.DateTime(timezone=True)),
    sa.column("expires_at", sa.DateTime(timezone=True)),
)


@dataclass(frozen=True)
class Session:
    """A signed-in staff session: the cookie's value and the CSRF token its forms carry."""

    cookie: str
    csrf: str


def _hash(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def _fingerprint(staff_token: str) -> str:
    return hmac.new(staff_token.encode("utf-8"), b"coprod-bot staff session", hashlib.sha256).hexdigest()


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _aware(moment: datetime) -> datetime:
    # SQLite gives back naive datetimes (stored as UTC).
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def open_session(staff_token: str, engine: Engine | None = None) -> Session:
    """A new session (and clears sessions that have expired)."""
    engine = engine or get_engine()
    session = Session(secrets.token_urlsafe(32), secrets.token_urlsafe(32))
    now = _now()
    with engine.begin() as connection:
        connection.execute(sa.delete(SESSIONS).where(SESSIONS.c.expires_at < now))
        connection.execute(
            sa.insert(SESSIONS).values(
                id=_hash(session.cookie),
                csrf=session.csrf,
                token=_fingerprint(staff_token),
                created_at=now,
                expires_at=now + timedelta(hours=SESSION_HOURS),
            )
        )
    return session


def find_session(cookie: str, staff_token: str, engine: Engine | None = None) -> Session | None:
    """The session for a cookie's value, or None (unknown, expired, signed out, or opened with another token)."""
    if not cookie or not staff_token or len(cookie) > 200:
        return None
    engine = engine or get_engine()
    with engine.connect() as connection:
        row = connection.execute(
            sa.select(SESSIONS.c.csrf, SESSIONS.c.token, SESSIONS.c.expires_at).where(SESSIONS.c.id == _hash(cookie))
        ).first()
    if row is None or _aware(row.expires_at) <= _now():
        return None
    if not hmac.compare_digest(row.token, _fingerprint(staff_token)):
        return None
    return Session(cookie, row.csrf)


def close_session(cookie: str, engine: Engine | None = None) -> None:
    """Ends a session on the server: its cookie no longer opens the page, even if it was copied."""
    if not cookie:
        return
    engine = engine or get_engine()
    with engine.begin() as connection:
        connection.execute(sa.delete(SESSIONS).where(SESSIONS.c.id == _hash(cookie)))


def same_token(given: str, expected: str) -> bool:
    """Compares two CSRF tokens in constant time; an empty one never matches."""
    return bool(given) and bool(expected) and hmac.compare_digest(given.encode(), expected.encode())
