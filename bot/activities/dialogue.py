"""What the assistant says and remembers while helping someone choose an activity.

Pure functions for the actions in actions/activities.py: reading one form slot from a message,
the recommendation (with its reasons and links), the runner-up, how to run an activity, and a
comparison of two. Form slots hold a number or text, or NOT_SURE when the user does not know.
"""

from __future__ import annotations

from bot.activities.explain import compare_text, explain, steps_text
from bot.activities.extract import (
    NOT_SURE,
    extract_cues,
    extract_group_size,
    extract_minutes,
    extract_mode,
    extract_participants,
    extract_purpose,
    is_not_sure,
    mentioned_activities,
)
from bot.activities.model import ActivityData, load_activities
from bot.activities.recommend import SessionRequest, recommend
from bot.replies import Turn, answer_key, message

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
        value = extract_purpose(text, data.purposes)
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


def read_cues(text: str, data: ActivityData | None = None) -> list[str]:
    """Activities the message names or describes (kept to break ties)."""
    data = data or load_activities()
    return list(extract_cues(text or "", data.activities))


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

    cues = slots.get("activity_cues") or []
    return SessionRequest(
        purpose=known("activity_purpose"),  # type: ignore[arg-type]
        group_size=number("group_size"),
        minutes=number("session_minutes"),
        mode=known("session_mode"),  # type: ignore[arg-type]
        participants=known("participants"),  # type: ignore[arg-type]
        cues=tuple(c for c in cues if isinstance(c, str)) if isinstance(cues, list | tuple) else (),
    )


def recommendation_turn(slots: dict[str, object], data: ActivityData | None = None) -> Turn:
    """The recommendation for the filled form; clears the form for next time."""
    data = data or load_activities()
    request = _request(slots)
    result = recommend(data.activities, request)
    best = explain(result, request, data)
    messages = (
        message("utter_activity_recommendation", name=best.name, summary=best.summary, why=best.why),
        message("utter_activity_links", name=best.name, links=best.links),
    )
    cleared: dict[str, object] = dict.fromkeys((*FORM_SLOTS, "activity_cues"))
    return Turn(
        messages,
        {
            **cleared,
            "recommended_activity": best.activity_id,
            "activity_ranking": [s.activity.id for s in result.ranked],
            "last_request": {k: v for k, v in vars(request).items() if k != "cues"},
            "more_of": "activity",
            "feedback_for": answer_key("recommendation", best.activity_id),
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
    return Turn(messages, {"recommended_activity": other.activity_id, "more_of": "activity"})


def steps_turn(text: str, recommended: str | None) -> Turn:
    """How to run the activity the message names, or else the one just recommended."""
    data = load_activities()
    named = mentioned_activities(text or "", data.activities)
    activity = data.activity(named[0] if named else (recommended or ""))
    if activity is None:
        return Turn((message("utter_activity_which"),))
    return Turn((message("utter_activity_steps", **steps_text(activity)),))


def compare_turn(text: str, recommended: str | None) -> Turn:
    """Two activities side by side: the two named, or the one named and the one recommended."""
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
