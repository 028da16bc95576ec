"""A custom NLU component: messages that are not English (or are gibberish) are not understood.

It runs after the FallbackClassifier and before the safety guard (so an urgent message with
typos is still routed). It sets `nlu_fallback` with no other guesses, so the assistant
answers with its menu ("I can answer questions in English about…") instead of offering
"did you mean" buttons built from a confident but meaningless classification.
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.rasa_ext.base import MessageGuard
from bot.rasa_ext.text_normaliser import FULL_TEXT
from bot.text import asks_local_detail, is_experience_story, is_too_long, looks_english

NOT_ENGLISH_KEY = "not_english"
TOO_LONG_INTENT = "too_long"
# A long message telling someone's own care (bot.text.is_experience_story): thanked and recorded.
STORY_INTENT = "share_story"
# A question about one MNVP's contacts, people or dates (bot.text.asks_local_detail): "I don't know
# that", where to find it, and logged.
LOCAL_DETAILS_INTENT = "local_details"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class LanguageGuard(MessageGuard):
    """Marks messages whose words are mostly not English as not understood, over-long ones as
    `too_long`, a family's story of their care as `share_story`, and a question about one
    MNVP's own details as `local_details`."""

    def process(self, messages: list[Message]) -> list[Message]:
        """Sets `nlu_fallback`, with no other guesses, on messages that are not English."""
        for message in messages:
            # The whole message: the later NLU steps read only its first NLU_TEXT_LIMIT characters.
            text = message.get(FULL_TEXT) or message.get(TEXT)
            if isinstance(text, str) and is_too_long(text):
                # The safety guard still runs after this: an urgent message is routed whatever its length.
                intent = {"name": TOO_LONG_INTENT, "confidence": 1.0}
                message.set(INTENT, intent, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [intent], add_to_output=True)
                continue
            if isinstance(text, str) and is_experience_story(text):
                # The safety guard runs after this too: an urgent story gets urgent help first.
                intent = {"name": STORY_INTENT, "confidence": 1.0}
                message.set(INTENT, intent, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [intent], add_to_output=True)
                continue
            if isinstance(text, str) and asks_local_detail(text):
                intent = {"name": LOCAL_DETAILS_INTENT, "confidence": 1.0}
                message.set(INTENT, intent, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [intent], add_to_output=True)
                continue
            if not isinstance(text, str) or looks_english(text):
                continue
            intent = {"name": DEFAULT_NLU_FALLBACK_INTENT_NAME, "confidence": 1.0}
            message.set(INTENT, intent, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [intent], add_to_output=True)
            message.set(NOT_ENGLISH_KEY, True, add_to_output=True)
        return messages
