"""What an action should send: a response name from domain.yml and the values it fills in."""

from __future__ import annotations

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
    """Messages to send and slots to set (slot name → value; None clears it)."""

    messages: tuple[Message, ...]
    slots: dict[str, object] = field(default_factory=dict)
