"""What a rule is, and the building blocks the routes' rules share.

A rule is a regular expression over normalised text (`bot.safety.normalise`: lower case,
single spaces, one spelling per word), with an optional context that must be near the match.
Each route's rules live in its own module (emergency, mental_health, baby_movements,
maternity_triage), each rule with the situation it describes, so the answer can lead with
the action for what was described.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from re import Pattern


@dataclass(frozen=True)
class Rule:
    """One pattern of an urgent route.

    Attributes:
        name: A short name, reported with the match (for logs and tests).
        pattern: The pattern, over normalised text.
        requires: Context that must be near the match (within the engine's context window),
            or in the same sentence when `requires_in_sentence` is set.
        requires_in_sentence: See `requires`.
    """

    name: str
    pattern: Pattern[str]
    requires: Pattern[str] | None = None
    requires_in_sentence: bool = False


def rule(name: str, pattern: str, requires: str | None = None, *, in_sentence: bool = False) -> Rule:
    """Compiles a rule."""
    return Rule(name, re.compile(pattern), re.compile(requires) if requires else None, in_sentence)


# Building blocks. Text is normalised, so words are separated by single spaces.
TUMMY = r"(?:tummy|pelvic|pelvis|bump|lower back|side|ribs)"
PERSON = (
    r"(?:i|i am|she|she is|he|he is|baby|my baby|the baby|newborn|my newborn|my son|my daughter|son|daughter|"
    r"wife|my wife|partner|my partner|girlfriend|my girlfriend|husband|my husband|mum|my mum|sister|my sister|"
    r"they|little one|twins|woman|a woman|lady|a lady|someone|somebody|mother|patient|man|friend|my friend)"
)
BABYISH = r"(?:baby|bump|little one|twins|he|she|they)"
# Anything that says a pregnancy or a baby is in the picture.
PREGNANCY_CONTEXT = (
    r"\b(?:baby|bump|pregnant|pregnancy|weeks|midwife|kick\w*|movements?|due|labour|triage|"
    r"maternity|antenatal|postnatal|newborn|birth|born|son|daughter|little one|twins|wife|partner|girlfriend|"
    r"my|her|i am|i have|i|she|he|him|felt|feel)\b"
)
FIRST_PERSONISH = r"\b(?:i|me|my|mine|myself|she|her|he|him|his|wife|partner|girlfriend|husband|baby)\b"
