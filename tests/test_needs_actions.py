"""The needs actions, run as the action server runs them, against a real SQLite database."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.catalogue import ActionSearchResources
from actions.needs import (
    ActionFeedbackDone,
    ActionLogUnmetNeed,
    ActionOfferFeedback,
    ActionRecordFeedback,
    ValidateFeedbackForm,
)
from bot.db import get_engine, upgrade
from bot.privacy import conversation_hash

FAQ_MESSAGE = {
    "text": "what is an mnvp",
    "intent": {"name": "faq", "confidence": 0.93},
    "intent_ranking": [{"name": "faq", "confidence": 0.93}],
    "response_selector": {"faq": {"response": {"intent_response_key": "faq/what_is_mnvp"}}},
}


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> sa.engine.Engine:
    url = f"sqlite:///{tmp_path / 'needs-actions.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("NEEDS_SPOOL", str(tmp_path / "spool.jsonl"))
    engine = get_engine(url)
    upgrade(engine)
    return engine


def tracker(latest: dict, slots: dict | None = None, events: list[dict] | None = None) -> Tracker:
    return Tracker("sender-42", slots or {}, latest, events or [], False, None, {"name": None}, "action_listen")


def user(text: str) -> dict:
    return {"event": "user", "text": text, "input_channel": "socketio"}


def action(name: str) -> dict:
    return {"event": "action", "name": name}


def slots_of(events: list[dict]) -> dict:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def table(engine: sa.engine.Engine, name: str) -> list[dict]:
    with engine.connect() as connection:
        return [dict(r._mapping) for r in connection.execute(sa.text(f"SELECT * FROM {name} ORDER BY created_at"))]


def test_a_fallback_is_logged_redacted_with_the_best_real_guess(db: sa.engine.Engine) -> None:
    latest = {
        "text": "my name is Priya Shah, where do i park at the birth centre",
        "intent": {"name": "nlu_fallback", "confidence": 0.5},
        "intent_ranking": [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "out_of_scope", "confidence": 0.41}],
    }
    dispatcher = CollectingDispatcher()
    assert ActionLogUnmetNeed().run(dispatcher, tracker(latest, events=[user(latest["text"])]), {}) == []
    assert dispatcher.messages == []
    [need] = table(db, "unmet_needs")
    assert need["text"] == "my name is [name], where do i park at the birth centre"
    assert (need["reason"], need["intent"], need["channel"]) == ("fallback", "out_of_scope", "socketio")
    assert need["confidence"] == pytest.approx(0.41)
    assert need["conversation"] == conversation_hash("sender-42")


def test_out_of_scope_is_logged_and_a_button_payload_is_not(db: sa.engine.Engine) -> None:
    latest = {"text": "is there wifi on the ward", "intent": {"name": "out_of_scope", "confidence": 0.8}}
    ActionLogUnmetNeed().run(CollectingDispatcher(), tracker(latest), {})
    payload = {"text": "/out_of_scope", "intent": {"name": "out_of_scope", "confidence": 1.0}}
    ActionLogUnmetNeed().run(CollectingDispatcher(), tracker(payload), {})
    assert [(n["reason"], n["text"]) for n in table(db, "unmet_needs")] == [
        ("out_of_scope", "is there wifi on the ward")
    ]


def test_a_search_with_no_good_result_is_logged_and_not_followed_by_the_question(db: sa.engine.Engine) -> None:
    latest = {"text": "have you got a template for terms of reference in welsh", "entities": []}
    events = ActionSearchResources().run(CollectingDispatcher(), tracker(latest), {})
    [need] = table(db, "unmet_needs")
    assert need["reason"] == "no_search_result"
    assert "terms of reference" in need["text"]
    assert slots_of(events)["feedback_for"] is None
    dispatcher = CollectingDispatcher()
    ActionOfferFeedback().run(dispatcher, tracker(latest, slots_of(events)), {})
    assert dispatcher.messages == []


def test_the_question_follows_a_knowledge_answer_but_not_every_one(db: sa.engine.Engine) -> None:
    history = [user("what is an mnvp"), action("utter_faq")]
    dispatcher = CollectingDispatcher()
    events = ActionOfferFeedback().run(dispatcher, tracker(FAQ_MESSAGE, events=history), {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_ask_helpful"]
    # The answer becomes what the conversation is about, for "tell me more".
    assert slots_of(events) == {
        "feedback_for": "knowledge|faq/what_is_mnvp",
        "feedback_offered_at": 1.0,
        "subject": "answer|faq/what_is_mnvp",
    }
    # The next answer, one message later: not asked again (the conversation holds the offer's events).
    history += [action("action_offer_feedback"), *events, action("action_listen")]
    history += [user("who can join"), action("utter_faq")]
    dispatcher = CollectingDispatcher()
    later = ActionOfferFeedback().run(dispatcher, tracker(FAQ_MESSAGE, slots_of(events), history), {})
    assert dispatcher.messages == []
    assert slots_of(later) == {"feedback_for": None, "subject": "answer|faq/what_is_mnvp"}
    offers = table(db, "feedback")
    assert [(f["answer_type"], f["answer"], f["helpful"]) for f in offers] == [("knowledge", "faq/what_is_mnvp", None)]
    # Three messages after it was asked, it is asked again.
    history += [action("action_listen"), user("what is co-production"), action("utter_faq")]
    history += [action("action_listen"), user("who pays for it"), action("utter_faq")]
    dispatcher = CollectingDispatcher()
    again = ActionOfferFeedback().run(dispatcher, tracker(FAQ_MESSAGE, slots_of(events), history), {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_ask_helpful"]
    assert slots_of(again)["feedback_offered_at"] == 4.0


def test_yes_is_counted_and_thanked(db: sa.engine.Engine) -> None:
    dispatcher = CollectingDispatcher()
    latest = {"text": "/helpful", "intent": {"name": "helpful", "confidence": 1.0}}
    slots = {"feedback_for": "recommendation|fish_bowl"}
    events = ActionRecordFeedback().run(dispatcher, tracker(latest, slots, [user("/helpful")]), {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_feedback_thanks"]
    assert slots_of(events)["feedback_for"] is None
    [row] = table(db, "feedback")
    assert (row["answer_type"], row["answer"], bool(row["helpful"])) == ("recommendation", "fish_bowl", True)
    assert table(db, "unmet_needs") == []


def test_no_records_the_question_as_a_need_then_adds_what_was_missing(db: sa.engine.Engine) -> None:
    history = [user("what is an mnvp"), action("utter_faq"), action("action_offer_feedback"), user("/not_helpful")]
    latest = {"text": "/not_helpful", "intent": {"name": "not_helpful", "confidence": 1.0}}
    events = ActionRecordFeedback().run(
        CollectingDispatcher(), tracker(latest, {"feedback_for": "knowledge|faq/what_is_mnvp"}, history), {}
    )
    slots = slots_of(events)
    assert slots["feedback_need"]
    [need] = table(db, "unmet_needs")
    assert (need["text"], need["reason"], need["answer_type"]) == ("what is an mnvp", "negative_feedback", "knowledge")
    assert [bool(f["helpful"]) for f in table(db, "feedback")] == [False]
    # The form asks what was missing only because a need was recorded.
    form = ValidateFeedbackForm()
    asked = tracker(latest, slots)
    assert pytest.importorskip("asyncio").run(form.required_slots(["feedback_detail"], None, asked, {})) == [
        "feedback_detail"
    ]
    nothing = tracker(latest, {})
    assert pytest.importorskip("asyncio").run(form.required_slots(["feedback_detail"], None, nothing, {})) == []
    dispatcher = CollectingDispatcher()
    done = ActionFeedbackDone().run(
        dispatcher, tracker({}, {**slots, "feedback_detail": "which areas it covers, call me on 07700 900123"}), {}
    )
    assert [m["response"] for m in dispatcher.messages] == ["utter_feedback_passed_on"]
    assert slots_of(done)["feedback_need"] is None
    [need] = table(db, "unmet_needs")
    assert need["detail"] == "which areas it covers, call me on [phone]"


def test_typed_that_didnt_help_is_its_own_reason_and_skip_keeps_the_need(db: sa.engine.Engine) -> None:
    history = [user("find the gap analysis tool"), action("action_search_resources"), user("that's not what i asked")]
    latest = {"text": "that's not what i asked", "intent": {"name": "not_helpful", "confidence": 0.9}}
    events = ActionRecordFeedback().run(CollectingDispatcher(), tracker(latest, {}, history), {})
    [need] = table(db, "unmet_needs")
    assert (need["reason"], need["text"], need["answer_type"]) == ("not_helpful", "find the gap analysis tool", None)
    dispatcher = CollectingDispatcher()
    ActionFeedbackDone().run(dispatcher, tracker({}, slots_of(events)), {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_feedback_skipped"]
    assert table(db, "unmet_needs")[0]["detail"] is None


def test_a_plain_yes_or_no_with_nothing_asked_is_an_ordinary_yes_or_no(db: sa.engine.Engine) -> None:
    for intent, response in (("affirm", "utter_affirm"), ("deny", "utter_deny")):
        dispatcher = CollectingDispatcher()
        latest = {"text": "yes" if intent == "affirm" else "no", "intent": {"name": intent, "confidence": 0.9}}
        events = ActionRecordFeedback().run(dispatcher, tracker(latest, {"feedback_for": None}), {})
        assert [m["response"] for m in dispatcher.messages] == [response]
        assert slots_of(events)["feedback_need"] is None
    assert table(db, "feedback") == []
    assert table(db, "unmet_needs") == []


def test_logging_never_breaks_the_conversation(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # A database URL that cannot work and a spool that cannot be written: the user still gets an answer.
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg2://postgres@127.0.0.1:1/none")
    monkeypatch.setenv("NEEDS_SPOOL", str(tmp_path))  # a folder, not a file
    latest = {"text": "is there wifi", "intent": {"name": "out_of_scope", "confidence": 0.8}}
    assert ActionLogUnmetNeed().run(CollectingDispatcher(), tracker(latest), {}) == []
    dispatcher = CollectingDispatcher()
    yes = {"text": "/helpful", "intent": {"name": "helpful", "confidence": 1.0}}
    ActionRecordFeedback().run(dispatcher, tracker(yes, {"feedback_for": "search|parking"}), {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_feedback_thanks"]


def test_a_button_pressed_instead_of_typing_is_not_taken_as_what_was_missing(db: sa.engine.Engine) -> None:
    need = ActionRecordFeedback().run(
        CollectingDispatcher(),
        tracker(
            {"text": "no", "intent": {"name": "deny", "confidence": 0.9}},
            {"feedback_for": "search|parking"},
            [user("parking"), user("no")],
        ),
        {},
    )
    dispatcher = CollectingDispatcher()
    ActionFeedbackDone().run(dispatcher, tracker({}, {**slots_of(need), "feedback_detail": "/helpful"}), {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_feedback_skipped"]
    assert table(db, "unmet_needs")[0]["detail"] is None


def test_what_is_a_catalogue_entry_is_answered_from_the_catalogue_and_not_logged(db: sa.engine.Engine) -> None:
    from actions.conversation import ActionSuggestTopics

    latest = {
        "text": "whats scie?",
        "intent": {"name": "nlu_fallback", "confidence": 0.5},
        "intent_ranking": [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "faq", "confidence": 0.3}],
    }
    dispatcher = CollectingDispatcher()
    events = ActionSuggestTopics().run(dispatcher, tracker(latest, events=[user(latest["text"])]), {})
    [message] = dispatcher.messages
    assert message["response"] == "utter_resource_details"
    assert message["title"].startswith("SCIE")
    assert message["url"].startswith("https://")
    after = [user(latest["text"]), action("action_suggest_topics"), *events]
    assert ActionLogUnmetNeed().run(CollectingDispatcher(), tracker(latest, events=after), {}) == []
    assert table(db, "unmet_needs") == []
    # A name one knowledge answer is about gets that answer (Better Births, not Implementing Better
    # Births; MBRRACE, whose figures an answer gives), and what the catalogue does not name still
    # gets "did you mean".
    better = CollectingDispatcher()
    ActionSuggestTopics().run(better, tracker({**latest, "text": "what is better births"}), {})
    assert better.messages[0]["response"] == "utter_faq/better_births"
    mbrrace = CollectingDispatcher()
    ActionSuggestTopics().run(mbrrace, tracker({**latest, "text": "whats mbrrace?"}), {})
    assert mbrrace.messages[0]["response"] == "utter_faq/maternal_deaths_mental_health"
    from bot.catalogue import what_is_turn

    closest = what_is_turn("what is better births", db).messages[0].kwargs()
    assert closest["title"].startswith("Better Births")
    unknown = CollectingDispatcher()
    ActionSuggestTopics().run(unknown, tracker({**latest, "text": "what is the parking charge"}), {})
    assert unknown.messages[0]["response"] in ("utter_did_you_mean", "utter_default")


def test_an_answer_that_says_it_does_not_know_logs_the_question(db: sa.engine.Engine) -> None:
    # Issue 15: where the facts are silent (a local MNVP's meeting times), the answer says so
    # kindly and the question is logged as a need; an ordinary answer logs nothing.
    meetings = {
        "text": "when does the Kernow mnvp meet, my email is jo@example.com",
        "intent": {"name": "faq", "confidence": 0.9},
        "intent_ranking": [{"name": "faq", "confidence": 0.9}],
        "response_selector": {"faq": {"response": {"intent_response_key": "faq/mnvp_meetings"}}},
    }
    history = [user(meetings["text"]), action("utter_faq")]
    ActionOfferFeedback().run(CollectingDispatcher(), tracker(meetings, events=history), {})
    [need] = table(db, "unmet_needs")
    assert (need["reason"], need["intent"]) == ("unknown_detail", "faq/mnvp_meetings")
    assert "[email]" in need["text"]
    assert "jo@example.com" not in need["text"]
    # The same answer reached by a button (a payload), or an answer that knows: nothing more.
    button = {**meetings, "text": "/faq"}
    ActionOfferFeedback().run(CollectingDispatcher(), tracker(button, events=[user("/faq"), action("utter_faq")]), {})
    ActionOfferFeedback().run(CollectingDispatcher(), tracker(FAQ_MESSAGE, events=[action("utter_faq")]), {})
    assert len(table(db, "unmet_needs")) == 1


def test_every_answer_that_logs_its_question_says_kindly_that_it_does_not_know() -> None:
    import yaml

    from bot.needs import GAP_ANSWERS
    from tests.conftest import ROOT

    answers = yaml.safe_load((ROOT / "data" / "responses" / "faq.yml").read_text(encoding="utf-8"))["responses"]
    for key in GAP_ANSWERS:
        text = answers[f"utter_{key}"][0]["text"]
        assert any(p in text for p in ("I don't know", "I don't have", "can't confirm", "Please check")), key


def test_a_catalogue_entry_shown_is_what_the_next_question_is_about(db: sa.engine.Engine) -> None:
    from actions.conversation import ActionSuggestTopics
    from bot import flows
    from bot.needs import Source

    latest = {
        "text": "what is whose shoes",
        "intent": {"name": "nlu_fallback", "confidence": 0.5},
        "intent_ranking": [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "faq", "confidence": 0.3}],
    }
    events = ActionSuggestTopics().run(CollectingDispatcher(), tracker(latest, events=[user(latest["text"])]), {})
    subject = next(e["value"] for e in events if e.get("name") == "subject")
    assert subject == "resource|whose-shoes-matexp"
    # "What's it for?" and "where can I download it?" are about that entry.
    again = flows.activity_question("what's it for", {"subject": subject})
    assert again.messages[0].kwargs()["title"].startswith("Whose Shoes")
    link = flows.search("where can I download it?", None, Source("rest", "c1", "search_resources", 0.9), subject)
    assert link.messages[0].kwargs()["title"].startswith("Whose Shoes")


@pytest.mark.parametrize(
    ("text", "response", "holds"),
    [
        ("did it say anything about mental health", "utter_resource_says", "34%"),
        ("what does the report say about black women?", "utter_resource_says", "Black women"),
        ("does it cover fathers?", "utter_resource_silent", "fathers"),
        ("anything on dads in it?", "utter_resource_silent", "dads"),
    ],
)
def test_what_an_entry_just_shown_says_on_a_topic(db: sa.engine.Engine, text: str, response: str, holds: str) -> None:
    from actions.conversation import ActionSuggestTopics

    latest = {
        "text": text,
        "intent": {"name": "nlu_fallback", "confidence": 0.5},
        "intent_ranking": [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "faq", "confidence": 0.3}],
    }
    dispatcher = CollectingDispatcher()
    events = ActionSuggestTopics().run(dispatcher, tracker(latest, {"subject": "resource|mbrrace-uk-reports"}), {})
    [message] = dispatcher.messages
    assert message["response"] == response
    assert holds in (message.get("said") or message.get("topic"))
    assert message["url"] == "https://hqip.org.uk/resource/improving-mothers-care-mbrrace"
    # The conversation stays on the entry.
    assert slots_of(events).get("subject", "resource|mbrrace-uk-reports") == "resource|mbrrace-uk-reports"


def test_a_topic_question_with_no_entry_shown_is_not_read_as_one(db: sa.engine.Engine) -> None:
    from bot.catalogue import resource_says_turn

    assert resource_says_turn(None, "did it say anything about mental health", db) is None
    assert resource_says_turn("mbrrace-uk-reports", "who wrote it", db) is None
    # A question of its own, about another document.
    long_question = "what does the new NHS England guidance for integrated care boards say about funding the lead role"
    assert resource_says_turn("mbrrace-uk-reports", long_question, db) is None


@pytest.mark.parametrize("text", ["who made it?", "Who created it?", "who runs them", "and who produced it"])
def test_who_made_the_entry_just_shown(db: sa.engine.Engine, text: str) -> None:
    from bot.catalogue import resource_by_turn

    turn = resource_by_turn("whose-shoes-matexp", text, db)
    assert turn is not None
    [message] = turn.messages
    assert message.response == "utter_resource_by"
    assert "Gill Phillips" in message.kwargs()["publisher"]


def test_who_made_it_with_no_entry_shown_or_a_question_of_its_own_is_not_read_as_one(db: sa.engine.Engine) -> None:
    from bot.catalogue import resource_by_turn

    assert resource_by_turn(None, "who made it?", db) is None
    assert resource_by_turn("whose-shoes-matexp", "who made the decision to close our local birth centre?", db) is None
    assert resource_by_turn("whose-shoes-matexp", "what is it for?", db) is None


def test_short_version_after_an_entry_is_its_summary_with_its_link(db: sa.engine.Engine) -> None:
    from bot.catalogue import in_short_turn

    turn = in_short_turn("scie-coproduction-charter", db)
    assert turn is not None
    [message] = turn.messages
    values = dict(message.values)
    assert message.response == "utter_in_short"
    assert "culture, structure, practice and review" in values["summary"]
    assert values["url"] == "https://www.scie.org.uk/co-production/scie/charter/"
    assert in_short_turn("no-such-entry", db) is None
