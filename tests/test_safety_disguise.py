"""Disguised urgent messages are routed as plainly written ones (bot/text/fold.py in the safety guard).

Every urgent message of every test set is disguised the ways text arrives from web pages,
keyboards and people: a zero-width space, a soft hyphen, a bidi mark, a Cyrillic look-alike, a
capital I or a 1 for an l, a 0 for an o, letter spacing, full-width letters. The key words (the
ones the guard matched) carry the disguise. Each must still get its route; ordinary messages
disguised the same way must still get none.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.safety import assess, normalise
from tests.conftest import ROOT, load_yaml

DATA = ROOT / "tests" / "data"


def _urgent_messages() -> list[str]:
    texts = [case["text"] for case in load_yaml(DATA / "safety_urgent.yml")["urgent"]]
    texts += [case["text"] for case in load_yaml(DATA / "safety_blind.yml")["urgent"]]
    for block in load_yaml(DATA / "safety_urgent_more.yml")["nlu"]:
        texts += [line.strip()[2:].strip() for line in block["examples"].splitlines() if line.strip()]
    return texts


URGENT = _urgent_messages()


# What the assistant does: the first NLU step folds with the English vocabulary
# (bot/rasa_ext/text_normaliser.py), then the guard assesses.
def routed(text: str):
    from bot.safety.lexicon import unfold_message as unfold

    return assess(unfold(text))


ORDINARY = load_yaml(DATA / "safety_ordinary.yml")["ordinary"] + [
    case["text"] for case in load_yaml(DATA / "safety_blind.yml")["ordinary"]
]
_CYRILLIC = {"a": "\u0430", "e": "\u0435", "o": "\u043e", "p": "\u0440", "c": "\u0441", "y": "\u0443", "x": "\u0445"}


def _middle(word: str, mark: str) -> str:
    half = len(word) // 2
    return word[:half] + mark + word[half:]


def _swap(word: str, old: str, new: str) -> str:
    # Not the first letter: "I" for a first "l" would read as the word "I".
    index = word.find(old, 1)
    return word if index < 0 else word[:index] + new + word[index + 1 :]


def _cyrillic(word: str) -> str:
    return "".join(_CYRILLIC.get(ch, ch) for ch in word)


DISGUISES: dict[str, Callable[[str], str]] = {
    "zero-width space": lambda w: _middle(w, "\u200b"),
    "soft hyphen": lambda w: _middle(w, "\u00ad"),
    "bidi mark": lambda w: _middle(w, "\u200e"),
    "Cyrillic look-alikes": _cyrillic,
    "capital I for l": lambda w: _swap(w, "l", "I"),
    "1 for l": lambda w: _swap(w, "l", "1"),
    "0 for o": lambda w: _swap(w, "o", "0"),
    "letter spacing": lambda w: " ".join(w),
    "full-width": lambda w: "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch for ch in w),
}


def disguise_key_words(text: str, disguise: Callable[[str], str]) -> str:
    """The text with every word the guard matched on carrying the disguise."""
    match = assess(text)
    key = set(match.matched.split()) if match else set()

    def replace(found: re.Match[str]) -> str:
        word = found.group(0)
        return disguise(word) if len(word) >= 3 and normalise(word) in key else word

    return re.sub(r"[A-Za-z]+", replace, text)


@pytest.mark.parametrize("name", DISGUISES)
def test_every_urgent_message_is_routed_in_disguise(name: str) -> None:
    wrong = []
    for text in URGENT:
        plain = assess(text)
        assert plain is not None, text
        disguised = disguise_key_words(text, DISGUISES[name])
        got = routed(disguised)
        if got is None or got.category != plain.category:
            wrong.append((disguised, plain.category, got and got.category))
    assert wrong == [], f"{len(wrong)} of {len(URGENT)} urgent messages lost in disguise: {wrong[:5]}"


@pytest.mark.parametrize("name", DISGUISES)
def test_no_ordinary_message_is_routed_in_disguise(name: str) -> None:
    disguise = DISGUISES[name]
    wrongly = []
    for text in ORDINARY:
        disguised = re.sub(r"[A-Za-z]{5,}", lambda m: disguise(m.group(0)), text)
        if routed(disguised) is not None:
            wrongly.append(disguised)
    assert wrongly == []


def test_a_whole_message_letter_spaced_with_wider_gaps_between_words_is_routed() -> None:
    text = "my  b a b y  h a s  n o t  m o v e d  t o d a y"
    match = routed(text)
    assert match is not None
    assert match.category == "baby_movements"


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(URGENT), st.sampled_from(["\u200b", "\u00ad", "\u2060", "\ufeff", "\u200c"]), st.data())
def test_invisible_characters_anywhere_change_no_route(text: str, mark: str, data: st.DataObject) -> None:
    positions = data.draw(st.lists(st.integers(0, len(text)), max_size=6))
    disguised = text
    for position in sorted(positions, reverse=True):
        disguised = disguised[:position] + mark + disguised[position:]
    plain, got = assess(text), routed(disguised)
    assert plain is not None
    assert got is not None
    assert got.category == plain.category
