"""Actions for the resource catalogue: search, "show more", and more about one resource."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.dispatch import context, send, text_entity, text_of
from actions.needs import source
from bot import flows


class ActionSearchResources(Action):
    """Searches the catalogue for the user's topic and shows the best three."""

    def name(self) -> str:
        return "action_search_resources"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        topic = text_entity(tracker, "topic")
        return send(dispatcher, flows.search(text_of(tracker), topic, source(tracker), tracker.get_slot("subject")))


class ActionShowMoreResources(Action):
    """ "Show more" / "what else?": the next three search results, or the next activity after a recommendation."""

    def name(self) -> str:
        return "action_show_more_resources"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        return send(dispatcher, flows.show_more(context(tracker), set(domain.get("responses") or {})))


class ActionShowResourceDetails(Action):
    """Tells more about one resource (a button, or "the second one"), or one of the seven activities."""

    def name(self) -> str:
        return "action_show_resource_details"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        resource_id = text_entity(tracker, "resource_id")
        return send(dispatcher, flows.details(resource_id, text_of(tracker), context(tracker)))


class ActionTellMore(Action):
    """ "Tell me more" about whatever the conversation is about (an answer, an activity, a list)."""

    def name(self) -> str:
        return "action_tell_more"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        return send(dispatcher, flows.tell_more(context(tracker), set(domain.get("responses") or {}), text_of(tracker)))
