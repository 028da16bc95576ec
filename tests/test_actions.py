"""Custom actions, run as the action server runs them: events returned and messages dispatched."""

from __future__ import annotations

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.conversation import ActionHumanHandoff, ActionSuggestTopics
from bot.topics import load_other_button, load_topics


def _tracker(latest_message: dict) -> Tracker:
    return Tracker("user-1", {}, latest_message, [], False, None, {}, "action_listen")


def test_suggest_topics_offers_buttons_for_the_top_guesses() -> None:
    dispatcher = CollectingDispatcher()
    latest = {
        "text": "mvp chair thing",
        "intent": {"name": "nlu_fallback", "confidence": 0.55},
        "intent_ranking": [
            {"name": "nlu_fallback", "confidence": 0.55},
            {"name": "faq", "confidence": 0.5},
            {"name": "human_handoff", "confidence": 0.2},
        ],
        "response_selector": {
            "faq": {
                "ranking": [
                    {"intent_response_key": "faq/mvp_chair", "confidence": 0.8},
                    {"intent_response_key": "faq/join_mvp", "confidence": 0.2},
                ]
            }
        },
    }
    events = ActionSuggestTopics().run(dispatcher, _tracker(latest), {})
    assert events == []
    [message] = dispatcher.messages
    assert message["response"] == "utter_did_you_mean"
    topics = load_topics()
    titles = [b["title"] for b in message["buttons"]]
    assert titles == [
        topics["faq/mvp_chair"].title,
        topics["human_handoff"].title,
        topics["faq/join_mvp"].title,
        load_other_button().title,
    ]
    assert all(b["payload"] == b["title"] for b in message["buttons"][:-1])


def test_suggest_topics_falls_back_to_the_menu_when_nothing_is_close() -> None:
    dispatcher = CollectingDispatcher()
    latest = {"text": "🙂", "intent_ranking": [{"name": "nlu_fallback", "confidence": 0.55}]}
    ActionSuggestTopics().run(dispatcher, _tracker(latest), {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_default"]


def test_suggest_topics_copes_with_an_empty_latest_message() -> None:
    dispatcher = CollectingDispatcher()
    ActionSuggestTopics().run(dispatcher, _tracker({}), {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_default"]


def test_human_handoff_uses_the_configured_contact_route(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONTACT_ROUTE", "the Kernow MNVP team on 01234 567890")
    dispatcher = CollectingDispatcher()
    ActionHumanHandoff().run(dispatcher, _tracker({}), {})
    [message] = dispatcher.messages
    assert message["response"] == "utter_human_handoff"
    assert message["contact_route"] == "the Kernow MNVP team on 01234 567890"


def test_human_handoff_without_a_configured_route_sends_the_default_wording(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CONTACT_ROUTE", raising=False)
    dispatcher = CollectingDispatcher()
    ActionHumanHandoff().run(dispatcher, _tracker({}), {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_human_handoff_default"]
