"""Urgent first, in every state the conversation can be in (the trained model's policies).

The states come from the domain, not from a hand-made list: a new conversation; after each
action and each response the domain has (the "did you mean" buttons, search results, a
recommendation, "was this helpful?", "what was missing?"...); and each form waiting for each
of its slots. Every message of the urgent test sets, put to every state, must get its urgent
answer before anything else (after stopping the form, if one was waiting); no ordinary message
may get an urgent answer in any state.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from bot.safety.replies import DEACTIVATE_LOOP, is_support_intent, support_plan
from tests.conftest import ROOT, load_yaml

pytestmark = pytest.mark.model

MODEL = ROOT / "models" / "current.tar.gz"
DATA = ROOT / "tests" / "data"
DOMAIN = load_yaml(ROOT / "domain.yml")


def _urgent_messages() -> list[str]:
    texts = [case["text"] for case in load_yaml(DATA / "safety_urgent.yml")["urgent"]]
    texts += [case["text"] for case in load_yaml(DATA / "safety_blind.yml")["urgent"]]
    for block in load_yaml(DATA / "safety_urgent_more.yml")["nlu"]:
        texts += [line.strip()[2:].strip() for line in block["examples"].splitlines() if line.strip()]
    return texts


URGENT = _urgent_messages()
ORDINARY = load_yaml(DATA / "safety_ordinary.yml")["ordinary"] + [
    case["text"] for case in load_yaml(DATA / "safety_blind.yml")["ordinary"] if case["expected"] != "low_mood"
]


def domain_states() -> dict[str, list[Any]]:
    """Every state to test, as the events that lead to it (names from domain.yml)."""
    from rasa.shared.core.events import ActionExecuted, ActiveLoop, SessionStarted, SlotSet, UserUttered

    start = [ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen")]
    hello = UserUttered("hello", intent={"name": "greet", "confidence": 1.0})
    states: dict[str, list[Any]] = {"a new conversation": start}
    for action in [*DOMAIN["actions"], *DOMAIN["responses"]]:
        states[f"after {action}"] = [*start, hello, ActionExecuted(action), ActionExecuted("action_listen")]
    for form, spec in DOMAIN["forms"].items():
        slots = spec["required_slots"]
        for index, slot in enumerate(slots):
            filled = [SlotSet(earlier, "unknown") for earlier in slots[:index]]
            states[f"{form} asking for {slot}"] = [
                *start,
                UserUttered("start", intent={"name": "choose_activity", "confidence": 1.0}),
                ActionExecuted(form),
                ActiveLoop(form),
                *filled,
                SlotSet("requested_slot", slot),
                ActionExecuted("action_listen"),
            ]
    return states


@pytest.fixture(scope="module")
def assistant():
    from rasa.core.agent import Agent

    if not MODEL.is_file():
        pytest.fail(f"No trained model at {MODEL}: run `make train` first")
    agent = Agent.load(str(MODEL))
    loop = asyncio.new_event_loop()
    parsed: dict[str, dict] = {}

    def parse(text: str) -> dict:
        if text not in parsed:
            parsed[text] = loop.run_until_complete(agent.parse_message(text))
        return parsed[text]

    yield agent, parse
    loop.close()


def first_answer(agent, events: list[Any], parse_data: dict) -> tuple[str, str | None]:
    """The first action the assistant takes after the message, and the answer it sends first."""
    from rasa.shared.core.events import ActionExecuted, ActiveLoop, SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    processor = agent.processor
    tracker = DialogueStateTracker.from_events("state-test", events, slots=processor.domain.slots)
    tracker.update(UserUttered(parse_data["text"], parse_data["intent"], parse_data.get("entities", []), parse_data))
    names = processor.domain.action_names_or_texts
    first = names[processor._predict_next_with_tracker(tracker).max_confidence_index]
    action = first
    for _ in range(2):
        if action != DEACTIVATE_LOOP:
            break
        for event in (ActionExecuted(DEACTIVATE_LOOP), ActiveLoop(None), SlotSet("requested_slot", None)):
            tracker.update(event)
        action = names[processor._predict_next_with_tracker(tracker).max_confidence_index]
    return first, action if action.startswith("utter_") or not action.startswith("action_listen") else None


STATES = domain_states()


def test_the_states_cover_every_form_slot_and_every_action() -> None:
    for form, spec in DOMAIN["forms"].items():
        for slot in spec["required_slots"]:
            assert f"{form} asking for {slot}" in STATES
    for action in DOMAIN["actions"]:
        assert f"after {action}" in STATES


@pytest.mark.parametrize("state", list(STATES))
def test_every_urgent_message_gets_its_answer_first_in_this_state(assistant, state: str) -> None:
    agent, parse = assistant
    wrong = []
    for text in URGENT:
        data = parse(text)
        intent = data["intent"]["name"]
        assert is_support_intent(intent), (text, intent)
        assert intent != "low_mood", text
        expected = support_plan(intent, data.get("safety"), None)[0]
        first, answer = first_answer(agent, STATES[state], data)
        if answer != expected:
            wrong.append((text, expected, first, answer))
    assert wrong == [], f"{len(wrong)} of {len(URGENT)} urgent messages not answered first: {wrong[:3]}"


@pytest.mark.parametrize("state", list(STATES))
def test_no_ordinary_message_gets_an_urgent_answer_in_this_state(assistant, state: str) -> None:
    agent, parse = assistant
    wrong = []
    for text in ORDINARY:
        first, answer = first_answer(agent, STATES[state], parse(text))
        if (answer or "").startswith(("utter_urgent_", "utter_low_mood")) or first.startswith("utter_urgent_"):
            wrong.append((text, answer))
    assert wrong == []
