"""The words the safety rules read: the vocabulary for undoing disguises in a message.

Every word in a route's patterns, in the context checks, and in the spellings table, plus a
few everyday words, so that "b1eeding" becomes "bleeding" and "i a m b l e e d i n g" splits
into "i am bleeding" without needing the English word lists.
"""

from __future__ import annotations

import re
from functools import lru_cache
from re import Pattern

from bot.safety import context
from bot.safety.routes import RULES_BY_CATEGORY
from bot.safety.spellings import SQUASHED_VARIANTS, TOKEN_VARIANTS
from bot.text import unfold

# Short everyday words, so that letter-spaced text ("i a m b l e e d i n g") splits into words.
_COMMON_WORDS = frozenset(
    "a i am im me my is it its so a lot of to in on at and or but the her his she he they we you your "
    "baby wife partner help please now not no cant dont wont been has have had was were".split()
)
_REGEX_ESCAPE = re.compile(r"\\[A-Za-z]")


@lru_cache(maxsize=1)
def lexicon() -> frozenset[str]:
    """Every word the rules look for, their variants' spellings and a few everyday words."""
    patterns: list[Pattern[str]] = [value for value in vars(context).values() if isinstance(value, Pattern)]
    for _, rules in RULES_BY_CATEGORY:
        patterns += [p for item in rules for p in (item.pattern, item.requires) if p is not None]
    words: set[str] = set(_COMMON_WORDS)
    for pattern in patterns:
        words.update(re.findall(r"[a-z]{2,}", _REGEX_ESCAPE.sub(" ", pattern.pattern)))
    for spelling, canonical in TOKEN_VARIANTS.items():
        words.add(spelling)
        words.update(canonical.split())
    words.update(SQUASHED_VARIANTS.values())
    return frozenset(words)


def is_rule_word(word: str) -> bool:
    """Whether the rules know the word (for undoing disguises)."""
    return word in lexicon()


def unfold_message(text: str) -> str:
    """A message with disguised characters undone as the assistant reads it: with the English
    vocabulary and the rules' words (the first NLU step, bot/rasa_ext/text_normaliser.py)."""
    return unfold(text, is_rule_word)
