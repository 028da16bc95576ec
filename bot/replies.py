"""What a feature tells the assistant to do in one turn: the one shape every feature returns.

A `Turn` holds the responses to send (names from domain.yml and the values they fill in), the
slots to set, and, when the turn could not meet the user's need, why (so the needs log can
record it: `bot/flows.py`). The actions in actions/ read the tracker, make one call, and send
the turn (`actions/dispatch.py`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Message:
    """One response to send: a response name from domain.yml and the values it needs."""

    response: str
    values: tuple[tuple[str, str], ...] = ()

    def kwargs(self) -> dict[str, str]:
        """The values as keyword arguments for `dispatcher.utter_message`."""
        return dict(self.values)


def message(response: str, **values: object) -> Message:
    """A `Message`, with its values turned to text."""
    return Message(response, tuple((k, str(v)) for k, v in values.items()))


@dataclass(frozen=True)
class Turn:
    """Messages to send, slots to set (slot name → value; None clears it), and an unmet need.

    Attributes:
        messages: what to send, in order.
        slots: what to remember.
        unmet: the needs log's reason when the turn could not meet the need ("no_search_result").
    """

    messages: tuple[Message, ...]
    slots: Mapping[str, object] = field(default_factory=dict)
    unmet: str | None = None

    def slot(self, name: str, default: object = None) -> object:
        """The value the turn sets for a slot (or `default`)."""
        return self.slots.get(name, default)

    def with_slots(self, **slots: object) -> Turn:
        """The same turn, setting more slots."""
        return Turn(self.messages, {**self.slots, **slots}, self.unmet)


# "Was this helpful?" remembers what it asks about as "<kind>|<key>" in the feedback_for slot:
# "knowledge|faq/what_is_mvp", "search|gap analysis tool", "recommendation|fish_bowl".
ANSWER_KEY_LIMIT = 200


def answer_key(kind: str, key: str) -> str:
    """The `feedback_for` slot value for an answer of one kind (`bot.needs.model.ANSWER_TYPES`)."""
    return f"{kind}|{key}"[:ANSWER_KEY_LIMIT]


def split_answer_key(value: object) -> tuple[str, str] | None:
    """(kind, key) from a `feedback_for` slot value, or None when it is not one."""
    if not isinstance(value, str) or "|" not in value:
        return None
    kind, key = value.split("|", 1)
    return kind, key
