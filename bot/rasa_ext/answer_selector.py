"""A custom NLU component: which knowledge answer (`faq/…`) fits, from `bot.intents.IntentModel`.

It replaces Rasa's ResponseSelector with the same TF-IDF + logistic regression model the intent
classifier uses, trained on the retrieval intent's examples with their answer keys as labels.
The neural selector mixed up answers whose keys share words ("15 steps" got the C4CC seven steps);
this one learns from the examples' own words and characters. Its output has the shape Rasa's
ResponseSelector gives, so `utter_faq`, the answer guard and `rasa test` work unchanged.
"""

from __future__ import annotations

import hashlib
from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.nlu.constants import (
    RESPONSE_SELECTOR_PREDICTION_KEY,
    RESPONSE_SELECTOR_PROPERTY_NAME,
    RESPONSE_SELECTOR_RANKING_KEY,
    RESPONSE_SELECTOR_RESPONSES_KEY,
    RESPONSE_SELECTOR_RETRIEVAL_INTENTS,
    RESPONSE_SELECTOR_UTTER_ACTION_KEY,
)
from rasa.shared.nlu.constants import INTENT, INTENT_RESPONSE_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.details import RESPONSES_DIR, answer_sentences, answers_for_parts, question_parts
from bot.intents import DEFAULT_C
from bot.rasa_ext.linear import LinearModelComponent

RESPONSES_KEY = "responses"
# The answers of a message that asks several questions, one for each (bot.details.answers_for_parts).
ANSWER_PARTS_KEY = "answer_parts"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class LinearAnswerSelector(LinearModelComponent):
    """Ranks the answers of one retrieval intent for each message."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """`retrieval_intent`: whose answers to rank; `C`; `ranking_length`."""
        return {"retrieval_intent": "faq", "C": DEFAULT_C, "ranking_length": 10}

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str | None:
        """Retrain when the code or the answers' words change (they are examples too)."""
        answers = "".join(p.read_text(encoding="utf-8") for p in sorted(RESPONSES_DIR.glob("*.yml")))
        code = super().fingerprint_addon(config) or ""
        return hashlib.sha256((code + answers).encode("utf-8")).hexdigest()

    def train(self, training_data: TrainingData) -> Resource:
        """Learns which answer each example of the retrieval intent asks for."""
        examples = [
            e
            for e in training_data.intent_examples
            if e.get(INTENT) == self._config["retrieval_intent"] and e.get(TEXT) and e.get(INTENT_RESPONSE_KEY)
        ]
        keys = {e.get(INTENT_RESPONSE_KEY) for e in examples}
        if len(keys) < 2:
            return self._resource
        # The answers' own sentences teach their fine print's words (5-fold answer macro-F1
        # 0.786 -> 0.804 on the examples alone; docs/benchmarks.md).
        own_words = [(s, key) for s, key in answer_sentences() if key in keys]
        self._fit_and_save(
            [e.get(TEXT) for e in examples] + [s for s, _ in own_words],
            [e.get(INTENT_RESPONSE_KEY) for e in examples] + [key for _, key in own_words],
            {RESPONSES_KEY: dict(training_data.responses)},
        )
        return self._resource

    def process(self, messages: list[Message]) -> list[Message]:
        """Adds the best answer and the ranking under `response_selector`, as Rasa's selector does."""
        if self._model is None:
            return messages
        key = self._config["retrieval_intent"]
        responses = self._extra.get(RESPONSES_KEY, {})
        for message in messages:
            text = message.get(TEXT)
            if not text:
                continue
            ranking = self._model.rank(text, self._config["ranking_length"])
            best, confidence = ranking[0]
            utter_action = f"utter_{best}"
            prediction = {
                RESPONSE_SELECTOR_PREDICTION_KEY: {
                    RESPONSE_SELECTOR_RESPONSES_KEY: responses.get(utter_action, [{TEXT: best}]),
                    PREDICTED_CONFIDENCE_KEY: confidence,
                    INTENT_RESPONSE_KEY: best,
                    RESPONSE_SELECTOR_UTTER_ACTION_KEY: utter_action,
                },
                RESPONSE_SELECTOR_RANKING_KEY: [
                    {PREDICTED_CONFIDENCE_KEY: c, INTENT_RESPONSE_KEY: k} for k, c in ranking
                ],
            }
            parts = question_parts(text)
            if parts:
                # "What is an MNVP and how do I join one?": an answer for each question, when sure.
                keys = answers_for_parts([self._model.rank(part, 2) for part in parts])
                if keys:
                    message.set(ANSWER_PARTS_KEY, keys, add_to_output=True)
            properties = dict(message.get(RESPONSE_SELECTOR_PROPERTY_NAME) or {})
            properties[RESPONSE_SELECTOR_RETRIEVAL_INTENTS] = [key]
            properties[key] = prediction
            message.set(RESPONSE_SELECTOR_PROPERTY_NAME, properties, add_to_output=True)
        return messages
