"""Recording unmet needs and feedback: redacted first, written once, never lost.

The rows are built, redacted and cleaned in bot/needs/rows.py; bot/needs/store.py writes them
to the database, or to the spool while it cannot be reached. The conversation id is kept only as
a salted hash (bot/privacy), and the text only after redaction.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import Engine

from bot.needs.rows import Source, detail_entry, feedback_entry, need_entry
from bot.needs.store import Recorded, replay_spool, store

__all__ = ["Recorded", "Source", "add_detail", "record_feedback", "record_need", "replay_spool"]


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
    entry = need_entry(text, reason, source, answer_type, now)
    return store(entry, entry["row"]["id"], engine, spool)


def add_detail(need_id: str, detail: str, *, engine: Engine | None = None, spool: Path | None = None) -> Recorded:
    """Adds what was missing, in the user's words (redacted), to a need already recorded."""
    return store(detail_entry(need_id, detail), need_id, engine, spool)


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
    entry = feedback_entry(answer_type, helpful, source, answer, now)
    return store(entry, entry["row"]["id"], engine, spool)
