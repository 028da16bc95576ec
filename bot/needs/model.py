"""The needs log's tables (created by migration 0002) and the row values the rest of the project sees.

Every row has a random `id` made before the first write. A row that waited in the spool
(bot/needs/spool.py) is written with the same id, so writing it twice is impossible.
"""

from __future__ import annotations

import sqlalchemy as sa

from bot.db import Base

REASONS = (
    "fallback",
    "out_of_scope",
    "no_search_result",
    "negative_feedback",
    "not_helpful",
    "action_failed",
    "story",
    "local_detail",
    "unknown_detail",
)
ANSWER_TYPES = ("knowledge", "search", "recommendation")

REASON_LABELS = {
    "fallback": "not understood",
    "out_of_scope": "out of scope",
    "no_search_result": "no good search result",
    "negative_feedback": "answered 'no' to 'was this helpful?'",
    "not_helpful": "said 'that didn't help'",
    "action_failed": "not answered: something went wrong",
    "story": "a story about someone's care (feedback for the MNVP)",
    "local_detail": "asked for one MNVP's own details (contacts, people, dates) or a figure we lack",
    "unknown_detail": "answered, but the facts lack what was asked (the answer says so)",
}

TEXT_LIMIT = 5000  # a story can be as long as a message (bot.text.MAX_MESSAGE_CHARS)
DETAIL_LIMIT = 1000


class UnmetNeed(Base):
    """One thing the assistant could not answer: redacted text, why, and where it came from."""

    __tablename__ = "unmet_needs"

    id = sa.Column(sa.String(36), primary_key=True)
    created_at = sa.Column(sa.DateTime(timezone=True), nullable=False, index=True)
    reason = sa.Column(sa.String(30), nullable=False)
    text = sa.Column(sa.Text(), nullable=False)
    detail = sa.Column(sa.Text(), nullable=True)
    intent = sa.Column(sa.String(100), nullable=True)
    confidence = sa.Column(sa.Float(), nullable=True)
    channel = sa.Column(sa.String(50), nullable=False)
    conversation = sa.Column(sa.String(64), nullable=False)
    answer_type = sa.Column(sa.String(20), nullable=True)
    redacted = sa.Column(sa.String(200), nullable=False, default="")


class Feedback(Base):
    """One "Was this helpful?": offered (helpful is NULL), or answered yes/no."""

    __tablename__ = "feedback"

    id = sa.Column(sa.String(36), primary_key=True)
    created_at = sa.Column(sa.DateTime(timezone=True), nullable=False, index=True)
    answer_type = sa.Column(sa.String(20), nullable=False)
    answer = sa.Column(sa.String(200), nullable=True)
    helpful = sa.Column(sa.Boolean(), nullable=True)
    channel = sa.Column(sa.String(50), nullable=False)
    conversation = sa.Column(sa.String(64), nullable=False)
