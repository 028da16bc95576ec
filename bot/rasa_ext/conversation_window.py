"""A turn reads back the recent part of its conversation, not all of it: its cost stays the same.

Rasa 3.6 reads the whole stored conversation at every message, turns each stored event back
into an object, replays them all, sends them all to the action server, and its rule policy
walks them all again, so a turn costs more the longer the conversation (docs/benchmarks.md).
Here a turn's tracker holds the last `CONVERSATION_WINDOW` user messages and the events since,
after the state the conversation was in just before them: one `SlotSet` per slot, and
`ConversationPaused` if it was paused. Every rule (data/rules/) looks back at most two messages
and the actions at most three, so what the assistant says and does is the same.

The state before the recent part comes from replaying the events in Rasa's own way (so reverted
turns, restarts and resets count as they do in Rasa). Each process keeps, per conversation, a
`Checkpoint`: the stored event where the recent part starts and the state there. A turn reads
the events from the checkpoint on, replays them after that state, and moves the checkpoint
forward. A conversation the process has not seen yet (after a restart, or when replicas take
turns) is read whole once. A point where a form is active is never a checkpoint, so a form keeps
its whole history while it runs; if an event in the recent part undoes events from before it,
or a chain of "/back" takes back every message in it, the turn reads the conversation whole
instead.
"""

from __future__ import annotations

import copy
import json
import logging
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import (
    ActionExecuted,
    ConversationPaused,
    Event,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.utils.common import all_subclasses

logger = logging.getLogger(__name__)

# Conversations whose checkpoint a process keeps (the least recently used are forgotten).
MAX_CONVERSATIONS = 5000
# How far back past the window a checkpoint may be, when a form or a fallback rules out the
# nearer points (beyond it, the turn keeps the checkpoint it had).
MAX_CANDIDATE_TURNS = 20
# On the tracker a windowed read returns: where the recent part starts, and how many events
# precede it in `tracker.events` (the state), so saving adds only the new events.
WINDOW_ATTRIBUTE = "_coprod_window"


@dataclass(frozen=True)
class Checkpoint:
    """Where the recent part of a conversation starts, and the state just before it.

    Attributes:
        event_id: the stored event (an `action_listen` before a user message) it starts at.
        slots: the slots that are not at their initial value there, deep-copied.
        paused: whether the conversation was paused there.
        timestamp: that event's time, given to the events that rebuild the state.
    """

    event_id: int
    slots: tuple[tuple[str, Any], ...]
    paused: bool
    timestamp: float

    def state_events(self, slots: Sequence[Any]) -> list[Event]:
        """The events that rebuild the state: every slot of the domain, then a pause if any."""
        values = dict(self.slots)
        events: list[Event] = [
            SlotSet(slot.name, copy.deepcopy(values.get(slot.name, slot.initial_value)), timestamp=self.timestamp)
            for slot in slots
        ]
        if self.paused:
            events.append(ConversationPaused(timestamp=self.timestamp))
        return events


@dataclass(frozen=True)
class Window:
    """The recent part of a conversation that was read: where it starts, and the state events before it."""

    event_id: int
    state_length: int


class Checkpoints:
    """Each conversation's checkpoint in this process, the least recently used forgotten first."""

    def __init__(self, size: int = MAX_CONVERSATIONS) -> None:
        """An empty store of at most `size` conversations."""
        self.size = size
        self._items: OrderedDict[str, Checkpoint] = OrderedDict()

    def get(self, key: str) -> Checkpoint | None:
        """The conversation's checkpoint, if this process has one."""
        found = self._items.get(key)
        if found is not None:
            self._items.move_to_end(key)
        return found

    def put(self, key: str, checkpoint: Checkpoint) -> None:
        """Keeps the conversation's newest checkpoint."""
        self._items[key] = checkpoint
        self._items.move_to_end(key)
        while len(self._items) > self.size:
            self._items.popitem(last=False)

    def forget(self, key: str) -> None:
        """Drops the conversation's checkpoint."""
        self._items.pop(key, None)


_event_classes: dict[str, type[Event]] = {}


def event_from_row(data: str) -> Event | None:
    """The event stored as JSON; Rasa's `Event.from_parameters`, its class found without walking every class."""
    parameters = json.loads(data)
    if not _event_classes:
        for cls in all_subclasses(Event):  # the first class with the name wins, as in Rasa
            _event_classes.setdefault(cls.type_name, cls)
    cls = _event_classes.get(parameters.get("event"))
    return cls._from_parameters(parameters) if cls is not None else Event.from_parameters(parameters)


def _listens_then_user(events: Sequence[Event], index: int) -> bool:
    event = events[index]
    return (
        isinstance(event, ActionExecuted)
        and event.action_name == ACTION_LISTEN_NAME
        and index + 1 < len(events)
        and isinstance(events[index + 1], UserUttered)
    )


def replay(
    sender_id: str,
    slots: Sequence[Any],
    rows: Sequence[tuple[int, Event]],
    checkpoint: Checkpoint | None,
    turns: int,
) -> tuple[DialogueStateTracker | None, Checkpoint | None]:
    """The tracker of the rows (after the checkpoint's state), and the next checkpoint.

    Args:
        sender_id: the conversation.
        slots: the domain's slots.
        rows: the stored events from the checkpoint on (all of them without one), with their ids.
        checkpoint: where `rows` start and the state there; None when `rows` are the whole
            conversation.
        turns: user messages the next turn reads back (at least 1).

    Returns:
        The tracker (None when the recent part undoes events from before it: read it whole),
        and the checkpoint for the next turn (None when there is no suitable point yet).
    """
    tracker = DialogueStateTracker(sender_id, slots)
    state = checkpoint.state_events(slots) if checkpoint is not None else []
    for event in state:
        tracker.update(event)
    events = [event for _, event in rows]
    users_after = [0] * (len(events) + 1)
    for index in range(len(events) - 1, -1, -1):
        users_after[index] = users_after[index + 1] + isinstance(events[index], UserUttered)
    candidates: list[tuple[int, Checkpoint]] = []
    for index, (event_id, event) in enumerate(rows):
        if (
            turns <= users_after[index] <= turns + MAX_CANDIDATE_TURNS
            and tracker.active_loop_name is None
            and _listens_then_user(events, index)
            and (index > 0 or checkpoint is None)
        ):
            candidates.append((index, _checkpoint(tracker, event_id, event.timestamp)))
        tracker.update(event)
    applied = {id(event) for event in tracker.applied_events()}
    if checkpoint is not None:
        # After a restart or a new session nothing from before counts; otherwise the recent
        # part must keep its first message (the checkpoint's listen and user message) and the
        # state events: a chain of "/back" that takes back every message in it makes the latest
        # message one from before it, which only the whole conversation holds.
        restarted = any(isinstance(event, Restarted | SessionStarted) for event in events)
        keeps_start = len(events) < 2 or {id(events[0]), id(events[1])} <= applied
        undoes = not keeps_start or not all(id(event) in applied for event in state)
        if not restarted and undoes:
            return None, None
        setattr(tracker, WINDOW_ATTRIBUTE, Window(event_id=rows[0][0], state_length=len(state)))
    # The latest point whose message was not taken back (a fallback reverts its own message):
    # the states the policies see from there on are then the same as the whole conversation's.
    following = next(
        (found for index, found in reversed(candidates) if {id(events[index]), id(events[index + 1])} <= applied),
        checkpoint,
    )
    return tracker, following


def _checkpoint(tracker: DialogueStateTracker, event_id: int, timestamp: float) -> Checkpoint:
    return Checkpoint(
        event_id=event_id,
        slots=tuple(
            (name, copy.deepcopy(slot.value))
            for name, slot in tracker.slots.items()
            if slot.value != slot.initial_value
        ),
        paused=tracker.is_paused(),
        timestamp=timestamp,
    )
