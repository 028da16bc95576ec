"""Questions about one MNVP's own contacts, people or dates (bot/text/local.py): the assistant
cannot know them, so it says so instead of giving a general answer that looks like a reply."""

from __future__ import annotations

import pytest

from bot.text import asks_local_detail, expand_txtspeak


@pytest.mark.parametrize(
    "message",
    [
        "What's the phone number for the maternity voices partnership at Royal Stoke?",
        "who is the chair of the sheffield mvp",
        "wen is the next mvp coffee morning in hull x",
        "when do they meet next",
        "whats their email",
        "what time do they meet",
        "have you got a contact number for leeds mvp",
        "who's the lead for the bradford mnvp",
        "what's the address of the Leeds MVP?",
    ],
)
def test_a_question_about_one_mnvps_own_details_is_recognised(message: str) -> None:
    assert asks_local_detail(expand_txtspeak(message))


@pytest.mark.parametrize(
    "message",
    [
        "who chairs an MNVP",
        "who leads an mnvp",
        "how often do mnvps meet",
        "can meetings be online",
        "what is an mnvp",
        "when was the mnvp guidance published",
        "what is the number one thing families ask for",
        "how do i contact my local mnvp",
        "what happens at an mvp meeting",
        "what number do i ring in an emergency",
        "is there a number I can ring if i'm worried",
    ],
)
def test_general_questions_are_left_to_the_classifier(message: str) -> None:
    assert not asks_local_detail(expand_txtspeak(message))


def test_the_language_guard_marks_it_and_the_safety_guard_still_comes_first() -> None:
    from rasa.shared.nlu.training_data.message import Message

    from bot.rasa_ext.language_guard import LOCAL_DETAILS_INTENT, LanguageGuard
    from bot.rasa_ext.safety_guard import SafetyGuard
    from bot.rasa_ext.text_normaliser import TextNormaliser

    def message(text: str) -> Message:
        return Message(data={"text": text, "intent": {"name": "faq", "confidence": 0.8}})

    [asked] = LanguageGuard().process(TextNormaliser().process([message("who is the chair of the sheffield mvp")]))
    assert asked.get("intent") == {"name": LOCAL_DETAILS_INTENT, "confidence": 1.0}
    [urgent] = SafetyGuard().process(
        LanguageGuard().process(
            TextNormaliser().process([message("whats the number for the maternity unit, im bleeding heavily")])
        )
    )
    assert urgent.get("intent")["name"].startswith("urgent_")


@pytest.mark.parametrize(
    "message",
    [
        "How much is the MNVP lead in Kent paid per hour?",
        "What was the cash value of the block grant NHS England gave National Maternity Voices?",
        "whats kernow mnvps annual budget",
        "how many mnvps are there in england altogether",
        "Who is currently NHS England's maternity Service User Voice policy manager?",
        "What were the titles of the 2019 webinars?",
        "what score did our trust get on the gap analysis tool",
        "how many people went to the mnvp coffee morning in stoke last month",
        "What percentage of trusts met the MNVP part of CNST Safety Action 7 last year?",
        "how much funding does the kent mnvp get a year",
        "what is the budget of nhs england for mnvps",
        "how many members does the birmingham mnvp have",
        "what did the last cqc report say about my hospital",
        "what are the opening hours of the birth centre at kings",
        "What's the submission deadline for this year's CNST maternity incentive scheme?",
        "How many trusts in the South East have completed the co-production gap analysis?",
        "is there an urdu version of the mnvp survey",
    ],
)
def test_a_figure_or_name_the_facts_never_hold_gets_i_dont_know(message: str) -> None:
    assert asks_local_detail(message)


@pytest.mark.parametrize(
    "message",
    [
        "how many babies go to a neonatal unit",
        "how many rungs does the ladder have",
        "what are the names of the seven activities",
        "how are mnvps funded",
        "do members get paid",
        "how many people are in an mnvp",
        "what percentage of black women die in childbirth",
        "how much funding should an mnvp get",
        "how many members does an mnvp have",
        "how many people do we need",
        "how many people can do it",
        "what should our mnvp budget cover",
    ],
)
def test_figures_the_facts_hold_are_left_to_the_classifier(message: str) -> None:
    assert not asks_local_detail(message)


@pytest.mark.parametrize(
    ("message", "place"),
    [
        ("im in gloucestershire if that helps", "gloucestershire"),
        ("I live in York btw", "York"),
        ("we're near Leeds", "Leeds"),
        ("ok im in st helens", "st helens"),
    ],
)
def test_a_place_someone_says_they_are_in_is_read(message: str, place: str) -> None:
    from bot.text import place_named

    assert place_named(message) == place


@pytest.mark.parametrize(
    "message",
    ["im in labour", "i'm in so much pain", "im in hospital", "Im in the NICU with my baby", "im in two minds"],
)
def test_a_state_or_a_room_is_not_a_place(message: str) -> None:
    from bot.text import place_named

    assert place_named(message) is None
