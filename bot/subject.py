"""What the conversation is about now: one notion for every follow-up.

After each answer the assistant remembers its subject in the `subject` slot, as "<kind>|<key>":

- `answer|faq/what_is_mvp`: a knowledge answer;
- `activity|fish_bowl`: an activity described, or how to run it;
- `recommendation|fish_bowl`: the activity just recommended (its reasons can be asked for);
- `resources|gap analysis tool`: a list of search results;
- `resource|always-events`: one catalogue entry shown ("what is Always Events?");
- `list|activities`: the list of the seven activities.

"Tell me more", "how do I run it", "the second one", "is there a worksheet for it?", "can we do
it online?" and "compare it with Fish Bowl" all read it (bot/flows.py).
"""

from __future__ import annotations

from dataclasses import dataclass

ANSWER = "answer"
ACTIVITY = "activity"
RECOMMENDATION = "recommendation"
RESOURCES = "resources"
RESOURCE = "resource"
LIST = "list"
KINDS = (ANSWER, ACTIVITY, RECOMMENDATION, RESOURCES, RESOURCE, LIST)

# Knowledge answers about one activity, and the list of all seven.
_ACTIVITY_ANSWER = "faq/activity_"
ACTIVITIES_LIST_ANSWER = "faq/activities_overview"
SUBJECT_LIMIT = 200


@dataclass(frozen=True)
class Subject:
    """What the conversation is about: a kind (`KINDS`) and which one."""

    kind: str
    key: str

    def slot(self) -> str:
        """The value kept in the `subject` slot."""
        return f"{self.kind}|{self.key}"[:SUBJECT_LIMIT]


def subject_slot(kind: str, key: str) -> str:
    """The `subject` slot value for a kind and key."""
    return Subject(kind, key).slot()


def parse_subject(value: object) -> Subject | None:
    """The subject in a slot value, or None when there is none (or it is malformed)."""
    if not isinstance(value, str) or "|" not in value:
        return None
    kind, key = value.split("|", 1)
    return Subject(kind, key) if kind in KINDS and key else None


def for_answer(answer_key: str) -> Subject:
    """The subject of a knowledge answer: an activity's answer is about that activity."""
    if answer_key == ACTIVITIES_LIST_ANSWER:
        return Subject(LIST, "activities")
    return Subject(ANSWER, answer_key)


def activity_of(subject: Subject | None) -> str | None:
    """The activity a subject is about, if any ("how do I run it?")."""
    if subject is None:
        return None
    if subject.kind in (ACTIVITY, RECOMMENDATION):
        return subject.key
    if subject.kind == ANSWER and subject.key.startswith(_ACTIVITY_ANSWER):
        return subject.key.removeprefix(_ACTIVITY_ANSWER)
    return None
