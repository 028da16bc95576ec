"""The rows the needs log writes: built here, redacted and cleaned, before anything is stored."""

from __future__ import annotations

import unicodedata
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from bot.needs.model import ANSWER_TYPES, DETAIL_LIMIT, REASONS, TEXT_LIMIT
from bot.privacy import conversation_hash, redact


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


def clean_text(text: str, limit: int) -> str:
    """Text that every database and the spool accept: no NUL or control characters, no lone surrogates."""
    text = text.encode("utf-8", "replace").decode("utf-8")
    text = "".join(c if c in "\n\t" or unicodedata.category(c) != "Cc" else " " for c in text)
    return text.strip()[:limit]


def now_utc(now: datetime | None) -> datetime:
    return (now or datetime.now(timezone.utc)).astimezone(timezone.utc)


def short(value: str | None, limit: int) -> str | None:
    return None if value is None else clean_text(str(value), limit) or None


def need_entry(text: str, reason: str, source: Source, answer_type: str | None, now: datetime | None) -> dict[str, Any]:
    """The spool entry that inserts one unmet need, its text redacted."""
    if reason not in REASONS:
        raise ValueError(f"unknown reason {reason!r}")
    if answer_type is not None and answer_type not in ANSWER_TYPES:
        raise ValueError(f"unknown answer type {answer_type!r}")
    redaction = redact(clean_text(text, TEXT_LIMIT * 2))
    row = {
        "id": str(uuid.uuid4()),
        "created_at": now_utc(now).isoformat(),
        "reason": reason,
        "text": clean_text(redaction.text, TEXT_LIMIT),
        "detail": None,
        "intent": short(source.intent, 100),
        "confidence": None if source.confidence is None else round(float(source.confidence), 4),
        "channel": short(source.channel, 50) or "unknown",
        "conversation": conversation_hash(source.conversation_id),
        "answer_type": answer_type,
        "redacted": ",".join(sorted(set(redaction.kinds))),
    }
    return {"op": "insert", "table": "unmet_needs", "row": row}


def detail_entry(need_id: str, detail: str) -> dict[str, Any]:
    """The spool entry that adds what was missing (redacted) to a need."""
    text = clean_text(redact(clean_text(detail, DETAIL_LIMIT * 2)).text, DETAIL_LIMIT)
    return {"op": "detail", "id": need_id, "detail": text}


def feedback_entry(
    answer_type: str, helpful: bool | None, source: Source, answer: str | None, now: datetime | None
) -> dict[str, Any]:
    """The spool entry that inserts one "Was this helpful?" offer or answer."""
    if answer_type not in ANSWER_TYPES:
        raise ValueError(f"unknown answer type {answer_type!r}")
    row = {
        "id": str(uuid.uuid4()),
        "created_at": now_utc(now).isoformat(),
        "answer_type": answer_type,
        # A search's answer is the user's query: redacted like any other text.
        "answer": None if answer is None else short(redact(clean_text(answer, 400)).text, 200),
        "helpful": helpful,
        "channel": short(source.channel, 50) or "unknown",
        "conversation": conversation_hash(source.conversation_id),
    }
    return {"op": "insert", "table": "feedback", "row": row}
