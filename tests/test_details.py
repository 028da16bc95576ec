"""A question about a detail of a knowledge answer gets the part that holds it (bot/details.py),
on the Rasa side (the answer guard hands it on) and on the action server (bot/flows.py)."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.training_data.message import Message

from bot import flows
from bot.details import (
    Answer,
    acronyms_in,
    best_match,
    detail_in_more,
    detail_part,
    load_answers,
    names_unknown_acronym,
    terms,
)

ANSWERS = {
    "faq/chair": Answer(
        "faq/chair",
        terms("The lead is a service user, elected by the members."),
        terms("The NHS checks the person, with a DBS check. The role can be shared; a vice-chair helps."),
        terms("chair chair chair lead lead lead"),
    ),
    "faq/feedback": Answer(
        "faq/feedback",
        terms("Tell your local group about your care, good or bad."),
        terms("Groups collect feedback through surveys, ward visits and coffee mornings."),
        terms("feedback feedback feedback ward"),
    ),
    "faq/ladder": Answer(
        "faq/ladder",
        terms("The ladder has seven rungs. The bottom rung is coercion."),
        terms("Arnstein's ladder has eight rungs in three bands: non-participation, tokenism and citizen power."),
    ),
}


def _responses(turn) -> list[str]:
    return [m.response for m in turn.messages]


def test_a_rare_word_only_the_longer_part_holds_asks_for_that_part() -> None:
    assert detail_in_more("does the chair need a DBS check?", "faq/chair", ANSWERS)
    assert detail_in_more("can two people share it", "faq/chair", ANSWERS)
    # Words the short part holds, common words and words people use to ask for the answer
    # itself ("feedback" for how to give feedback) are not details.
    assert not detail_in_more("who leads it?", "faq/chair", ANSWERS)
    assert not detail_in_more("how do I give feedback?", "faq/feedback", ANSWERS)
    assert not detail_in_more("what is it for", "faq/chair", ANSWERS)
    assert not detail_in_more("dbs", "faq/unknown", ANSWERS)


def test_a_follow_up_names_the_part_it_is_about() -> None:
    assert detail_part("what's at the bottom?", "faq/ladder", ANSWERS) == "short"
    assert detail_part("and what about tokenism", "faq/ladder", ANSWERS) == "more"
    assert detail_part("ok thanks", "faq/ladder", ANSWERS) is None


def test_the_answer_whose_rare_words_the_question_names_wins_only_when_it_stands_out() -> None:
    question = "how do groups collect feedback with surveys and coffee mornings?"
    assert best_match(question, ["faq/chair", "faq/feedback"], ANSWERS) == (
        "faq/feedback",
        "more",
    )
    # One common word is not enough to answer from words alone.
    assert best_match("the thing about people", ["faq/chair", "faq/feedback"], ANSWERS) is None
    assert best_match("anything", [], ANSWERS) is None


def test_acronyms_are_read_but_not_shouting_or_everyday_ones() -> None:
    assert acronyms_in("What does SCIE say, and EBCD?") == ["SCIE", "EBCD"]
    assert acronyms_in("what is an MNVP, is it NHS?") == []
    assert acronyms_in("WHAT IS AN MNVP") == []
    assert names_unknown_acronym("what is EBCD", "faq/chair", ANSWERS)
    assert not names_unknown_acronym("does the lead need a DBS", "faq/chair", ANSWERS)


def test_the_project_answers_are_read_with_their_longer_parts() -> None:
    answers = load_answers()
    assert len(answers) >= 50
    assert "db" in answers["faq/mvp_chair"].more or "dbs" in answers["faq/mvp_chair"].more
    assert answers["faq/give_feedback"].asked_by >= {"feedback"}


@pytest.mark.parametrize(
    ("text", "slots", "ranking", "response"),
    [
        # A first question the answer guard handed on: the closest answer, then its longer part.
        (
            "does the chair need a DBS check",
            {},
            ["faq/mvp_chair", "faq/join_mvp"],
            "utter_faq/mvp_chair+utter_more_mvp_chair",
        ),
        # A follow-up about the answer just given.
        ("Can two people share it?", {"subject": "answer|faq/mvp_chair"}, [], "utter_more_mvp_chair"),
        ("what are the themes", {"subject": "answer|faq/fifteen_steps"}, [], "utter_more_fifteen_steps"),
        (
            "What's at the bottom?",
            {"subject": "answer|faq/ladder_of_coproduction"},
            [],
            "utter_faq/ladder_of_coproduction",
        ),
        # The classifier's third guess, when the question's rare words name it clearly.
        (
            "What are good ways for an MNVP to collect feedback?",
            {},
            ["faq/walk_the_patch", "faq/mvp_funding", "faq/give_feedback"],
            "utter_faq/give_feedback",  # its short part already says how (forms and surveys)
        ),
    ],
)
def test_a_detail_is_answered_not_met_with_did_you_mean(text, slots, ranking, response) -> None:
    turn = flows.not_understood_answer(text, slots, [{"intent_response_key": k, "confidence": 0.2} for k in ranking])
    assert turn is not None
    assert _responses(turn) == response.split("+")
    # The answer becomes what the conversation is about, and the turn is not an unmet need.
    key = "faq/" + response.split("+")[-1].removeprefix("utter_more_").removeprefix("utter_faq/")
    assert turn.slots["subject"] == f"answer|{key}"


def test_a_message_naming_no_answer_still_gets_did_you_mean() -> None:
    ranking = [{"intent_response_key": "faq/what_is_mvp", "confidence": 0.3}]
    assert flows.not_understood_answer("hmm ok then", {}, ranking) is None


def test_the_answer_guard_hands_on_a_detail_and_an_unknown_acronym_but_not_a_plain_question() -> None:
    from bot.rasa_ext.answer_guard import AnswerGuard

    def parsed(text: str, key: str) -> Message:
        message = Message(data={"text": text})
        message.set("intent", {"name": "faq", "confidence": 0.95})
        message.set("intent_ranking", [{"name": "faq", "confidence": 0.95}])
        message.set(
            "response_selector",
            {
                "faq": {
                    "response": {"intent_response_key": key, "confidence": 0.9},
                    "ranking": [{"intent_response_key": key, "confidence": 0.9}],
                }
            },
        )
        return message

    guard = AnswerGuard.create({}, None, None, None)  # type: ignore[arg-type]
    detail, acronym, plain = guard.process(
        [
            parsed("does the mnvp lead need a DBS check", "faq/mvp_chair"),
            parsed("what is EBCD", "faq/what_is_mvp"),
            parsed("who chairs an mnvp", "faq/mvp_chair"),
        ]
    )
    assert detail.get("intent")["name"] == "nlu_fallback"
    assert acronym.get("intent")["name"] == "nlu_fallback"
    assert plain.get("intent")["name"] == "faq"


def test_a_loss_told_with_an_unsure_answer_is_handed_on_for_the_condolence() -> None:
    from bot.rasa_ext.answer_guard import HANDED_ON_KEY, AnswerGuard

    message = Message(data={"text": "my baby died at 2 days old in nicu last year. i want to help other families"})
    message.set("intent", {"name": "faq", "confidence": 0.6})
    ranking = [{"name": "faq", "confidence": 0.6}, {"name": "clinical_question", "confidence": 0.2}]
    message.set("intent_ranking", ranking)
    unsure = {"intent_response_key": "faq/neonatal_parents", "confidence": 0.14}
    message.set("response_selector", {"faq": {"response": unsure, "ranking": [unsure]}})
    [guarded] = AnswerGuard.create({}, None, None, None).process([message])  # type: ignore[arg-type]
    assert guarded.get("intent")["name"] == "nlu_fallback"
    # Handed on, so the safety guard's lean to the medical refusal does not take it back.
    assert guarded.get(HANDED_ON_KEY) == "faq/neonatal_parents"


def test_an_activity_request_is_never_answered_from_its_words() -> None:
    # "the same two people dominate ... funding"? No: the classifier leans to an activity request.
    ranking = [{"intent_response_key": "faq/mvp_chair", "confidence": 0.3}]
    intents = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "inform_activity", "confidence": 0.38}]
    text = "can two people share the chair role"
    assert flows.not_understood_answer(text, {}, ranking, intents) is None
    faq_first = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "faq", "confidence": 0.4}]
    assert flows.not_understood_answer(text, {}, ranking, faq_first) is not None


def test_the_answer_guard_sends_an_unplaced_request_for_an_activity_to_the_recommender() -> None:
    from bot.rasa_ext.answer_guard import AnswerGuard

    message = Message(data={"text": "new volunteers dont know each other, need something to break the ice, any ideas?"})
    message.set("intent", {"name": "nlu_fallback", "confidence": 0.5})
    message.set("intent_ranking", [{"name": "nlu_fallback", "confidence": 0.5}])
    plain = Message(data={"text": "hmm what"})
    plain.set("intent", {"name": "nlu_fallback", "confidence": 0.5})
    plain.set("intent_ranking", [{"name": "nlu_fallback", "confidence": 0.5}])
    request, other = AnswerGuard.create({}, None, None, None).process([message, plain])  # type: ignore[arg-type]
    assert request.get("intent")["name"] == "inform_activity"
    assert other.get("intent")["name"] == "nlu_fallback"


def test_a_parent_the_classifier_could_not_place_is_never_offered_the_activity_questions() -> None:
    from bot.rasa_ext.answer_guard import AnswerGuard

    def unplaced(text: str) -> Message:
        message = Message(data={"text": text})
        message.set("intent", {"name": "nlu_fallback", "confidence": 0.5})
        ranking = [
            {"name": "nlu_fallback", "confidence": 0.5},
            {"name": "choose_activity", "confidence": 0.44},
            {"name": "faq", "confidence": 0.2},
        ]
        message.set("intent_ranking", ranking)
        return message

    parent, organiser = AnswerGuard.create({}, None, None, None).process(  # type: ignore[arg-type]
        [
            unplaced("we lost our daughter last year. could i help make things better for other parents somehow"),
            unplaced("hmm something for my group"),
        ]
    )
    assert [r["name"] for r in parent.get("intent_ranking")] == ["nlu_fallback", "faq"]
    assert "choose_activity" in [r["name"] for r in organiser.get("intent_ranking")]
    # The guess then weighs the knowledge answers alone.
    from bot.topics import clear_guess

    answers = [{"intent_response_key": "faq/join_mvp", "confidence": 0.55}]
    assert clear_guess(parent.get("intent_ranking"), answers).intent == "faq/join_mvp"


def test_the_answer_guard_sends_which_tool_fits_a_described_session_to_the_recommender() -> None:
    from bot.rasa_ext.answer_guard import AnswerGuard

    def parsed(text: str) -> Message:
        message = Message(data={"text": text})
        message.set("intent", {"name": "faq", "confidence": 0.9})
        message.set("intent_ranking", [{"name": "faq", "confidence": 0.9}])
        key = {"intent_response_key": "faq/activities_overview", "confidence": 0.8}
        message.set("response_selector", {"faq": {"response": key, "ranking": [key]}})
        return message

    request, listing = AnswerGuard.create({}, None, None, None).process(  # type: ignore[arg-type]
        [
            parsed("I have under 7 minutes at trust board to present our year. Which of the seven tools fits?"),
            parsed("what are the seven co-creation tools?"),
        ]
    )
    assert request.get("intent")["name"] == "inform_activity"
    assert listing.get("intent")["name"] == "faq"


def test_a_question_on_an_activitys_size_or_length_goes_to_the_activity_not_its_description() -> None:
    from bot.rasa_ext.answer_guard import AnswerGuard

    def parsed(text: str, key: str) -> Message:
        message = Message(data={"text": text})
        message.set("intent", {"name": "faq", "confidence": 0.95})
        message.set("intent_ranking", [{"name": "faq", "confidence": 0.95}])
        response = {"intent_response_key": key, "confidence": 0.9}
        message.set("response_selector", {"faq": {"response": response, "ranking": [response]}})
        return message

    size, plain = AnswerGuard.create({}, None, None, None).process(  # type: ignore[arg-type]
        [
            parsed("how many people can play story cubes at once?", "faq/activity_story_cubes"),
            parsed("what is story cubes", "faq/activity_story_cubes"),
        ]
    )
    assert size.get("intent")["name"] == "activity_question"
    assert plain.get("intent")["name"] == "faq"


def test_a_follow_up_pointing_back_reads_the_answer_just_given_first() -> None:
    # "what principles do they follow?" after what NMV is: NMV's principles (its longer part),
    # not the MNVP principles the classifier would pick on its own.
    slots = {"subject": "answer|faq/what_is_nmv"}
    ranking = [{"intent_response_key": "faq/mvp_principles", "confidence": 0.7}]
    turn = flows.not_understood_answer(
        "what principles do they follow?", slots, ranking, handed_on="faq/mvp_principles"
    )
    assert turn is not None
    assert _responses(turn) == ["utter_more_what_is_nmv"]
    # Nothing of the subject in it: the classifier's own answer, handed on.
    turn = flows.not_understood_answer("how do i join them?", slots, ranking, handed_on="faq/join_mvp")
    assert turn is not None
    assert _responses(turn) == ["utter_faq/join_mvp"]
    # A short question pointing back with no rare word: the rest of the answer just given.
    turn = flows.not_understood_answer("who goes on it?", {"subject": "answer|faq/fifteen_steps"}, [])
    assert turn is not None
    assert _responses(turn) == ["utter_more_fifteen_steps"]


def test_a_question_that_would_ask_which_activity_answers_from_the_answer_just_given() -> None:
    turn = flows.activity_question("do we need a DBS?", {"subject": "answer|faq/mvp_chair"})
    assert _responses(turn) == ["utter_more_mvp_chair"]
    assert _responses(flows.activity_question("do we need a DBS?", {})) == ["utter_activity_which"]


@pytest.mark.parametrize(
    ("text", "answer", "resource"),
    [
        ("Our team wants to try Always Events with families. How do we start?", "faq/give_feedback", "always-events"),
        ("what is whose shoes", "faq/coproduction_terms", "whose-shoes-matexp"),
        ("what is EBCD", "faq/what_is_mvp", "ebcd-toolkit"),
        # The answer itself names it: the answer stands.
        ("what is 15 steps for maternity", "faq/fifteen_steps", None),
        # Everyday words are not a catalogue name.
        ("can i go to the coffee mornings", "faq/mnvp_meetings", None),
        ("what is an mnvp", "faq/what_is_mvp", None),
    ],
)
def test_a_catalogue_entry_the_answer_never_mentions_is_named(text: str, answer: str, resource: str | None) -> None:
    from bot.details import named_resource

    assert named_resource(text, answer) == resource


def test_the_answer_guard_hands_on_a_named_catalogue_entry() -> None:
    from bot.rasa_ext.answer_guard import AnswerGuard

    message = Message(data={"text": "we want to try Always Events with families"})
    message.set("intent", {"name": "faq", "confidence": 0.9})
    message.set("intent_ranking", [{"name": "faq", "confidence": 0.9}])
    response = {"intent_response_key": "faq/give_feedback", "confidence": 0.9}
    message.set("response_selector", {"faq": {"response": response, "ranking": [response]}})
    [message] = AnswerGuard.create({}, None, None, None).process([message])  # type: ignore[arg-type]
    assert message.get("intent")["name"] == "nlu_fallback"
    assert message.get("named_resource") == "always-events"


def test_an_answer_that_names_the_head_of_a_catalogue_title_keeps_the_question() -> None:
    from bot.details import named_resource

    # "Fish Bowl activity (video and overview)" is the Fish Bowl answer's own subject.
    assert named_resource("what is the fish bowl activity?", "faq/activity_fish_bowl") is None
    assert named_resource(
        "Healthwatch Norfolk did a report on MNVPs, what did they find?", "faq/what_is_healthwatch"
    ) == ("healthwatch-norfolk-mnvp-report")


def test_a_name_one_answer_is_about_gets_that_answer_not_the_catalogue_entry() -> None:
    from bot.details import answer_naming

    assert answer_naming("my mate is doing 15 steps with the mvp?? wats that") == "faq/fifteen_steps"
    assert answer_naming("we want to try Always Events") is None  # only the catalogue has it
    turn = flows.not_understood_answer("my mate is doing 15 steps with the mvp?? wats that", {}, [])
    assert turn is not None
    assert _responses(turn) == ["utter_faq/fifteen_steps"]
    assert turn.slots["subject"] == "answer|faq/fifteen_steps"


def test_a_catalogue_name_is_read_with_or_without_its_kind() -> None:
    from bot.details import named_resource

    assert named_resource("What is experience-based co-design?", "faq/coproduction_terms") == "ebcd-toolkit"
    # "CUbe activity" is the CUbe answer's own subject: the question about its worksheet stays.
    assert named_resource("does the CUbe activity come with a worksheet", "faq/activity_cube") is None


def test_an_activity_named_with_how_do_we_run_it_gets_its_steps_not_the_form() -> None:
    from bot.rasa_ext.answer_guard import AnswerGuard

    def parsed(text: str, intent: str, ranking: list[tuple[str, float]]) -> Message:
        message = Message(data={"text": text})
        message.set("intent", {"name": intent, "confidence": ranking[0][1]})
        message.set("intent_ranking", [{"name": n, "confidence": c} for n, c in ranking])
        return message

    steps, lean, other = AnswerGuard.create({}, None, None, None).process(  # type: ignore[arg-type]
        [
            parsed(
                "We're thinking of using role play at our next session. How do we run it?",
                "choose_activity",
                [("choose_activity", 0.8)],
            ),
            parsed(
                "the same two people always dominate. I want everyone's knowledge on the table.",
                "nlu_fallback",
                [("nlu_fallback", 0.5), ("inform_activity", 0.38), ("faq", 0.25)],
            ),
            parsed("the same two people always dominate", "nlu_fallback", [("nlu_fallback", 0.5), ("faq", 0.38)]),
        ]
    )
    assert steps.get("intent")["name"] == "activity_steps"
    assert lean.get("intent")["name"] == "inform_activity"
    assert other.get("intent")["name"] == "nlu_fallback"


def test_a_support_service_is_named_only_by_its_title() -> None:
    from bot.details import named_resource

    question = "Does the MNVP review how the trust's perinatal mental health pathway handles risk?"
    assert named_resource(question, "faq/what_is_mvp") is None
    assert named_resource("what is shout", "faq/what_is_mvp") == "shout-85258"


def test_a_message_naming_two_answers_topics_is_a_choice_to_offer() -> None:
    assert best_match("chair or funding??", ["faq/mvp_chair", "faq/mvp_funding"]) is None


def test_a_plain_who_or_what_about_it_reads_on_but_a_new_rare_word_does_not() -> None:
    from bot.details import asks_about_it

    assert asks_about_it("who goes on it?")
    assert asks_about_it("and what do they do?")
    assert asks_about_it("and what do they actually look at")  # "actually" adds nothing
    assert not asks_about_it("do they need a DBS")  # a rare word of its own
    assert not asks_about_it("do they pay for the local ones")  # not who/what/where/how
    assert not asks_about_it("who can join an MNVP")  # points at nothing


def test_only_a_short_either_or_names_two_topics() -> None:
    from bot.details import names_two_topics

    assert names_two_topics("chair or funding??", ["faq/mvp_chair", "faq/mvp_funding"])
    assert names_two_topics("funding chair join", ["faq/mvp_chair", "faq/mvp_funding", "faq/join_mvp"])
    message = "wanna volunteer on the wards for the mvp, do i need a dbs"
    assert not names_two_topics(message, ["faq/join_mvp", "faq/walk_the_patch", "faq/give_feedback"])


def test_a_sure_answer_to_a_question_the_classifier_was_unsure_of_is_given() -> None:
    ranking = [{"intent_response_key": "faq/who_can_take_part", "confidence": 0.77}]
    intents = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "faq", "confidence": 0.45}]
    text = "is it only for first time mums tho? this is my 3rd"
    turn = flows.not_understood_answer(text, {"subject": "answer|faq/what_is_mvp"}, ranking, intents)
    assert turn is not None
    assert _responses(turn) == ["utter_faq/who_can_take_part"]
    # Not when the classifier leaned to something else.
    other = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "greet", "confidence": 0.45}]
    assert flows.not_understood_answer("hiya there", {}, ranking, other) is None


def test_a_short_when_where_or_how_many_reads_the_part_holding_that_kind_of_fact() -> None:
    from bot.details import part_with_kind

    answers = {
        "faq/project": Answer(
            "faq/project",
            frozenset(),
            frozenset(),
            short_text="A European project with partners in Denmark, the UK, France and Portugal.",
            more_text="It ended in August 2019 and trained 40 people.",
        )
    }
    assert part_with_kind("which countries were involved?", "faq/project", answers) == "short"
    assert part_with_kind("when did it end?", "faq/project", answers) == "more"
    assert part_with_kind("how many took part?", "faq/project", answers) == "more"
    assert part_with_kind("who ran it?", "faq/project", answers) is None
    assert (
        part_with_kind("when did it end, and was it good, and who paid for all of it?", "faq/project", answers) is None
    )
    turn = flows.not_understood_answer("which countries were involved?", {"subject": "answer|faq/ccw_project"}, [])
    assert turn is not None
    assert _responses(turn) == ["utter_faq/ccw_project"]


def test_an_answer_offers_next_the_answers_its_buttons_ask_for() -> None:
    from bot.details import offered_after
    from bot.topics import topic_titles

    titles = topic_titles()
    assert "faq/mvp_members" in offered_after("faq/what_is_mvp", titles)
    assert "faq/what_is_mvp" not in offered_after("faq/what_is_mvp", titles)
    assert offered_after("faq/no_such_answer", titles) == frozenset()


def test_a_when_after_an_answer_without_a_date_reads_the_answer_it_offers_next() -> None:
    # What an ICB is names "the 2023 MNVP guidance" but gives no date; the guidance answer does.
    from bot.details import part_with_kind

    assert part_with_kind("when was it published?", "faq/what_is_icb") is None
    turn = flows.not_understood_answer("when was it published?", {"subject": "answer|faq/what_is_icb"}, [])
    assert turn is not None
    assert [m.response for m in turn.messages] == ["utter_faq/mnvp_guidance"]


def test_a_question_for_the_seven_tools_gets_the_list_whatever_page_it_names() -> None:
    turn = flows.not_understood_answer(
        "What are the seven co-creation tools on the National Maternity Voices page?", {}
    )
    assert turn is not None
    assert [m.response for m in turn.messages] == ["utter_faq/activities_overview"]
    assert turn.slots["subject"] == "list|activities"


def test_a_parent_taken_for_an_activity_request_gets_the_answer_about_taking_part() -> None:
    from bot.rasa_ext.answer_guard import AnswerGuard

    def parsed(text: str) -> Message:
        message = Message(data={"text": text})
        message.set("intent", {"name": "choose_activity", "confidence": 0.55})
        message.set("intent_ranking", [{"name": "choose_activity", "confidence": 0.55}])
        message.set(
            "response_selector",
            {
                "faq": {
                    "response": {"intent_response_key": "faq/share_experience", "confidence": 0.28},
                    "ranking": [{"intent_response_key": "faq/share_experience", "confidence": 0.28}],
                }
            },
        )
        return message

    parent, organiser, mum = AnswerGuard.create({}, None, None, None).process(  # type: ignore[arg-type]
        [
            parsed("we lost our daughter at 38 weeks last year. i want to help other families but not a big meeting"),
            parsed("our birth centre team wants a session for 10 parents about their birth stories"),
            parsed("had my baby in may and i want to help other families but not a big meeting"),
        ]
    )
    assert mum.get("intent")["name"] == "faq"
    # A bereaved parent's answer is handed to the action server, which says sorry first (tests/test_loss.py).
    assert parent.get("intent")["name"] == "nlu_fallback"
    assert parent.get("handed_on") == "faq/share_experience"
    turn = flows.not_understood_answer(
        parent.get("text"),
        {},
        parent.get("response_selector")["faq"]["ranking"],
        parent.get("intent_ranking"),
        handed_on=parent.get("handed_on"),
    )
    assert turn is not None
    assert "utter_faq/share_experience" in [m.response for m in turn.messages]
    assert organiser.get("intent")["name"] == "choose_activity"


def test_an_unplaced_session_with_people_and_minutes_goes_to_the_recommender() -> None:
    from bot.rasa_ext.answer_guard import AnswerGuard

    def parsed(text: str) -> Message:
        message = Message(data={"text": text})
        message.set("intent", {"name": "nlu_fallback", "confidence": 0.5})
        ranking = [
            {"name": "nlu_fallback", "confidence": 0.5},
            {"name": "choose_activity", "confidence": 0.3},
            {"name": "inform_activity", "confidence": 0.25},
        ]
        message.set("intent_ranking", ranking)
        return message

    session, chair = AnswerGuard.create({}, None, None, None).process(  # type: ignore[arg-type]
        [
            parsed("I've got 30 minutes at a parents' evening, maybe 20 parents, I want to hear from the quiet ones"),
            parsed("can two people share the chair role"),
        ]
    )
    assert session.get("intent")["name"] == "inform_activity"
    assert chair.get("intent")["name"] == "nlu_fallback"


def test_when_did_you_mean_would_offer_one_answer_that_answer_is_given_as_a_guess() -> None:
    intents = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "faq", "confidence": 0.45}]
    one = [{"intent_response_key": "faq/who_can_take_part", "confidence": 0.9}]
    turn = flows.not_understood_answer("im a nan, can grandparents be involved in this stuff", {}, one, intents)
    assert turn is not None
    assert [m.response for m in turn.messages] == ["utter_best_guess", "utter_faq/who_can_take_part"]
    # Two close answers stay a choice to offer.
    two = [
        {"intent_response_key": "faq/who_can_take_part", "confidence": 0.5},
        {"intent_response_key": "faq/join_mvp", "confidence": 0.45},
    ]
    assert flows.not_understood_answer("im a nan, can grandparents be involved in this stuff", {}, two, intents) is None


def test_a_guess_far_ahead_of_the_next_is_given_but_a_close_call_is_offered() -> None:
    from bot.topics import clear_guess

    intents = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "faq", "confidence": 0.45}]
    ahead = [
        {"intent_response_key": "faq/what_is_coproduction", "confidence": 0.7},
        {"intent_response_key": "faq/coproduction_terms", "confidence": 0.2},
    ]
    close = [
        {"intent_response_key": "faq/what_is_coproduction", "confidence": 0.5},
        {"intent_response_key": "faq/coproduction_terms", "confidence": 0.4},
    ]
    guess = clear_guess(intents, ahead)
    assert guess is not None
    assert guess.intent == "faq/what_is_coproduction"
    assert clear_guess(intents, close) is None


def test_a_second_how_many_reads_the_longer_part_when_it_counts_more() -> None:
    # The ladder of co-production's short part has seven rungs; Arnstein's eight are in the longer part.
    turn = flows.not_understood_answer(
        "How many rungs does Arnstein's have?", {"subject": "answer|faq/ladder_of_coproduction"}, []
    )
    assert turn is not None
    assert _responses(turn) == ["utter_more_ladder_of_coproduction"]
    # The countries are all in the CCW project's short part: it stays.
    turn = flows.not_understood_answer("which countries were involved?", {"subject": "answer|faq/ccw_project"}, [])
    assert turn is not None
    assert _responses(turn) == ["utter_faq/ccw_project"]


def test_who_wrote_it_reads_the_part_that_names_who() -> None:
    from bot.details import part_with_kind

    parts = {
        "faq/report": ("Better Births is a report. Baroness Cumberlege led the review.", "It called for care."),
        "faq/model": ("A one-page model of co-production.", "The Coalition for Collaborative Care (C4CC) made it."),
    }
    answers = {
        key: Answer(key, frozenset(), frozenset(), short_text=short, more_text=more)
        for key, (short, more) in parts.items()
    }
    assert part_with_kind("who wrote it", "faq/report", answers) == "short"
    assert part_with_kind("and who made it?", "faq/model", answers) == "more"
    assert part_with_kind("who wrote it", "faq/model", answers) == "more"
    turn = flows.not_understood_answer("who wrote it", {"subject": "answer|faq/better_births"}, [])
    assert turn is not None
    assert _responses(turn) == ["utter_faq/better_births"]


_UNSURE_INTENTS = [
    {"name": "nlu_fallback", "confidence": 0.5},
    {"name": "choose_activity", "confidence": 0.42},
    {"name": "faq", "confidence": 0.33},
]


@pytest.mark.parametrize(
    ("text", "intents", "answers", "expected"),
    [
        # The classifier could not choose; the selector is sure (0.56 against 0.06): the answer.
        (
            "We're struggling to get neonatal parents involved. Any pointers?",
            _UNSURE_INTENTS,
            [("faq/neonatal_parents", 0.56), ("faq/join_mvp", 0.06)],
            "utter_faq/neonatal_parents",
        ),
        # Its words point to the longer part: both parts.
        (
            "Which people at the trust should our MNVP have a direct link with?",
            _UNSURE_INTENTS,
            [("faq/mnvp_governance", 0.57), ("faq/mvp_members", 0.09)],
            "utter_more_mnvp_governance",
        ),
        # Not sure enough: 0.5 against 0.2 is no clear lead.
        (
            "We're struggling to get neonatal parents involved. Any pointers?",
            _UNSURE_INTENTS,
            [("faq/neonatal_parents", 0.5), ("faq/join_mvp", 0.2)],
            None,
        ),
        # Out of scope leans well below knowledge questions, and the selector is sure: the answer.
        (
            "how do i find the maternity voices thing near me",
            [
                {"name": "nlu_fallback", "confidence": 0.5},
                {"name": "faq", "confidence": 0.42},
                {"name": "out_of_scope", "confidence": 0.29},
            ],
            [("faq/find_local_mvp", 0.76), ("faq/what_is_mvp", 0.03)],
            "utter_faq/find_local_mvp",
        ),
        # The classifier leans to out of scope: never an answer.
        (
            "how do i get a council flat?",
            [
                {"name": "nlu_fallback", "confidence": 0.5},
                {"name": "out_of_scope", "confidence": 0.45},
                {"name": "faq", "confidence": 0.3},
            ],
            [("faq/join_mvp", 0.6), ("faq/paid_for_time", 0.05)],
            None,
        ),
        # A plan for a session is the recommender's, not an answer's.
        (
            "40 of us at our annual event and we want a proper discussion on induction where views are split, ideas?",
            _UNSURE_INTENTS,
            [("faq/mnvp_meetings", 0.6), ("faq/join_mvp", 0.05)],
            None,
        ),
        # A statement, not a question.
        (
            "my boss runs terrible meetings",
            _UNSURE_INTENTS,
            [("faq/mnvp_meetings", 0.6), ("faq/join_mvp", 0.05)],
            None,
        ),
    ],
)
def test_an_answer_the_selector_is_sure_of_is_given_when_the_classifier_could_not_choose(
    text: str, intents: list[dict], answers: list[tuple[str, float]], expected: str | None
) -> None:
    ranking = [{"intent_response_key": key, "confidence": confidence} for key, confidence in answers]
    turn = flows.not_understood_answer(text, {}, ranking, intents)
    sent = [m.response for m in turn.messages] if turn is not None else []
    if expected is None:
        # At most a guess said to be one ("I think this is what you are asking about").
        assert not sent or not sent[0].startswith(("utter_faq/", "utter_more_")), sent
    else:
        assert expected in sent, sent


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("whats the difference between 15 steps and walk the patch", ["faq/fifteen_steps", "faq/walk_the_patch"]),
        ("is walk the patch the same as 15 steps?", ["faq/walk_the_patch", "faq/fifteen_steps"]),
        ("what is 15 steps", []),
        # Two names, but nothing sets them side by side.
        ("we did 15 steps last year and want to do walk the patch in spring", []),
        # Two activities: the activity comparison's, not two answers.
        ("difference between fish bowl and sticky notes", []),
    ],
)
def test_two_answers_set_side_by_side(text: str, expected: list[str]) -> None:
    from bot.details import answers_compared

    assert answers_compared(text) == expected


def test_a_comparison_gets_both_answers_from_the_guard_and_the_action_server() -> None:
    from bot.rasa_ext.answer_guard import AnswerGuard

    text = "whats the difference between 15 steps and walk the patch"
    message = Message(data={"text": text})
    message.set("intent", {"name": "faq", "confidence": 0.95})
    message.set("intent_ranking", [{"name": "faq", "confidence": 0.95}])
    response = {"intent_response_key": "faq/walk_the_patch", "confidence": 0.9}
    message.set("response_selector", {"faq": {"response": response, "ranking": [response]}})
    [message] = AnswerGuard.create({}, None, None, None).process([message])  # type: ignore[arg-type]
    assert message.get("intent")["name"] == "nlu_fallback"
    assert message.get("handed_on") == "faq/fifteen_steps"
    turn = flows.not_understood_answer(text, {}, [], message.get("intent_ranking"), handed_on=message.get("handed_on"))
    assert turn is not None
    assert [m.response for m in turn.messages] == ["utter_faq/fifteen_steps", "utter_faq/walk_the_patch"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("what is an mnvp and how do i join one?", ["what is an mnvp", "how do i join one?"]),
        (
            "whats co-production? and is it the same as co-design",
            ["whats co-production", "is it the same as co-design"],
        ),
        (
            "hi, what's 15 steps? also can dads come to mnvp meetings",
            ["hi, what's 15 steps", "can dads come to mnvp meetings"],
        ),
        ("how do i find and join my local mnvp", []),
        ("what is an mnvp?", []),
        ("what? ok", []),
        # A statement and one question ask one thing.
        ("hello, my english is not so good. what is maternity voices partnership", []),
    ],
)
def test_the_questions_of_a_message_that_asks_several(text: str, expected: list[str]) -> None:
    from bot.details import question_parts

    assert question_parts(text) == expected


def test_each_question_gets_its_answer_only_when_each_is_sure() -> None:
    from bot.details import answers_for_parts

    sure = [[("faq/what_is_mvp", 0.79), ("faq/x", 0.06)], [("faq/join_mvp", 0.95), ("faq/y", 0.01)]]
    assert answers_for_parts(sure) == ["faq/what_is_mvp", "faq/join_mvp"]
    # One unsure part: no answer for it, and one answer left is not several.
    assert answers_for_parts([sure[0], [("faq/join_mvp", 0.4), ("faq/y", 0.3)]]) == []
    # The same answer twice is one.
    assert answers_for_parts([sure[0], sure[0]]) == []


def test_a_message_with_two_questions_gets_both_answers() -> None:
    from bot.rasa_ext.answer_guard import AnswerGuard

    text = "what is an mnvp and how do i join one?"
    message = Message(data={"text": text})
    message.set("intent", {"name": "faq", "confidence": 0.95})
    message.set("intent_ranking", [{"name": "faq", "confidence": 0.95}])
    response = {"intent_response_key": "faq/join_mvp", "confidence": 0.7}
    message.set("response_selector", {"faq": {"response": response, "ranking": [response]}})
    message.set("answer_parts", ["faq/what_is_mvp", "faq/join_mvp"])
    activity = Message(data={"text": "we have 10 people. what should we do? and how long?"})
    activity.set("intent", {"name": "choose_activity", "confidence": 0.9})
    activity.set("answer_parts", ["faq/what_is_mvp", "faq/join_mvp"])
    message, activity = AnswerGuard.create({}, None, None, None).process([message, activity])  # type: ignore[arg-type]
    assert message.get("intent")["name"] == "nlu_fallback"
    assert activity.get("intent")["name"] == "choose_activity"
    turn = flows.not_understood_answer(
        text, {}, [], [], handed_on=message.get("handed_on"), parts=message.get("answer_parts")
    )
    assert turn is not None
    assert [m.response for m in turn.messages] == ["utter_faq/what_is_mvp", "utter_faq/join_mvp"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("what would i actually be doing tho", True),
        ("what would i do", True),
        ("who goes on it?", True),
        ("what do we do about funding", False),  # a rare word of its own: a question of its own
        ("how do i join", False),
    ],
)
def test_what_would_i_be_doing_asks_about_what_was_just_said(text: str, expected: bool) -> None:
    from bot.details import asks_about_it

    assert asks_about_it(text) is expected


def test_what_would_i_be_doing_after_how_to_join_gets_the_rest_of_it() -> None:
    intents = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "faq", "confidence": 0.29}]
    ranking = [{"intent_response_key": "faq/mnvp_impact", "confidence": 0.2}]
    turn = flows.not_understood_answer(
        "what would i actually be doing tho", {"subject": "answer|faq/join_mvp"}, ranking, intents
    )
    assert turn is not None
    assert [m.response for m in turn.messages] == ["utter_more_join_mvp"]


@pytest.mark.parametrize(
    "text",
    [
        "ive been asked to do a q sort at the mvp thing, wat do i actually do",
        "we're doing fish bowl next week, what does it involve?",
    ],
)
def test_what_do_i_do_naming_one_activity_gets_its_steps(text: str) -> None:
    turn = flows.not_understood_answer(text, {}, [], [{"name": "nlu_fallback", "confidence": 0.5}])
    assert turn is not None
    assert [m.response for m in turn.messages] == ["utter_activity_steps"]


def test_a_question_rescued_from_the_fallback_is_still_read_for_a_detail() -> None:
    from bot.rasa_ext.answer_guard import AnswerGuard

    # The classifier fell back (knowledge 0.45), the answer is sure: it is rescued, and its detail
    # ("DBS", only in the longer part) still hands it on for that part.
    message = Message(data={"text": "Does the incoming chair need a DBS check?"})
    message.set("intent", {"name": "nlu_fallback", "confidence": 0.5})
    ranking = [
        {"name": "nlu_fallback", "confidence": 0.5},
        {"name": "faq", "confidence": 0.45},
        {"name": "clinical_question", "confidence": 0.27},
    ]
    message.set("intent_ranking", ranking)
    response = {"intent_response_key": "faq/mvp_chair", "confidence": 0.89}
    message.set("response_selector", {"faq": {"response": response, "ranking": [response]}})
    [message] = AnswerGuard.create({}, None, None, None).process([message])  # type: ignore[arg-type]
    assert message.get("intent")["name"] == "nlu_fallback"
    turn = flows.not_understood_answer(message.get("text"), {}, [response], message.get("intent_ranking"))
    assert turn is not None
    assert "utter_more_mvp_chair" in [m.response for m in turn.messages]


def test_what_is_a_catalogue_entry_is_not_a_request_for_an_activity() -> None:
    from bot.rasa_ext.answer_guard import AnswerGuard

    def unplaced(text: str) -> Message:
        message = Message(data={"text": text})
        message.set("intent", {"name": "nlu_fallback", "confidence": 0.5})
        ranking = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "choose_activity", "confidence": 0.48}]
        message.set("intent_ranking", ranking)
        return message

    entry, request = AnswerGuard.create({}, None, None, None).process(  # type: ignore[arg-type]
        [
            unplaced("What's Whose Shoes? Someone suggested it for our next workshop."),
            unplaced("we want staff to walk in each other's shoes at our next workshop, 12 people"),
        ]
    )
    assert entry.get("intent")["name"] == "nlu_fallback"
    assert request.get("intent")["name"] == "inform_activity"


def test_a_buttons_own_question_gets_its_answer_as_written() -> None:
    from bot.rasa_ext.answer_guard import AnswerGuard

    message = Message(data={"text": "Does the MNVP include neonatal families?"})
    message.set("intent", {"name": "faq", "confidence": 0.93})
    message.set("intent_ranking", [{"name": "faq", "confidence": 0.93}])
    response = {"intent_response_key": "faq/neonatal_parents", "confidence": 0.93}
    message.set("response_selector", {"faq": {"response": response, "ranking": [response]}})
    [message] = AnswerGuard.create({}, None, None, None).process([message])  # type: ignore[arg-type]
    assert message.get("intent")["name"] == "faq"


@pytest.mark.parametrize(
    ("text", "key", "routed"),
    [
        (
            "What wording should our MNVP leaflet use when it mentions the 111 mental health option?",
            "crisis_lines",
            False,
        ),
        ("We're making a poster on the signs of postpartum psychosis for partners", "postpartum_psychosis", False),
        ("is the 111 mental health thing press 2? my friend said it is", "crisis_lines", True),
        ("what is postpartum psychosis? read about it on a forum and got scared", "postpartum_psychosis", True),
    ],
)
def test_the_crisis_lines_as_an_answer_are_for_a_parent_not_for_an_mnvps_work(
    text: str, key: str, routed: bool
) -> None:
    from bot.rasa_ext.answer_guard import AnswerGuard

    message = Message(data={"text": text})
    message.set("intent", {"name": "faq", "confidence": 0.9})
    message.set("intent_ranking", [{"name": "faq", "confidence": 0.9}])
    response = {"intent_response_key": f"faq/{key}", "confidence": 0.8}
    message.set("response_selector", {"faq": {"response": response, "ranking": [response]}})
    [message] = AnswerGuard.create({}, None, None, None).process([message])  # type: ignore[arg-type]
    assert (message.get("intent")["name"] == "faq") is routed
    if not routed:
        turn = flows.not_understood_answer(text, {}, [response], message.get("intent_ranking"))
        assert turn is None or f"utter_faq/{key}" not in [m.response for m in turn.messages]


def test_an_unsure_crisis_answer_for_an_mnvps_work_is_not_pulled_back_by_the_safety_guard() -> None:
    from bot.rasa_ext.answer_guard import AnswerGuard
    from bot.rasa_ext.safety_guard import SafetyGuard

    text = "Our MNVP is running a survey on mental health in pregnancy. Any tips for co-designing the questions?"
    message = Message(data={"text": text})
    message.set("intent", {"name": "faq", "confidence": 0.6})
    message.set(
        "intent_ranking", [{"name": "faq", "confidence": 0.6}, {"name": "clinical_question", "confidence": 0.09}]
    )
    response = {"intent_response_key": "faq/crisis_lines", "confidence": 0.13}
    message.set("response_selector", {"faq": {"response": response, "ranking": [response]}})
    [message] = AnswerGuard.create({}, None, None, None).process([message])  # type: ignore[arg-type]
    [message] = SafetyGuard().process([message])
    assert message.get("intent")["name"] == "nlu_fallback"


def test_what_a_named_thing_is_the_classifier_made_out_of_scope_is_handed_to_its_answer() -> None:
    from bot.rasa_ext.answer_guard import HANDED_ON_KEY, AnswerGuard

    def out_of_scope(text: str) -> Message:
        message = Message(data={"text": text})
        message.set("intent", {"name": "out_of_scope", "confidence": 0.6})
        message.set("intent_ranking", [{"name": "out_of_scope", "confidence": 0.6}])
        return message

    named, other = AnswerGuard.create({}, None, None, None).process(  # type: ignore[arg-type]
        [
            out_of_scope("my mate is doing '15 steps' at the hospital next week wots that"),
            out_of_scope("whats the weather"),
        ]
    )
    assert named.get("intent")["name"] == "nlu_fallback"
    assert named.get(HANDED_ON_KEY) == "faq/fifteen_steps"
    assert other.get("intent")["name"] == "out_of_scope"


def test_what_a_named_activity_is_beats_an_answer_its_other_words_are_close_to() -> None:
    from bot.rasa_ext.answer_guard import HANDED_ON_KEY, AnswerGuard

    text = "im a volunteer mum n someone said we r doing a 'Q sort' next week, wot is it"
    message = Message(data={"text": text})
    message.set("intent", {"name": "faq", "confidence": 0.9})
    message.set("intent_ranking", [{"name": "faq", "confidence": 0.9}])
    wrong = {"intent_response_key": "faq/paid_for_time", "confidence": 0.6}
    message.set("response_selector", {"faq": {"response": wrong, "ranking": [wrong]}})
    [guarded] = AnswerGuard.create({}, None, None, None).process([message])  # type: ignore[arg-type]
    assert guarded.get("intent")["name"] == "nlu_fallback"
    assert guarded.get(HANDED_ON_KEY) == "faq/activity_q_sort"


def test_whether_a_named_thing_still_exists_is_handed_to_the_answer_about_it() -> None:
    from bot.rasa_ext.answer_guard import HANDED_ON_KEY, AnswerGuard

    message = Message(data={"text": "is healthwatch still a thing? wanted to send them feedback about my care"})
    message.set("intent", {"name": "faq", "confidence": 0.9})
    message.set("intent_ranking", [{"name": "faq", "confidence": 0.9}])
    feedback = {"intent_response_key": "faq/give_feedback", "confidence": 0.7}
    message.set("response_selector", {"faq": {"response": feedback, "ranking": [feedback]}})
    [guarded] = AnswerGuard.create({}, None, None, None).process([message])  # type: ignore[arg-type]
    assert guarded.get(HANDED_ON_KEY) == "faq/what_is_healthwatch"
