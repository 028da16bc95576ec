"""A custom NLU component: a knowledge question whose answer is unsure becomes "did you mean".

FallbackClassifier looks only at the intent's confidence. For the `faq` retrieval intent the
intent is often certain while the answer is not; this component, right after it, sets
`nlu_fallback` when the answer selector's confidence is low (`bot.topics.answer_is_unsure`),
keeping the rankings so the closest answers can be offered as buttons.

The other way round, a message FallbackClassifier gave up on is answered after all when it is
clearly a knowledge question and the answer selector is sure of one answer
(`bot.topics.answer_is_sure_enough`).

A knowledge question whose answer is sure but that asks for a detail only the longer part of
that answer holds ("does the chair need a DBS check?"), or names an acronym the answer never
mentions ("what is EBCD?"), is handed to the action server the same way, which answers it with
that part or from the catalogue (`bot.details`, `bot.flows.not_understood_answer`).

A message it could not place that asks for something to do in a session and names a goal or an
activity's cue ("they don't know each other, need something to break the ice") starts the
activity recommender (`bot.activities.extract.asks_for_an_activity`). One that names a catalogue
entry its answer never mentions ("we want to try Always Events") is handed on with that entry
(`bot.details.named_resource`); one that points back ("what principles do they follow?") is
handed on with its answer, for the action server to weigh against the conversation's subject.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.activities import (
    asks_about_one_activity,
    asks_for_an_activity,
    asks_how_to_run,
    asks_if_it_fits,
    asks_to_choose_between,
    asks_which_activity_fits,
    describes_a_session,
    mentioned_activities,
    plans_a_session,
    question_aspect,
    reads_as_a_family,
)
from bot.details import (
    answer_naming,
    answers_compared,
    asks_if_still_going,
    detail_in_more,
    is_short_question,
    named_resource,
    names_unknown_acronym,
    points_back,
)
from bot.passages import asks_for_more
from bot.rasa_ext.answer_selector import ANSWER_PARTS_KEY
from bot.rasa_ext.base import MessageGuard
from bot.text import tells_of_a_loss
from bot.topics import (
    RETRIEVAL_INTENT,
    answer_is_sure_enough,
    answer_is_unsure,
    answer_named_by_title,
    answer_titled,
    crisis_answer_for_the_work,
    topic_titles,
)


def _answer_confidence(message: Message) -> float | None:
    selector = (message.get("response_selector") or {}).get(RETRIEVAL_INTENT) or {}
    confidence = (selector.get("response") or {}).get("confidence")
    return float(confidence) if confidence is not None else None


def _runner_up_confidence(message: Message) -> float:
    selector = (message.get("response_selector") or {}).get(RETRIEVAL_INTENT) or {}
    ranking = selector.get("ranking") or []
    return float(ranking[1].get("confidence") or 0.0) if len(ranking) > 1 else 0.0


_WHAT_IS = re.compile(
    r"^\W*(?:(?:so|and|ok|hi|hello)\W+)?(?:what(?:'s|s| is| are)|tell me about|explain)\b", re.IGNORECASE
)


def _asks_for_an_activity(message: Message) -> bool:
    """Asks for something to do in a session, or the classifier leant that way and a goal is named."""
    from bot.activities import load_activities

    data = load_activities()
    text = message.get(TEXT) or ""
    if _WHAT_IS.search(text) and named_resource(text) is not None:
        # "What's Whose Shoes? Someone suggested it for our next workshop": the catalogue's entry,
        # though "shoes" is one of Role Play's cues.
        return False
    if asks_for_an_activity(text, data.purposes, data.activities) or plans_a_session(
        text, data.purposes, data.activities
    ):
        return True
    # Asking for an activity and describing a session are one lean ("choose" 0.30 + "inform" 0.25).
    lean = sum(
        float(r.get("confidence") or 0.0)
        for r in message.get(INTENT_RANKING_KEY) or []
        if r.get("name") in ACTIVITY_REQUESTS
    )
    return lean >= ACTIVITY_LEAN and describes_a_session(text, data.purposes)


def _plans_a_session(message: Message) -> bool:
    from bot.activities import load_activities

    data = load_activities()
    return plans_a_session(message.get(TEXT) or "", data.purposes, data.activities)


def _asks_which_activity_fits(message: Message) -> bool:
    from bot.activities import load_activities

    data = load_activities()
    text = message.get(TEXT) or ""
    return asks_which_activity_fits(text, data.purposes) and not reads_as_a_family(text, data.activities)


OUT_OF_SCOPE_INTENT = "out_of_scope"
# "wots that", "what is it", "explain", "tell me about": a question about what something is.
_ASKS_WHAT = re.compile(
    r"\b(?:what|wot|wat|wht)(?:'?s| is| are)?\b|\b(?:whats|wots|wats)\b|\bexplain\b|\btell me about\b|"
    r"\bmeaning of\b|\bmean\?",
    re.IGNORECASE,
)


def _what_is_a_named_answer(message: Message) -> str | None:
    """The knowledge answer about a name the message asks what it is, if exactly one is about it."""
    text = message.get(TEXT) or ""
    return answer_naming(text) if _ASKS_WHAT.search(text) else None


def _hand_on(message: Message, key: str | None, confidence: float | None) -> None:
    """Sends a message to the action server (`nlu_fallback`) with the answer it should weigh."""
    message.set(INTENT, {"name": DEFAULT_NLU_FALLBACK_INTENT_NAME, "confidence": confidence}, add_to_output=True)
    message.set(HANDED_ON_KEY, key, add_to_output=True)


def _still_going_named(message: Message) -> str | None:
    """The answer about the one thing a message names and asks whether it still goes on."""
    text = message.get(TEXT) or ""
    return (answer_naming(text) or answer_named_by_title(text)) if asks_if_still_going(text) else None


def _activity_asked_about(message: Message) -> str | None:
    """The answer about the one activity a message names and asks what it is ("faq/activity_q_sort")."""
    from bot.activities import load_activities

    text = message.get(TEXT) or ""
    data = load_activities()
    named = mentioned_activities(text, data.activities)
    if len(named) != 1 or not _ASKS_WHAT.search(text) or not asks_about_one_activity(text, data.activities):
        return None
    return f"{RETRIEVAL_INTENT}/activity_{named[0]}"


def _asks_if_it_fits(message: Message) -> bool:
    from bot.activities import load_activities

    return asks_if_it_fits(message.get(TEXT) or "", load_activities().activities)


def _asks_to_choose_between(message: Message) -> bool:
    from bot.activities import load_activities

    data = load_activities()
    return asks_to_choose_between(message.get(TEXT) or "", data.purposes, data.activities)


def _reads_as_a_family(message: Message) -> bool:
    from bot.activities import load_activities

    return reads_as_a_family(message.get(TEXT) or "", load_activities().activities)


def _asks_how_to_run(message: Message) -> bool:
    from bot.activities import load_activities

    return asks_how_to_run(message.get(TEXT) or "", load_activities().activities)


def _answer_key(message: Message) -> str:
    selector = (message.get("response_selector") or {}).get(RETRIEVAL_INTENT) or {}
    return str((selector.get("response") or {}).get("intent_response_key") or "")


def _points_back(message: Message) -> bool:
    """A short question that points back at the conversation ("who goes on it?")."""
    text = message.get(TEXT) or ""
    return points_back(text) and is_short_question(text)


def _asks_about_running_an_activity(message: Message) -> bool:
    """A question whose answer is an activity's description but that asks how many people, how
    long, online or not, what to bring, or what to watch for."""
    key = _answer_key(message)
    aspect = question_aspect(message.get(TEXT) or "")
    return key.startswith(ACTIVITY_ANSWER_PREFIX) and key != ACTIVITIES_LIST_ANSWER and aspect in ACTIVITY_ASPECTS


def _asks_beyond_the_short_answer(message: Message) -> bool:
    """A detail only the longer answer holds, or an acronym the answer never mentions."""
    key = _answer_key(message)
    text = message.get(TEXT) or ""
    if text.strip().lower() in _titles():
        return False  # a button's own question ("Does the MNVP include neonatal families?") gets its answer
    return bool(key) and (detail_in_more(text, key) or names_unknown_acronym(text, key))


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    return frozenset(title.strip().lower() for title in topic_titles())


# Where a knowledge answer handed on to the action server is kept in the parse data.
HANDED_ON_KEY = "handed_on"
NAMED_RESOURCE_KEY = "named_resource"
# The intent whose rule starts the activity form with the details the message gives.
ACTIVITY_REQUEST_INTENT = "inform_activity"
# A question about one activity's size, length, place, materials or cautions (bot/activities).
ACTIVITY_QUESTION_INTENT = "activity_question"
ACTIVITY_STEPS_INTENT = "activity_steps"
ACTIVITY_REQUESTS = frozenset({"choose_activity", ACTIVITY_REQUEST_INTENT})
# A message the classifier gave up on but leaned this much towards an activity request, and that
# names a session's goal ("the same two people always dominate; I want everyone's knowledge"),
# starts the recommender.
ACTIVITY_LEAN = 0.3
# A parent's message the classifier took for an activity request gets the answer the selector
# leans to when it leans this much, else "did you mean".
FAMILY_ANSWER_CONFIDENCE = 0.2
ACTIVITY_ANSWER_PREFIX = "faq/activity_"
ACTIVITIES_LIST_ANSWER = "faq/activities_overview"
ACTIVITY_ASPECTS = frozenset({"online", "cautions", "materials", "size", "time"})
# Intents whose message may be answered with two knowledge answers side by side.
_ANSWERABLE = frozenset({RETRIEVAL_INTENT, DEFAULT_NLU_FALLBACK_INTENT_NAME})


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class AnswerGuard(MessageGuard):
    """Turns an unsure knowledge answer into `nlu_fallback`."""

    def process(self, messages: list[Message]) -> list[Message]:
        """Sets `nlu_fallback` on knowledge questions with an unsure answer."""
        for message in messages:
            intent = (message.get(INTENT) or {}).get("name")
            confidence = _answer_confidence(message)
            ranking = message.get(INTENT_RANKING_KEY) or []
            if intent == DEFAULT_NLU_FALLBACK_INTENT_NAME and answer_is_sure_enough(ranking, confidence):
                # The classifier was just unsure it was a knowledge question; the answer is clear.
                # It is then read as any sure answer is: "does the incoming chair need a DBS check?"
                # still asks a detail only the longer part holds.
                real = [r for r in ranking if r.get("name") != DEFAULT_NLU_FALLBACK_INTENT_NAME]
                message.set(INTENT, dict(real[0]), add_to_output=True)
                message.set(INTENT_RANKING_KEY, real, add_to_output=True)
                intent, ranking = real[0].get("name"), real
            still = _still_going_named(message) if intent in _ANSWERABLE or intent == OUT_OF_SCOPE_INTENT else None
            if still is not None and still != _answer_key(message):
                # "is healthwatch still a thing? wanted to send them feedback": whether it still
                # exists, from the answer about it, not how to give feedback.
                _hand_on(message, still, confidence)
                continue
            activity = _activity_asked_about(message) if intent == RETRIEVAL_INTENT else None
            if activity is not None and activity != _answer_key(message):
                # "someone said we r doing a 'Q sort' next week, wot is it?": what Q Sort is, not
                # the answer about volunteers' expenses that its other words are close to.
                _hand_on(message, activity, confidence)
                continue
            naming = _what_is_a_named_answer(message) if intent == OUT_OF_SCOPE_INTENT else None
            if naming is not None:
                # "my mate is doing '15 steps' at the hospital next week wots that": the answer
                # about what it names, not "I can't help with that".
                _hand_on(message, naming, confidence)
                continue
            if _asks_if_it_fits(message):
                # "I want to run a Fish Bowl with 6 people. Will that work?": its size (or time).
                message.set(INTENT, {"name": ACTIVITY_QUESTION_INTENT, "confidence": 1.0}, add_to_output=True)
                continue
            if intent not in ACTIVITY_REQUESTS and _asks_to_choose_between(message):
                # "fish bowl or q sort for a group who need to work out what's wrong?": the
                # recommender, which the named activities help to break ties.
                message.set(INTENT, {"name": ACTIVITY_REQUEST_INTENT, "confidence": 1.0}, add_to_output=True)
                continue
            if intent in ACTIVITY_REQUESTS and _asks_how_to_run(message):
                # "We're thinking of using Role Play. How do we run it?": its steps, not a choice.
                message.set(INTENT, {"name": ACTIVITY_STEPS_INTENT, "confidence": 1.0}, add_to_output=True)
                continue
            if intent in ACTIVITY_REQUESTS and _reads_as_a_family(message):
                # "we lost our daughter last year. i want to help other families": a parent's
                # question about taking part, never the activity questions.
                answer = _answer_confidence(message) or 0.0
                if answer >= FAMILY_ANSWER_CONFIDENCE:
                    message.set(INTENT, {"name": RETRIEVAL_INTENT, "confidence": answer}, add_to_output=True)
                else:
                    fallback = {"name": DEFAULT_NLU_FALLBACK_INTENT_NAME, "confidence": answer}
                    message.set(INTENT, fallback, add_to_output=True)
                continue
            if intent not in ACTIVITY_REQUESTS and _asks_which_activity_fits(message):
                # "I have 7 minutes at trust board to present our year. Which of the seven tools
                # fits?": the recommender, not the list of tools.
                message.set(INTENT, {"name": ACTIVITY_REQUEST_INTENT, "confidence": 1.0}, add_to_output=True)
                continue
            if intent == DEFAULT_NLU_FALLBACK_INTENT_NAME and _reads_as_a_family(message):
                # A parent the classifier could not place ("we lost our daughter last year, could
                # I help make things better for other parents?") is never offered the activity
                # questions: "did you mean" and its guess weigh the knowledge answers alone.
                ranking = [r for r in ranking if r.get("name") not in ACTIVITY_REQUESTS]
                message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
                continue
            if intent == DEFAULT_NLU_FALLBACK_INTENT_NAME and _asks_for_an_activity(message):
                # "they don't know each other, need something to break the ice": the recommender.
                found = {"name": ACTIVITY_REQUEST_INTENT, "confidence": 1.0}
                message.set(INTENT, found, add_to_output=True)
                continue
            titled = answer_titled(message.get(TEXT) or "") if intent == RETRIEVAL_INTENT else None
            if titled is not None and titled != _answer_key(message):
                # "hey whats a mnvp" while the selector wavers between the answers that mention
                # MNVPs: the action server gives the answer whose title asks just that.
                _hand_on(message, titled, confidence)
                continue
            if titled is not None:
                continue  # the answer chosen is the one its title asks for: given, however unsure
            if not answer_is_unsure(intent, confidence, _runner_up_confidence(message)):
                if intent == RETRIEVAL_INTENT and _plans_a_session(message):
                    # "we got 30 mums comin to a community event, want them all to put ideas up on
                    # the wall…": a session to plan, whatever answer its words are close to.
                    message.set(INTENT, {"name": ACTIVITY_REQUEST_INTENT, "confidence": 1.0}, add_to_output=True)
                    continue
                if intent == RETRIEVAL_INTENT and _asks_about_running_an_activity(message):
                    # "how many people can play Story Cubes?": its size, not what it is.
                    message.set(INTENT, {"name": ACTIVITY_QUESTION_INTENT, "confidence": 1.0}, add_to_output=True)
                    continue
                resource = (
                    named_resource(message.get(TEXT) or "", _answer_key(message))
                    if intent == RETRIEVAL_INTENT
                    else None
                )
                if resource is not None:
                    # "Our team wants to try Always Events": the catalogue's entry, not an answer
                    # that never mentions it.
                    message.set(
                        INTENT, {"name": DEFAULT_NLU_FALLBACK_INTENT_NAME, "confidence": confidence}, add_to_output=True
                    )
                    message.set(NAMED_RESOURCE_KEY, resource, add_to_output=True)
                    continue
                if intent == RETRIEVAL_INTENT and _points_back(message):
                    # "what principles do they follow?": the action server weighs the conversation's
                    # subject, and gives this answer when the subject holds nothing better.
                    key = _answer_key(message)
                    _hand_on(message, key, confidence)
                    continue
                if intent == RETRIEVAL_INTENT and asks_for_more(message.get(TEXT) or "", _answer_key(message)):
                    # "As a head of midwifery, who in the trust should I connect our MNVP with?":
                    # the longer part holds it, so the action server gives both parts.
                    _hand_on(message, _answer_key(message), confidence)
                    continue
                if intent == RETRIEVAL_INTENT and _asks_beyond_the_short_answer(message):
                    # The action server answers it (bot/flows.py not_understood_answer).
                    message.set(
                        INTENT, {"name": DEFAULT_NLU_FALLBACK_INTENT_NAME, "confidence": confidence}, add_to_output=True
                    )
                continue
            if _plans_a_session(message):
                # "Regional conference, 100 delegates. We want an interactive discussion rather
                # than another panel": a session plan no answer fits; the recommender.
                message.set(INTENT, {"name": ACTIVITY_REQUEST_INTENT, "confidence": 1.0}, add_to_output=True)
                continue
            fallback = {"name": DEFAULT_NLU_FALLBACK_INTENT_NAME, "confidence": confidence}
            message.set(INTENT, fallback, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [fallback, *(message.get(INTENT_RANKING_KEY) or [])], add_to_output=True)
        for message in messages:
            intent = (message.get(INTENT) or {}).get("name")
            if intent in _ANSWERABLE and crisis_answer_for_the_work(_answer_key(message), message.get(TEXT) or ""):
                # The crisis lines for a parent, not for a leaflet's wording: "did you mean". Handed
                # on, so the safety guard does not pull it back to the answer as an MNVP question.
                fallback = {"name": DEFAULT_NLU_FALLBACK_INTENT_NAME, "confidence": _answer_confidence(message)}
                message.set(INTENT, fallback, add_to_output=True)
                message.set(HANDED_ON_KEY, _answer_key(message), add_to_output=True)
                continue
            pair = answers_compared(message.get(TEXT) or "") if intent in _ANSWERABLE else []
            parts = (message.get(ANSWER_PARTS_KEY) or []) if intent in _ANSWERABLE else []
            if pair or parts:
                # "What's the difference between 15 Steps and Walk the Patch?": both answers, from
                # the action server (bot.flows.not_understood_answer).
                message.set(
                    INTENT,
                    {"name": DEFAULT_NLU_FALLBACK_INTENT_NAME, "confidence": _answer_confidence(message)},
                    add_to_output=True,
                )
                message.set(HANDED_ON_KEY, (pair or parts)[0], add_to_output=True)
                continue
            if intent in _ANSWERABLE and tells_of_a_loss(message.get(TEXT) or ""):
                # "Our baby died on the neonatal unit last month. I want to help other parents": the
                # action server gives the answer after "I'm so sorry for your loss" (bot.flows).
                # Handed on even when the answer was unsure, so that a lean to the medical refusal
                # does not take it back (bot/rasa_ext/safety_guard.py).
                confidence = _answer_confidence(message)
                _hand_on(message, _answer_key(message), confidence)
        return messages
