"""The urgent policy's next step, on trackers built by hand (no trained model)."""

from __future__ import annotations

import pytest
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import ActionExecuted, Event, Restarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa_ext.urgent_policy import REFUSAL_ACTION, next_step


def _user(text: str, intent: str) -> UserUttered:
    return UserUttered(text, intent={"name": intent, "confidence": 0.9})


def _tracker(*events: Event) -> DialogueStateTracker:
    return DialogueStateTracker.from_events("someone", list(events))


CRISIS = (
    ActionExecuted(ACTION_LISTEN_NAME),
    _user("i want to end it all", "urgent_mental_health"),
    ActionExecuted("utter_urgent_mental_health"),
    ActionExecuted("utter_after_urgent"),
    ActionExecuted(ACTION_LISTEN_NAME),
)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("i cant talk on the phone", "human_handoff"),
        ("i can't ring, my partner will hear", "out_of_scope"),
        ("i dont want to ring anyone", "deny"),
        ("i'm scared to ring", "nlu_fallback"),
    ],
)
def test_a_refusal_to_ring_right_after_urgent_help_is_answered_whatever_its_intent(text: str, intent: str) -> None:
    tracker = _tracker(*CRISIS, _user(text, intent))
    assert next_step(tracker) == REFUSAL_ACTION
    tracker.update(ActionExecuted(REFUSAL_ACTION))
    assert next_step(tracker) == ACTION_LISTEN_NAME


def test_a_refusal_to_ring_elsewhere_is_left_to_the_other_policies() -> None:
    ordinary = (ActionExecuted(ACTION_LISTEN_NAME), _user("what is an mnvp", "faq"), ActionExecuted("utter_faq"))
    assert (
        next_step(
            _tracker(*ordinary, ActionExecuted(ACTION_LISTEN_NAME), _user("i cant talk on the phone", "human_handoff"))
        )
        is None
    )
    # After a restart, or a turn later, the urgent help is no longer in play.
    assert next_step(_tracker(*CRISIS, Restarted(), _user("i cant talk on the phone", "human_handoff"))) is None
    later = (*CRISIS, _user("what is an mnvp", "faq"), ActionExecuted("utter_faq"), ActionExecuted(ACTION_LISTEN_NAME))
    assert next_step(_tracker(*later, _user("i cant talk on the phone", "human_handoff"))) is None
    # A message that does not refuse a call is left to the others too.
    assert next_step(_tracker(*CRISIS, _user("who can i talk to", "human_handoff"))) is None


def test_an_urgent_message_that_also_refuses_a_call_gets_its_urgent_answer_first() -> None:
    tracker = _tracker(*CRISIS, _user("i wont call anyone, i have taken all my pills", "urgent_emergency"))
    assert next_step(tracker) == "utter_urgent_emergency"
