"""Undoing disguised characters (bot/text/fold.py): the words people meant, ordinary text untouched."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.text import fold
from tests.conftest import ROOT

WORDS = frozenset("bleeding blood help me suicide overdose heavily i am a lot moving baby not kill myself".split())


def is_word(word: str) -> bool:
    return word in WORDS


@pytest.mark.parametrize(
    ("disguised", "plain"),
    [
        ("ble\u200beding", "bleeding"),  # zero-width space
        ("ble\u00adeding", "bleeding"),  # soft hyphen
        ("ble\u200deding", "bleeding"),  # zero-width joiner
        ("\u202ebleeding", "bleeding"),  # bidi control
        ("ble\u0435ding", "bleeding"),  # Cyrillic е
        ("bl\u03bfod", "blood"),  # Greek ο
        ("\uff42\uff4c\uff45\uff45\uff44\uff49\uff4e\uff47", "bleeding"),  # full-width
        ("\U0001d41b\U0001d425\U0001d41e\U0001d41e\U0001d41d\U0001d422\U0001d427\U0001d420", "bleeding"),  # bold maths
        ("\u0299\u029f\u1d07\u1d07\u1d05\u026a\u0274\u0262", "bleeding"),  # small capitals
        ("b\u0336l\u0336e\u0336e\u0336d\u0336", "bleed"),  # strike-through decorations
        ("bIeeding", "bleeding"),  # capital I for l
        ("b1eeding", "bleeding"),  # 1 for l
        ("su1c1de", "suicide"),  # 1 for i
        ("bl00d", "blood"),  # 0 for o
        ("kiIl myseIf", "kill myself"),
        ("b l e e d i n g", "bleeding"),
        ("b.l.e.e.d.i.n.g", "bleeding"),
        ("b-l-e-e-d-i-n-g", "bleeding"),
        ("im b l e e d i n g a lot", "im bleeding a lot"),
        ("h e l p m e", "help me"),
        ("i  a m  b l e e d i n g  h e a v i l y", "i am bleeding heavily"),
    ],
)
def test_fold_undoes_each_disguise(disguised: str, plain: str) -> None:
    assert fold(disguised, is_word) == plain


@pytest.mark.parametrize(
    "text",
    [
        "What is an MNVP? e.g. a U.K. thing",
        "I'm 28 weeks and it's 4am",
        "C4CC model and NHS111",
        "café crème",
        "a b c d",
        "привет как дела",  # another language stays itself, for the language guard
        "我的孩子",
        "Q & A at 10:30",
    ],
)
def test_fold_leaves_ordinary_text_alone(text: str) -> None:
    assert fold(text, is_word) == text


def test_fold_without_a_vocabulary_only_undoes_unicode_disguises() -> None:
    assert fold("ble\u200b\u0435ding", None) == "bleeding"
    assert fold("b1eeding", None) == "b1eeding"


def test_the_assistant_s_folding_changes_no_training_example() -> None:
    # What the first NLU step does (bot/rasa_ext/text_normaliser.py): "r u a robot" stays text-speak.
    from bot.safety.lexicon import unfold_message as unfold

    changed = []
    for path in sorted((ROOT / "data" / "nlu").glob("*.yml")):
        for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            for line in block.get("examples", "").splitlines():
                example = line.strip()[2:].strip()
                if example and unfold(example) != example:
                    changed.append((example, unfold(example)))
    assert changed == []


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_fold_never_fails_and_is_stable(text: str) -> None:
    once = fold(text, is_word)
    assert isinstance(once, str)
    assert fold(once, is_word) == once
