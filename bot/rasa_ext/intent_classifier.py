"""A custom NLU component: intents from `bot.intents.IntentModel` (TF-IDF + logistic regression).

It replaces DIET for intents; entities come from the CRFEntityExtractor and knowledge answers
from the ResponseSelector. Retrieval intents (`faq/…`) are learnt as `faq`, as DIET does.
"""

from __future__ import annotations

import hashlib
import inspect
import logging
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from typing_extensions import Self

import bot.intents
from bot.intents import DEFAULT_C, IntentModel

logger = logging.getLogger(__name__)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class LinearIntentClassifier(GraphComponent, IntentClassifier):
    """Predicts the intent and an intent ranking for each message."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """`C`: inverse regularisation strength; `ranking_length`: intents kept in the ranking."""
        return {"C": DEFAULT_C, "ranking_length": 10}

    @staticmethod
    def required_packages() -> list[str]:
        """scikit-learn does the learning."""
        return ["sklearn"]

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str | None:
        """Retrain when the model code in bot/intents.py changes (Rasa only looks at this class)."""
        return hashlib.sha256(inspect.getsource(bot.intents).encode("utf-8")).hexdigest()

    def __init__(
        self, config: dict[str, Any], model_storage: ModelStorage, resource: Resource, model: IntentModel | None
    ) -> None:
        self._config = config
        self._model_storage = model_storage
        self._resource = resource
        self._model = model

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> Self:
        """A new, untrained classifier."""
        return cls(config, model_storage, resource, None)

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> Self:
        """The classifier as trained; untrained if the model has none (e.g. no NLU data)."""
        try:
            with model_storage.read_from(resource) as directory:
                model = IntentModel.load(directory)
        except (ValueError, FileNotFoundError, TypeError):
            logger.warning("No trained intent model found; intents will not be predicted.")
            model = None
        return cls(config, model_storage, resource, model)

    def train(self, training_data: TrainingData) -> Resource:
        """Learns the intents of the training examples."""
        examples = [e for e in training_data.intent_examples if e.get(TEXT) and e.get(INTENT)]
        if len({e.get(INTENT) for e in examples}) < 2:
            logger.warning("Fewer than two intents in the training data: the intent classifier is not trained.")
            return self._resource
        self._model = IntentModel(c=float(self._config["C"])).fit(
            [e.get(TEXT) for e in examples], [e.get(INTENT) for e in examples]
        )
        with self._model_storage.write_to(self._resource) as directory:
            self._model.save(directory)
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
