"""The topics the assistant can talk about, and "did you mean" suggestions from NLU rankings.

`data/topics.yml` (reviewed text, not Rasa training data) gives each answerable intent a
short question title; a suggestion button shows that title and sends it back as the message,
so it works on every channel and goes through NLU like anything the user types.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from bot.settings import TOPICS_FILE

logger = logging.getLogger(__name__)

RETRIEVAL_INTENT = "faq"
FALLBACK_INTENT = "nlu_fallback"
# Guesses below this share of the probability are not worth a button.
MIN_SUGGESTION_CONFIDENCE = 0.05
MAX_SUGGESTIONS = 3
# The classifier is often sure a message is a knowledge question ("faq") while the answer
# selector is not sure which answer fits ("steps", "chair thing mvp pay??"). The chosen answer is
# given when its confidence is at least SURE_ANSWER_CONFIDENCE, or at least MIN_ANSWER_CONFIDENCE
# and MIN_ANSWER_RATIO times the next one's; otherwise the closest answers are offered. In 5-fold
# cross-validation on the knowledge questions (`python -m benchmarks.eval_nlu`), this answers
# 3 points more questions rightly than a bare 0.5 did, for 0.2 points more wrongly (2026-11-29).
SURE_ANSWER_CONFIDENCE = 0.6
MIN_ANSWER_CONFIDENCE = 0.35
MIN_ANSWER_RATIO = 4.0


@dataclass(frozen=True)
class Topic:
    """One thing the assistant can answer.

    Attributes:
        intent: the intent (or `faq/<name>` retrieval intent) that answers it.
        title: a short question, shown on a button and sent as the user's message.
    """

    intent: str
    title: str


@dataclass(frozen=True)
class Button:
    """A quick-reply button: what it shows and what it sends."""

    title: str
    payload: str


def _read(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping with a 'topics:' list")
    return data


@lru_cache(maxsize=4)
def load_other_button(path: Path = TOPICS_FILE) -> Button:
    """The button offered after the suggestions, for when none of them fits (`other:` in the file)."""
    item = _read(path).get("other")
    if not isinstance(item, dict) or not item.get("title") or not item.get("payload"):
        raise ValueError(f"{path}: expected 'other:' with a 'title' and a 'payload'")
    return Button(title=str(item["title"]), payload=str(item["payload"]))


@lru_cache(maxsize=4)
def load_topics(path: Path = TOPICS_FILE) -> dict[str, Topic]:
    """Reads the topics file once per process.

    Args:
        path: the YAML file with a `topics:` list of `{intent, title}`.

    Returns:
        Topics by intent name.

    Raises:
        ValueError: when the file is not a list of topics with an intent and a title.
    """
    items = _read(path).get("topics")
    if not isinstance(items, list):
        raise ValueError(f"{path}: expected a 'topics:' list")
    topics: dict[str, Topic] = {}
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict) or not item.get("intent") or not item.get("title"):
            raise ValueError(f"{path}: topic {number} needs an 'intent' and a 'title'")
        intent, title = str(item["intent"]).strip(), str(item["title"]).strip()
        if intent in topics:
            raise ValueError(f"{path}: topic {number} repeats the intent {intent!r}")
        topics[intent] = Topic(intent=intent, title=title)
    return topics


def topic_titles(path: Path = TOPICS_FILE) -> dict[str, str]:
    """Each topic's question (its button's title) mapped to its answer key."""
    return {t.title: t.intent for t in load_topics(path).values()}


def answer_is_unsure(intent: str | None, answer_confidence: float | None, runner_up: float = 0.0) -> bool:
    """Whether a knowledge question's chosen answer is too unsure to give.

    Args:
        intent: the predicted intent.
        answer_confidence: the answer selector's confidence in its top answer.
        runner_up: its confidence in the next answer.

    Returns:
        True for a knowledge question whose top answer scores below `SURE_ANSWER_CONFIDENCE` and
        either below `MIN_ANSWER_CONFIDENCE` or less than `MIN_ANSWER_RATIO` times the next one.
    """
    if intent != RETRIEVAL_INTENT or answer_confidence is None or answer_confidence >= SURE_ANSWER_CONFIDENCE:
        return False
    return answer_confidence < MIN_ANSWER_CONFIDENCE or answer_confidence < MIN_ANSWER_RATIO * runner_up


# A knowledge question the intent classifier was unsure of ("ok how do i join then": faq 0.50,
# just under the fallback threshold) is still answered when the answer selector is sure of one
# answer and no other intent comes close.
RESCUE_INTENT_CONFIDENCE = 0.4
RESCUE_MARGIN = 0.15
RESCUE_ANSWER_CONFIDENCE = 0.75


def answer_is_sure_enough(intent_ranking: Sequence[Mapping[str, Any]] | None, answer_confidence: float | None) -> bool:
    """Whether a message the classifier fell back on is still clearly a knowledge question with a sure answer.

    Args:
        intent_ranking: the intents with their confidences, best first (`nlu_fallback` ignored).
        answer_confidence: the answer selector's confidence in its top answer.
    """
    ranking = [r for r in intent_ranking or () if r.get("name") != FALLBACK_INTENT]
    if not ranking or ranking[0].get("name") != RETRIEVAL_INTENT or answer_confidence is None:
        return False
    top = float(ranking[0].get("confidence") or 0.0)
    second = float(ranking[1].get("confidence") or 0.0) if len(ranking) > 1 else 0.0
    return (
        top >= RESCUE_INTENT_CONFIDENCE
        and top - second >= RESCUE_MARGIN
        and answer_confidence >= RESCUE_ANSWER_CONFIDENCE
    )


def _candidates(
    intent_ranking: Iterable[Mapping[str, Any]],
    response_ranking: Iterable[Mapping[str, Any]],
) -> list[tuple[str, float]]:
    """Scores every specific intent: a retrieval intent is split by its response ranking."""
    responses = [(str(r.get("intent_response_key") or ""), float(r.get("confidence") or 0.0)) for r in response_ranking]
    scored: dict[str, float] = {}
    for entry in intent_ranking:
        name = str(entry.get("name") or "")
        confidence = float(entry.get("confidence") or 0.0)
        if name == RETRIEVAL_INTENT:
            for key, share in responses:
                if key:
                    scored[key] = max(scored.get(key, 0.0), confidence * share)
        elif name:
            scored[name] = max(scored.get(name, 0.0), confidence)
    return sorted(scored.items(), key=lambda pair: (-pair[1], pair[0]))


def suggest_topics(
    intent_ranking: Sequence[Mapping[str, Any]] | None,
    response_ranking: Sequence[Mapping[str, Any]] | None = None,
    topics: Mapping[str, Topic] | None = None,
    limit: int = MAX_SUGGESTIONS,
) -> list[Topic]:
    """The best guesses at what the user meant, as topics to offer.

    Args:
        intent_ranking: the NLU intent ranking (`latest_message["intent_ranking"]`).
        response_ranking: the ranking of the `faq` response selector, if any.
        topics: the topics that may be offered (default: `data/topics.yml`).
        limit: how many to return at most.

    Returns:
        Up to `limit` topics, most likely first; only intents that have a topic are offered.
    """
    known = load_topics() if topics is None else topics
    chosen: list[Topic] = []
    for intent, score in _candidates(intent_ranking or [], response_ranking or []):
        if score < MIN_SUGGESTION_CONFIDENCE or len(chosen) >= limit:
            break
        topic = known.get(intent)
        if topic is not None:
            chosen.append(topic)
    return chosen


def suggestion_buttons(topics: Sequence[Topic], other: Button | None = None) -> list[dict[str, str]]:
    """Buttons for the suggestions, each sending its title, then the "something else" button."""
    buttons = [{"title": t.title, "payload": t.title} for t in topics]
    other = load_other_button() if other is None else other
    buttons.append({"title": other.title, "payload": other.payload})
    return buttons


# A guess this far ahead of the next is given as the answer instead of "did you mean".
CLEAR_GUESS_RATIO = 2.0
# The answer selector is sure of an answer, whatever the intent classifier thought, when its best
# scores at least this and this many times the next ("Which people at the trust should our MNVP
# have a direct link with?": 0.57 against 0.09), and no intent that refuses leans this much.
SURE_SELECTOR_CONFIDENCE = 0.5
SURE_SELECTOR_LEAD = 4.0
REFUSING_LEAN = 0.2
_REFUSING = frozenset({"out_of_scope", "clinical_question"})
# Out of scope stands against a sure answer only when it leans at least this share of the
# knowledge intent's lean ("how do i find the maternity voices thing near me": knowledge 0.42,
# out of scope 0.29, the selector 0.76 on finding the local MNVP). A lean to medical always stands.
OUT_OF_SCOPE_SHARE = 0.75


def _leans_to_refusal(name: str, score: float, knowledge: float) -> bool:
    return name != "out_of_scope" or score >= OUT_OF_SCOPE_SHARE * knowledge


# Answers that give the crisis lines or 999: for a parent asking, never for an MNVP's own work
# ("What wording should our MNVP leaflet use when it mentions the 111 mental health option?",
# "we're making a poster on the signs of postpartum psychosis"), which gets "did you mean".
CRISIS_ANSWERS = frozenset({f"{RETRIEVAL_INTENT}/crisis_lines", f"{RETRIEVAL_INTENT}/postpartum_psychosis"})
_ABOUT_THE_WORK = re.compile(
    r"\b(?:mnvp|mnvps|mvp|mvps|leaflet|leaflets|poster|posters|survey|surveys|event|events|pathway|pathways|"
    r"wording|co-?produce|co-?producing|workshop|workshops|training|session|sessions|board|report|campaign|"
    r"volunteers?|the trust|our trust|trust's)\b",
    re.IGNORECASE,
)


def crisis_answer_for_the_work(answer_key: str | None, text: str) -> bool:
    """Whether an answer that gives the crisis lines is chosen for a message about an MNVP's work."""
    return answer_key in CRISIS_ANSWERS and bool(_ABOUT_THE_WORK.search(text or ""))


def sure_answer(
    intent_ranking: Sequence[Mapping[str, Any]] | None,
    response_ranking: Sequence[Mapping[str, Any]] | None,
) -> str | None:
    """The knowledge answer the selector is sure of when the classifier could not choose an intent
    ("We're struggling to get neonatal parents involved. Any pointers?": activity 0.26, knowledge
    0.24, but the selector 0.56 on neonatal parents against 0.06), or None. Never when the
    classifier leans to out of scope or medical, or puts knowledge questions below third."""
    responses = sorted(
        ((str(r.get("intent_response_key") or ""), float(r.get("confidence") or 0.0)) for r in response_ranking or ()),
        key=lambda pair: -pair[1],
    )
    if not responses or not responses[0][0]:
        return None
    best, confidence = responses[0]
    runner_up = responses[1][1] if len(responses) > 1 else 0.0
    if confidence < SURE_SELECTOR_CONFIDENCE or confidence < SURE_SELECTOR_LEAD * runner_up:
        return None
    intents = [(str(e.get("name") or ""), float(e.get("confidence") or 0.0)) for e in intent_ranking or ()]
    knowledge = next((score for name, score in intents if name == RETRIEVAL_INTENT), 0.0)
    if any(
        name in _REFUSING and score >= REFUSING_LEAN and _leans_to_refusal(name, score, knowledge)
        for name, score in intents
    ):
        return None
    closest = [name for name, _ in intents if name != FALLBACK_INTENT][:3]
    return best if RETRIEVAL_INTENT in closest else None


def clear_guess(
    intent_ranking: Sequence[Mapping[str, Any]] | None,
    response_ranking: Sequence[Mapping[str, Any]] | None = None,
    topics: Mapping[str, Topic] | None = None,
) -> Topic | None:
    """The one topic "did you mean" would offer, or the first when it scores at least
    `CLEAR_GUESS_RATIO` times the second; None when the choice is open."""
    known = load_topics() if topics is None else topics
    scored = [
        (intent, score)
        for intent, score in _candidates(intent_ranking or [], response_ranking or [])
        if score >= MIN_SUGGESTION_CONFIDENCE and intent in known
    ]
    if not scored:
        return None
    if len(scored) == 1 or scored[0][1] >= CLEAR_GUESS_RATIO * scored[1][1]:
        return known[scored[0][0]]
    return None


# "What is an MNVP?", "What are the C4CC five values?": the thing a topic's title asks about.
_TITLE_THING = re.compile(r"^what (?:is|are|was|were) (?:an? |the )?(?P<thing>.+?)\?$", re.IGNORECASE)
# A bare "what is X" as people type it ("hey whats a mnvp", "mnvp wat is it", "explain fish bowl pls").
_GREETING = r"(?:(?:hey|hi|hiya|hello|ok|okay|so|um|erm|sorry|quick question)\W+)*"
_FILLER = (
    r"(?:\W+(?:pls|plz|please|then|again|exactly|actually|mean|stand for|for"
    r"|in (?:simple|plain|easy) (?:words|english|terms)|x+|thx|thanks|lol))*"
)
_BARE_WHAT_IS = re.compile(
    rf"^{_GREETING}(?:what|wat|wot|wht)\s*(?:is|'s|s|are|was|were|does)?\s+(?:an?\s+|the\s+)?(?P<thing>[a-z0-9 +&'-]+?)"
    rf"{_FILLER}\W*$"
)
_THING_FIRST = re.compile(
    rf"^{_GREETING}(?:an?\s+|the\s+)?(?P<thing>[a-z0-9 +&'-]+?)\W+(?:what|wat|wot) (?:is|are) (?:it|that|they|this)"
    rf"{_FILLER}\W*$"
)
# "wat does the mvp actually DO like day to day": what it is for, which its "what is" answer says.
_WHAT_DOES = re.compile(
    rf"^{_GREETING}(?:what|wat|wot) (?:does|do) (?:an?\s+|the\s+|my\s+|our\s+)?(?P<thing>[a-z0-9 +&'-]+?)"
    r" (?:actually |really |even |exactly )?do\b(?:\W+(?:like |all )?(?:day to day|all day|in practice|exactly))?"
    rf"{_FILLER}\W*$"
)
# The same thing by another name: MVPs became MNVPs in 2023.
_SAME_THING = {
    "mvp": "mnvp",
    "maternity voices partnership": "mnvp",
    "maternity and neonatal voices partnership": "mnvp",
    "nmv": "national maternity voices",
}


def _thing(name: str) -> str:
    name = re.sub(r"\s+", " ", name.strip().lower().replace("'", ""))
    name = _SAME_THING.get(name, name)
    name = name[:-1] if name.endswith("s") and len(name) > 3 and not name.endswith("ss") else name
    name = _SAME_THING.get(name, name)
    return re.sub(r"[\s-]+", "", name)  # "co-production", "coproduction", "co production"


@lru_cache(maxsize=4)
def _titled_things(path: Path = TOPICS_FILE) -> dict[str, str]:
    things: dict[str, str] = {}
    for title, key in topic_titles(path).items():
        match = _TITLE_THING.match(title)
        if match and key.startswith(f"{RETRIEVAL_INTENT}/"):
            things.setdefault(_thing(match.group("thing")), key)
    return things


def answer_titled(text: str, path: Path = TOPICS_FILE) -> str | None:
    """The answer whose title asks what the message asks, when the message is a bare "what is
    X" ("hey whats a mnvp", "mnvp wat is it in simple words", "what's National Maternity
    Voices?") and X is what a title asks about ("What is an MNVP?"). None otherwise.

    Such a question has one answer, whatever the answer selector's doubts between the many
    answers that mention an MNVP.
    """
    text = text.strip().lower()[:200]
    for pattern in (_BARE_WHAT_IS, _THING_FIRST, _WHAT_DOES):
        match = pattern.match(text)
        if match:
            key = _titled_things(path).get(_thing(match.group("thing")))
            if key is not None:
                return key
    return None


_SENTENCE = re.compile(r"(?<=[.?!])\s+")


def answer_titled_in(text: str, path: Path = TOPICS_FILE) -> str | None:
    """`answer_titled` for one sentence of a message of two to four ("hello i am from poland my
    english not so good. what is MNVP? it is for hospital?"), when only one answer is asked for."""
    sentences = [s for s in _SENTENCE.split(text.strip()[:400]) if s.strip()]
    if not 2 <= len(sentences) <= 4:
        return None
    keys = {key for sentence in sentences if (key := answer_titled(sentence, path)) is not None}
    return keys.pop() if len(keys) == 1 else None


def answer_named_by_title(text: str, path: Path = TOPICS_FILE) -> str | None:
    """The answer whose title asks what a thing is ("What is Healthwatch?") when the message names
    that thing ("is healthwatch still a thing?"), the longest name first; None when none."""
    words = f" {' '.join(_thing(w) for w in re.findall(r'[a-z0-9]+', text.lower()[:300]))} "
    compact = re.sub(r"[^a-z0-9]+", "", text.lower()[:300])
    for thing, key in sorted(_titled_things(path).items(), key=lambda pair: -len(pair[0])):
        # A thing's name is kept without spaces or hyphens ("coproduction"): long ones are found
        # in the message without them too; short ones ("nmv", "icb") only as words.
        if (len(thing) >= 3 and f" {thing} " in words) or (len(thing) >= 8 and thing in compact):
            return key
    return None
