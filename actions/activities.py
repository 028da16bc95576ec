"""Actions for choosing an activity: the form's validation, the recommendation, steps, compare."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.dispatch import context, send, text_of, urgent_again
from bot import flows
from bot.activities import FORM_SLOTS, NOT_SURE, carried_over, read_cues, read_slot, recommendation_turn, slots_to_ask


def _text(tracker: Tracker) -> str:
    return (tracker.latest_message or {}).get("text") or ""


class ValidateActivityForm(FormValidationAction):
    """Fills any form slot the user's message gives, in any order ("about 8 parents for an hour")."""

    def name(self) -> str:
        return "validate_activity_form"

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[str]:
        # Only the questions whose answer could still change the choice; none at all after the
        # goal when the user described the session before the form asked anything.
        slots = {name: tracker.get_slot(name) for name in (*FORM_SLOTS, "activity_cues")}
        return slots_to_ask(slots, guided=tracker.get_slot("requested_slot") is not None)

    async def get_extraction_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        # Every detail the message gives is kept, asked for or not ("8 parents for an hour").
        found: dict[str, Any] = {}
        for slot in FORM_SLOTS:
            value = await getattr(self, f"extract_{slot}")(dispatcher, tracker, domain)
            found.update(value)
            tracker.slots.update(value)
        if tracker.get_slot("requested_slot") is None and flows.right_after_recommendation(context(tracker)):
            # "We only have 30 minutes" just after a recommendation changes that request.
            kept = carried_over(tracker.get_slot("last_request"), found)
            found.update(kept)
            tracker.slots.update(kept)
        return [SlotSet(slot, value) for slot, value in found.items()]

    async def get_validation_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        # rasa-sdk keeps only the slots required_slots names, which would drop the cues and any
        # detail given before it was asked; every value here comes from our own extractors.
        found = {slot: value for slot, value in tracker.slots_to_validate().items() if slot in FORM_SLOTS}
        if not found:
            # Nothing answered (a question in between, "what is a fish bowl?"): no event at all,
            # so the form is rejected and the rules answer the question.
            return []
        cues = tracker.slots_to_validate().get("activity_cues")
        return [SlotSet(slot, value) for slot, value in found.items()] + (
            [SlotSet("activity_cues", cues)] if cues is not None else []
        )

    def _extract(self, slot: str, tracker: Tracker) -> dict[str, Any]:
        current = tracker.get_slot(slot)
        if current is not None and current != NOT_SURE and tracker.get_slot("requested_slot") != slot:
            return {}
        value = read_slot(slot, _text(tracker), tracker.get_slot("requested_slot") == slot)
        if current == NOT_SURE and value == NOT_SURE:
            return {}
        # A detail given later replaces an earlier "not sure" ("idk" to the goal, then "we want
        # to hear dads' stories").
        return {} if value is None else {slot: value}

    async def extract_activity_purpose(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> dict:
        cues = sorted([*(tracker.get_slot("activity_cues") or []), *read_cues(_text(tracker))])
        return {**self._extract("activity_purpose", tracker), **({"activity_cues": cues} if cues else {})}

    async def extract_group_size(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> dict:
        return self._extract("group_size", tracker)

    async def extract_session_minutes(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> dict:
        return self._extract("session_minutes", tracker)

    async def extract_session_mode(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> dict:
        return self._extract("session_mode", tracker)

    async def extract_participants(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> dict:
        return self._extract("participants", tracker)


class ActionRecommendActivity(Action):
    """Recommends an activity from the filled form, says why, and links its materials."""

    def name(self) -> str:
        return "action_recommend_activity"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        slots = {name: tracker.get_slot(name) for name in (*FORM_SLOTS, "activity_cues")}
        return send(dispatcher, recommendation_turn(slots))


class ActionActivitySteps(Action):
    """How to run the activity named, or the one being talked about."""

    def name(self) -> str:
        return "action_activity_steps"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        again = None if flows.activity_in_play(text_of(tracker), context(tracker)) else urgent_again(tracker)
        if again is not None:
            # "And if it happens, what do we do?" right after urgent help: that help again.
            return send(dispatcher, again)
        return send(dispatcher, flows.activity_steps(text_of(tracker), context(tracker)))


class ActionCompareActivities(Action):
    """Two activities side by side: the two named, or one named and the one being talked about."""

    def name(self) -> str:
        return "action_compare_activities"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        return send(dispatcher, flows.compare(text_of(tracker), context(tracker)))


class ActionActivityQuestion(Action):
    """ "Can we do it online?", "how many people?", "why that one?" about the activity being talked about."""

    def name(self) -> str:
        return "action_activity_question"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        again = None if flows.activity_in_play(text_of(tracker), context(tracker)) else urgent_again(tracker)
        if again is not None:
            return send(dispatcher, again)
        latest = tracker.latest_message or {}
        selector = (latest.get("response_selector") or {}).get("faq") or {}
        turn = flows.activity_question(
            text_of(tracker), context(tracker), selector.get("ranking"), latest.get("intent_ranking")
        )
        return send(dispatcher, turn)
