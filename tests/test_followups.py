"""Follow-ups read what the conversation is about (bot/subject.py, bot/flows.py), and a typed
number picks the last turn's option (bot/rasa_ext/option_picker.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.shared.core.events import ActiveLoop, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.training_data.message import Message

from bot import flows
from bot.rasa_ext.option_picker import OptionPicker
from bot.subject import ACTIVITY, LIST, RECOMMENDATION, Subject, activity_of, for_answer, parse_subject, subject_slot


def _responses(turn) -> list[str]:
    return [m.response for m in turn.messages]


def _values(turn, index: int = 0) -> dict:
    return dict(turn.messages[index].values)


def test_the_subject_of_an_answer_about_an_activity_is_that_activity() -> None:
    assert activity_of(for_answer("faq/activity_fish_bowl")) == "fish_bowl"
    assert for_answer("faq/activities_overview") == Subject(LIST, "activities")
    assert activity_of(for_answer("faq/what_is_mvp")) is None
    assert parse_subject(subject_slot(RECOMMENDATION, "cube")) == Subject(RECOMMENDATION, "cube")
    assert parse_subject("nonsense") is None
    assert parse_subject(None) is None


def test_tell_me_more_follows_the_subject() -> None:
    responses = {"utter_more_what_is_mvp"}
    answer = flows.tell_more({"subject": "answer|faq/what_is_mvp"}, responses)
    assert _responses(answer) == ["utter_more_what_is_mvp"]
    activity = flows.tell_more({"subject": subject_slot(ACTIVITY, "q_sort")}, responses)
    assert _responses(activity) == ["utter_activity_steps"]
    assert _values(activity)["name"] == "Q Sort"
    assert _responses(flows.tell_more({"subject": "list|activities"}, responses)) == ["utter_more_which_activity"]
    assert _responses(flows.tell_more({}, responses)) == ["utter_more_what"]
    # An answer with no longer version: said kindly, never a wrong answer.
    assert _responses(flows.tell_more({"subject": "answer|faq/what_is_icb"}, responses)) == ["utter_more_none"]


def test_the_second_one_after_the_list_of_seven_is_role_play() -> None:
    turn = flows.details(None, "tell me about the second one", {"subject": "list|activities"})
    assert _values(turn)["name"] == "Role Play"
    last = flows.details(None, "the last one", {"subject": "list|activities"})
    assert _values(last)["name"] == "CUbe"


@pytest.mark.parametrize(
    ("question", "response", "expected"),
    [
        ("can we do it online?", "utter_activity_online", "online"),
        ("how many people do we need", "utter_activity_size", "4 to 12 people"),
        ("how long should we allow", "utter_activity_time", "45 to 90 minutes"),
        ("what do we need to bring", "utter_activity_materials", "statement cards"),
        ("is it risky for parents who had a hard birth", "utter_activity_cautions", "agreement"),
    ],
)
def test_a_question_about_it_is_answered_about_the_activity_being_discussed(
    question: str, response: str, expected: str
) -> None:
    turn = flows.activity_question(question, {"subject": "answer|faq/activity_q_sort"})
    assert _responses(turn) == [response]
    assert expected in " ".join(str(v) for v in _values(turn).values())
    assert turn.slots["subject"] == subject_slot(ACTIVITY, "q_sort")


def test_an_activity_named_in_the_question_wins_over_the_subject() -> None:
    turn = flows.activity_question("can fish bowl be done on zoom?", {"subject": "activity|q_sort"})
    assert _values(turn)["name"] == "Fish Bowl"


def test_why_after_a_recommendation_gives_its_reasons_and_otherwise_what_it_is_for() -> None:
    after = flows.activity_question(
        "why that one?",
        {
            "subject": "recommendation|fish_bowl",
            "activity_ranking": ["fish_bowl", "sticky_notes"],
            "last_request": {"purpose": "problem_solving", "group_size": 30},
        },
    )
    assert "30 people" in _values(after)["why"]
    plain = flows.activity_question("why is it good for quiet people", {"subject": "activity|sticky_notes"})
    assert "privately" in _values(plain)["why"]


def test_a_question_with_nothing_to_be_about_asks_which_activity() -> None:
    assert _responses(flows.activity_question("how long does it take", {})) == ["utter_activity_which"]


@pytest.fixture
def search_source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """A fresh SQLite catalogue and needs log, and the source a search is logged with."""
    from bot.db import get_engine, upgrade
    from bot.needs import Source

    url = f"sqlite:///{tmp_path / 'followups.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("NEEDS_SPOOL", str(tmp_path / "spool.jsonl"))
    upgrade(get_engine(url))
    return Source(channel="rest", conversation_id="c", intent="search_resources", confidence=0.9)


def test_a_worksheet_for_it_searches_for_that_activitys_worksheet(search_source) -> None:  # type: ignore[no-untyped-def]
    source = search_source
    turn = flows.search("is there a worksheet for it?", None, source, "answer|faq/activity_fish_bowl")
    assert turn.slots["search_query"].lower().startswith("fish bowl")
    assert "Fish Bowl worksheet" in [dict(m.values).get("title") for m in turn.messages]
    # The conversation is about that search now, and so about Fish Bowl: "wots it actually for?"
    assert flows._current_activity(turn.slots) == "fish_bowl"
    purpose = flows.activity_question("wots it actually for", turn.slots)
    assert _responses(purpose) == ["utter_activity_purpose"]
    assert _values(purpose)["name"] == "Fish Bowl"


@pytest.mark.parametrize(
    "text", ["Where exactly can I download the NHS South East gap analysis tool?", "gap analysis tool pdf download?"]
)
def test_a_download_we_have_no_address_for_says_so_with_the_page_that_lists_it(
    search_source,
    text: str,  # type: ignore[no-untyped-def]
) -> None:
    source = search_source
    turn = flows.search(text, None, source, None)
    assert _responses(turn) == ["utter_resource_details_listed"]
    assert _values(turn)["title"] == "NHS South East co-production gap analysis tool"
    # A resource with its own address is still a list of results to choose from.
    listed = flows.search("where can I download the MNVP guidance", None, source, None)
    assert _responses(listed)[0] != "utter_resource_details_listed"


def _tracker(events: list) -> DialogueStateTracker:
    from rasa.shared.core.domain import Domain

    from tests.conftest import ROOT

    return DialogueStateTracker.from_events("picker", events, Domain.load(str(ROOT / "domain.yml")).slots)


def _options_turn() -> list:
    buttons = [
        {"title": "What is co-production?", "payload": "What is co-production?"},
        {"title": "What is an MNVP?", "payload": "What is an MNVP?"},
    ]
    return [UserUttered("hello"), BotUttered("Hello! What would you like to know?", data={"buttons": buttons})]


def test_a_typed_number_picks_the_option_with_that_number() -> None:
    [message] = OptionPicker().process([Message(data={"text": "2"})], _tracker(_options_turn()))
    assert message.get("text") == "What is an MNVP?"
    [beyond] = OptionPicker().process([Message(data={"text": "5"})], _tracker(_options_turn()))
    assert beyond.get("text") == "5"


def test_a_number_the_form_asked_for_is_an_answer_not_an_option() -> None:
    events = [*_options_turn(), ActiveLoop("activity_form"), SlotSet("requested_slot", "group_size")]
    [message] = OptionPicker().process([Message(data={"text": "2"})], _tracker(events))
    assert message.get("text") == "2"


def test_right_after_urgent_help_a_message_we_cannot_place_gets_that_help_again() -> None:
    from bot.flows import urgent_again

    answered = [
        ("user", None),  # "she doesn't want to go to a doctor, what do I do?"
        ("action", "action_listen"),
        ("action", "utter_after_urgent"),
        ("action", "utter_urgent_mental_health_psychosis"),
        ("user", None),  # the urgent message
    ]
    turn = urgent_again(answered)
    assert turn is not None
    assert [m.response for m in turn.messages] == ["utter_urgent_mental_health_psychosis"]
    # Only right after it: a turn later, or after a restart, "did you mean" as usual.
    later = [("user", None), ("action", "action_listen"), ("action", "utter_faq"), *answered]
    assert urgent_again(later) is None
    assert urgent_again([("user", None), ("restart", None), *answered[1:]]) is None
    assert urgent_again([("user", None), ("action", "utter_faq"), ("user", None)]) is None


# --- a question about the activity just described, whatever the classifier made of it --------


@pytest.mark.parametrize(
    ("intent", "text"),
    [
        ("out_of_scope", "how many can play at once"),
        ("inform_activity", "we only have 20 minutes"),
        ("nlu_fallback", "do all the chairs have to go?"),
        ("clinical_question", "how many statements should I use"),
    ],
)
def test_a_question_about_the_activity_just_described_is_answered_about_it(intent: str, text: str) -> None:
    from bot.rasa_ext.subject_policy import ACTIVITY_QUESTION_ACTION, follow_up_action

    subject = subject_slot(ACTIVITY, "fish_bowl")
    assert follow_up_action(intent, text, subject, None, "action_listen") == ACTIVITY_QUESTION_ACTION
    # Then the assistant listens.
    assert follow_up_action(intent, text, subject, None, ACTIVITY_QUESTION_ACTION) == "action_listen"
    # With no activity in play, the classifier's reading stands.
    assert follow_up_action(intent, text, "answer|faq/what_is_mvp", None, "action_listen") is None
    # A form waiting for an answer keeps its turn.
    assert follow_up_action(intent, text, subject, "activity_form", "action_listen") is None


@pytest.mark.parametrize(
    ("intent", "text", "subject"),
    [
        ("out_of_scope", "what's the weather like", subject_slot(ACTIVITY, "fish_bowl")),
        ("inform_activity", "we want to collect ideas from 20 people", subject_slot(ACTIVITY, "fish_bowl")),
        # A detail changed after a recommendation asks for a new recommendation.
        ("inform_activity", "we only have 20 minutes", subject_slot(RECOMMENDATION, "fish_bowl")),
        # A medicine stays a medical question.
        ("clinical_question", "how many paracetamol can I take", subject_slot(ACTIVITY, "fish_bowl")),
        ("faq", "how many people are in an mnvp", subject_slot(ACTIVITY, "fish_bowl")),
    ],
)
def test_other_messages_after_an_activity_keep_the_classifiers_reading(intent: str, text: str, subject: str) -> None:
    from bot.rasa_ext.subject_policy import follow_up_action

    assert follow_up_action(intent, text, subject, None, "action_listen") is None


def test_a_short_question_naming_one_activity_gets_what_it_is_or_the_part_asked_about() -> None:
    assert _responses(flows.not_understood_answer("Can you explain how a Q Sort works?", {})) == [
        "utter_faq/activity_q_sort"
    ]
    assert _responses(flows.not_understood_answer("explain fish bowl pls", {})) == ["utter_faq/activity_fish_bowl"]
    assert _responses(flows.not_understood_answer("how long does role play take", {})) == ["utter_activity_time"]
    # A longer message naming one activity and asking what to watch for gets its cautions.
    text = "Thinking of doing a role play with staff and mums. Anything we should watch out for?"
    assert _responses(flows.not_understood_answer(text, {})) == ["utter_activity_cautions"]
    # A goal makes it a request for an activity, not a question about one.
    assert flows._one_activity_asked_about("we want to use sticky notes to collect ideas from 20 parents", {}) is None


def test_a_how_or_what_after_a_knowledge_answer_never_asks_which_activity() -> None:
    # "is it still running?" after the CCW project: the project's longer part, not "which activity?".
    for action in (flows.activity_question, flows.activity_steps):
        turn = action("is it still running?", {"subject": "answer|faq/ccw_project"})
        assert _responses(turn) == ["utter_more_ccw_project"]
        # With nothing to give from the answer, it says it did not understand.
        plain = action("will anyone actually read it tho", {"subject": "answer|faq/share_experience"})
        assert _responses(plain) != ["utter_activity_which"]
    # With no subject at all, it still asks which activity.
    assert _responses(flows.activity_question("how long does it take?", {})) == ["utter_activity_which"]


def test_a_link_asked_for_after_a_knowledge_answer_is_that_answers_source() -> None:
    from bot.needs import Source

    turn = flows.search("Have you got a link?", None, Source(), "answer|faq/mnvp_guidance")
    assert _responses(turn) == ["utter_source_link"]
    assert _values(turn)["url"].startswith("https://www.england.nhs.uk/")


def test_what_one_activity_is_or_how_to_run_it_is_not_a_request_for_a_choice() -> None:
    from bot.activities import load_activities
    from bot.activities.extract import asks_for_an_activity

    data = load_activities()
    for text in (
        "wat is q sort i saw it on a poster for a workshop at the hospital",
        "Sticky notes activity - how do I run it with staff who've never done it before?",
    ):
        assert not asks_for_an_activity(text, data.purposes, data.activities)
    assert asks_for_an_activity(
        "new volunteers dont know each other, need something to break the ice, any ideas?",
        data.purposes,
        data.activities,
    )


def test_how_many_slides_asks_about_the_activitys_parts_not_the_group() -> None:
    from bot.activities import question_aspect

    assert question_aspect("how many slides is that") is None
    assert question_aspect("how many people can play") == "size"


@pytest.mark.parametrize(
    "text",
    ["wot's it good for", "wots it actually for", "what is it used for?", "whats the point", "what's that one for"],
)
def test_what_an_activity_is_for_is_its_own_question(text: str) -> None:
    from bot.activities import asks_about_the_activity, question_aspect

    assert question_aspect(text) == "purpose"
    assert asks_about_the_activity(text)
    turn = flows.activity_question(text, {"subject": subject_slot(ACTIVITY, "cube")})
    assert _responses(turn) == ["utter_activity_purpose"]
    assert "brainstorm" in _values(turn)["why"]


@pytest.mark.parametrize("text", ["is it good for quiet people", "is it good for zoom", "how long does it take"])
def test_good_for_something_is_not_what_it_is_for(text: str) -> None:
    from bot.activities import question_aspect

    assert question_aspect(text) != "purpose"


def test_a_short_question_pointing_back_at_an_answer_is_read_against_it_not_out_of_scope() -> None:
    from bot.rasa_ext.subject_policy import LOG_NEED_ACTION, SUBJECT_ANSWER_ACTION, follow_up_action

    subject = "answer|faq/ccw_project"
    text = "is the training material free to reuse"
    assert follow_up_action("out_of_scope", text, subject, None, "action_listen") == SUBJECT_ANSWER_ACTION
    assert follow_up_action("out_of_scope", text, subject, None, SUBJECT_ANSWER_ACTION) == LOG_NEED_ACTION
    assert follow_up_action("out_of_scope", text, subject, None, LOG_NEED_ACTION) == "action_listen"
    # Out of scope with nothing pointing back stays out of scope.
    assert follow_up_action("out_of_scope", "what's the weather like today", subject, None, "action_listen") is None


def test_a_short_question_the_classifier_made_medical_is_read_against_the_answer_when_it_holds_it() -> None:
    from bot.rasa_ext.subject_policy import SUBJECT_ANSWER_ACTION, follow_up_action

    subject = "answer|faq/walk_the_patch"
    # Walk the Patch's longer part has the checks volunteers need.
    text = "do i need any checks or anything first"
    assert follow_up_action("clinical_question", text, subject, None, "action_listen") == SUBJECT_ANSWER_ACTION
    turn = flows.not_understood_answer(text, {"subject": subject}, [])
    assert [m.response for m in turn.messages] == ["utter_more_walk_the_patch"]
    # A medicine or a symptom keeps the refusal, whatever the answer holds.
    assert follow_up_action("clinical_question", "can i take ibuprofen", subject, None, "action_listen") is None
    assert follow_up_action("clinical_question", "do i need a blood test", subject, None, "action_listen") is None
    # A medical question with nothing of the answer in it keeps the refusal too.
    assert follow_up_action("clinical_question", "my ankles are swollen", subject, None, "action_listen") is None


def test_after_an_activitys_knowledge_answer_a_question_about_it_goes_to_the_activity() -> None:
    from bot.rasa_ext.subject_policy import ACTIVITY_QUESTION_ACTION, follow_up_action

    subject = "answer|faq/activity_story_cubes"
    assert follow_up_action("out_of_scope", "how many can play at once", subject, None, "action_listen") == (
        ACTIVITY_QUESTION_ACTION
    )


def test_a_new_question_given_the_answer_just_read_is_read_against_it() -> None:
    from bot.rasa_ext.subject_policy import SUBJECT_ANSWER_ACTION, follow_up_action

    subject, key = "answer|faq/ccw_project", "faq/ccw_project"
    # "Who led it at Coventry?" right after the CCW project: its longer part names them.
    assert follow_up_action("faq", "Who led it at Coventry?", subject, None, "action_listen", key) == (
        SUBJECT_ANSWER_ACTION
    )
    # Another answer, a button's own question, "why?" or a form waiting: the classifier's reading stands.
    assert follow_up_action("faq", "Who led it at Coventry?", subject, None, "action_listen", "faq/what_is_mvp") is None
    assert (
        follow_up_action("faq", "What is the Co-Creating Welfare project?", subject, None, "action_listen", key) is None
    )
    assert follow_up_action("faq", "why?", subject, None, "action_listen", key) is None
    assert follow_up_action("faq", "Who led it at Coventry?", subject, "activity_form", "action_listen", key) is None
    turn = flows.not_understood_answer("Who led it at Coventry?", {"subject": subject}, [])
    assert turn is not None
    assert "utter_more_ccw_project" in _responses(turn)


def test_an_ordinal_with_no_list_shown_reads_the_answer_just_given() -> None:
    # "the first theme" after the three-year plan: no search results are held, so not "I haven't
    # shown you any resources yet" but the answer, whose short part names the first theme.
    turn = flows.details(None, "whats the first theme about", {"subject": "answer|faq/three_year_plan"})
    assert _responses(turn) == ["utter_faq/three_year_plan"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("could we do it over zoom instead? a few of them are still in hospital with their babies", True),
        ("can we do it online?", True),
        # The question comes first and is short; a long first sentence is a new request.
        ("we are a group of staff and we want to talk about how we run our meetings next year, ideas? thanks", False),
        ("we are a group of staff and we want to talk about how we run our meetings next year and what to do", False),
    ],
)
def test_a_short_question_about_the_activity_may_come_with_its_reason(text: str, expected: bool) -> None:
    from bot.activities import asks_about_the_activity

    assert asks_about_the_activity(text) is expected


def test_more_with_no_search_shown_tells_more_of_the_answer_in_play() -> None:
    from bot import flows

    responses = {"utter_more_c4cc_values", "utter_faq/c4cc_values"}
    turn = flows.show_more({"subject": "answer|faq/c4cc_values"}, responses)
    assert [m.response for m in turn.messages] == ["utter_more_c4cc_values"]
    # With nothing in play, it still asks what to look for.
    assert [m.response for m in flows.show_more({}, responses).messages] == ["utter_search_nothing_yet"]


def test_when_asked_again_gets_the_part_that_holds_the_date() -> None:
    from bot import flows

    # The summit's longer part was read; "when and where?" is answered by the short one's date.
    ranking = [{"intent_response_key": "faq/cocreation_summit", "confidence": 0.9}]
    turn = flows.not_understood_answer(
        "When and where was the summit?",
        {"subject": "answer|faq/cocreation_summit"},
        ranking,
        [{"name": "faq", "confidence": 0.64}],
        handed_on="faq/cocreation_summit",
    )
    assert turn is not None
    assert [m.response for m in turn.messages] == ["utter_faq/cocreation_summit"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("who actually goes round", True),
        ("why?", True),
        ("what is EBCD", False),
        ("how do i join the mnvp near me", False),
    ],
)
def test_a_bare_question_of_a_few_words(text: str, expected: bool) -> None:
    from bot.details import is_bare_follow_up

    assert is_bare_follow_up(text) is expected


def test_a_bare_question_the_classifier_could_not_place_reads_the_answer_in_play() -> None:
    from bot import flows

    turn = flows.not_understood_answer(
        "who actually goes round",
        {"subject": "answer|faq/fifteen_steps"},
        [{"intent_response_key": "faq/mvp_members", "confidence": 0.3}],
        [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "faq", "confidence": 0.4}],
    )
    assert turn is not None
    assert [m.response for m in turn.messages] == ["utter_more_fifteen_steps"]


# --- someone in crisis who will not ring anyone ---------------------------------------------


def _after(urgent: str) -> list[tuple[str, str | None]]:
    return [
        ("user", None),  # "i dont want to ring anyone"
        ("action", "action_listen"),
        ("action", "utter_after_urgent"),
        ("action", urgent),
        ("user", None),  # the urgent message
    ]


@pytest.mark.parametrize(
    ("urgent", "text", "expected"),
    [
        ("utter_urgent_mental_health", "i dont want to ring anyone", "utter_urgent_mental_health_no_call"),
        ("utter_urgent_mental_health", "no", "utter_urgent_mental_health_no_call"),
        ("utter_urgent_mental_health_other", "she won't call anyone", "utter_urgent_mental_health_no_call_other"),
        ("utter_urgent_mental_health_baby", "I can't phone them, I'm too scared", "utter_urgent_mental_health_no_call"),
        ("utter_urgent_emergency_harm", "im not ringing no one", "utter_urgent_mental_health_no_call"),
        ("utter_low_mood", "I don't want to talk to anyone", "utter_urgent_mental_health_no_call"),
        # Help that is only a call or a visit is given again, never "That's fine".
        (
            "utter_urgent_baby_movements",
            "i dont want to ring them at this time of night",
            "utter_urgent_baby_movements",
        ),
        ("utter_urgent_mental_health_psychosis", "she won't ring anyone", "utter_urgent_mental_health_psychosis"),
        # A plain "no" after urgent help that is a call: nothing more was asked for.
        ("utter_urgent_baby_movements", "no thanks", "utter_deny"),
    ],
)
def test_no_after_urgent_help_is_not_the_end_of_the_talk(urgent: str, text: str, expected: str) -> None:
    from bot.flows import deny_answer

    assert [m.response for m in deny_answer(_after(urgent), text).messages] == [expected]


def test_no_on_its_own_elsewhere_is_fine() -> None:
    from bot.flows import deny_answer

    plain = [("user", None), ("action", "action_listen"), ("action", "utter_faq"), ("user", None)]
    assert [m.response for m in deny_answer(plain, "i dont want to ring anyone").messages] == ["utter_deny"]
    assert [m.response for m in deny_answer(plain, "no thanks").messages] == ["utter_deny"]
    # "stop" after the crisis lines ends the talk, unless it says they will not ring.
    crisis = _after("utter_urgent_mental_health")
    assert [m.response for m in deny_answer(crisis, "stop", said_no=False).messages] == ["utter_deny"]
    assert [m.response for m in deny_answer(crisis, "stop, i won't call", said_no=False).messages] == [
        "utter_urgent_mental_health_no_call"
    ]
    # A turn later, the crisis lines are no longer the answer in play.
    later = [("user", None), ("action", "action_listen"), ("action", "utter_faq"), *crisis]
    assert [m.response for m in deny_answer(later, "no").messages] == ["utter_deny"]


def test_a_message_we_cannot_place_that_refuses_a_call_gets_the_no_call_ways() -> None:
    from bot.flows import urgent_again

    turn = urgent_again(_after("utter_urgent_mental_health"), "cant talk to anyone on the phone")
    assert turn is not None
    assert [m.response for m in turn.messages] == ["utter_urgent_mental_health_no_call"]
    turn = urgent_again(_after("utter_urgent_mental_health"), "what do i say to them")
    assert turn is not None
    assert [m.response for m in turn.messages] == ["utter_urgent_mental_health"]


def test_a_bare_what_is_question_the_classifier_could_not_place_gets_its_titled_answer() -> None:
    from bot.flows import not_understood_answer

    turn = not_understood_answer(
        "hey whats a mnvp", {}, [{"intent_response_key": "faq/mnvp_guidance", "confidence": 0.28}]
    )
    assert turn is not None
    assert [m.response for m in turn.messages] == ["utter_faq/what_is_mvp"]


def test_a_question_naming_an_entry_several_answers_mention_gets_the_part_of_the_one_the_selector_leans_to() -> None:
    from bot.flows import not_understood_answer

    text = "Can I adapt the Co-Creating Welfare training material for our trust's own use?"
    leaning = [
        {"intent_response_key": "faq/ccw_project", "confidence": 0.29},
        {"intent_response_key": "faq/mvp_funding", "confidence": 0.09},
    ]
    turn = not_understood_answer(text, {}, leaning)
    assert turn is not None
    # The longer part holds the manual's licence.
    assert [m.response for m in turn.messages] == ["utter_faq/ccw_project", "utter_more_ccw_project"]
    # Without a clear lean there is no answer to prefer (the catalogue's entry then, as before).
    from bot.flows import _clear_lean

    assert _clear_lean(leaning) == "faq/ccw_project"
    assert _clear_lean([{**leaning[0], "confidence": 0.15}, {**leaning[1], "confidence": 0.12}]) is None
    assert _clear_lean([{**leaning[0], "confidence": 0.29}, {**leaning[1], "confidence": 0.2}]) is None


def test_two_topics_named_side_by_side_are_a_choice_to_offer_not_a_guess() -> None:
    from bot.flows import not_understood_answer

    ranking = [
        {"intent_response_key": "faq/mvp_chair", "confidence": 0.45},
        {"intent_response_key": "faq/mvp_funding", "confidence": 0.05},
    ]
    intents = [{"name": "nlu_fallback", "confidence": 0.4}, {"name": "faq", "confidence": 0.9}]
    assert not_understood_answer("chair or funding??", {}, ranking, intents) is None
    # However sure the selector is of one of them.
    sure = [
        {"intent_response_key": "faq/mvp_funding", "confidence": 0.74},
        {"intent_response_key": "faq/mvp_chair", "confidence": 0.18},
    ]
    assert not_understood_answer("chair or funding??", {}, sure, intents) is None


@pytest.mark.parametrize("text", ["is it still going?", "Does it still exist?", "has it ended", "still running?"])
def test_is_it_still_going_after_an_answer_gets_the_part_that_says_it_ended(text: str) -> None:
    from bot.flows import not_understood_answer
    from bot.subject import ANSWER, subject_slot

    slots = {"subject": subject_slot(ANSWER, "faq/ccw_project")}
    turn = not_understood_answer(text, slots, [{"intent_response_key": "faq/what_is_mvp", "confidence": 0.3}])
    assert turn is not None
    # The longer part says "CCW itself has ended" and names its follow-on.
    assert [m.response for m in turn.messages] == ["utter_more_ccw_project"]


def test_is_it_still_going_about_something_whose_answer_says_nothing_of_it_is_left_alone() -> None:
    from bot.details import asks_if_still_going, status_part

    assert asks_if_still_going("is it still going?")
    assert not asks_if_still_going("are meetings still on zoom")
    assert status_part("faq/what_is_mvp") is None


def test_the_list_of_tools_given_by_the_action_server_is_a_list_to_pick_from() -> None:
    # Found by blind set 11: "the second one?" after the list, given as a rescued answer, got
    # "I haven't shown you any resources yet".
    from bot.flows import _part_turn

    assert _part_turn("faq/activities_overview", "short", None).slots["subject"] == subject_slot(LIST, "activities")
    assert _part_turn("faq/what_is_mvp", "short", None).slots["subject"] == "answer|faq/what_is_mvp"


@pytest.mark.parametrize("text", ["can u say that shorter", "and in plain english?", "short version pls", "tldr"])
def test_shorter_gives_the_answer_being_talked_about_in_its_first_sentences(text: str) -> None:
    from bot.details import SHORTER_LIMIT, source_of

    turn = flows.not_understood_answer(text, {"subject": "answer|faq/what_is_mvp"})
    assert turn is not None
    assert _responses(turn) == ["utter_in_short"]
    summary = _values(turn)["summary"]
    assert summary.startswith("A Maternity and Neonatal Voices Partnership (MNVP) is a local group")
    assert len(summary) <= SHORTER_LIMIT
    assert _values(turn)["url"] == source_of("faq/what_is_mvp")


def test_say_it_more_simply_is_not_the_longer_part() -> None:
    responses = {"utter_more_what_is_mvp"}
    simpler = flows.tell_more({"subject": "answer|faq/what_is_mvp"}, responses, "can you say more simple please")
    assert _responses(simpler) == ["utter_in_short"]
    more = flows.tell_more({"subject": "answer|faq/what_is_mvp"}, responses, "tell me more")
    assert _responses(more) == ["utter_more_what_is_mvp"]
    activity = flows.tell_more({"subject": subject_slot(ACTIVITY, "q_sort")}, responses, "in plain english pls")
    assert _responses(activity) == ["utter_activity_purpose"]


def test_shorter_with_nothing_said_is_not_answered_from_nowhere() -> None:
    assert flows.shorter({}) is None


@pytest.mark.parametrize("text", ["who do i ask about that", "how would i start", "ok how wud i find out then"])
def test_who_to_ask_after_an_answer_is_how_to_reach_the_local_mnvp(text: str) -> None:
    turn = flows.not_understood_answer(text, {"subject": "answer|faq/paid_for_time"})
    assert turn is not None
    assert _responses(turn) == ["utter_faq/find_local_mvp"]
    # Asked again right after it: the fuller part of that answer.
    again = flows.not_understood_answer(text, turn.slots)
    assert again is not None
    assert _responses(again) == ["utter_more_find_local_mvp"]


def test_who_to_ask_is_not_the_mnvp_after_the_crisis_lines_or_an_activity() -> None:
    assert flows.who_to_ask({"subject": "answer|faq/crisis_lines"}) is None
    assert flows.who_to_ask({"subject": subject_slot(ACTIVITY, "q_sort")}) is None
    from bot.details import asks_who_to_ask

    assert not asks_who_to_ask("how do i start a q sort")
    assert not asks_who_to_ask("where can i find the toolkit")


def test_who_to_ask_is_read_against_the_answer_whatever_the_classifier_made_of_it() -> None:
    from bot.rasa_ext.subject_policy import LOG_NEED_ACTION, SUBJECT_ANSWER_ACTION, follow_up_action

    subject = "answer|faq/paid_for_time"
    for intent in ("help", "search_resources", "nlu_fallback"):
        action = follow_up_action(intent, "who do i ask about that", subject, None, "action_listen")
        assert action == SUBJECT_ANSWER_ACTION
    assert follow_up_action("help", "who do i ask about that", subject, None, SUBJECT_ANSWER_ACTION) == LOG_NEED_ACTION
    # The menu stays the menu; after an activity, "how would I start?" is about the activity.
    assert follow_up_action("help", "what can you do", subject, None, "action_listen") is None
    activity = subject_slot(ACTIVITY, "q_sort")
    assert follow_up_action("help", "how would i start", activity, None, "action_listen") is None


@pytest.mark.parametrize(
    "text",
    [
        "hello i am from poland my english not so good. what is MNVP? it is for hospital?",
        "partner told me to ask. whats an mnvp for. quick pls on my break",
    ],
)
def test_a_bare_what_is_among_other_sentences_gets_its_answer(text: str) -> None:
    turn = flows.not_understood_answer(text, {})
    assert turn is not None
    assert _responses(turn) == ["utter_faq/what_is_mvp"]


def test_two_things_asked_in_two_sentences_are_not_one_titled_answer() -> None:
    from bot.topics import answer_titled_in

    assert answer_titled_in("what is an mnvp? what is co-production?") is None
    assert answer_titled_in("what is an mnvp") is None  # one sentence: answer_titled's own case


def _sdk_tracker(latest: dict, events: list[dict]):  # type: ignore[no-untyped-def]
    from rasa_sdk import Tracker

    return Tracker("user-1", {}, latest, events, False, None, {}, "action_listen")


def test_after_the_low_mood_answer_a_question_with_its_own_answer_gets_that_answer() -> None:
    from rasa_sdk.executor import CollectingDispatcher

    from actions.conversation import ActionSuggestTopics

    events = [
        {"event": "user", "text": "my husband has been really low since the baby"},
        {"event": "action", "name": "utter_low_mood_other"},
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": "is there a charity he could ring"},
    ]
    ranking = [{"intent_response_key": "faq/support_lines", "confidence": 0.81}]
    latest = {
        "text": "is there a charity he could ring",
        "intent": {"name": "nlu_fallback", "confidence": 0.81},
        "intent_ranking": [{"name": "nlu_fallback", "confidence": 0.81}, {"name": "faq", "confidence": 0.81}],
        "response_selector": {"faq": {"ranking": ranking}},
        "handed_on": "faq/support_lines",
    }
    dispatcher = CollectingDispatcher()
    ActionSuggestTopics().run(dispatcher, _sdk_tracker(latest, events), {})
    assert dispatcher.messages[0]["response"] == "utter_faq/support_lines"
    # Something nothing answers still gets the kind answer again, not "did you mean".
    unplaced = {**latest, "text": "hmm", "handed_on": None, "response_selector": {}}
    dispatcher = CollectingDispatcher()
    ActionSuggestTopics().run(dispatcher, _sdk_tracker(unplaced, events), {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_low_mood_other"]


def test_a_place_after_how_to_find_an_mnvp_gets_what_to_search_for_there() -> None:
    turn = flows.not_understood_answer("im in gloucestershire if that helps", {"subject": "answer|faq/find_local_mvp"})
    assert turn is not None
    assert _responses(turn) == ["utter_local_search"]
    assert _values(turn)["place"] == "Gloucestershire"
    from bot.rasa_ext.subject_policy import SUBJECT_ANSWER_ACTION, follow_up_action

    subject = "answer|faq/find_local_mvp"
    assert follow_up_action("helpful", "im in gloucestershire if that helps", subject, None, "action_listen") == (
        SUBJECT_ANSWER_ACTION
    )
    # Praise stays praise.
    assert follow_up_action("helpful", "that helps thanks", subject, None, "action_listen") is None


def test_a_question_taken_for_one_about_an_activity_gets_the_answer_the_selector_is_sure_of() -> None:
    ranking = [
        {"intent_response_key": "faq/mvp_chair", "confidence": 0.65},
        {"intent_response_key": "faq/activity_fish_bowl", "confidence": 0.02},
    ]
    intents = [{"name": "activity_question", "confidence": 0.67}, {"name": "faq", "confidence": 0.2}]
    turn = flows.activity_question("Do we need a vice-chair?", {}, ranking, intents)
    assert _responses(turn)[0] == "utter_faq/mvp_chair"
    # With an activity being talked about, its chairs are the activity's.
    in_play = {"subject": subject_slot(ACTIVITY, "fish_bowl")}
    fish_bowl = flows.activity_question("do all the chairs have to go?", in_play)
    assert _responses(fish_bowl)[0].startswith("utter_activity_")


def test_whether_a_named_thing_still_exists_is_answered_from_its_answer() -> None:
    from bot.details import asks_if_still_going
    from bot.topics import answer_named_by_title

    text = "is healthwatch still a thing? wanted to send them feedback about my local hospital"
    assert asks_if_still_going(text)
    assert answer_named_by_title(text) == "faq/what_is_healthwatch"
    turn = flows.not_understood_answer(text, {}, [], [], handed_on="faq/what_is_healthwatch")
    assert turn is not None
    assert _responses(turn)[0] == "utter_faq/what_is_healthwatch"


@pytest.mark.parametrize("text", ["source?", "whats the source", "reference pls", "and the source for that?"])
def test_source_right_after_an_answer_is_where_it_comes_from(text: str) -> None:
    from bot.details import source_of

    turn = flows.not_understood_answer(text, {"subject": "answer|faq/what_is_coproduction"})
    assert turn is not None
    assert _responses(turn) == ["utter_source_link"]
    assert _values(turn)["url"] == source_of("faq/what_is_coproduction")


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("I need a one-line definition of co-production for a presentation.", "faq/what_is_coproduction"),
        ("mw here on nights - whats the mvp for in 1 sentence", "faq/what_is_mvp"),
    ],
)
def test_one_line_about_a_thing_is_the_first_sentences_of_its_answer(text: str, key: str) -> None:
    from bot.details import shorter_text

    turn = flows.not_understood_answer(text, {})
    assert turn is not None
    assert _responses(turn) == ["utter_in_short"]
    assert _values(turn)["summary"] == shorter_text(key)


def test_shorter_skips_a_first_sentence_that_only_says_when() -> None:
    from bot.details import shorter_text

    assert shorter_text("faq/three_year_plan").startswith("It has 12 priority actions")


def test_a_first_question_handed_on_with_a_sure_answer_gets_it_before_weaker_word_matches() -> None:
    text = "Where does the line about MVPs being the best way to institute service user co-production come from?"
    ranking = [
        {"intent_response_key": "faq/implementing_better_births", "confidence": 0.81},
        {"intent_response_key": "faq/what_is_coproduction", "confidence": 0.02},
        {"intent_response_key": "faq/ladder_of_coproduction", "confidence": 0.02},
    ]
    intents = [{"name": "nlu_fallback", "confidence": 0.81}, {"name": "faq", "confidence": 0.81}]
    turn = flows.not_understood_answer(text, {}, ranking, intents, handed_on="faq/implementing_better_births")
    assert turn is not None
    assert _responses(turn)[0] == "utter_faq/implementing_better_births"
