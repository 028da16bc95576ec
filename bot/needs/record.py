"""Recording unmet needs and feedback: redacted first, written once, never lost.

Every write goes to the database; when the database cannot be reached it goes to the spool
(bot/needs/spool.py) instead, and the spool is written back on the next write or at start-up
(`replay_spool`). The conversation id is kept only as a salted hash, and the text only after
`redact()`.
"""

from __future__ import annotations

import logging
import time
import unicodedata
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from bot.db import ensure_schema, get_engine, session_factory
from bot.needs import spool as spool_file
from bot.needs.model import ANSWER_TYPES, DETAIL_LIMIT, REASONS, TEXT_LIMIT, Feedback, UnmetNeed
from bot.privacy import conversation_hash, redact
from bot.settings import load_settings

logger = logging.getLogger(__name__)

TABLES = {"unmet_needs": UnmetNeed, "feedback": Feedback}
# After a failed write, the next few seconds' writes go straight to the spool: a database that
# is down must not make every reply wait for a connection attempt.
RETRY_AFTER_SECONDS = 5.0
_down_until: dict[str, float] = {}


@dataclass(frozen=True)
class Source:
    """Where a need or a piece of feedback came from.

    Attributes:
        channel: the channel's name as Rasa reports it (socketio, rest …).
        conversation_id: the raw sender id; only its salted hash is stored.
        intent: the classifier's top intent, if any.
        confidence: its confidence.
    """

    channel: str = "unknown"
    conversation_id: str = ""
    intent: str | None = None
    confidence: float | None = None


@dataclass(frozen=True)
class Recorded:
    """The outcome of a write.

    Attributes:
        id: the row's id (also its key in the spool).
        stored: True when it is in the database, False when it waits in the spool.
    """

    id: str
    stored: bool


class _Unavailable(Exception):
    """The database cannot be reached: keep the entries in the spool."""


def clean_text(text: str, limit: int) -> str:
    """Text that every database and the spool accept: no NUL or control characters, no lone surrogates."""
    text = text.encode("utf-8", "replace").decode("utf-8")
    text = "".join(c if c in "\n\t" or unicodedata.category(c) != "Cc" else " " for c in text)
    return text.strip()[:limit]


def _now(now: datetime | None) -> datetime:
    return (now or datetime.now(timezone.utc)).astimezone(timezone.utc)


def _short(value: str | None, limit: int) -> str | None:
    return None if value is None else clean_text(str(value), limit) or None


def record_need(
    text: str,
    reason: str,
    source: Source,
    *,
    answer_type: str | None = None,
    now: datetime | None = None,
    engine: Engine | None = None,
    spool: Path | None = None,
) -> Recorded:
    """Records one unmet need, redacted.

    Args:
        text: what the user said (redacted here, before anything is written).
        reason: one of `REASONS`.
        source: channel, conversation id, intent and confidence.
        answer_type: for feedback needs, which kind of answer did not help.
        now: the time to record (default: now, UTC).
        engine: the database (default: the configured one).
        spool: the spool file (default: from the settings).

    Returns:
        The row's id, and whether it reached the database or waits in the spool.
    """
    if reason not in REASONS:
        raise ValueError(f"unknown reason {reason!r}")
    if answer_type is not None and answer_type not in ANSWER_TYPES:
        raise ValueError(f"unknown answer type {answer_type!r}")
    redaction = redact(clean_text(text, TEXT_LIMIT * 2))
    row = {
        "id": str(uuid.uuid4()),
        "created_at": _now(now).isoformat(),
        "reason": reason,
        "text": clean_text(redaction.text, TEXT_LIMIT),
        "detail": None,
        "intent": _short(source.intent, 100),
        "confidence": None if source.confidence is None else round(float(source.confidence), 4),
        "channel": _short(source.channel, 50) or "unknown",
        "conversation": conversation_hash(source.conversation_id),
        "answer_type": answer_type,
        "redacted": ",".join(sorted(set(redaction.kinds))),
    }
    return _store({"op": "insert", "table": "unmet_needs", "row": row}, row["id"], engine, spool)


def add_detail(need_id: str, detail: str, *, engine: Engine | None = None, spool: Path | None = None) -> Recorded:
    """Adds what was missing, in the user's words (redacted), to a need already recorded."""
    text = clean_text(redact(clean_text(detail, DETAIL_LIMIT * 2)).text, DETAIL_LIMIT)
    return _store({"op": "detail", "id": need_id, "detail": text}, need_id, engine, spool)


def record_feedback(
    answer_type: str,
    helpful: bool | None,
    source: Source,
    *,
    answer: str | None = None,
    now: datetime | None = None,
    engine: Engine | None = None,
    spool: Path | None = None,
) -> Recorded:
    """Records a "Was this helpful?": offered (`helpful` None), or answered yes (True) / no (False)."""
    if answer_type not in ANSWER_TYPES:
        raise ValueError(f"unknown answer type {answer_type!r}")
    row = {
        "id": str(uuid.uuid4()),
        "created_at": _now(now).isoformat(),
        "answer_type": answer_type,
        # A search's answer is the user's query: redacted like any other text.
        "answer": None if answer is None else _short(redact(clean_text(answer, 400)).text, 200),
        "helpful": helpful,
        "channel": _short(source.channel, 50) or "unknown",
        "conversation": conversation_hash(source.conversation_id),
    }
    return _store({"op": "insert", "table": "feedback", "row": row}, row["id"], engine, spool)


def _store(entry: dict[str, Any], key: str, engine: Engine | None, spool: Path | None) -> Recorded:
    spool = spool or load_settings().needs_spool
    engine = engine or get_engine()
    url = str(engine.url)
    if time.monotonic() >= _down_until.get(url, 0.0):
        try:
            if spool_file.has_entries(spool):
                _ping(engine)  # before reading the whole spool
                # Earlier entries first, so a detail never reaches the database before its need.
                spool_file.replay(spool, lambda entries: write_entries(entries, engine, spool))
            write_entries([entry], engine, spool)
            _down_until.pop(url, None)
            return Recorded(key, stored=True)
        except _Unavailable as error:
            _down_until[url] = time.monotonic() + RETRY_AFTER_SECONDS
            logger.warning("The database is unavailable (%s); needs wait in %s.", error, spool)
    spool_file.append(spool, entry)
    return Recorded(key, stored=False)


def _ping(engine: Engine) -> None:
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("SELECT 1")
    except SQLAlchemyError as error:
        raise _Unavailable(str(error).splitlines()[0]) from error


def replay_spool(engine: Engine | None = None, spool: Path | None = None) -> spool_file.ReplayResult:
    """Writes what waits in the spool to the database (at start-up, or from the CLI).

    Raises:
        ConnectionError: the database is still unavailable; the spool is kept.
    """
    spool = spool or load_settings().needs_spool
    engine = engine or get_engine()
    try:
        result = spool_file.replay(spool, lambda entries: write_entries(entries, engine, spool))
    except _Unavailable as error:
        raise ConnectionError(str(error)) from error
    _down_until.pop(str(engine.url), None)
    return result


def _unavailable(error: SQLAlchemyError) -> bool:
    # Connection problems (refused, dropped, locked, timed out) wait in the spool; anything else is a bad row.
    return isinstance(error, sa.exc.OperationalError | sa.exc.InterfaceError | sa.exc.TimeoutError) or (
        isinstance(error, DBAPIError) and error.connection_invalidated
    )


def write_entries(entries: Sequence[dict[str, Any]], engine: Engine, spool: Path) -> int:
    """Writes spool entries in one transaction, skipping rows already stored.

    A row the database refuses for a reason other than availability is set aside in
    `<spool>.bad` (with a log line), so it cannot block the entries behind it.

    Returns:
        How many rows were inserted or details applied.

    Raises:
        _Unavailable: the database cannot be reached; nothing was written.
    """
    try:
        ensure_schema(engine)
        return _write(entries, engine)
    except SQLAlchemyError as error:
        if _unavailable(error):
            raise _Unavailable(str(error).splitlines()[0]) from error
        if len(entries) == 1:
            logger.error("The database refused a needs-log entry; it is kept in %s.bad: %s", spool.name, error)
            spool_file.set_aside(spool, entries)
            return 0
    written = 0
    for entry in entries:
        written += write_entries([entry], engine, spool)
    return written


def _write(entries: Sequence[dict[str, Any]], engine: Engine) -> int:
    written = 0
    with session_factory(engine).begin() as session:
        for table, model in TABLES.items():
            rows = [e["row"] for e in entries if e["op"] == "insert" and e.get("table") == table]
            if not rows:
                continue
            ids = [r["id"] for r in rows]
            present = set(session.scalars(sa.select(model.id).where(model.id.in_(ids))))
            for row in rows:
                if row["id"] in present:
                    continue
                present.add(row["id"])
                values = dict(row, created_at=datetime.fromisoformat(row["created_at"]))
                session.add(model(**values))
                written += 1
        session.flush()
        for entry in entries:
            if entry["op"] != "detail":
                continue
            need = session.get(UnmetNeed, entry["id"])
            if need is None:
                logger.warning("A detail for need %s arrived without its need; it is dropped.", entry["id"])
                continue
            if need.detail != entry["detail"]:
                need.detail = entry["detail"]
                written += 1
    return written
