"""The engine: runs every route's rules over a normalised message and reports the first that fits.

Priority when several routes match, highest first (`CATEGORIES` is in this order):

1. `EMERGENCY`: 999 is the most immediate action, and it is also the right route for a
   crisis where someone has already been harmed ("I've taken an overdose"), as FACTS 8.5 says.
2. `MENTAL_HEALTH`: a risk to the person's own life comes before a call to the maternity
   unit; its answer still offers 999 when life is at risk.
3. `BABY_MOVEMENTS`: reduced or changed movements are a common, time-critical sign that is
   often left until the next day, so they get their own, specific wording.
4. `MATERNITY_TRIAGE`: everything else that needs a call to the maternity unit now.

One exception: "do I ring 999?" asked about labour or waters is a maternity unit call
(normal labour is not a 999 situation, FACTS 8.1); the maternity unit answer still says to
call 999 in an emergency.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot.safety import baby_movements, emergency, maternity_triage, mental_health
from bot.safety.context import (
    NOT_FELT_YET_EARLY,
    about_someone_else,
    is_meta_mention,
    is_past_event,
    is_resolved_story,
)
from bot.safety.normalise import SENTENCE_BREAK, normalise, unfold
from bot.safety.rules import Rule

logger = logging.getLogger(__name__)

EMERGENCY = "emergency"
MENTAL_HEALTH = "mental_health"
BABY_MOVEMENTS = "baby_movements"
MATERNITY_TRIAGE = "maternity_triage"

#: Every category, in priority order (first wins when several match).
CATEGORIES: tuple[str, ...] = (EMERGENCY, MENTAL_HEALTH, BABY_MOVEMENTS, MATERNITY_TRIAGE)

RULES_BY_CATEGORY: tuple[tuple[str, tuple[Rule, ...]], ...] = (
    (EMERGENCY, emergency.RULES),
    (MENTAL_HEALTH, mental_health.RULES),
    (BABY_MOVEMENTS, baby_movements.RULES),
    (MATERNITY_TRIAGE, maternity_triage.RULES),
)
_SITUATIONS = {
    EMERGENCY: emergency.situation,
    MENTAL_HEALTH: mental_health.situation,
    BABY_MOVEMENTS: baby_movements.situation,
    MATERNITY_TRIAGE: maternity_triage.situation,
}

# Very long messages are cut, because regex time grows with length. The cut is generous:
# chat messages are short, and the start and the end are kept, since an urgent line is
# usually the first thing said or the last.
MAX_CHARS = 20_000
_KEEP_HEAD = 12_000
# How far (in characters of normalised text) a rule looks for the context it requires.
_CONTEXT_CHARS = 200


@dataclass(frozen=True)
class SafetyMatch:
    """Why a message was routed.

    Attributes:
        category: One of `CATEGORIES`.
        matched: The normalised text span that triggered the route (for logs and tests).
        rule: The name of the rule that matched.
        situation: What the route's rule describes ("bleeding", "psychosis", "labour"...), so
            the answer can lead with the action for it; "general" when nothing more specific.
        about: "self" for the writer, "other" for someone the writer is helping.
    """

    category: str
    matched: str
    rule: str = ""
    situation: str = "general"
    about: str = "self"


def _sentence_spans(normalised_parts: list[str]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    position = 0
    for part in normalised_parts:
        spans.append((position, position + len(part)))
        position += len(part) + 1
    return spans


def _prepare(text: object) -> tuple[str, list[tuple[int, int]]]:
    if not isinstance(text, str) or not text.strip():
        return "", []
    if len(text) > MAX_CHARS:
        text = text[:_KEEP_HEAD] + "\n" + text[-(MAX_CHARS - _KEEP_HEAD) :]
    # Disguises first: "b.l.e.e.d" must not be split at its dots.
    parts = [normalise(part) for part in SENTENCE_BREAK.split(unfold(text))]
    parts = [part for part in parts if part]
    return " ".join(parts), _sentence_spans(parts)


def _sentence_bounds(spans: list[tuple[int, int]], text: str, start: int, end: int) -> tuple[int, int]:
    covering = [(s, e) for s, e in spans if s < end and e > start]
    if not covering:
        return 0, len(text)
    return covering[0][0], covering[-1][1]


def _category_match(
    category: str, rules: tuple[Rule, ...], text: str, spans: list[tuple[int, int]]
) -> SafetyMatch | None:
    for item in rules:
        if item.requires is not None and item.requires.search(text) is None:
            continue
        for found in item.pattern.finditer(text):
            start, end = found.span()
            if start == end:
                continue
            bounds = _sentence_bounds(spans, text, start, end)
            sentence = text[bounds[0] : bounds[1]]
            # The context a rule requires must be near the match, not anywhere in a long text.
            if item.requires is not None:
                scope = (
                    sentence
                    if item.requires_in_sentence
                    else text[max(0, start - _CONTEXT_CHARS) : end + _CONTEXT_CHARS]
                )
                if item.requires.search(scope) is None:
                    continue
            if is_meta_mention(text, start, end, bounds):
                continue
            if category != MENTAL_HEALTH and is_past_event(sentence):
                continue
            if category == MENTAL_HEALTH and is_resolved_story(text, sentence):
                continue
            if category == BABY_MOVEMENTS and NOT_FELT_YET_EARLY.match(sentence):
                continue
            situation = _SITUATIONS[category](item.name, text[bounds[0] : end])
            # "he" and "she" are often the baby in movements and baby-illness messages.
            pronouns = not (category == BABY_MOVEMENTS or (category == EMERGENCY and situation == "baby"))
            return SafetyMatch(
                category=category,
                matched=found.group(0).strip(),
                rule=item.name,
                situation=situation,
                # A baby in danger is always someone the writer is helping.
                about="other"
                if situation == "baby"
                and category == EMERGENCY
                or about_someone_else(text, start, end, bounds, pronouns=pronouns)
                else "self",
            )
    return None


def _reorder(matches: list[SafetyMatch]) -> list[SafetyMatch]:
    """Labour signs with only "do I ring 999?" as the emergency go to the maternity unit first."""
    if len(matches) > 1 and matches[0].rule == "call_999" and matches[0].situation == "asking":
        triage = [m for m in matches if m.category == MATERNITY_TRIAGE and m.situation == "labour"]
        if triage:
            return [triage[0], *[m for m in matches if m is not triage[0]]]
    return matches


def assess_all(text: str) -> tuple[SafetyMatch, ...]:
    """Finds every urgent category a message matches.

    Args:
        text: The raw message, as typed.

    Returns:
        One `SafetyMatch` per matching category, in priority order (see `CATEGORIES`);
        empty when nothing urgent was found or the input is not usable text.
    """
    try:
        prepared, spans = _prepare(text)
        if not prepared:
            return ()
        matches = []
        for category, rules in RULES_BY_CATEGORY:
            match = _category_match(category, rules, prepared, spans)
            if match is not None:
                matches.append(match)
        return tuple(_reorder(matches))
    except Exception:  # pragma: no cover - a guard must never take the bot down
        logger.exception("Safety guard failed on a message; treating it as not urgent")
        return ()


def assess(text: str) -> SafetyMatch | None:
    """Decides whether a message needs an urgent route, and which one.

    Args:
        text: The raw message, as typed. Anything that is not a non-empty string gives None.

    Returns:
        The highest-priority `SafetyMatch`, or None when the message is not urgent.
    """
    matches = assess_all(text)
    if not matches:
        return None
    logger.debug("Safety match %s (%s): %r", matches[0].category, matches[0].rule, matches[0].matched)
    return matches[0]
