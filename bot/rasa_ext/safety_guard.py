"""A custom NLU component that routes urgent messages, whatever the classifier thought.

It runs last in the NLU pipeline (after the FallbackClassifier), asks `bot.safety.assess`
about the raw text, and, when that finds an urgent situation, sets the intent to
`urgent_<category>` with full confidence. Because it is part of the NLU pipeline it also
acts under `rasa test` and `rasa shell`.
"""

from __future__ import annotations

import logging

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.rasa_ext.base import MessageGuard
from bot.safety import assess

logger = logging.getLogger(__name__)

URGENT_INTENT_PREFIX = "urgent_"
GUARD_KEY = "safety_guard"


def urgent_intent(category: str) -> str:
    """The intent name for a safety category."""
    return f"{URGENT_INTENT_PREFIX}{category}"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class SafetyGuard(MessageGuard):
    """Overrides the predicted intent when the message sounds urgent."""

    def process(self, messages: list[Message]) -> list[Message]:
        """Routes each urgent message to its urgent intent."""
        for message in messages:
            text = message.get(TEXT)
            if not isinstance(text, str):
                continue
            match = assess(text)
            if match is None:
                continue
            intent = {"name": urgent_intent(match.category), "confidence": 1.0}
            logger.info("Safety guard routed a message to %s", intent["name"])
            message.set(INTENT, intent, add_to_output=True)
            ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != intent["name"]]
            message.set(INTENT_RANKING_KEY, [intent, *ranking], add_to_output=True)
            message.set(GUARD_KEY, match.category, add_to_output=True)
        return messages
