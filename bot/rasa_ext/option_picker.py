"""A custom NLU component: a typed number picks the option with that number, on every channel.

After the assistant offers options (buttons on the website, a numbered list by SMS), a reply of
"2" means the second option, in the order they were shown (all the options of the last turn,
numbered as `bot.numbered.compose_turn` numbers them for SMS). The message's text becomes what
that option sends, so everything after this step reads it as if the button had been pressed.

While the activity form is waiting for a number (the group size, the length), a number is the
answer to that question, not an option.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.numbered import choice_number, compose_turn
from bot.rasa_ext.base import StatelessComponent

# Form questions whose answer is a number: a typed number answers them.
NUMBER_SLOTS = {"group_size", "session_minutes"}


def last_turn_options(tracker: Any) -> tuple[str, ...]:
    """What each option of the assistant's last turn sends, in the order shown."""
    said: list[dict[str, Any]] = []
    for event in reversed(getattr(tracker, "events", None) or ()):
        if isinstance(event, UserUttered):
            break
        if isinstance(event, BotUttered):
            said.insert(0, {"text": event.text or "", "buttons": (event.data or {}).get("buttons") or []})
    return compose_turn(said).payloads if said else ()


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class OptionPicker(StatelessComponent):
    """Turns a typed number into the payload of the option with that number."""

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Nothing to do: training data has no earlier turn."""
        return training_data

    def process(self, messages: list[Message], tracker: Any = None) -> list[Message]:
        """Replaces "2" with what the second option of the last turn sends."""
        if tracker is None:
            return messages
        if tracker.active_loop_name and tracker.get_slot("requested_slot") in NUMBER_SLOTS:
            return messages
        for message in messages:
            number = choice_number(message.get(TEXT) or "")
            if number is None:
                continue
            options = last_turn_options(tracker)
            if 1 <= number <= len(options) and options[number - 1]:
                message.set(TEXT, options[number - 1])
        return messages
