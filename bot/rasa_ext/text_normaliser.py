"""A custom NLU component, first in the pipeline: undoes disguised characters in the message text.

Zero-width spaces, soft hyphens, look-alike letters from other scripts, "b1eeding" and
"b l e e d i n g" (`bot.text.fold`) are turned back into the words people meant, so every
later step (tokens, the classifier, the language and safety guards) sees plain text. Ordinary
text passes through unchanged, training data included.
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.rasa_ext.base import StatelessComponent
from bot.safety import unfold_message as unfold


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class TextNormaliser(StatelessComponent):
    """Folds each message's text (`bot.text.fold`) before anything reads it."""

    def __init__(self) -> None:
        """Loads the word lists now, so the first user does not wait for them."""
        unfold("warm up")

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Folds the training examples the same way (a no-op for ordinary text)."""
        self.process(training_data.training_examples)
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        """Folds the text of each message."""
        for message in messages:
            text = message.get(TEXT)
            if isinstance(text, str) and text:
                folded = unfold(text)
                if folded != text:
                    message.set(TEXT, folded)
        return messages
