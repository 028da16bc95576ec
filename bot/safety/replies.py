"""Which answer each urgent situation gets, and what the assistant does around it.

The first line of every urgent answer is the action for what was described (the words are in
domain.yml, under `utter_urgent_*` and `utter_low_mood*`). This table is the one place that
says which answer fits which route, situation and person, so a clinical reviewer can read it
beside the answers (docs/safety.md lists what they should sign off).

`support_plan` is what the assistant does when the safety guard has spoken, in whatever state
the conversation is: stop any form that was waiting for an answer, send the answer, then say
it is still there (and offer to carry on choosing an activity if that was interrupted).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.safety.normalise import normalise
from bot.safety.routes import BABY_MOVEMENTS, EMERGENCY, MATERNITY_TRIAGE, MENTAL_HEALTH

URGENT_INTENT_PREFIX = "urgent_"
LOW_MOOD_INTENT = "low_mood"
ACTIVITY_FORM = "activity_form"
DEACTIVATE_LOOP = "action_deactivate_loop"

# (route, situation, who) -> answer. "*" matches any situation; "general" is the fallback.
_URGENT: dict[tuple[str, str, str], str] = {
    (EMERGENCY, "general", "self"): "utter_urgent_emergency",
    (EMERGENCY, "general", "other"): "utter_urgent_emergency_other",
    (EMERGENCY, "bleeding", "self"): "utter_urgent_emergency_bleeding",
    (EMERGENCY, "bleeding", "other"): "utter_urgent_emergency_bleeding_other",
    (EMERGENCY, "pain", "self"): "utter_urgent_emergency_pain",
    (EMERGENCY, "pain", "other"): "utter_urgent_emergency_pain_other",
    (EMERGENCY, "collapse", "self"): "utter_urgent_emergency_collapse",
    (EMERGENCY, "collapse", "other"): "utter_urgent_emergency_collapse",
    (EMERGENCY, "baby", "self"): "utter_urgent_emergency_baby",
    (EMERGENCY, "baby", "other"): "utter_urgent_emergency_baby",
    (EMERGENCY, "birth", "self"): "utter_urgent_emergency_birth",
    (EMERGENCY, "birth", "other"): "utter_urgent_emergency_birth",
    (EMERGENCY, "harm", "self"): "utter_urgent_emergency_harm",
    (EMERGENCY, "harm", "other"): "utter_urgent_emergency_harm_other",
    (MENTAL_HEALTH, "crisis", "self"): "utter_urgent_mental_health",
    (MENTAL_HEALTH, "crisis", "other"): "utter_urgent_mental_health_other",
    (MENTAL_HEALTH, "psychosis", "self"): "utter_urgent_mental_health_psychosis",
    (MENTAL_HEALTH, "psychosis", "other"): "utter_urgent_mental_health_psychosis",
    (MENTAL_HEALTH, "baby", "self"): "utter_urgent_mental_health_baby",
    (MENTAL_HEALTH, "baby", "other"): "utter_urgent_mental_health_baby_other",
    (BABY_MOVEMENTS, "general", "self"): "utter_urgent_baby_movements",
    (BABY_MOVEMENTS, "general", "other"): "utter_urgent_baby_movements_other",
    (MATERNITY_TRIAGE, "general", "self"): "utter_urgent_maternity_triage",
    (MATERNITY_TRIAGE, "general", "other"): "utter_urgent_maternity_triage_other",
    (MATERNITY_TRIAGE, "labour", "self"): "utter_urgent_maternity_triage_labour",
    (MATERNITY_TRIAGE, "labour", "other"): "utter_urgent_maternity_triage_labour_other",
}
_DEFAULT_SITUATION = {
    EMERGENCY: "general",
    MENTAL_HEALTH: "crisis",
    BABY_MOVEMENTS: "general",
    MATERNITY_TRIAGE: "general",
}
_LOW_MOOD = {"self": "utter_low_mood", "other": "utter_low_mood_other"}
AFTER_URGENT = "utter_after_urgent"
AFTER_URGENT_FORM = "utter_after_urgent_form"

# The ways to get help that need no phone call (text Shout, email Samaritans), for someone in a
# mental health crisis, or low, who says they will not ring anyone after the crisis lines.
_NO_CALL = {"self": "utter_urgent_mental_health_no_call", "other": "utter_urgent_mental_health_no_call_other"}
_HAS_NO_CALL_WAY: dict[str, str] = {
    **{
        answer: _NO_CALL[who]
        for (route, situation, who), answer in _URGENT.items()
        if route == MENTAL_HEALTH and situation != "psychosis"
    },
    _URGENT[(EMERGENCY, "harm", "self")]: _NO_CALL["self"],
    _URGENT[(EMERGENCY, "harm", "other")]: _NO_CALL["other"],
    **{answer: _NO_CALL[who] for who, answer in _LOW_MOOD.items()},
    **{answer: answer for answer in _NO_CALL.values()},
}

#: Every answer this module can choose (for consistency checks against domain.yml).
RESPONSES: frozenset[str] = frozenset(
    {*_URGENT.values(), *_LOW_MOOD.values(), *_NO_CALL.values(), AFTER_URGENT, AFTER_URGENT_FORM}
)

# "i dont want to ring anyone", "I can't phone them", "im not calling no one", "no phone calls".
_REFUSES_A_CALL = re.compile(
    r"\b(?:dont|do not|cant|cannot|wont|will not|wouldnt|never|rather not|am not|not going to|not gonna"
    r"|too \w+ to|unable to|cba|no way|(?:scared|afraid|frightened|terrified|nervous|anxious) (?:to|of))"
    r"(?:\s+(?:want|wanna|to|be|able|really|just|even|feel|like|bring|myself|face|going|gonna|ever|i|am))*"
    r"\s+(?:ring|ringing|call|calling|phone|phoning|dial|talk|talking|speak|speaking)\b"
    r"|\bno (?:phone ?)?calls?\b|\bhate (?:the )?phone|\bwithout (?:a )?(?:phone|credit|signal)\b"
)


def refuses_a_call(text: str) -> bool:
    """Whether a message says the writer will not, or cannot, ring or talk to anyone."""
    return bool(_REFUSES_A_CALL.search(normalise(text)[:2000]))


def urgent_answer_in_play(events_newest_first: Iterable[tuple[str, str | None]]) -> str | None:
    """The urgent answer given in reply to the previous message, if there was one.

    Args:
        events_newest_first: the conversation's events as (type, action name), newest first
            (Rasa's event type names: "user", "action", "restart" …), starting with the latest
            message.
    """
    users = 0
    for kind, name in events_newest_first:
        if kind == "user":
            users += 1
            if users > 2:
                return None
        elif kind == "action" and name and is_support_answer(name) and users == 1:
            return name
        elif kind in ("restart", "session_started"):
            return None
    return None


def no_call_answer(urgent_answer: str) -> str | None:
    """After an urgent answer, the answer with the ways to get help that need no call (text
    Shout, email Samaritans, 999 if in danger), when there are such ways for that danger.

    None when every way of help for it is a call or a visit (bleeding, the baby's movements,
    postpartum psychosis): then the urgent answer itself is the one to give again.
    """
    return _HAS_NO_CALL_WAY.get(urgent_answer)


def is_low_mood_answer(name: str | None) -> bool:
    """Whether a response is the kind answer about low mood (not an urgent route's)."""
    return name in _LOW_MOOD.values()


def is_support_answer(name: str | None) -> bool:
    """Whether a response is an urgent or low-mood answer itself (not what follows it)."""
    return name in RESPONSES and name not in (AFTER_URGENT, AFTER_URGENT_FORM)


def urgent_response(category: str, situation: str = "general", about: str = "self") -> str:
    """The answer for an urgent route, situation and person (the general one when unknown)."""
    who = "other" if about == "other" else "self"
    default = _DEFAULT_SITUATION.get(category, "general")
    for key in ((category, situation, who), (category, default, who), (category, default, "self")):
        if key in _URGENT:
            return _URGENT[key]
    return _URGENT[(EMERGENCY, "general", who)]  # not a known route: the safest answer


def is_support_intent(intent: str | None) -> bool:
    """Whether the intent is one the safety guard answers (urgent routes and low mood)."""
    return bool(intent) and (intent.startswith(URGENT_INTENT_PREFIX) or intent == LOW_MOOD_INTENT)  # type: ignore[union-attr]


def support_plan(intent: str, safety: dict | None, interrupted_loop: str | None) -> tuple[str, ...]:
    """What the assistant does, in order, for an urgent or low-mood message.

    Args:
        intent: `urgent_<route>` or `low_mood`.
        safety: What the safety guard found (`category`, `situation`, `about`), if it ran;
            without it the general answer for the intent's route is used.
        interrupted_loop: The form that was waiting for an answer, if any.

    Returns:
        Action and response names: stop the form (if one was active), the answer, then
        what comes after it.
    """
    details = safety if isinstance(safety, dict) else {}
    about = str(details.get("about") or "self")
    if intent == LOW_MOOD_INTENT:
        answer = _LOW_MOOD["other" if about == "other" else "self"]
    else:
        category = intent[len(URGENT_INTENT_PREFIX) :]
        situation = str(details.get("situation") or "general") if details.get("category") == category else "general"
        answer = urgent_response(category, situation, about)
    steps: list[str] = []
    if interrupted_loop:
        steps.append(DEACTIVATE_LOOP)
    steps.append(answer)
    if interrupted_loop == ACTIVITY_FORM:
        steps.append(AFTER_URGENT_FORM)
    elif intent != LOW_MOOD_INTENT:
        steps.append(AFTER_URGENT)
    return tuple(steps)
