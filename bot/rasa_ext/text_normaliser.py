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
from bot.text import expand_txtspeak

# The later steps (tokens, classifier, entities) read at most this much of a message: their time
# grows with every token, on the event loop that answers every user (60,000 apostrophes took
# 2.7 s). A message this long is `too_long` anyway; the safety guard still reads all of it.
NLU_TEXT_LIMIT = 4000
# Where the whole folded text waits for the safety guard when the text is cut (never output).
FULL_TEXT = "coprod_full_text"


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
        """Folds the text of each message, and cuts what later steps read to `NLU_TEXT_LIMIT`."""
        for message in messages:
            text = message.get(TEXT)
            if isinstance(text, str) and text:
                # Disguises undone, then text-message spellings spelled out ("wat r u").
                folded = expand_txtspeak(unfold(text))
                if len(folded) > NLU_TEXT_LIMIT:
                    message.set(FULL_TEXT, folded)
                    folded = folded[:NLU_TEXT_LIMIT]
                if folded != text:
                    message.set(TEXT, folded)
        return messages
