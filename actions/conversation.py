"""Actions for the general conversation: "did you mean" suggestions and the contact route."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.dispatch import context, events_newest_first, send, text_of, urgent_again
from bot import flows
from bot.replies import Turn, message
from bot.settings import load_settings
from bot.text import tells_of_a_loss
from bot.topics import RETRIEVAL_INTENT, suggest_topics, suggestion_buttons


def _text_value(value: object) -> str | None:
    return value if isinstance(value, str) else None


class ActionSuggestTopics(Action):
    """When NLU is unsure, offers the closest topics as buttons, or the menu when none is close."""

    def name(self) -> str:
        return "action_suggest_topics"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        message = tracker.latest_message or {}
        again = urgent_again(tracker)
        if again is not None and not flows.is_kind_answer_again(again):
            # Right after urgent help, a message we cannot place gets that help again.
            return send(dispatcher, again)
        selector = (message.get("response_selector") or {}).get(RETRIEVAL_INTENT) or {}
        answer = flows.not_understood_answer(
            message.get("text") or "",
            context(tracker),
            selector.get("ranking"),
            message.get("intent_ranking"),
            handed_on=_text_value(message.get("handed_on")),
            resource=_text_value(message.get("named_resource")),
            parts=[k for k in message.get("answer_parts") or () if isinstance(k, str)],
        )
        text = message.get("text") or ""
        if answer is None and again is not None:
            # After the kind answer about low mood, it again only when nothing else answers ("is
            # there a charity he could ring?" gets the charities).
            return send(dispatcher, again)
        if answer is None and tells_of_a_loss(text):
            # "we lost our son at 38 wks last year. i want to stop it happening to someone else":
            # after "I'm so sorry", how their story can help, not "did you mean".
            answer = flows.bereaved_parent_answer()
        if answer is not None:
            # A detail of an answer, or "what is MBRRACE?" from the catalogue: no "did you mean", no unmet need.
            return send(dispatcher, flows.with_condolence(text, answer))
        send(dispatcher, flows.with_condolence(text, Turn(())))
        topics = suggest_topics(message.get("intent_ranking"), selector.get("ranking"))
        if not topics:
            dispatcher.utter_message(response="utter_default")
            return []
        dispatcher.utter_message(response="utter_did_you_mean", buttons=suggestion_buttons(topics))
        return []


class ActionThankStory(Action):
    """A family's story of their care: thanks and where to take it, after "I'm so sorry" when it
    tells of a baby's death."""

    def name(self) -> str:
        return "action_thank_story"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        text = (tracker.latest_message or {}).get("text") or ""
        return send(dispatcher, flows.with_condolence(text, Turn((message("utter_story_thanks"),))))


class ActionDeny(Action):
    """ "No" or "stop" on its own; right after the crisis lines, "i dont want to ring anyone" gets
    the ways of help that need no call."""

    def name(self) -> str:
        return "action_deny"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        said_no = ((tracker.latest_message or {}).get("intent") or {}).get("name") == "deny"
        return send(dispatcher, flows.deny_answer(events_newest_first(tracker), text_of(tracker), said_no))


class ActionHumanHandoff(Action):
    """Tells the user how to reach a person: CONTACT_ROUTE when set, else the default wording."""

    def name(self) -> str:
        return "action_human_handoff"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        route = load_settings().contact_route
        if route:
            dispatcher.utter_message(response="utter_human_handoff", contact_route=route)
        else:
            dispatcher.utter_message(response="utter_human_handoff_default")
        return []
