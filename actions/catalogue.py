"""Actions for the resource catalogue: search, "show more", and more about one resource."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.dispatch import send, text_entity
from actions.needs import source
from bot.catalogue import details_turn
from bot.flows import search, show_more


def _text(tracker: Tracker) -> str:
    return (tracker.latest_message or {}).get("text") or ""


class ActionSearchResources(Action):
    """Searches the catalogue for the user's topic and shows the best three."""

    def name(self) -> str:
        return "action_search_resources"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        topic = text_entity(tracker, "topic")
        return send(dispatcher, search(_text(tracker), topic, source(tracker)))


class ActionShowMoreResources(Action):
    """ "Show more" / "what else?": the next three search results, or the next activity after a recommendation."""

    def name(self) -> str:
        return "action_show_more_resources"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        names = (
            "more_of",
            "activity_ranking",
            "recommended_activity",
            "last_request",
            "search_results",
            "search_shown",
        )
        return send(dispatcher, show_more({name: tracker.get_slot(name) for name in names}))


class ActionShowResourceDetails(Action):
    """Tells more about one resource: from a button, or "the second one"."""

    def name(self) -> str:
        return "action_show_resource_details"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        turn = details_turn(
            text_entity(tracker, "resource_id"),
            _text(tracker),
            tracker.get_slot("search_results"),
            tracker.get_slot("search_shown"),
        )
        return send(dispatcher, turn)
