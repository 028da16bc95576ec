"""Low mood after a birth that is not a crisis: it gets a kind answer, never a refusal.

"Been crying every day since the birth", "is it normal to feel this low", "my wife seems
really down since having the baby": these are feelings, not clinical questions. The answer
(domain.yml, `utter_low_mood`) says they are common, not the parent's fault and that help
works, who to talk to (GP, midwife, health visitor), and the crisis lines for anyone
struggling right now (docs/sources.md, "Low mood after birth").

A crisis ("I can't go on") is the mental health route's, which the engine checks first.
"""

from __future__ import annotations

import re

from bot.safety.context import about_someone_else, is_meta_mention, is_past_event
from bot.safety.prepare import prepare, sentence_bounds

_FEELING = re.compile(
    r"\b(?:(?:feel|feeling|feels|felt|been|am|is|so|really|very|bit|quite|seems|seem|gets?|getting|so) "
    # "healthwatch is shutting down", "the ward is calming down": a thing or a place, not a feeling.
    r"(?!(?:shutting|closing|winding|slowing|calming|settling|breaking|cutting|going|coming|sitting|lying|"
    r"turning|shut|closed|written|put|handed|passed|sent) down\b)"
    r"(?:\w+ )?(?:low|down|sad|flat|tearful|teary|weepy|numb|empty|anxious|overwhelmed|lonely|isolated|"
    r"irritable|miserable|rubbish|useless|like a failure|like im failing|like i am failing|not myself|"
    r"not herself|not himself|withdrawn|on edge|worried all the time|disconnected|detached|blue)"
    r"|(?:crying|cry|cried|crys|sobbing|in tears)(?: \w+){0,4}? (?:every (?:single )?day|all the time|all day|"
    r"a lot|again|at everything|at adverts|at nothing|over nothing|for no reason|in the shower|"
    r"every (?:single )?night|constantly|loads|non stop|nonstop)"
    r"|cant stop crying|keep crying|keeps crying|not enjoying (?:things|anything|it|being a mum|motherhood)"
    r"|no joy|rush of love|not bonding|cant bond|struggling to bond|rubbish mum|bad mum|terrible mum|"
    r"failing at|snapping at|baby blues|postnatal depression|post natal depression|postpartum depression|"
    r"pnd|low mood|anxious all the time|anxiety since|depressed|depression)\b"
)
_AFTER_BIRTH = re.compile(
    r"\b(?:since (?:the|my|our|her) (?:birth|baby|c section|delivery)|since having|since giving birth|"
    r"after (?:the|my|her) (?:birth|baby)|after having|after giving birth|postpartum|post partum|postnatal|"
    r"post natal|pp|new (?:mum|mom|dad|parent|mother|father)|newborn|baby|babies|twins|giving birth|gave birth|"
    r"had (?:a|the|my|our|her) (?:baby|first)|since (?:he|she|they) (?:was|were) born|\d+ (?:days?|weeks?|"
    r"months?) (?:old|pp|postpartum|after|since)|day \d+|birth|breastfeeding|feeding|motherhood|"
    r"blues|postnatal depression|pnd|since (?:our|my|her|the) (?:son|daughter|baby|little one|twins) (?:was|were) born|"
    r"(?:rubbish|bad|terrible|useless|awful|crap|failing) (?:mum|mom|mother|parent|dad))\b"
)
# Offering a past experience to an MNVP is taking part, not low mood now.
_TAKING_PART = re.compile(
    r"\b(?:mnvp|mvp|join|involved|member|volunteer|share my|share our|share her|useful|my experience|"
    r"our experience|take part|rep|representative|meetings?)\b"
)


_ABOUT_TAKING_PART = re.compile(
    r"\b(?:mnvp|mnvps|mvp|mvps|maternity voices|voices partnership|meeting|meetings|join|joining|member|members|"
    r"membership|get involved|getting involved|take part|taking part|volunteer|volunteering|rep|coffee morning)\b"
)


def is_about_taking_part(text: str) -> bool:
    """Whether a message is about taking part in an MNVP (meetings, joining, volunteering).

    "I'm breastfeeding, is it OK to feed at meetings?" mentions care but asks about taking part:
    the clinical boundary (`bot/rasa_ext/safety_guard.py`) gives it an MNVP answer, not a refusal.
    """
    prepared, _ = prepare(text)
    return _ABOUT_TAKING_PART.search(prepared) is not None


def assess_low_mood(text: str) -> str | None:
    """Whether a message tells of low mood after a birth, and about whom.

    Args:
        text: The raw message.

    Returns:
        "self" or "other" (someone the writer is helping), or None when it is not low mood.
    """
    prepared, spans = prepare(text)
    if not prepared:
        return None
    for found in _FEELING.finditer(prepared):
        start, end = found.span()
        bounds = sentence_bounds(spans, prepared, start, end)
        sentence = prepared[bounds[0] : bounds[1]]
        if not _AFTER_BIRTH.search(sentence) and not _AFTER_BIRTH.search(prepared):
            continue
        if is_meta_mention(prepared, start, end, bounds):
            continue
        if _TAKING_PART.search(prepared) and is_past_event(prepared):
            continue
        return "other" if about_someone_else(prepared, start, end, bounds) else "self"
    return None
