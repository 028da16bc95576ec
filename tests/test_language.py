"""Telling English from other languages and gibberish."""

from __future__ import annotations

import pytest

from bot.text.language import known_share, looks_english
from tests.conftest import ROOT, load_yaml


@pytest.mark.parametrize(
    "text",
    [
        "¿Dónde puedo encontrar información sobre el embarazo?",
        "Beth yw partneriaeth lleisiau mamolaeth?",
        "Gdzie mogę znaleźć informacje o ciąży",
        "Je suis enceinte et j'ai besoin d'aide",
        "mein Baby bewegt sich nicht mehr",
        "asdkjh qwpoe zzxv",
        "我的宝宝不动了怎么办",
        "طفلي لا يتحرك",
        "ลูกไม่ดิ้นเลย",
        "<script>alert('hi')</script>",
        "<img src=x onerror=alert(1)>",
        "<style>body { color: red }</style><br/>",
        "",
        "   ",
        "🙂🙂🙂",
        "👍👍",
        "???",
    ],
)
def test_other_languages_gibberish_and_wordless_messages_do_not_look_english(text: str) -> None:
    assert not looks_english(text)


@pytest.mark.parametrize(
    "text",
    [
        "wat is mnvp",
        "<b>what is an mnvp</b>",
        "how does pecha kucha work",
        "is 3 < 4 and 5 > 2 true",
        "u ok hun pls",
        "co-production " * 500,
        "mvp?",
        "hiya",
    ],
)
def test_english_short_and_odd_messages_are_left_to_the_classifier(text: str) -> None:
    assert looks_english(text)


def test_short_messages_are_not_judged() -> None:
    assert known_share("hola amigo") is None


def test_held_out_english_messages_are_not_mistaken_for_another_language() -> None:
    # Messages the vocabulary was not built from: the story tests and the ordinary safety set.
    messages = list(load_yaml(ROOT / "tests" / "data" / "safety_ordinary.yml")["ordinary"])
    for path in sorted((ROOT / "tests" / "stories").glob("*.yml")):
        for story in load_yaml(path)["stories"]:
            messages += [s["user"] for s in story["steps"] if "user" in s and s.get("intent") != "nlu_fallback"]
    assert len(messages) > 100
    assert [m for m in messages if not looks_english(m)] == []


def test_a_long_first_person_message_about_care_is_a_story() -> None:
    from bot.text.language import is_experience_story

    story = (
        "I had my son at our local hospital last year. The midwives on the labour ward were kind, but after the "
        "birth I was moved to the postnatal ward and nobody explained anything to me. My partner had to leave at "
        "night and I felt very alone. I wish someone had told us what to expect."
    )
    assert is_experience_story(story)
    # Short, or not about the writer's own care, or a list of questions: not a story.
    assert not is_experience_story("I had my baby last week and the midwives were lovely.")
    staff_question = (
        "Could you tell me which co-production activities work well for a workshop on continuity of carer with "
        "commissioners, obstetricians, midwives and families? The session lasts two hours and will be online, and "
        "we would like something that keeps everyone engaged and gives each person an equal voice in the room."
    )
    assert not is_experience_story(staff_question)
    planning = (
        "I'm a midwife at our trust and we want to run a session with families about our postnatal ward and the "
        "care on it. Which activity should I use? We think about 12 people will come, for an hour, in person at "
        "the hospital, and my manager says we can use the big room on the ward."
    )
    assert not is_experience_story(planning)


def test_too_long_counts_characters_without_the_spaces_around() -> None:
    from bot.text.language import MAX_MESSAGE_CHARS, is_too_long

    assert not is_too_long("a" * MAX_MESSAGE_CHARS)
    assert not is_too_long("  " + "a" * MAX_MESSAGE_CHARS + "\n")
    assert is_too_long("a" * (MAX_MESSAGE_CHARS + 1))


@pytest.mark.parametrize(
    "text",
    [
        "okay so my wife and I had our baby at Leeds General in March and the midwives were incredible honestly "
        "but the food was disgusting and nobody told us about the parking permit so where do we send all of this",
        "my partner had an emergency c section and i felt completely ignored the whole time, like i wasnt even "
        "there. do these voices groups care about dads/partners experiences too",
        "im a dad and honestly nobody spoke to me the whole time we were in hospital. does anyone care what dads think",
        "hello my english is not so good, i am from poland, i want tell hospital about my birth experience, is there "
        "way for people like me",
    ],
)
def test_a_shorter_story_that_asks_where_to_tell_it_is_a_story(text: str) -> None:
    from bot.text.language import is_experience_story

    assert is_experience_story(text)


@pytest.mark.parametrize(
    "text",
    [
        "how do i give feedback about my birth",
        "we want to collect ideas from parents about the ward, how do we run a session with 10 of us",
        "our baby died at 38 weeks last year. can i still be part of the mvp? i want to help other families",
    ],
)
def test_a_question_without_a_story_or_without_asking_where_to_tell_is_not(text: str) -> None:
    from bot.text.language import is_experience_story

    assert not is_experience_story(text)
