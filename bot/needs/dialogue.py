"""The needs log in conversation: logging what was not met, and a light "Was this helpful?".

The actions in actions/needs.py read the tracker and call these functions; the decisions (when
to ask, which reason, what to record, what to say) are made here and tested without Rasa.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from bot.needs.model import ANSWER_TYPES
from bot.needs.record import Source, add_detail, record_feedback, record_need
from bot.replies import Message, Turn, answer_key, split_answer_key
from bot.topics import RETRIEVAL_INTENT

logger = logging.getLogger(__name__)

# Asked at most once in this many user messages, so it never follows every answer.
OFFER_EVERY = 3
# The action that asks, the response that gives a knowledge answer, and the slot set when it asks.
OFFER_ACTION = "action_offer_feedback"
KNOWLEDGE_ANSWER = f"utter_{RETRIEVAL_INTENT}"
OFFERED_SLOT = "feedback_offered_at"
# Events that start the slots afresh: an offer before one of them is forgotten with the slot.
_SLOTS_RESET = {"restart", "reset_slots", "session_started"}
FALLBACK_INTENT = "nlu_fallback"
REASON_BY_INTENT = {
    FALLBACK_INTENT: "fallback",
    "out_of_scope": "out_of_scope",
    "share_story": "story",
    "local_details": "local_detail",
}
# The slot values that clear a finished "Was this helpful?".
CLEARED = {"feedback_for": None, "feedback_need": None, "feedback_detail": None}


@dataclass(frozen=True)
class Answer:
    """The answer a "Was this helpful?" is about: its kind (`ANSWER_TYPES`) and which one."""

    kind: str
    key: str = ""

    def slot(self) -> str:
        """The value kept in the `feedback_for` slot."""
        return answer_key(self.kind, self.key)


def answer_from_slot(value: Any) -> Answer | None:
    """The answer in a `feedback_for` slot value, or None when there is none (or it is malformed)."""
    parts = split_answer_key(value)
    return Answer(*parts) if parts and parts[0] in ANSWER_TYPES else None


def best_guess(
    ranking: Sequence[dict[str, Any]] | None, intent: dict[str, Any] | None
) -> tuple[str | None, float | None]:
    """The classifier's best real guess: the first intent in the ranking that is not the fallback."""
    for candidate in [*(ranking or []), intent or {}]:
        name = candidate.get("name")
        if name and name != FALLBACK_INTENT:
            return name, candidate.get("confidence")
    return (intent or {}).get("name"), (intent or {}).get("confidence")


def log_unmet(text: str, intent: str | None, source: Source) -> bool:
    """Records a fallback or out-of-scope message as an unmet need. Never raises.

    Returns:
        True when a need was recorded (in the database or the spool).
    """
    reason = REASON_BY_INTENT.get(intent or "")
    if reason is None or not text.strip() or text.strip().startswith("/"):
        return False
    return _safely(lambda: record_need(text, reason, source)) is not None


# Knowledge answers that say kindly that the facts (docs/sources.md) do not hold part of what
# was asked: a local MNVP's meeting dates, how NHS complaints work, the last C4CC steps. Each
# such question is logged as a need (`unknown_detail`), so the people who run the service see
# what to find out. tests/test_needs_record.py checks that each answer says it does not know.
GAP_ANSWERS = frozenset({"faq/mnvp_meetings", "faq/make_complaint", "faq/c4cc_steps", "faq/feedback_anonymous"})


def answers_a_gap(previous_action: str | None, knowledge_key: str) -> bool:
    """True when this turn's knowledge answer is one that says the facts lack the detail."""
    return previous_action == KNOWLEDGE_ANSWER and knowledge_key in GAP_ANSWERS


def log_known_gap(previous_action: str | None, knowledge_key: str, text: str, source: Source) -> bool:
    """Records the question behind a knowledge answer that says it does not know (`GAP_ANSWERS`).
    Never raises.

    Args:
        previous_action: the action this turn ran before the offer (`previous_action`).
        knowledge_key: the knowledge answer's key (`faq/…`).
        text: what the user asked.
        source: channel and conversation; the need's intent is the answer's key.

    Returns:
        True when a need was recorded (in the database or the spool).
    """
    if not answers_a_gap(previous_action, knowledge_key) or not text.strip() or text.strip().startswith("/"):
        return False
    where = Source(source.channel, source.conversation_id, knowledge_key, source.confidence)
    return _safely(lambda: record_need(text, "unknown_detail", where)) is not None


def log_no_search_result(query: str, source: Source) -> bool:
    """Records a search that found nothing good enough. Never raises."""
    if not query.strip():
        return False
    return _safely(lambda: record_need(query, "no_search_result", source)) is not None


# Custom actions whose failure leaves the user's need unmet: when one cannot run (the action
# server is down, hung or failing), the Rasa side records the need instead (bot/rasa_ext/action_guard.py).
NEED_ACTIONS = frozenset(
    {
        "action_log_unmet_need",
        "action_search_resources",
        "action_show_more_resources",
        "action_show_resource_details",
        "action_recommend_activity",
        "action_activity_steps",
        "action_compare_activities",
    }
)


def log_failed_action(action: str, text: str, intent: str | None, source: Source) -> bool:
    """Records the need behind a custom action that could not run, so no need is ever lost. Never raises.

    A fallback or out-of-scope message keeps its reason; any other request is an
    `action_failed` need. Slash commands (buttons) and actions that meet no need are skipped.

    Returns:
        True when a need was recorded (in the database or the spool).
    """
    if action not in NEED_ACTIONS or not text.strip() or text.strip().startswith("/"):
        return False
    reason = REASON_BY_INTENT.get(intent or "", "action_failed")
    return _safely(lambda: record_need(text, reason, source)) is not None


def answer_just_given(previous_action: str | None, knowledge_key: str, feedback_for: Any) -> Answer | None:
    """What "Was this helpful?" would be about: a knowledge answer, or what the action before it noted.

    Args:
        previous_action: the action this turn ran before the offer (`previous_action`).
        knowledge_key: the knowledge answer's key (`faq/…`) that NLU chose for the latest message.
        feedback_for: the `feedback_for` slot (set by a search or a recommendation).
    """
    if previous_action == KNOWLEDGE_ANSWER:
        return Answer("knowledge", knowledge_key)
    return answer_from_slot(feedback_for)


def previous_action(actions_newest_first: Iterable[str | None]) -> str | None:
    """The action run this turn before the offer (None when the turn ran none): names newest first."""
    for name in actions_newest_first:
        if name == "action_listen":
            return None
        if name != OFFER_ACTION:
            return name
    return None


def turns_since_offer(events_newest_first: Iterable[tuple[str, str | None, Any]]) -> int | None:
    """User messages since "Was this helpful?" was last asked; None when it was not asked.

    Args:
        events_newest_first: the conversation's events as (type, slot name, value), newest
            first (Rasa's event type names: "user", "slot", "restart" …). What came before
            the part of the conversation a turn sees was asked at least that many messages ago.
    """
    turns = 0
    for kind, name, value in events_newest_first:
        if kind == "user":
            turns += 1
        elif kind == "slot" and name == OFFERED_SLOT and value is not None:
            return turns
        elif kind in _SLOTS_RESET:
            return None
    return None


def offer_due(answer: Answer | None, turns_since: int | None) -> bool:
    """True when "Was this helpful?" should be asked: there is an answer, and it was not asked lately."""
    return answer is not None and (turns_since is None or turns_since >= OFFER_EVERY)


def offer_turn(answer: Answer | None, turns_since: int | None, user_turn: int, source: Source) -> Turn:
    """Asks "Was this helpful?" after an answer, unless it was asked in the last few messages.

    Args:
        answer: the answer just given (None: nothing to ask about, e.g. a search with no result).
        turns_since: user messages since it was last asked (`turns_since_offer`; None: not asked).
        user_turn: how many user messages this turn sees (kept in the `feedback_offered_at` slot).
        source: channel and conversation, to count the offer.
    """
    if answer is None or not offer_due(answer, turns_since):
        return Turn((), {"feedback_for": None})
    _safely(lambda: record_feedback(answer.kind, None, source, answer=answer.key))
    return Turn((Message("utter_ask_helpful"),), {"feedback_for": answer.slot(), OFFERED_SLOT: float(user_turn)})


def feedback_turn(helpful: bool, answer: Answer | None, question: str, typed: bool, source: Source) -> Turn:
    """Records a yes or a no, and says what comes next.

    Args:
        helpful: yes (True) or no (False).
        answer: the answer it is about (None when nothing was asked).
        question: what the user asked before that answer (the need, if it did not help).
        typed: True when the user typed it rather than pressing a button.
        source: channel, conversation, and the intent: `helpful` / `not_helpful` (the buttons, or
            "that didn't help") or `affirm` / `deny` (a plain yes or no after the question).

    Returns:
        For a no, the need's id in `feedback_need`: the feedback form then asks what was missing.
        A plain yes or no when nothing was asked is an ordinary yes or no.
    """
    plain = source.intent in ("affirm", "deny")
    if answer is None and plain:
        return Turn((Message("utter_affirm" if helpful else "utter_deny"),), dict(CLEARED))
    if answer is not None:
        _safely(lambda: record_feedback(answer.kind, helpful, source, answer=answer.key))
    if helpful:
        return Turn((Message("utter_feedback_thanks"),), dict(CLEARED))
    # "That didn't help", typed: the user's own words. A "no" to the question: negative feedback.
    reason = "not_helpful" if typed and source.intent == "not_helpful" else "negative_feedback"
    need = _safely(
        lambda: record_need(
            question or "(no question recorded)", reason, source, answer_type=answer.kind if answer else None
        )
    )
    return Turn((), {"feedback_for": None, "feedback_need": need.id if need else None, "feedback_detail": None})


def detail_turn(need_id: Any, text: str) -> Turn:
    """Adds what was missing to the need, then thanks the user (the feedback form is done)."""
    # A button pressed instead of typing ("/helpful" on an older question) is not what was missing.
    if isinstance(need_id, str) and text.strip() and not text.strip().startswith("/"):
        _safely(lambda: add_detail(need_id, text))
        return Turn((Message("utter_feedback_passed_on"),), dict(CLEARED))
    return Turn((Message("utter_feedback_skipped"),) if isinstance(need_id, str) else (), dict(CLEARED))


def _safely(write: Any) -> Any:
    # The spool catches an unavailable database; this catches everything else, so logging a
    # need can never break the conversation.
    try:
        return write()
    except Exception:
        logger.exception("Could not record to the needs log")
        return None
