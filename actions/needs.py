"""Actions for the needs log: log what was not met, and ask "Was this helpful?" now and then."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.dispatch import send
from bot import flows
from bot.needs import (
    Source,
    answer_from_slot,
    answer_just_given,
    best_guess,
    detail_turn,
    feedback_turn,
    log_known_gap,
    log_unmet,
    offer_turn,
    previous_action,
    turns_since_offer,
)
from bot.topics import RETRIEVAL_INTENT


def source(tracker: Tracker) -> Source:
    """The channel, conversation and the classifier's best guess for the latest message."""
    latest = tracker.latest_message or {}
    intent, confidence = best_guess(latest.get("intent_ranking"), latest.get("intent"))
    return Source(
        channel=tracker.get_latest_input_channel() or "unknown",
        conversation_id=tracker.sender_id or "",
        intent=intent,
        confidence=confidence,
    )


def _user_texts(tracker: Tracker) -> list[str]:
    return [e.get("text") or "" for e in tracker.events if e.get("event") == "user"]


def _answered_this_turn(tracker: Tracker) -> bool:
    # A not-understood message that the catalogue answered ("what is MBRRACE?") set the subject.
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "slot" and event.get("name") == "subject" and event.get("value"):
            return True
    return False


class ActionLogUnmetNeed(Action):
    """Logs a message that was not understood, or out of scope, as an unmet need."""

    def name(self) -> str:
        return "action_log_unmet_need"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        latest = tracker.latest_message or {}
        if _answered_this_turn(tracker):
            return []
        log_unmet(latest.get("text") or "", (latest.get("intent") or {}).get("name"), source(tracker))
        return []


class ActionOfferFeedback(Action):
    """After an answer, search results or a recommendation: "Was this helpful?" (not every time)."""

    def name(self) -> str:
        return "action_offer_feedback"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        newest_first = list(reversed(tracker.events))
        selector = ((tracker.latest_message or {}).get("response_selector") or {}).get(RETRIEVAL_INTENT) or {}
        previous = previous_action(e.get("name") for e in newest_first if e.get("event") == "action")
        key = (selector.get("response") or {}).get("intent_response_key") or ""
        answer = answer_just_given(previous, key, tracker.get_slot("feedback_for"))
        # An answer that says the facts lack the detail: the question is a need.
        log_known_gap(previous, key, (tracker.latest_message or {}).get("text") or "", source(tracker))
        since = turns_since_offer((e.get("event") or "", e.get("name"), e.get("value")) for e in newest_first)
        turn = offer_turn(answer, since, len(_user_texts(tracker)), source(tracker))
        # After a knowledge answer, the conversation is about it ("tell me more").
        return send(dispatcher, turn.with_slots(**flows.subject_after(previous, key)))


class ActionRecordFeedback(Action):
    """Yes / no to "Was this helpful?", or "that didn't help" at any time."""

    def name(self) -> str:
        return "action_record_feedback"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        latest = tracker.latest_message or {}
        texts = _user_texts(tracker)
        said = (latest.get("text") or "").strip()
        intent = (latest.get("intent") or {}).get("name")
        turn = feedback_turn(
            helpful=intent in ("helpful", "affirm"),
            answer=answer_from_slot(tracker.get_slot("feedback_for")),
            question=next((t for t in reversed(texts[:-1]) if t and not t.startswith("/")), ""),
            typed=not said.startswith("/"),
            source=Source(**{**vars(source(tracker)), "intent": intent}),
        )
        return send(dispatcher, turn)


class ValidateFeedbackForm(FormValidationAction):
    """Asks what was missing only when a "no" recorded a need."""

    def name(self) -> str:
        return "validate_feedback_form"

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[str]:
        return list(domain_slots) if tracker.get_slot("feedback_need") else []


class ActionFeedbackDone(Action):
    """Adds what was missing to the need (or not, after "skip"), and thanks the user."""

    def name(self) -> str:
        return "action_feedback_done"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        return send(
            dispatcher, detail_turn(tracker.get_slot("feedback_need"), tracker.get_slot("feedback_detail") or "")
        )
