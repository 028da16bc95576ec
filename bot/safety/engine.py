"""The engine: runs every route's rules over a prepared message and reports the first that fits.

The routes and their order are in `bot.safety.routes`. One exception to that order: "do I ring
999?" asked about labour or waters is a maternity unit call (normal labour is not a 999
situation, FACTS 8.1); the maternity unit answer still says to call 999 in an emergency.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot.safety.context import (
    NOT_FELT_YET_EARLY,
    about_someone_else,
    is_meta_mention,
    is_past_event,
    is_resolved_story,
)
from bot.safety.prepare import prepare, sentence_bounds
from bot.safety.routes import (
    BABY_MOVEMENTS,
    EMERGENCY,
    MATERNITY_TRIAGE,
    MENTAL_HEALTH,
    RULES_BY_CATEGORY,
    SITUATIONS,
)
from bot.safety.rules import Rule

logger = logging.getLogger(__name__)

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
            bounds = sentence_bounds(spans, text, start, end)
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
            if category != MENTAL_HEALTH and is_past_event(sentence, text):
                continue
            if category == MENTAL_HEALTH and is_resolved_story(text, sentence):
                continue
            if category == BABY_MOVEMENTS and NOT_FELT_YET_EARLY.match(sentence):
                continue
            situation = SITUATIONS[category](item.name, text[bounds[0] : end])
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
        prepared, spans = prepare(text)
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
