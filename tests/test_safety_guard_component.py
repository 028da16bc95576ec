"""The safety guard as a Rasa NLU component: it overrides the classifier for urgent messages."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.rasa_ext.safety_guard import SafetyGuard, urgent_intent
from bot.safety import CATEGORIES


def _message(text: str, intent: str = "nlu_fallback", confidence: float = 0.4) -> Message:
    message = Message(data={"text": text})
    message.set("intent", {"name": intent, "confidence": confidence}, add_to_output=True)
    message.set("intent_ranking", [{"name": intent, "confidence": confidence}], add_to_output=True)
    return message


def test_urgent_message_overrides_an_unsure_classifier() -> None:
    [message] = SafetyGuard().process([_message("im bleeding heavily and theres clots")])
    assert message.get("intent") == {"name": "urgent_emergency", "confidence": 1.0}
    assert message.get("intent_ranking")[0]["name"] == "urgent_emergency"
    assert message.get("safety_guard") == "emergency"
    assert "intent" in message.output_properties


def test_urgent_message_overrides_a_confident_wrong_classifier() -> None:
    [message] = SafetyGuard().process([_message("baby hasnt moved since this morning", "faq", 0.97)])
    assert message.get("intent")["name"] == "urgent_baby_movements"


def test_ordinary_message_keeps_its_intent() -> None:
    [message] = SafetyGuard().process([_message("what is a fish bowl activity", "faq", 0.9)])
    assert message.get("intent") == {"name": "faq", "confidence": 0.9}
    assert message.get("safety_guard") is None


@pytest.mark.parametrize("text", ["", "   ", "🙂🙂", "<script>alert(1)</script>", "a" * 20000])
def test_odd_input_passes_through(text: str) -> None:
    [message] = SafetyGuard().process([_message(text)])
    assert message.get("intent")["name"] == "nlu_fallback"


def test_message_without_text_passes_through() -> None:
    message = Message(data={})
    assert SafetyGuard().process([message]) == [message]


def test_every_category_has_an_intent_in_the_domain(root) -> None:
    import yaml

    domain = yaml.safe_load((root / "domain.yml").read_text(encoding="utf-8"))
    for category in CATEGORIES:
        assert urgent_intent(category) in domain["intents"]
        assert f"utter_{urgent_intent(category)}" in domain["responses"]


def test_language_guard_marks_other_languages_as_not_understood() -> None:
    from bot.rasa_ext.language_guard import LanguageGuard

    [message] = LanguageGuard().process([_message("¿Dónde puedo encontrar información sobre el embarazo?", "faq", 1.0)])
    assert message.get("intent") == {"name": "nlu_fallback", "confidence": 1.0}
    assert message.get("intent_ranking") == [{"name": "nlu_fallback", "confidence": 1.0}]


def test_language_guard_leaves_english_alone() -> None:
    from bot.rasa_ext.language_guard import LanguageGuard

    [message] = LanguageGuard().process([_message("whats the difference between mvp and mnvp", "faq", 0.9)])
    assert message.get("intent") == {"name": "faq", "confidence": 0.9}


def test_urgent_message_with_typos_wins_over_the_language_guard() -> None:
    from bot.rasa_ext.language_guard import LanguageGuard

    messages = LanguageGuard().process([_message("bby not movin since yday")])
    assert messages[0].get("intent")["name"] == "nlu_fallback"
    [message] = SafetyGuard().process(messages)
    assert message.get("intent")["name"] == "urgent_baby_movements"


def _faq_message(text: str, answer: str, confidence: float) -> Message:
    message = _message(text, "faq", 1.0)
    message.set(
        "response_selector",
        {"faq": {"response": {"intent_response_key": answer, "confidence": confidence}, "ranking": []}},
        add_to_output=True,
    )
    return message


def test_answer_guard_turns_an_unsure_answer_into_did_you_mean() -> None:
    from bot.rasa_ext.answer_guard import AnswerGuard

    [message] = AnswerGuard().process([_faq_message("chair thing mvp pay??", "faq/mvp_funding", 0.3)])
    assert message.get("intent") == {"name": "nlu_fallback", "confidence": 0.3}
    assert [r["name"] for r in message.get("intent_ranking")] == ["nlu_fallback", "faq"]


def test_answer_guard_keeps_a_sure_answer() -> None:
    from bot.rasa_ext.answer_guard import AnswerGuard

    [message] = AnswerGuard().process([_faq_message("what is an mnvp", "faq/what_is_mvp", 0.9)])
    assert message.get("intent") == {"name": "faq", "confidence": 1.0}


def test_answer_guard_weighs_the_answer_against_the_next_one() -> None:
    from bot.rasa_ext.answer_guard import AnswerGuard

    def ranked(top: float, runner_up: float) -> Message:
        # Not a bare "what is X", which gets the answer its title asks (bot.topics.answer_titled).
        message = _faq_message("tell me about the lmns", "faq/what_is_lmns", top)
        ranking = [
            {"intent_response_key": "faq/what_is_lmns", "confidence": top},
            {"intent_response_key": "faq/what_is_icb", "confidence": runner_up},
        ]
        message.get("response_selector")["faq"]["ranking"] = ranking
        return message

    # A clear favourite is answered though its share is under a half; two close ones are offered.
    [clear, close] = AnswerGuard().process([ranked(0.45, 0.05), ranked(0.55, 0.3)])
    assert clear.get("intent")["name"] == "faq"
    assert close.get("intent")["name"] == "nlu_fallback"


def _fallen_back(text: str, ranking: list[tuple[str, float]], answer_confidence: float) -> Message:
    message = _faq_message(text, "faq/join_mvp", answer_confidence)
    intents = [{"name": name, "confidence": c} for name, c in ranking]
    message.set("intent", {"name": "nlu_fallback", "confidence": 0.5}, add_to_output=True)
    message.set("intent_ranking", [{"name": "nlu_fallback", "confidence": 0.5}, *intents], add_to_output=True)
    return message


def test_answer_guard_answers_a_clear_knowledge_question_the_classifier_was_just_unsure_of() -> None:
    from bot.rasa_ext.answer_guard import AnswerGuard

    # "ok how do i join then": faq 0.5, just under the fallback threshold; the answer is sure.
    [rescued] = AnswerGuard().process(
        [_fallen_back("ok how do i join then", [("faq", 0.5), ("out_of_scope", 0.19)], 0.93)]
    )
    assert rescued.get("intent") == {"name": "faq", "confidence": 0.5}
    assert rescued.get("intent_ranking")[0]["name"] == "faq"
    # Close to another intent, or an unsure answer: still "did you mean".
    [close] = AnswerGuard().process([_fallen_back("list some", [("faq", 0.5), ("search_resources", 0.45)], 0.93)])
    assert close.get("intent")["name"] == "nlu_fallback"
    [unsure] = AnswerGuard().process([_fallen_back("join?", [("faq", 0.6), ("out_of_scope", 0.1)], 0.5)])
    assert unsure.get("intent")["name"] == "nlu_fallback"


def test_urgent_message_with_an_unsure_answer_still_gets_the_urgent_route() -> None:
    from bot.rasa_ext.answer_guard import AnswerGuard

    messages = AnswerGuard().process([_faq_message("baby not moving at all today", "faq/what_is_mvp", 0.2)])
    [message] = SafetyGuard().process(messages)
    assert message.get("intent")["name"] == "urgent_baby_movements"


def test_the_guard_records_the_situation_and_who_it_is_about() -> None:
    [message] = SafetyGuard().process([_message("my wife is bleeding heavily, 30 weeks")])
    assert message.get("safety") == {
        "category": "emergency",
        "situation": "bleeding",
        "about": "other",
        "rule": message.get("safety")["rule"],
    }
    assert "safety" in message.output_properties


def test_low_mood_gets_its_own_intent_whatever_the_classifier_said() -> None:
    [message] = SafetyGuard().process([_message("been crying every day since the birth", "clinical_question", 0.9)])
    assert message.get("intent") == {"name": "low_mood", "confidence": 1.0}
    assert message.get("safety") == {"category": "low_mood", "about": "self"}


def test_a_crisis_is_urgent_not_low_mood() -> None:
    [message] = SafetyGuard().process([_message("since the birth i feel so low i want to die")])
    assert message.get("intent")["name"] == "urgent_mental_health"


@pytest.mark.parametrize(
    "text",
    [
        "I'm breastfeeding, is it OK to feed at meetings?",
        "my baby was in nicu, can i join the mnvp?",
        "do i need to be pregnant to be an mnvp member",
    ],
)
def test_a_question_about_taking_part_is_not_refused_as_clinical(text: str) -> None:
    message = _message(text, "clinical_question", 0.6)
    message.set(
        "intent_ranking",
        [{"name": "clinical_question", "confidence": 0.6}, {"name": "faq", "confidence": 0.3}],
        add_to_output=True,
    )
    [message] = SafetyGuard().process([message])
    assert message.get("intent") == {"name": "faq", "confidence": 0.3}


def test_a_clinical_question_that_is_not_about_taking_part_stays_clinical() -> None:
    message = _message("can i take paracetamol while breastfeeding", "clinical_question", 0.9)
    message.set(
        "intent_ranking",
        [{"name": "clinical_question", "confidence": 0.9}, {"name": "faq", "confidence": 0.05}],
        add_to_output=True,
    )
    [message] = SafetyGuard().process([message])
    assert message.get("intent")["name"] == "clinical_question"


def test_the_text_normaliser_folds_disguised_text_first() -> None:
    from bot.rasa_ext.text_normaliser import TextNormaliser

    [message] = TextNormaliser().process([Message(data={"text": "my baby hasn\u200bt m\u043eved all day"})])
    assert message.get("text") == "my baby hasnt moved all day"
    [plain] = TextNormaliser().process([Message(data={"text": "What is an MNVP?"})])
    assert plain.get("text") == "What is an MNVP?"


def test_a_taking_part_question_torn_between_the_refusal_and_an_answer_gets_the_answer() -> None:
    message = _message("my baby was in nicu can i get involved", "nlu_fallback", 0.5)
    ranking = [
        {"name": "nlu_fallback", "confidence": 0.5},
        {"name": "clinical_question", "confidence": 0.47},
        {"name": "faq", "confidence": 0.23},
    ]
    message.set("intent_ranking", ranking, add_to_output=True)
    [message] = SafetyGuard().process([message])
    assert message.get("intent") == {"name": "faq", "confidence": 0.23}


def test_a_vague_message_that_mentions_meetings_keeps_its_did_you_mean() -> None:
    message = _message("meeting", "nlu_fallback", 0.4)
    ranking = [{"name": "nlu_fallback", "confidence": 0.4}, {"name": "faq", "confidence": 0.35}]
    message.set("intent_ranking", [*ranking, {"name": "help", "confidence": 0.3}], add_to_output=True)
    [message] = SafetyGuard().process([message])
    assert message.get("intent")["name"] == "nlu_fallback"


def test_a_long_message_is_cut_for_the_classifier_but_the_safety_guard_reads_all_of_it() -> None:
    # The later NLU steps take time for every token on the server's event loop, so they read at
    # most NLU_TEXT_LIMIT characters; an urgent line at the very end must still be routed.
    from bot.rasa_ext.text_normaliser import FULL_TEXT, NLU_TEXT_LIMIT, TextNormaliser

    text = "I have a question about the MNVP meeting next week. " * 400 + "I'm bleeding heavily right now"
    [message] = TextNormaliser().process([_message(text)])
    assert len(message.get("text")) == NLU_TEXT_LIMIT
    assert message.get(FULL_TEXT).endswith("I'm bleeding heavily right now")
    assert FULL_TEXT not in message.as_dict(only_output_properties=True)
    [message] = SafetyGuard().process([message])
    assert message.get("intent")["name"] == "urgent_emergency"
    [short] = TextNormaliser().process([_message("what is an mnvp")])
    assert short.get(FULL_TEXT) is None


def test_the_language_guard_reads_the_whole_message_for_its_length_and_story() -> None:
    # The text the classifier sees is cut to NLU_TEXT_LIMIT; "too long" must count every character.
    from bot.rasa_ext.language_guard import STORY_INTENT, TOO_LONG_INTENT, LanguageGuard
    from bot.rasa_ext.text_normaliser import TextNormaliser

    long_question = "I would like to know about co-production in our area and how to get involved. " * 70
    [message] = LanguageGuard().process(TextNormaliser().process([_message(long_question, "faq", 0.9)]))
    assert message.get("intent") == {"name": TOO_LONG_INTENT, "confidence": 1.0}
    story = (
        "I had my son at our local hospital last year. The midwives on the labour ward were kind, but after the "
        "birth I was moved to the postnatal ward and nobody explained anything to me. My partner had to leave at "
        "night and I felt very alone. I wish someone had told us what to expect, and I want it to change."
    )
    [told] = LanguageGuard().process(TextNormaliser().process([_message(story, "faq", 0.6)]))
    assert told.get("intent") == {"name": STORY_INTENT, "confidence": 1.0}
    # The safety guard comes after it: an urgent story still gets urgent help.
    [urgent] = SafetyGuard().process(
        LanguageGuard().process([_message(story + " I am bleeding heavily right now.", "faq", 0.6)])
    )
    assert urgent.get("intent")["name"].startswith("urgent_")


@pytest.mark.parametrize(
    "text",
    [
        "my bp was 140/90 at my check today, is that high?? midwife didnt say much",
        "what's the loading dose of magnesium sulphate for fetal neuroprotection?",
        "can i take ibuprofen for the pain after my section",
    ],
)
def test_a_medical_question_the_classifier_could_not_place_gets_the_refusal(text: str) -> None:
    message = _message(text, "nlu_fallback", 0.5)
    ranking = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "out_of_scope", "confidence": 0.44}]
    message.set("intent_ranking", ranking, add_to_output=True)
    [message] = SafetyGuard().process([message])
    assert message.get("intent")["name"] == "clinical_question"


def test_a_message_the_classifier_leans_to_call_clinical_gets_the_refusal_not_did_you_mean() -> None:
    message = _message("is it ok to go in the hot tub at 20 weeks", "nlu_fallback", 0.5)
    ranking = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "clinical_question", "confidence": 0.4}]
    message.set("intent_ranking", ranking, add_to_output=True)
    [message] = SafetyGuard().process([message])
    assert message.get("intent")["name"] == "clinical_question"


@pytest.mark.parametrize("text", ["we want to improve the induction experience", "hmm not sure", "can i bring my baby"])
def test_an_unplaced_message_without_a_medical_matter_keeps_its_did_you_mean(text: str) -> None:
    message = _message(text, "nlu_fallback", 0.5)
    ranking = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "faq", "confidence": 0.3}]
    message.set("intent_ranking", ranking, add_to_output=True)
    [message] = SafetyGuard().process([message])
    assert message.get("intent")["name"] == "nlu_fallback"


def test_a_question_naming_an_activity_is_not_refused_as_medical_on_a_lean() -> None:
    message = _message("how many statements should a Q sort have", "nlu_fallback", 0.5)
    ranking = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "clinical_question", "confidence": 0.45}]
    message.set("intent_ranking", ranking, add_to_output=True)
    [message] = SafetyGuard().process([message])
    assert message.get("intent")["name"] == "nlu_fallback"


@pytest.mark.parametrize(
    "text",
    [
        "how many kicks should i be feeling a day at 30 weeks, my app says 10",
        "im 22 wks and havent felt baby move at all yet is that bad??",
        "can i just use my home doppler to check baby instead of ringing the hospital",
        # The myths the advice answers.
        "my sister said drinking ice cold water makes the baby kick so u can check hes ok, is that right",
        "and is it true they move less near the end cos theres no room",
        "my sister said drink ice cold coke to wake the baby up if shes quiet, is that right",
        "22 wks and i dont think ive felt him move yet, is that bad? when r u supposed to feel them",
        "so what am i meant to do if she goes quiet then",
        "first pregnancy, 18 wks and not felt anything yet. when do u normally start feeling the baby",
        "y do the midwives always go on about movements",
    ],
)
def test_a_question_about_movements_gets_the_public_advice_not_a_refusal(text: str) -> None:
    [message] = SafetyGuard().process([_message(text, "nlu_fallback", 0.5)])
    assert message.get("intent")["name"] == "movements_info"


def test_a_change_in_movements_is_still_urgent() -> None:
    [message] = SafetyGuard().process([_message("how many kicks is normal, baby hasnt moved since this morning")])
    assert message.get("intent")["name"] == "urgent_baby_movements"
    [myth] = SafetyGuard().process([_message("the baby hasnt moved since yesterday, ive tried cold water and nothing")])
    assert myth.get("intent")["name"] == "urgent_baby_movements"


def test_cold_water_without_the_baby_moving_is_not_about_movements() -> None:
    [message] = SafetyGuard().process([_message("is cold water swimming ok in pregnancy", "clinical_question", 0.9)])
    assert message.get("intent")["name"] != "movements_info"


def test_a_question_the_answer_guard_handed_on_is_not_pulled_back_to_an_answer() -> None:
    # "Who in the trust should I connect our MNVP with?" is about taking part, and the refusal is
    # second in the ranking at 0.03; handed on to the action server for the longer part, it stays so.
    def handed_on(hand_on: bool) -> Message:
        message = _message("As a head of midwifery, who in the trust should I be connecting our MNVP with?")
        ranking = [
            {"name": "nlu_fallback", "confidence": 0.78},
            {"name": "faq", "confidence": 0.89},
            {"name": "clinical_question", "confidence": 0.03},
        ]
        message.set("intent", {"name": "nlu_fallback", "confidence": 0.78}, add_to_output=True)
        message.set("intent_ranking", ranking, add_to_output=True)
        if hand_on:
            message.set("handed_on", "faq/mnvp_governance", add_to_output=True)
        return message

    [kept, pulled] = SafetyGuard().process([handed_on(True), handed_on(False)])
    assert kept.get("intent")["name"] == "nlu_fallback"
    assert pulled.get("intent")["name"] == "faq"  # without the hand-on, the torn rule still applies


def test_answer_guard_gives_a_session_plan_with_an_unsure_answer_to_the_recommender() -> None:
    from bot.rasa_ext.answer_guard import AnswerGuard

    plan = "Regional conference, around 100 delegates. We want an interactive discussion rather than another panel."
    [planned, question] = AnswerGuard().process(
        [
            _faq_message(plan, "faq/hearing_all_voices", 0.09),
            _faq_message("chair thing mvp pay??", "faq/mvp_funding", 0.3),
        ]
    )
    assert planned.get("intent") == {"name": "inform_activity", "confidence": 1.0}
    assert question.get("intent")["name"] == "nlu_fallback"


def test_a_bare_what_is_question_gets_the_answer_its_title_asks_however_close_the_next() -> None:
    from bot.rasa_ext.answer_guard import AnswerGuard

    def ranked(top_key: str) -> Message:
        message = _faq_message("what does lmns stand for", top_key, 0.4)
        message.get("response_selector")["faq"]["ranking"] = [
            {"intent_response_key": top_key, "confidence": 0.4},
            {"intent_response_key": "faq/what_is_icb", "confidence": 0.35},
        ]
        return message

    [chosen, other] = AnswerGuard().process([ranked("faq/what_is_lmns"), ranked("faq/mnvp_governance")])
    assert chosen.get("intent")["name"] == "faq"
    # The selector chose another answer: handed to the action server with the titled one.
    assert other.get("intent")["name"] == "nlu_fallback"
    assert other.get("handed_on") == "faq/what_is_lmns"
