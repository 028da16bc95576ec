"""Actions for the resource catalogue: search, "show more", and more about one resource."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.activities import send
from actions.needs import source
from bot.activities.dialogue import runner_up_turn
from bot.catalogue.dialogue import SearchTurn, details_turn, more_turn, search_turn
from bot.needs.dialogue import log_no_search_result


def _send(dispatcher: CollectingDispatcher, turn: SearchTurn) -> list[dict[str, Any]]:
    for message in turn.messages:
        dispatcher.utter_message(response=message.response, **message.kwargs())
    return [
        SlotSet("search_results", list(turn.results) or None),
        SlotSet("search_shown", float(turn.shown)),
        SlotSet("resource_id", None),
    ]


class ActionSearchResources(Action):
    """Searches the catalogue for the user's topic and shows the best three."""

    def name(self) -> str:
        return "action_search_resources"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        text = (tracker.latest_message or {}).get("text") or ""
        topic = next(tracker.get_latest_entity_values("topic"), None)
        turn = search_turn(text, topic=topic)
        if turn.unmet:
            log_no_search_result(text, source(tracker))
        return [
            *_send(dispatcher, turn),
            SlotSet("search_query", turn.query or None),
            SlotSet("more_of", "search"),
            # No "Was this helpful?" after "nothing found": that is logged already.
            SlotSet("feedback_for", None if turn.unmet else f"search|{turn.query or text}"[:200]),
        ]


class ActionShowMoreResources(Action):
    """ "Show more" / "what else?": the next three search results, or the next activity after a recommendation."""

    def name(self) -> str:
        return "action_show_more_resources"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        if tracker.get_slot("more_of") == "activity":
            return send(
                dispatcher,
                runner_up_turn(
                    tracker.get_slot("activity_ranking"),
                    tracker.get_slot("recommended_activity"),
                    tracker.get_slot("last_request"),
                ),
            )
        turn = more_turn(tracker.get_slot("search_results"), tracker.get_slot("search_shown"))
        return _send(dispatcher, turn)


class ActionShowResourceDetails(Action):
    """Tells more about one resource: from a button, or "the second one"."""

    def name(self) -> str:
        return "action_show_resource_details"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        turn = details_turn(
            next(tracker.get_latest_entity_values("resource_id"), None),
            (tracker.latest_message or {}).get("text") or "",
            tracker.get_slot("search_results"),
            tracker.get_slot("search_shown"),
        )
        return _send(dispatcher, turn)
