"""Sending a turn: the one way every action turns what bot/ decided into messages and events."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot import flows
from bot.replies import Turn

# The slots the follow-ups read (bot/flows.py): what the conversation is about, and the last lists.
CONTEXT_SLOTS = (
    "subject",
    "recommended_activity",
    "activity_ranking",
    "last_request",
    "more_of",
    "search_results",
    "search_shown",
)


def context(tracker: Tracker) -> dict[str, Any]:
    """The conversation's context: the slots the follow-ups read."""
    return {name: tracker.get_slot(name) for name in CONTEXT_SLOTS}


def text_of(tracker: Tracker) -> str:
    """The latest message's text."""
    return (tracker.latest_message or {}).get("text") or ""


def text_entity(tracker: Tracker, name: str) -> str | None:
    """The latest message's entity `name` when its value is text; anything else a client typed
    into a slash command (`{"topic": {"$ne": 1}}`) is ignored, never passed on."""
    return next((v for v in tracker.get_latest_entity_values(name) if isinstance(v, str)), None)


def send(dispatcher: CollectingDispatcher, turn: Turn) -> list[dict[str, Any]]:
    """Sends the turn's messages and returns its slot events."""
    for message in turn.messages:
        dispatcher.utter_message(response=message.response, **message.kwargs())
    return [SlotSet(name, value) for name, value in turn.slots.items()]


def events_newest_first(tracker: Tracker) -> list[tuple[str, str | None]]:
    """The conversation's events as (type, action name), newest first."""
    return [(e.get("event"), e.get("name")) for e in reversed(tracker.events)]


def urgent_again(tracker: Tracker) -> Turn | None:
    """The urgent answer given in reply to the previous message, for a message that follows it
    and that nothing else places ("and if it happens what do we do?")."""
    return flows.urgent_again(events_newest_first(tracker), text_of(tracker))
