"""Sending a turn: the one way every action turns what bot/ decided into messages and events."""

from __future__ import annotations

from typing import Any

from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.replies import Turn


def send(dispatcher: CollectingDispatcher, turn: Turn) -> list[dict[str, Any]]:
    """Sends the turn's messages and returns its slot events."""
    for message in turn.messages:
        dispatcher.utter_message(response=message.response, **message.kwargs())
    return [SlotSet(name, value) for name, value in turn.slots.items()]
