"""A dialogue policy that keeps a question about the activity just described with that activity,
and a short question pointing back at a knowledge answer with that answer.

Right after an activity was described, recommended or explained, people ask about it without
naming it: "how many can play at once?", "we only have 20 minutes", "do all the chairs have to
go?". The classifier cannot know what "it" is, and makes such a message out of scope, not
understood, a new request for an activity, or (when it leans that way) a medical question. The
rules would then answer "I can't help with that", start the activity questions again, or refuse
medical advice. This policy reads the `subject` slot (bot/subject.py) and the message
(`bot.activities.asks_about_the_activity`), and answers about the activity instead
(`action_activity_question`). It outranks the rules, but never an urgent answer (those come from
intents it does not touch) nor a form waiting for an answer.

Right after a knowledge answer, a short question pointing back at it that the classifier made
out of scope ("is it free to reuse?"), or a short one whose words point to a paragraph of it
that the classifier made out of scope or medical ("do I need any checks first?" after Walk the
Patch; never a medicine, a dose or a symptom), is read against that answer the way a message it could not
place is (`action_suggest_topics`, then the needs log when nothing fits), not "I can't help".
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from rasa.core.constants import POLICY_PRIORITY
from rasa.core.policies.policy import Policy, PolicyPrediction
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

from bot.activities import activity_in_subject, asks_about_the_activity
from bot.details import asks_who_to_ask, detail_part, has_more, is_short_question, points_back
from bot.passages import clearly_about
from bot.safety import asks_clinical
from bot.subject import ANSWER, RECOMMENDATION, activity_of, parse_subject
from bot.text import place_named
from bot.topics import topic_titles

# Above RulePolicy (6), the same as the urgent policy, whose intents this one never takes.
SUBJECT_POLICY_PRIORITY = 7
ACTIVITY_QUESTION_ACTION = "action_activity_question"
SUBJECT_ANSWER_ACTION = "action_suggest_topics"
LOG_NEED_ACTION = "action_log_unmet_need"
# What the classifier makes of a question about "it": none of these is a real answer.
_MISREAD = {"out_of_scope", "nlu_fallback", "inform_activity", "clinical_question"}
# What the classifier makes of a question about a knowledge answer that this policy reads
# against that answer (a message it could not place goes there by the rules already).
_NOT_ANSWERED = {"out_of_scope", "clinical_question"}
RETRIEVAL_INTENT = "faq"
MIN_WORDS_AGAIN = 3  # "why?" or "and?" alone is not a new question about the answer
# What the classifier makes of "who do i ask about that?" or "how would i start?" after an answer.
_WHO_TO_ASK_INTENTS = frozenset({"help", "search_resources", *_MISREAD})
# What the classifier makes of "im in gloucestershire if that helps".
_PLACE_INTENTS = frozenset({"helpful", "not_helpful", "affirm", "thank", "greet", *_WHO_TO_ASK_INTENTS})


@lru_cache(maxsize=1)
def _TOPIC_TITLES() -> frozenset[str]:
    return frozenset(title.lower().rstrip("?!. ") for title in topic_titles())


def _plan(intent: str | None, text: str, subject: object) -> tuple[str, ...]:
    """The actions that answer the message from the conversation's subject, or () when the
    classifier's reading stands."""
    about = parse_subject(subject)
    if about is not None and about.kind == ANSWER and activity_of(about) is None and intent in _NOT_ANSWERED:
        # "Is the training material free to reuse?" right after an answer: read that answer
        # (bot.flows.not_understood_answer), and log the need when nothing in it fits. "Do I need
        # any checks first?" after Walk the Patch is about its checks, not a medical question.
        if intent == "clinical_question" and asks_clinical(text):
            return ()
        if not is_short_question(text):
            return ()
        if intent == "out_of_scope" and (points_back(text) or detail_part(text, about.key, follow_up=True)):
            return (SUBJECT_ANSWER_ACTION, LOG_NEED_ACTION)
        if clearly_about(text, about.key):
            return (SUBJECT_ANSWER_ACTION, LOG_NEED_ACTION)
        return ()
    if activity_in_subject(about) is None:
        return ()
    if intent == "inform_activity" and about is not None and about.kind == RECOMMENDATION:
        return ()  # a detail changed after a recommendation asks for a new one (carried_over)
    if intent == "clinical_question" and asks_clinical(text):
        return ()  # a medicine, a dose, a result: the refusal stands
    return (ACTIVITY_QUESTION_ACTION,) if asks_about_the_activity(text) else ()


def _same_answer_again(text: str, subject: object, answer_key: str | None) -> tuple[str, ...]:
    """A new question the classifier gives the answer just read ("How many rungs does Arnstein's
    have?" after the ladder of co-production): read against that answer, whose longer part comes
    first (`bot.flows.not_understood_answer`). A button's question, "tell me more" and a bare
    topic title keep their answer."""
    about = parse_subject(subject)
    if about is None or about.kind != ANSWER or activity_of(about) is not None or answer_key != about.key:
        return ()
    if not has_more(about.key) or not is_short_question(text) or len(text.split()) < MIN_WORDS_AGAIN:
        return ()
    if text.strip().lower().rstrip("?!. ") in _TOPIC_TITLES():
        return ()
    return (SUBJECT_ANSWER_ACTION, LOG_NEED_ACTION)


def follow_up_action(
    intent: str | None,
    text: str,
    subject: object,
    active_loop: str | None,
    latest_action: str | None,
    answer_key: str | None = None,
) -> str | None:
    """The next action for a question about what the conversation is about, or None.

    Args:
        intent: what the classifier made of the message.
        text: the message.
        subject: the `subject` slot.
        active_loop: the form waiting for an answer, if any.
        latest_action: the last action run.
        answer_key: the knowledge answer the classifier chose ("faq/…"), if any.
    """
    if active_loop:
        return None
    about = parse_subject(subject)
    after_an_answer = about is None or (about.kind == ANSWER and activity_of(about) is None)
    if intent in _PLACE_INTENTS and after_an_answer and place_named(text):
        # "im in gloucestershire if that helps" is where they are, not praise for the answer.
        plan: tuple[str, ...] = (SUBJECT_ANSWER_ACTION, LOG_NEED_ACTION)
    elif intent in _WHO_TO_ASK_INTENTS and after_an_answer and asks_who_to_ask(text):
        # "who do i ask about that?" after an answer is not a request for the menu or a search:
        # how to reach the local MNVP (bot.flows.not_understood_answer).
        plan = (SUBJECT_ANSWER_ACTION, LOG_NEED_ACTION)
    elif intent == RETRIEVAL_INTENT:
        plan = _same_answer_again(text, subject, answer_key)
    elif intent in _MISREAD:
        plan = _plan(intent, text, subject)
    else:
        return None
    if not plan:
        return None
    if latest_action == ACTION_LISTEN_NAME:
        return plan[0]
    if latest_action in plan:
        following = plan.index(latest_action) + 1
        return plan[following] if following < len(plan) else ACTION_LISTEN_NAME
    return None


def _answer_key(parse_data: Any) -> str | None:
    selector = ((parse_data or {}).get("response_selector") or {}).get(RETRIEVAL_INTENT) or {}
    key = (selector.get("response") or {}).get("intent_response_key")
    return str(key) if key else None


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=False)
class SubjectPolicy(Policy):
    """Answers a question about the activity being talked about, whatever the classifier made of it."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """Its priority is above the rules'."""
        return {POLICY_PRIORITY: SUBJECT_POLICY_PRIORITY}

    def train(self, training_trackers: list[TrackerWithCachedStates], domain: Domain, **kwargs: Any) -> Resource:
        """Nothing to learn."""
        return self._resource

    def predict_action_probabilities(
        self, tracker: DialogueStateTracker, domain: Domain, **kwargs: Any
    ) -> PolicyPrediction:
        """The activity answer, then listen; nothing when the message is not about the activity."""
        message = tracker.latest_message
        intent = (message.intent or {}).get("name") if message is not None else None
        step = follow_up_action(
            intent,
            (message.text or "") if message is not None else "",
            tracker.get_slot("subject"),
            tracker.active_loop_name,
            tracker.latest_action_name,
            _answer_key(message.parse_data if message is not None else {}),
        )
        probabilities = self._default_predictions(domain)
        if step is not None and step in domain.action_names_or_texts:
            probabilities[domain.index_for_action(step)] = 1.0
        return self._prediction(probabilities)
