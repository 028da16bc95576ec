"""What the assistant says and remembers while helping someone choose an activity.

Pure functions for the actions in actions/activities.py: reading one form slot from a message,
the recommendation (with its reasons and links), the runner-up, how to run an activity, and a
comparison of two. Form slots hold a number or text, or NOT_SURE when the user does not know.
"""

from __future__ import annotations

import re

from bot.activities.explain import compare_text, explain, load_phrases, ranges, steps_text
from bot.activities.extract import (
    NOT_SURE,
    asks_if_it_fits,
    extract_avoid,
    extract_cues,
    extract_group_size,
    extract_minutes,
    extract_mode,
    extract_participants,
    extract_purpose,
    is_not_sure,
    mentioned_activities,
    names_a_goal,
    purpose_from_cues,
)
from bot.activities.model import ActivityData, load_activities
from bot.activities.recommend import SessionRequest, questions_that_matter, recommend
from bot.replies import Turn, answer_key, message
from bot.subject import ACTIVITY, RECOMMENDATION, RESOURCES, Subject, activity_of, subject_slot

AVOID_MARK = "!"  # in the activity_cues slot, "!pecha_kucha" means the user's words rule it out
FORM_SLOTS = ("activity_purpose", "group_size", "session_minutes", "session_mode", "participants")


def read_slot(slot: str, text: str, requested: bool, data: ActivityData | None = None) -> object | None:
    """The value one message gives for one form slot, or None.

    Args:
        slot: one of FORM_SLOTS.
        text: the user's message.
        requested: whether the form has just asked for this slot (then a bare number counts,
            and "not sure" fills it with NOT_SURE).
        data: the activities (default: data/activities.yml).
    """
    data = data or load_activities()
    text = text or ""
    value: object | None
    if slot == "activity_purpose":
        value = extract_purpose(text, data.purposes) or purpose_from_cues(text, data.purposes, data.activities)
    elif slot == "group_size":
        value = extract_group_size(text, asked=requested)
    elif slot == "session_minutes":
        value = extract_minutes(text, asked=requested)
    elif slot == "session_mode":
        value = extract_mode(text)
    elif slot == "participants":
        value = extract_participants(text)
    else:
        raise ValueError(f"not a form slot: {slot}")
    if value is None and requested and is_not_sure(text):
        return NOT_SURE
    return value


# "A few questions": once the goal and this many other details are known, the form stops and the
# recommendation says which details could still change it (`could_change`).
ENOUGH_DETAILS = 2

_FIELDS = {
    "activity_purpose": "purpose",
    "group_size": "group_size",
    "session_minutes": "minutes",
    "session_mode": "mode",
    "participants": "participants",
}


def slots_to_ask(slots: dict[str, object], data: ActivityData | None = None, guided: bool = True) -> list[str]:
    """The activity form's required slots for now: the goal first, then only the questions whose
    answer could still change the choice (so "we want to present our findings" is answered at
    once), and no more once the goal and ENOUGH_DETAILS other details are known.

    A slot the user answered, even with "not sure", stays in the list; the form stops when every
    slot in it is filled.

    Args:
        slots: the form's slots.
        data: the activities (default: data/activities.yml).
        guided: False when the user described the session before being asked anything ("eight
            of us want to agree what the problem is"): once the goal is known, nothing more is
            asked, and the recommendation says which details could change it (`could_change`).
            True once the form has asked a question.
    """
    data = data or load_activities()
    unanswered = [s for s in FORM_SLOTS if slots.get(s) in (None, "")]
    if "activity_purpose" in unanswered:
        return list(FORM_SLOTS)
    known = [s for s in FORM_SLOTS if s not in unanswered]
    if not guided or len(known) - 1 >= ENOUGH_DETAILS:
        return known
    matter = questions_that_matter(data.activities, _request(slots), tuple(_FIELDS[s] for s in unanswered))
    return [s for s in FORM_SLOTS if s not in unanswered or _FIELDS[s] in matter]


def read_cues(text: str, data: ActivityData | None = None) -> list[str]:
    """Activities the message names or describes (kept to break ties), and "!id" for those its
    words rule out ("nobody has time to prepare": "!pecha_kucha")."""
    data = data or load_activities()
    text = text or ""
    avoid = [f"{AVOID_MARK}{a}" for a in extract_avoid(text, data.activities)]
    return [*extract_cues(text, data.activities, data.purposes), *avoid]


def _request(slots: dict[str, object]) -> SessionRequest:
    def known(name: str) -> object | None:
        value = slots.get(name)
        return None if value in (None, NOT_SURE, "") else value

    def number(name: str) -> int | None:
        value = known(name)
        try:
            return int(float(value)) if value is not None else None  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return None

    cues = [c for c in slots.get("activity_cues") or [] if isinstance(c, str)]  # type: ignore[attr-defined]
    return SessionRequest(
        purpose=known("activity_purpose"),  # type: ignore[arg-type]
        group_size=number("group_size"),
        minutes=number("session_minutes"),
        mode=known("session_mode"),  # type: ignore[arg-type]
        participants=known("participants"),  # type: ignore[arg-type]
        cues=tuple(c for c in cues if not c.startswith(AVOID_MARK)),
        avoid=tuple(c.removeprefix(AVOID_MARK) for c in cues if c.startswith(AVOID_MARK)),
    )


def could_change(slots: dict[str, object], data: ActivityData | None = None) -> str:
    """A line naming the details not given that could still change the recommendation ("Tell me
    how many people and how long the session is, and I'll check it still fits."), or ""."""
    data = data or load_activities()
    unanswered = tuple(_FIELDS[s] for s in FORM_SLOTS if s != "activity_purpose" and slots.get(s) in (None, ""))
    if slots.get("activity_purpose") in (None, "", NOT_SURE) or not unanswered:
        return ""
    matter = questions_that_matter(data.activities, _request(slots), unanswered)
    if not matter:
        return ""
    phrases = load_phrases()
    names = [phrases[f"detail_{field}"] for field in matter]
    details = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return phrases["could_change"].format(details=details)


def carried_over(last_request: object, found: dict[str, object]) -> dict[str, object]:
    """Right after a recommendation, a message that changes one detail ("we only have 30
    minutes", "it's online now") keeps the rest of that request: the form slots to fill from it."""
    if not isinstance(last_request, dict) or not found or "activity_purpose" in found:
        return {}
    slots = {slot: last_request.get(field) for slot, field in _FIELDS.items()}
    return {slot: value for slot, value in slots.items() if slot not in found and value not in (None, "")}


def recommendation_turn(slots: dict[str, object], data: ActivityData | None = None) -> Turn:
    """The recommendation for the filled form; clears the form for next time."""
    data = data or load_activities()
    request = _request(slots)
    result = recommend(data.activities, request)
    best = explain(result, request, data)
    note = could_change(slots, data)
    why = f"{best.why}\n{note}" if note else best.why
    messages = (
        message("utter_activity_recommendation", name=best.name, summary=best.summary, why=why),
        message("utter_activity_links", name=best.name, links=best.links),
    )
    cleared: dict[str, object] = dict.fromkeys((*FORM_SLOTS, "activity_cues"))
    return Turn(
        messages,
        {
            **cleared,
            "recommended_activity": best.activity_id,
            "activity_ranking": [s.activity.id for s in result.ranked],
            "last_request": {k: v for k, v in vars(request).items() if k not in ("cues", "avoid")},
            "more_of": "activity",
            "feedback_for": answer_key("recommendation", best.activity_id),
            "subject": subject_slot(RECOMMENDATION, best.activity_id),
        },
    )


def runner_up_turn(ranking: list[str] | None, shown: str | None, last_request: dict | None) -> Turn:
    """The next activity in the last ranking after the one shown ("what else?")."""
    data = load_activities()
    ranking = [r for r in (ranking or []) if data.activity(r)]
    if not ranking:
        return Turn((message("utter_activity_none_yet"),))
    position = ranking.index(shown) + 1 if shown in ranking else 1
    if position >= len(ranking):
        return Turn((message("utter_activity_no_more"),))
    request = SessionRequest(**{k: v for k, v in (last_request or {}).items() if k in SessionRequest.__annotations__})
    result = recommend(data.activities, request)
    order = [s.activity.id for s in result.ranked]
    choice = order.index(ranking[position]) if ranking[position] in order else position
    other = explain(result, request, data, choice=choice)
    messages = (
        message("utter_activity_other", name=other.name, summary=other.summary, why=other.why),
        message("utter_activity_links", name=other.name, links=other.links),
    )
    return Turn(
        messages,
        {
            "recommended_activity": other.activity_id,
            "more_of": "activity",
            "subject": subject_slot(RECOMMENDATION, other.activity_id),
        },
    )


def steps_turn(text: str, current: str | None, data: ActivityData | None = None) -> Turn:
    """How to run the activity the message names, or else the one being talked about."""
    data = data or load_activities()
    named = mentioned_activities(text or "", data.activities)
    activity = data.activity(named[0] if named else (current or ""))
    if activity is None:
        return Turn((message("utter_activity_which"),))
    return Turn((message("utter_activity_steps", **steps_text(activity)),), _about(activity.id))


def compare_turn(text: str, recommended: str | None) -> Turn:
    """Two activities side by side: the two named, or the one named and the one being talked about."""
    data = load_activities()
    named = list(mentioned_activities(text or "", data.activities))
    if len(named) == 1 and recommended and recommended != named[0]:
        named.append(recommended)
    if len(named) < 2:
        return Turn((message("utter_activity_compare_which"),))
    first, second = data.activity(named[0]), data.activity(named[1])
    if first is None or second is None:  # cannot happen: the names come from the data
        return Turn((message("utter_activity_compare_which"),))
    return Turn((message("utter_activity_compare", **compare_text(first, second)),))


# What people ask about an activity once it is on the table ("can we do it online?").
_ASPECTS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (aspect, re.compile(pattern))
    for aspect, pattern in (
        # "wot's it good for?", "what is it actually for": what the activity is for.
        (
            "purpose",
            r"\b(?:what|wot|wat)(?:'?s| is| are)? (?:it|that|this|they|them)\b(?: \w+)? "
            r"(?:good |used |meant |useful )?for\b"
            r"|\bwhat(?:'?s| is) the point\b|\bwhat (?:does|do) (?:it|they) help\b"
            r"|\b(?:good|used|useful) for\s*[?!.]*$",
        ),
        ("why", r"\bwhy\b|\breason|\bwhat makes (?:it|that)\b"),
        ("online", r"\bonline\b|\bteams\b|\bzoom\b|\bvirtual|\bremote|\bvideo call|\bon a call\b|\bdigital"),
        (
            "cautions",
            r"\brisk|\bsafe\b|\btrauma|\bcareful|\bcaution|\bwatch out|\bpitfall|\bdownside|\bwarning|\btips?\b"
            r"|\bwhat if\b|\bgo(?:es)? wrong|\bnobody\b|\banxious"
            r"|\bhard birth|\bdifficult birth|\bbeen through|\bupset",
        ),
        (
            "materials",
            r"\bbring\b|\bmaterials?\b|\bequipment|\bwhat do (?:we|i|you) need\b|\bprops\b|\bprint|\bkit\b"
            r"|\bget ready\b",
        ),
        # "How many slides?" asks about the activity's parts (its steps say), not the group.
        (
            "size",
            r"\bhow many\b(?! (?:slides|statements|cards|chairs|dice|cubes|notes|post its|sides|rounds|questions|"
            r"pictures|seconds))|\bgroup size|\bpeople per\b|\bnumbers?\b|\btoo (?:big|small)\b|\bsmall group",
        ),
        ("time", r"\bhow long\b|\bminutes?\b|\bhours?\b|\bduration\b|\btime\b"),
        ("families", r"\bfamil|\bparents?\b|\bmums?\b|\bservice users?\b"),
    )
)


def question_aspect(text: str) -> str | None:
    """What a question about an activity asks: purpose, why, online, cautions, materials, size, time,
    families."""
    lowered = (text or "").lower()
    return next((aspect for aspect, pattern in _ASPECTS if pattern.search(lowered)), None)


# Things that belong to running a session: "do all the chairs have to go?", "how many cards?".
_SESSION_THINGS = re.compile(
    r"\b(?:chairs?|cards?|statements?|props?|roles?|slides?|cubes?|dice|notes?|circle|debrief|facilitat\w*|"
    r"play|players?|groups?|room|hall|session|workshop|people|participants?)\b"
)
_FOLLOW_UP_WORDS = 14
_ROLE_PLAY = re.compile(r"\brole[ -]?play")


_FIRST_QUESTION = re.compile(r"[^?]{3,200}\?(?=\s)")


def asks_about_the_activity(text: str, data: ActivityData | None = None) -> bool:
    """Whether a short message asks about running an activity (its size, time, place, materials,
    cautions, or one of its parts) and names no goal: "how many can play at once?", "we only have
    20 minutes", "do all the chairs have to go?". Said right after an activity was described,
    it is about that activity, whatever the classifier made of it.
    """
    lowered = _ROLE_PLAY.sub(" ", (text or "").lower())  # its "play" is not "how many can play?"
    if len(lowered.split()) > _FOLLOW_UP_WORDS:
        # "could we do it over zoom instead? a few of them are still in hospital": a short
        # question first, and why it is asked after.
        first = _FIRST_QUESTION.match(lowered)
        lowered = first.group(0) if first and len(first.group(0).split()) <= _FOLLOW_UP_WORDS else ""
    if not lowered.strip():
        return False
    data = data or load_activities()
    if names_a_goal(lowered, data.purposes):
        return False
    aspect = question_aspect(lowered)
    asks_about_running = aspect in {"purpose", "online", "cautions", "materials", "size", "time"}
    return asks_about_running or bool(_SESSION_THINGS.search(lowered))


def question_turn(
    text: str,
    activity_id: str | None,
    ranking: list[str] | None = None,
    last_request: dict | None = None,
    data: ActivityData | None = None,
) -> Turn:
    """Answers a question about the activity the message names, or else the one being talked about.

    "Why that one?" after a recommendation gives its reasons; "why not Fish Bowl?" gives Fish Bowl's.
    Anything this cannot place gets the steps, the fullest answer there is.
    """
    data = data or load_activities()
    named = mentioned_activities(text or "", data.activities)
    activity = data.activity(named[0] if named else (activity_id or ""))
    if activity is None:
        return Turn((message("utter_activity_which"),))
    aspect = question_aspect(text)
    if aspect is None and asks_if_it_fits(text or "", data.activities):
        # "I want to run a Fish Bowl with 6 people. Will that work?": the sizes (or times) it suits.
        aspect = "size" if extract_group_size(text) is not None else "time"
    phrases = load_phrases()
    estimate = phrases["estimate_note"]
    values: dict[str, object] = {"name": activity.name}
    if aspect == "purpose" or (aspect == "why" and not last_request):
        # No recommendation to explain ("why is it good for quiet people?"), or a question about
        # what it is for ("wot's it good for?"): what it is for.
        why = " ".join(part for part in (activity.summary, activity.families_note) if part)
        response = "utter_activity_purpose" if aspect == "purpose" else "utter_activity_why"
        return Turn((message(response, name=activity.name, why=why, source=activity.source),), _about(activity.id))
    if aspect == "why":
        request = SessionRequest(
            **{k: v for k, v in (last_request or {}).items() if k in SessionRequest.__annotations__}
        )
        result = recommend(data.activities, request)
        order = [s.activity.id for s in result.ranked]
        reasons = explain(result, request, data, choice=order.index(activity.id))
        return Turn(
            (message("utter_activity_why", name=activity.name, why=reasons.why, source=activity.source),),
            _about(activity.id),
        )
    if aspect == "online":
        response, values["online"] = (
            "utter_activity_online",
            " ".join(part for part in (phrases[f"online_{activity.online}"], activity.online_note) if part),
        )
    elif aspect == "cautions" and activity.cautions:
        response, values["cautions"] = "utter_activity_cautions", "\n".join(f"- {c}" for c in activity.cautions)
    elif aspect == "materials" and activity.materials:
        response, values["materials"] = "utter_activity_materials", ", ".join(activity.materials)
    elif aspect == "size":
        response = "utter_activity_size"
        values["sizes"] = ranges(activity)["sizes"]
        values["note"] = f" {estimate}" if activity.group_size.estimate else ""
    elif aspect == "time":
        response = "utter_activity_time"
        values["times"] = ranges(activity)["times"]
        values["note"] = "".join(
            f" {part}" for part in (activity.time_note, estimate if activity.minutes.estimate else "") if part
        )
    elif aspect == "families" and activity.families_note:
        response, values["note"] = "utter_activity_families", activity.families_note
    else:
        return steps_turn(activity.name, None, data)
    values["source"] = activity.source_for(aspect or "")
    return Turn((message(response, **values),), _about(activity.id))


def activity_in_subject(subject: Subject | None) -> str | None:
    """The activity a conversation's subject is about: an activity, a recommendation, an answer
    about one, or a search that named one ("wots it actually for" after a search for a Story
    Cubes worksheet)."""
    if subject is not None and subject.kind == RESOURCES:
        named = mentioned_activities(subject.key, load_activities().activities)
        return named[0] if len(named) == 1 else None
    return activity_of(subject)


def _about(activity_id: str) -> dict[str, object]:
    return {"subject": subject_slot(ACTIVITY, activity_id)}
