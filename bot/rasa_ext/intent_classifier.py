"""A custom NLU component: intents from `bot.intents.IntentModel` (TF-IDF + logistic regression).

It replaces DIET for intents; entities come from the CRFEntityExtractor and knowledge answers
from bot/rasa_ext/answer_selector.py. Retrieval intents (`faq/…`) are learnt as `faq`, as DIET does.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.intents import DEFAULT_C
from bot.rasa_ext.linear import LinearModelComponent

logger = logging.getLogger(__name__)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class LinearIntentClassifier(LinearModelComponent, IntentClassifier):
    """Predicts the intent and an intent ranking for each message."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """`C`: inverse regularisation strength; `ranking_length`: intents kept in the ranking."""
        return {"C": DEFAULT_C, "ranking_length": 10}

    def train(self, training_data: TrainingData) -> Resource:
        """Learns the intents of the training examples."""
        examples = [e for e in training_data.intent_examples if e.get(TEXT) and e.get(INTENT)]
        if len({e.get(INTENT) for e in examples}) < 2:
            logger.warning("Fewer than two intents in the training data: the intent classifier is not trained.")
            return self._resource
        self._fit_and_save([e.get(TEXT) for e in examples], [e.get(INTENT) for e in examples])
        return self._resource

    def process(self, messages: list[Message]) -> list[Message]:
        """Sets the intent and the ranking on each message."""
        for message in messages:
            text = message.get(TEXT)
            ranking = self._model.rank(text, self._config["ranking_length"]) if self._model and text else []
            if not ranking:
                message.set(INTENT, {"name": None, "confidence": 0.0}, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [], add_to_output=True)
                continue
            top, confidence = ranking[0]
            message.set(INTENT, {"name": top, "confidence": confidence}, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [{"name": n, "confidence": c} for n, c in ranking], add_to_output=True)
        return messages
