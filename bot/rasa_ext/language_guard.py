"""A custom NLU component: messages that are not English (or are gibberish) are not understood.

It runs after the FallbackClassifier and before the safety guard (so an urgent message with
typos is still routed). It sets `nlu_fallback` with no other guesses, so the assistant
answers with its menu ("I can answer questions in English about…") instead of offering
"did you mean" buttons built from a confident but meaningless classification.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.language import looks_english

NOT_ENGLISH_KEY = "not_english"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class LanguageGuard(GraphComponent, IntentClassifier):
    """Marks messages whose words are mostly not English as not understood."""

    @classmethod
    def required_components(cls) -> list[type]:
        """Needs an intent classifier before it."""
        return [IntentClassifier]

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """No options."""
        return {}

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LanguageGuard:
        """Creates the component."""
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        """Sets `nlu_fallback`, with no other guesses, on messages that are not English."""
        for message in messages:
            text = message.get(TEXT)
            if not isinstance(text, str) or looks_english(text):
                continue
            intent = {"name": DEFAULT_NLU_FALLBACK_INTENT_NAME, "confidence": 1.0}
            message.set(INTENT, intent, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [intent], add_to_output=True)
            message.set(NOT_ENGLISH_KEY, True, add_to_output=True)
        return messages
