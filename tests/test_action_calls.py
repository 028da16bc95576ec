"""How Rasa calls the action server (bot/rasa_ext/action_calls.py).

- The reply check accepts and refuses what Rasa's own did, with the same message, and checks
  the schema itself once per process, not at every call.
- A "Was this helpful?" that would say nothing is answered without calling the action server,
  and Rasa decides "would say nothing" exactly as the action does (actions/needs.py).
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import ActionExecuted, BotUttered, Event, Restarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.needs import ActionOfferFeedback
from bot.db import get_engine, upgrade
from bot.rasa_ext import action_calls

GOOD = {"events": [{"event": "slot", "name": "feedback_for", "value": None}], "responses": [{"response": "utter_x"}]}
BAD = {"events": [{"event": "slot", "name": 3}], "responses": "not a list"}


def _rasa_check(result: dict[str, Any]) -> str | None:
    """Rasa 3.6's own check (jsonschema.validate on every call): None, or its error message."""
    try:
        jsonschema.validate(result, RemoteAction.action_response_format_spec())
    except jsonschema.ValidationError as error:
        return error.message
    return None


@pytest.mark.parametrize("result", [GOOD, BAD, {"events": "none"}, {}, {"responses": [1]}])
def test_the_reply_check_accepts_and_refuses_what_rasa_did(result: dict[str, Any]) -> None:
    action = RemoteAction("action_x", None)
    expected = _rasa_check(result)
    if expected is None:
        assert action_calls.validate_action_result(action, result) is True
        return
    with pytest.raises(jsonschema.ValidationError) as raised:
        action_calls.validate_action_result(action, result)
    assert raised.value.message.startswith(expected + ". Failed to validate Action server response")


def test_the_reply_schema_itself_is_checked_once(monkeypatch: pytest.MonkeyPatch) -> None:
    checks = []
    validator_class = jsonschema.validators.validator_for(RemoteAction.action_response_format_spec())
    original = validator_class.check_schema
    monkeypatch.setattr(validator_class, "check_schema", classmethod(lambda cls, s: checks.append(s) or original(s)))
    monkeypatch.setattr(action_calls, "_validators", {})
    action = RemoteAction("action_x", None)
    for _ in range(20):
        action_calls.validate_action_result(action, GOOD)
    assert len(checks) == 1


def test_install_replaces_the_check_and_wraps_run_once() -> None:
    action_calls.install()
    run = RemoteAction.run
    action_calls.install()
    assert RemoteAction.run is run
    assert RemoteAction._validate_action_result is action_calls.validate_action_result


FAQ = {
    "intent": {"name": "faq", "confidence": 0.9},
    "response_selector": {"faq": {"response": {"intent_response_key": "faq/what_is_mnvp", "confidence": 0.9}}},
}


def _user(text: str, parse: dict[str, Any] | None = None) -> list[Event]:
    data = {"text": text, **(parse or {"intent": {"name": "greet", "confidence": 0.9}})}
    return [ActionExecuted("action_listen"), UserUttered(text, intent=data["intent"], parse_data=data)]


def _asked() -> list[Event]:
    return [ActionExecuted("action_offer_feedback"), SlotSet("feedback_for", "x"), SlotSet("feedback_offered_at", 1.0)]


def _answer() -> list[Event]:
    return [ActionExecuted("utter_faq"), BotUttered("an answer")]


# Each: the events up to the moment `action_offer_feedback` is called.
SCENARIOS = {
    "the first knowledge answer": [*_user("what is an mnvp", FAQ), *_answer()],
    "a knowledge answer one message after asking": [
        *_user("what is an mnvp", FAQ),
        *_answer(),
        *_asked(),
        *_user("who can join", FAQ),
        *_answer(),
    ],
    "two messages after asking": [
        *_user("a", FAQ),
        *_answer(),
        *_asked(),
        *_user("b", FAQ),
        *_answer(),
        *_user("c", FAQ),
        *_answer(),
    ],
    "three messages after asking": [
        *_user("a", FAQ),
        *_answer(),
        *_asked(),
        *_user("b", FAQ),
        *_user("c", FAQ),
        *_user("d", FAQ),
        *_answer(),
    ],
    "a search that found something": [
        *_user("find the gap analysis tool", {"intent": {"name": "search_resources", "confidence": 0.9}}),
        ActionExecuted("action_search_resources"),
        BotUttered("results"),
        SlotSet("feedback_for", "search|gap analysis"),
    ],
    "a search that found nothing": [
        *_user("find the parking form", {"intent": {"name": "search_resources", "confidence": 0.9}}),
        ActionExecuted("action_search_resources"),
        SlotSet("feedback_for", None),
    ],
    "a greeting": [*_user("hello"), ActionExecuted("utter_greet")],
    "just after a restart": [
        *_user("a", FAQ),
        *_answer(),
        *_asked(),
        Restarted(),
        *_user("b", FAQ),
        *_answer(),
    ],
    # A windowed tracker: the state before the window, then at least four earlier messages.
    "a window after an offer before it": [
        SlotSet("feedback_offered_at", 7.0),
        SlotSet("feedback_for", None),
        *[event for text in "abcd" for event in [*_user(text, FAQ), *_answer()]],
        *_user("e", FAQ),
        *_answer(),
    ],
}


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_rasa_knows_when_the_offer_says_nothing_as_the_action_does(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'offer.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("NEEDS_SPOOL", str(tmp_path / "spool.jsonl"))
    upgrade(get_engine(url))
    from rasa.shared.core.domain import Domain

    from tests.conftest import ROOT

    tracker = DialogueStateTracker.from_events("offer", SCENARIOS[name], Domain.load(str(ROOT / "domain.yml")).slots)
    dispatcher = CollectingDispatcher()
    events = ActionOfferFeedback().run(dispatcher, Tracker.from_dict(tracker.current_state(EventVerbosity.ALL)), {})
    assert action_calls.offer_says_nothing(tracker) == (dispatcher.messages == [])
    if dispatcher.messages == []:
        # Rasa sets exactly the slots the action sets (feedback_for emptied, a knowledge answer as the subject).
        slots = action_calls.silent_offer(tracker)
        assert events == [{"event": "slot", "timestamp": None, "name": k, "value": v} for k, v in (slots or {}).items()]
        assert events[0]["name"] == "feedback_for"


def test_a_silent_offer_never_reaches_the_action_server() -> None:
    action_calls.install()
    tracker = DialogueStateTracker.from_events("silent", SCENARIOS["a greeting"], [])
    offer = RemoteAction("action_offer_feedback", None)  # no endpoint: a call would raise
    events = asyncio.run(offer.run(None, None, tracker, None))
    assert events == [SlotSet("feedback_for", None)]


def test_a_silent_offer_after_a_knowledge_answer_still_remembers_it_as_the_subject() -> None:
    # "Tell me more" reads the subject; the Rasa-side shortcut must set it as the action does.
    action_calls.install()
    tracker = DialogueStateTracker.from_events("subject", SCENARIOS["two messages after asking"], [])
    offer = RemoteAction("action_offer_feedback", None)  # no endpoint: a call would raise
    events = asyncio.run(offer.run(None, None, tracker, None))
    assert events == [SlotSet("feedback_for", None), SlotSet("subject", "answer|faq/what_is_mnvp")]


def test_an_answer_that_says_it_does_not_know_always_reaches_the_action_server() -> None:
    # The action logs the question behind it (issue 15), even when "Was this helpful?" is not due.
    gap = {
        "intent": {"name": "faq", "confidence": 0.9},
        "response_selector": {"faq": {"response": {"intent_response_key": "faq/mnvp_meetings", "confidence": 0.9}}},
    }
    events = [*_user("a", FAQ), *_answer(), *_asked(), *_user("when does my mnvp meet", gap), *_answer()]
    tracker = DialogueStateTracker.from_events("gap", events, [])
    assert action_calls.silent_offer(tracker) is None
    ordinary = [*_user("a", FAQ), *_answer(), *_asked(), *_user("b", FAQ), *_answer()]
    assert action_calls.silent_offer(DialogueStateTracker.from_events("ordinary", ordinary, [])) is not None
