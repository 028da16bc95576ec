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


def test_too_long_counts_characters_without_the_spaces_around() -> None:
    from bot.text.language import MAX_MESSAGE_CHARS, is_too_long

    assert not is_too_long("a" * MAX_MESSAGE_CHARS)
    assert not is_too_long("  " + "a" * MAX_MESSAGE_CHARS + "\n")
    assert is_too_long("a" * (MAX_MESSAGE_CHARS + 1))
