"""A custom NLU component that routes urgent messages, whatever the classifier thought.

It runs last in the NLU pipeline (after the FallbackClassifier), asks `bot.safety.assess`
about the text, and, when that finds an urgent situation, sets the intent to
`urgent_<category>` with full confidence and records what it found (route, situation, who)
under `safety` for the urgent policy (`bot/rasa_ext/urgent_policy.py`), which answers it in
any state of the conversation. Low mood after a birth that is not a crisis gets `low_mood`
the same way, so feelings are never met with a medical refusal. Because it is part of the
NLU pipeline it also acts under `rasa test` and `rasa shell`.
"""

from __future__ import annotations

import logging

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.rasa_ext.answer_guard import HANDED_ON_KEY, NAMED_RESOURCE_KEY
from bot.rasa_ext.base import MessageGuard
from bot.rasa_ext.text_normaliser import FULL_TEXT
from bot.safety import (
    LOW_MOOD_INTENT,
    URGENT_INTENT_PREFIX,
    asks_about_movements,
    asks_clinical,
    assess,
    assess_low_mood,
    is_about_taking_part,
)

logger = logging.getLogger(__name__)

GUARD_KEY = "safety_guard"
CLINICAL_INTENT = "clinical_question"
# A question about baby movements that describes nothing urgent (`bot.safety.asks_about_movements`).
MOVEMENTS_INTENT = "movements_info"
_NOT_AN_ANSWER = {CLINICAL_INTENT, "nlu_fallback", "out_of_scope"}
# A message the classifier gave up on but leaned this much towards calling medical gets the
# refusal, unless it names one of the activities ("how many statements should a Q Sort have?").
CLINICAL_LEAN = 0.4
#: What the guard found: {"category", "situation", "about", "rule"}.
SAFETY_KEY = "safety"


def _names_an_activity(text: str) -> bool:
    from bot.activities import load_activities, mentioned_activities

    return bool(mentioned_activities(text, load_activities().activities))


def urgent_intent(category: str) -> str:
    """The intent name for a safety category."""
    return f"{URGENT_INTENT_PREFIX}{category}"


def _set_intent(message: Message, name: str) -> None:
    intent = {"name": name, "confidence": 1.0}
    message.set(INTENT, intent, add_to_output=True)
    ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != name]
    message.set(INTENT_RANKING_KEY, [intent, *ranking], add_to_output=True)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class SafetyGuard(MessageGuard):
    """Overrides the predicted intent when the message sounds urgent, or tells of low mood."""

    def process(self, messages: list[Message]) -> list[Message]:
        """Routes each urgent message to its urgent intent, and low mood to `low_mood`."""
        for message in messages:
            # Every word, also of a message cut for the other steps (bot/rasa_ext/text_normaliser.py).
            text = message.get(FULL_TEXT) or message.get(TEXT)
            if not isinstance(text, str):
                continue
            match = assess(text)
            if match is not None:
                _set_intent(message, urgent_intent(match.category))
                logger.info("Safety guard routed a message to %s (%s)", urgent_intent(match.category), match.situation)
                message.set(GUARD_KEY, match.category, add_to_output=True)
                details = {"category": match.category, "situation": match.situation, "about": match.about}
                message.set(SAFETY_KEY, {**details, "rule": match.rule}, add_to_output=True)
                continue
            if asks_about_movements(text):
                # "How many kicks should I count?": the public advice on movements (never "did you mean").
                _set_intent(message, MOVEMENTS_INTENT)
                continue
            about = assess_low_mood(text)
            if about is not None:
                _set_intent(message, LOW_MOOD_INTENT)
                message.set(SAFETY_KEY, {"category": LOW_MOOD_INTENT, "about": about}, add_to_output=True)
                continue
            self._clinical_boundary(message, text)
        return messages

    @staticmethod
    def _clinical_boundary(message: Message, text: str) -> None:
        """A question about taking part in an MNVP gets the classifier's best MNVP answer, not the
        refusal; a medical question the classifier could not place gets the refusal, not "did you mean"."""
        intent = (message.get(INTENT) or {}).get("name")
        ranking = message.get(INTENT_RANKING_KEY) or []
        top_two = [r.get("name") for r in ranking if r.get("name") != "nlu_fallback"][:2]
        if intent == "nlu_fallback" and not is_about_taking_part(text):
            leaning: dict = next((r for r in ranking if r.get("name") != "nlu_fallback"), {})
            clinical_lean = (
                leaning.get("name") == CLINICAL_INTENT
                and float(leaning.get("confidence") or 0) >= CLINICAL_LEAN
                and not _names_an_activity(text)
            )
            if clinical_lean or asks_clinical(text):
                _set_intent(message, CLINICAL_INTENT)
                return
        # The classifier chose the refusal, or could not choose between it and an MNVP answer. A
        # message the answer guard handed on to the action server (an answer or a resource) is not torn.
        torn = intent == CLINICAL_INTENT or (
            intent == "nlu_fallback"
            and CLINICAL_INTENT in top_two
            and not message.get(HANDED_ON_KEY)
            and not message.get(NAMED_RESOURCE_KEY)
        )
        if not torn or not is_about_taking_part(text):
            return
        alternative = next((r for r in ranking if r.get("name") not in _NOT_AN_ANSWER), None)
        if alternative is not None:
            message.set(INTENT, alternative, add_to_output=True)
