"""Turning a message into the plain words the rules match: one spelling for each way of writing it.

Disguised characters are undone first (`bot.text.fold`: zero-width characters, look-alike
letters, "b1eeding", "b l e e d i n g"), with the words the rules use as the vocabulary.
Then: lower case, accents stripped, apostrophes dropped ("don't" -> "dont"), other punctuation
and symbols turned into spaces, runs of three or more of one letter cut to two, and common
misspellings and text-speak mapped to one spelling ("bleading" -> "bleeding", "bby" -> "baby").
"""

from __future__ import annotations

import re
import unicodedata

from bot.safety.lexicon import is_rule_word
from bot.safety.spellings import PHRASE_SUBS, canonical_token
from bot.text import fold

_APOSTROPHES = re.compile(r"['\u2018\u2019\u201b\u02bc\u02bb`\u00b4\u2032]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_REPEATS = re.compile(r"([a-z])\1{2,}")
# Sentence ends; a full stop or colon between digits ("38.5", "10:30") is not one.
SENTENCE_BREAK = re.compile(r"[!?;\n\r\u2026]+|\.+(?!\d)|(?<!\d)[.:]+|:(?!\d)|\s[-\u2013\u2014]+\s")
_WEEKS = re.compile(r"\b(\d{1,2}) ?(?:w|wk|wks|wek|weks|week|weeks|weaks)\b")
_TO_AFTER_VERB = re.compile(r"\b(want|wanted|wanting|going|need|like|have|got|trying|try|wish|able) 2\b")


def unfold(text: str) -> str:
    """The message with disguised characters undone, before it is split into sentences."""
    return fold(text, is_rule_word)


def normalise(text: str) -> str:
    """Normalises a message for matching.

    Disguises undone, lower case, accents stripped, apostrophes dropped ("don't" -> "dont"),
    other punctuation and symbols (emoji, markup) turned into spaces, runs of three or more
    of the same letter cut to two ("sooooo" -> "soo"), then common misspellings and
    text-speak mapped to one spelling ("bleading" -> "bleeding", "bby" -> "baby", "im" -> "i am").

    Args:
        text: The raw message.

    Returns:
        Space-separated lower-case words; an empty string when nothing is left.
    """
    if not isinstance(text, str) or not text:
        return ""
    text = unfold(text)
    if text.isascii():
        stripped = text.lower()
    else:
        decomposed = unicodedata.normalize("NFKD", text)
        stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    stripped = _APOSTROPHES.sub("", stripped)
    stripped = _NON_ALNUM.sub(" ", stripped)
    stripped = _REPEATS.sub(r"\1\1", stripped)
    stripped = _WEEKS.sub(r"\1 weeks", stripped)
    joined = " ".join(canonical_token(token) for token in stripped.split())
    for pattern, repl in PHRASE_SUBS:
        joined = pattern.sub(repl, joined)
    joined = _TO_AFTER_VERB.sub(r"\1 to", joined)
    return joined
