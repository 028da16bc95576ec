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
        # Nothing in it names an answer's rare words ("chair" would: tests/test_details.py).
        "text": "mvp thing",
        "intent": {"name": "nlu_fallback", "confidence": 0.55},
        "intent_ranking": [
            {"name": "nlu_fallback", "confidence": 0.55},
            {"name": "faq", "confidence": 0.5},
            # Close to the first guess (0.5 x 0.8), so the choice is open (bot.topics.clear_guess).
            {"name": "human_handoff", "confidence": 0.3},
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


# --- the catalogue actions ------------------------------------------------------------------


@pytest.fixture
def catalogue_db(tmp_path, monkeypatch: pytest.MonkeyPatch) -> str:
    from bot.db import get_engine, upgrade

    url = f"sqlite:///{tmp_path / 'actions.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    upgrade(get_engine(url))  # as `bot serve` does before the action server starts
    return url


def _slots(events: list[dict]) -> dict:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def test_search_action_searches_the_topic_and_remembers_the_results(catalogue_db: str) -> None:
    from actions.catalogue import ActionSearchResources

    dispatcher = CollectingDispatcher()
    latest = {
        "text": "have you got the gap analysis tool",
        "entities": [{"entity": "topic", "value": "gap analysis tool"}],
    }
    events = ActionSearchResources().run(dispatcher, _tracker(latest), {})
    responses = [m["response"] for m in dispatcher.messages]
    assert responses[0] == "utter_search_results"
    assert dispatcher.messages[1]["resource_id"] == "nhs-south-east-gap-analysis-tool"
    slots = _slots(events)
    assert slots["search_query"] == "gap analysis tool"
    assert slots["search_results"][0] == "nhs-south-east-gap-analysis-tool"
    assert slots["search_shown"] == float(len(responses) - 1 - (responses[-1] == "utter_search_more_offer"))


def test_more_and_details_actions_use_the_remembered_results(catalogue_db: str) -> None:
    from actions.catalogue import ActionSearchResources, ActionShowMoreResources, ActionShowResourceDetails

    first = CollectingDispatcher()
    events = ActionSearchResources().run(first, _tracker({"text": "worksheets", "entities": []}), {})
    slots = _slots(events)
    tracker = Tracker("user-1", slots, {"text": "show more"}, [], False, None, {}, "action_listen")
    more = CollectingDispatcher()
    more_events = ActionShowMoreResources().run(more, tracker, {})
    assert more.messages[0]["number"] == "4"
    assert _slots(more_events)["search_shown"] > slots["search_shown"]
    details = CollectingDispatcher()
    tracker = Tracker("user-1", slots, {"text": "the second one", "entities": []}, [], False, None, {}, "action_listen")
    ActionShowResourceDetails().run(details, tracker, {})
    [message] = details.messages
    assert message["response"].startswith("utter_resource_details")


def test_details_action_takes_the_resource_id_from_a_button(catalogue_db: str) -> None:
    from actions.catalogue import ActionShowResourceDetails

    dispatcher = CollectingDispatcher()
    latest = {
        "text": '/resource_details{"resource_id": "samaritans"}',
        "entities": [{"entity": "resource_id", "value": "samaritans"}],
    }
    ActionShowResourceDetails().run(dispatcher, _tracker(latest), {})
    [message] = dispatcher.messages
    assert message["response"] == "utter_resource_details"
    assert "samaritans" in message["url"]


# --- the activity actions -------------------------------------------------------------------


def _form_tracker(text: str, slots: dict | None = None, requested: str | None = None) -> Tracker:
    all_slots = {"requested_slot": requested, **(slots or {})}
    return Tracker("user-1", all_slots, {"text": text}, [], False, None, {"name": "activity_form"}, "action_listen")


async def _validate(text: str, slots: dict | None = None, requested: str | None = None) -> dict:
    from actions.activities import ValidateActivityForm

    dispatcher = CollectingDispatcher()
    domain = {"forms": {"activity_form": {"required_slots": []}}, "slots": {}}
    events = await ValidateActivityForm().run(dispatcher, _form_tracker(text, slots, requested), domain)
    return _slots(events)


def test_form_fills_four_slots_from_one_message() -> None:
    import asyncio

    slots = asyncio.run(_validate("we want to brainstorm with about 8 parents in person for an hour"))
    assert slots["activity_purpose"] == "idea_generation"
    assert slots["group_size"] == 8
    assert slots["session_minutes"] == 60
    assert slots["session_mode"] == "in_person"
    assert slots["participants"] == "families"


def test_form_takes_a_bare_number_or_not_sure_for_the_slot_it_asked_for() -> None:
    import asyncio

    assert asyncio.run(_validate("about 12", requested="group_size"))["group_size"] == 12
    assert asyncio.run(_validate("90", requested="session_minutes"))["session_minutes"] == 90
    assert asyncio.run(_validate("not sure", requested="session_mode"))["session_mode"] == "unknown"
    # A message that answers nothing fills nothing, so the form lets other rules answer it.
    assert "participants" not in asyncio.run(_validate("what is a fish bowl", requested="participants"))


def test_form_keeps_the_words_that_describe_an_activity() -> None:
    import asyncio

    slots = asyncio.run(_validate("brainstorm ideas with a new group", requested="activity_purpose"))
    assert slots["activity_purpose"] == "idea_generation"
    assert "cube" in slots["activity_cues"]
    ruled_out = asyncio.run(_validate("present our work but nobody has time to prepare", requested="activity_purpose"))
    assert "!pecha_kucha" in ruled_out["activity_cues"]


def test_form_lets_a_question_in_between_be_answered() -> None:
    import asyncio

    # Naming an activity in a question answers none of the form's questions: no slot but
    # requested_slot (which Rasa ignores), so the form is rejected and the knowledge answer is given.
    slots = asyncio.run(
        _validate("what is a fish bowl activity?", {"activity_purpose": "problem_solving"}, "group_size")
    )
    assert set(slots) <= {"requested_slot"}


def test_form_stops_asking_when_no_answer_could_change_the_choice() -> None:
    import asyncio

    # Presenting: Pecha Kucha fits any size, length and place, so nothing more is asked.
    slots = asyncio.run(_validate("we want to present our findings", requested="activity_purpose"))
    assert slots["activity_purpose"] == "presenting"
    assert slots["requested_slot"] is None
    # Collecting ideas: the group size can still change the choice, so it is asked.
    asked = asyncio.run(_validate("we want to collect ideas", requested="activity_purpose"))
    assert asked["requested_slot"] == "group_size"


def test_a_session_described_before_any_question_is_answered_at_once() -> None:
    import asyncio

    # The goal came unasked in the first message: no more questions, even where the length
    # could change the choice (the recommendation says so instead).
    slots = asyncio.run(_validate("eight of us want to agree what the actual problem is"))
    assert slots["activity_purpose"] == "problem_framing"
    assert slots["requested_slot"] is None
    # Asked for the goal and given it, the form goes on asking what could change the choice.
    asked = asyncio.run(_validate("agree what the problem is", {"group_size": 8}, "activity_purpose"))
    assert asked["requested_slot"] == "session_minutes"


def test_a_detail_changed_right_after_a_recommendation_keeps_the_rest_of_that_request() -> None:
    import asyncio

    last = {"purpose": "problem_framing", "group_size": 8, "minutes": None, "mode": None, "participants": None}
    after = {"subject": "recommendation|q_sort", "last_request": last}
    slots = asyncio.run(_validate("we only have 30 minutes", after))
    assert slots["session_minutes"] == 30
    assert slots["activity_purpose"] == "problem_framing"
    assert slots["group_size"] == 8
    assert slots["requested_slot"] is None
    # Not right after a recommendation: a new request, whose goal is asked for.
    fresh = asyncio.run(_validate("we only have 30 minutes", {"last_request": last}))
    assert "activity_purpose" not in fresh
    assert fresh["requested_slot"] == "activity_purpose"


def test_form_ends_with_a_suggestion_when_every_answer_is_not_sure() -> None:
    import asyncio

    slots: dict = {}
    requested: str | None = "activity_purpose"
    for _ in range(6):
        slots.update(asyncio.run(_validate("idk", slots, requested)))
        requested = slots.get("requested_slot")
        if requested is None:
            break
    assert requested is None
    assert slots["activity_purpose"] == "unknown"


def test_recommendation_names_the_activity_says_why_and_clears_the_form() -> None:
    from actions.activities import ActionRecommendActivity

    slots = {
        "activity_purpose": "problem_solving",
        "group_size": 30,
        "session_minutes": 75,
        "session_mode": "in_person",
        "participants": "mixed",
    }
    dispatcher = CollectingDispatcher()
    tracker = Tracker("user-1", slots, {"text": "mixed"}, [], False, None, {}, "action_listen")
    events = ActionRecommendActivity().run(dispatcher, tracker, {})
    first, links = dispatcher.messages
    assert first["response"] == "utter_activity_recommendation"
    assert first["name"] == "Fish Bowl"
    assert "30 people" in first["why"]
    assert links["response"] == "utter_activity_links"
    assert "https://" in links["links"]
    set_slots = _slots(events)
    assert set_slots["recommended_activity"] == "fish_bowl"
    assert set_slots["more_of"] == "activity"
    assert all(set_slots[s] is None for s in slots)


def test_what_else_after_a_recommendation_gives_the_runner_up() -> None:
    from actions.catalogue import ActionShowMoreResources

    slots = {
        "more_of": "activity",
        "activity_ranking": ["fish_bowl", "role_play", "sticky_notes"],
        "recommended_activity": "fish_bowl",
        "last_request": {"purpose": "problem_solving", "group_size": 30},
    }
    dispatcher = CollectingDispatcher()
    tracker = Tracker("user-1", slots, {"text": "what else"}, [], False, None, {}, "action_listen")
    events = ActionShowMoreResources().run(dispatcher, tracker, {})
    assert dispatcher.messages[0]["response"] == "utter_activity_other"
    assert dispatcher.messages[0]["name"] == "Role Play"
    assert _slots(events)["recommended_activity"] == "role_play"


def test_steps_for_the_recommended_activity_and_compare_two() -> None:
    from actions.activities import ActionActivitySteps, ActionCompareActivities

    dispatcher = CollectingDispatcher()
    tracker = Tracker(
        "user-1", {"recommended_activity": "q_sort"}, {"text": "how do i run it"}, [], False, None, {}, ""
    )
    ActionActivitySteps().run(dispatcher, tracker, {})
    [steps] = dispatcher.messages
    assert steps["response"] == "utter_activity_steps"
    assert steps["name"] == "Q Sort"
    assert steps["steps"].startswith("1. ")
    dispatcher = CollectingDispatcher()
    tracker = Tracker("user-1", {}, {"text": "compare fish bowl and role play"}, [], False, None, {}, "")
    ActionCompareActivities().run(dispatcher, tracker, {})
    [compared] = dispatcher.messages
    assert (compared["first"], compared["second"]) == ("Fish Bowl", "Role Play")
    dispatcher = CollectingDispatcher()
    tracker = Tracker("user-1", {}, {"text": "compare them"}, [], False, None, {}, "")
    ActionCompareActivities().run(dispatcher, tracker, {})
    assert dispatcher.messages[0]["response"] == "utter_activity_compare_which"


@pytest.mark.parametrize("value", [{"$ne": 1}, [1, 2], 7, None])
def test_search_and_details_ignore_entities_that_are_not_text(catalogue_db: str, value: object) -> None:
    # `/search_resources{"topic": {"$ne": 1}}` once made the action raise (and, through a shared
    # breaker, switched custom actions off for every user).
    from actions.catalogue import ActionSearchResources, ActionShowResourceDetails

    latest = {
        "text": "have you got the gap analysis tool",
        "entities": [{"entity": "topic", "value": value}, {"entity": "resource_id", "value": value}],
    }
    dispatcher = CollectingDispatcher()
    ActionSearchResources().run(dispatcher, _tracker(latest), {})
    assert dispatcher.messages[0]["response"] == "utter_search_results"
    details = CollectingDispatcher()
    ActionShowResourceDetails().run(details, _tracker(latest), {})
    assert details.messages


def test_a_goal_given_after_not_sure_replaces_it() -> None:
    import asyncio

    slots = asyncio.run(
        _validate(
            "ok we want to hear dads' experiences of the birth, like as stories",
            {"activity_purpose": "unknown"},
            "group_size",
        )
    )
    assert slots["activity_purpose"] == "shared_story"
    # A real goal is kept when a later message names another in passing.
    kept = asyncio.run(
        _validate("about 10 people, we like stories", {"activity_purpose": "problem_solving"}, "group_size")
    )
    assert "activity_purpose" not in kept


@pytest.mark.parametrize("action_class", ["ActionActivityQuestion", "ActionActivitySteps"])
def test_a_follow_up_to_urgent_help_read_as_about_an_activity_gets_that_help_again(action_class: str) -> None:
    import actions.activities

    action = getattr(actions.activities, action_class)()
    events = [
        {"event": "user", "text": "my friend had postpartum psychosis last time, what signs should i look out for"},
        {"event": "action", "name": "utter_urgent_mental_health_psychosis"},
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": "and if it happens what do we do"},
    ]
    latest = {"text": "and if it happens what do we do", "intent": {"name": "activity_question", "confidence": 0.6}}
    tracker = Tracker("user-1", {}, latest, events, False, None, {}, "action_listen")
    dispatcher = CollectingDispatcher()
    action.run(dispatcher, tracker, {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_urgent_mental_health_psychosis"]
    # Naming an activity, the question is about it.
    named = {**latest, "text": "and how do we run fish bowl"}
    dispatcher = CollectingDispatcher()
    action.run(dispatcher, Tracker("user-1", {}, named, events, False, None, {}, "action_listen"), {})
    assert "utter_urgent_mental_health_psychosis" not in [m["response"] for m in dispatcher.messages]
