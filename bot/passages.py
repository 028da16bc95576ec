"""The paragraph of a knowledge answer a question's words point to (BM25 over the answers' paragraphs).

The classifier places most questions; `bot.details` finds the part of an answer that holds a
rare word a question names. Neither helps with a question in everyday words about a detail:
"where should the money actually sit?" after who funds an MNVP, "who should be on the visiting
team?" after 15 Steps, "as a head of midwifery, who in the trust should I connect our MNVP
with?". Here every answer's short part and each paragraph of its longer part is a passage, and
a question is scored against them with BM25 (lemmas, without stop words), so a word that few
passages hold counts for more than a common one.

Three uses, the first two (bot/flows.py) only where the assistant would otherwise say "did you mean":
- `in_context`: a short follow-up, against the answer being talked about and the answers it
  offers next, with a low bar (the conversation already points there);
- `anywhere`: any question, against every answer, with a high bar and a clear lead over the
  next answer;
- `asks_for_more`: a question the classifier placed, whose words point to the longer part of
  its answer (bot/rasa_ext/answer_guard.py hands it on, and bot/flows.py gives both parts).

No Rasa imports here.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from bot.details import Answer, load_answers, terms
from bot.topics import topic_titles

# BM25's usual constants: how fast a repeated word stops counting, and how much length matters.
K1 = 1.2
B = 0.75
# A follow-up about the answer in play: the best paragraph there must score this much.
IN_CONTEXT_SCORE = 3.0
# A question anywhere: the best paragraph must score this much, and its answer lead the next
# answer by this factor ("where should the money sit?" 8.0 against 4.3).
ANYWHERE_SCORE = 7.0
ANYWHERE_LEAD = 1.5
ANYWHERE_WORDS = 2
# A question whose answer the classifier is sure of asks for its longer part when a paragraph
# there scores at least IN_CONTEXT_SCORE and this many times the short part ("as a head of
# midwifery, who in the trust should I connect our MNVP with?": 11.8 against 0).
MORE_LEAD = 1.25
MORE_WORDS = 2
ONE_WORD_MORE_SCORE = 4.0
# The answer being talked about counts this many times over the answers it offers next.
FAVOURED = 2.0
# Everyday words that people use for a word the answers use ("sit on the board", "a seat on it").
_SAME_AS = {
    "seat": "sit",
    "money": "fund",
    "funding": "fund",
    "paid": "pay",
    "payment": "pay",
}

_PARAGRAPH = re.compile(r"\n\s*\n")
ACTIVITY_PREFIX = "faq/activity_"
_QUESTION = re.compile(
    r"\?\s*$|^\W*(?:who|what|whats|when|where|which|why|how|do|does|did|is|are|was|were|can|could|should|"
    r"would|will|has|have|as an?|as the)\b",
    re.IGNORECASE,
)


def _is_a_title(text: str) -> bool:
    return (text or "").strip().lower() in _titles()


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    return frozenset(title.strip().lower() for title in topic_titles())


@dataclass(frozen=True)
class Passage:
    """One paragraph of a knowledge answer: its answer's key, the part ("short" or "more"), its words."""

    key: str
    part: str
    words: Counter[str]


@dataclass(frozen=True)
class Found:
    """The best paragraph for a question: its answer, its part, its score and the best other answer's."""

    key: str
    part: str
    score: float
    runner_up: float
    matched: int = 0  # how many of the question's words the passage holds
    # The best other answer's passage holds none of the question's words that this one lacks.
    runner_up_within: bool = False


def _words(text: str) -> Counter[str]:
    return Counter(_SAME_AS.get(word, word) for word in terms(text))


def passages_of(answers: dict[str, Answer]) -> tuple[Passage, ...]:
    """Every answer's short part, and each paragraph of its longer part, as passages."""
    found = []
    for key, answer in answers.items():
        found.append(Passage(key, "short", _words(answer.short_text)))
        for paragraph in _PARAGRAPH.split(answer.more_text or ""):
            if paragraph.strip():
                found.append(Passage(key, "more", _words(paragraph)))
    return tuple(p for p in found if p.words)


class Index:
    """BM25 over passages."""

    def __init__(self, passages: Iterable[Passage]) -> None:
        self.passages = tuple(passages)
        count = max(1, len(self.passages))
        frequency: Counter[str] = Counter()
        for passage in self.passages:
            frequency.update(set(passage.words))
        self._idf = {w: math.log(1 + (count - n + 0.5) / (n + 0.5)) for w, n in frequency.items()}
        self._average = sum(sum(p.words.values()) for p in self.passages) / count or 1.0

    def score(self, asked: Counter[str], passage: Passage) -> float:
        """BM25 of a question's words against one passage."""
        length = sum(passage.words.values())
        total = 0.0
        for word in asked:
            f = passage.words.get(word, 0)
            if f:
                total += self._idf[word] * f * (K1 + 1) / (f + K1 * (1 - B + B * length / self._average))
        return total

    def best(self, text: str, keys: Iterable[str] | None = None, favoured: str | None = None) -> Found | None:
        """The best-scoring passage among these answers (all when None), with the best score of
        any other answer; None when no passage shares a word with the question. The favoured
        answer's scores count `FAVOURED` times."""
        asked = _words(text)
        allowed = None if keys is None else set(keys)
        by_answer: dict[str, tuple[float, str, frozenset[str]]] = {}
        for passage in self.passages:
            if allowed is not None and passage.key not in allowed:
                continue
            score = self.score(asked, passage) * (FAVOURED if passage.key == favoured else 1.0)
            if score > by_answer.get(passage.key, (0.0, "", frozenset()))[0]:
                by_answer[passage.key] = (score, passage.part, frozenset(asked) & frozenset(passage.words))
        if not by_answer:
            return None
        ranked = sorted(
            ((s, k, part, words) for k, (s, part, words) in by_answer.items()), key=lambda r: (r[0], r[1]), reverse=True
        )
        score, key, part, words = ranked[0]
        runner_up, within = (ranked[1][0], ranked[1][3] <= words) if len(ranked) > 1 else (0.0, True)
        return Found(key, part, score, runner_up, len(words), within)


@lru_cache(maxsize=1)
def _index() -> Index:
    return Index(passages_of(load_answers()))


def in_context(text: str, subject: str, offered: Iterable[str] = (), index: Index | None = None) -> Found | None:
    """The paragraph of the answers in play (the one talked about, favoured, and the ones it
    offers next) that a follow-up points to ("who should be on the visiting team?" after 15
    Steps), or None."""
    found = (index or _index()).best(text, [subject, *offered], favoured=subject)
    return found if found is not None and found.score >= IN_CONTEXT_SCORE else None


# A close second answer that holds only the words the first holds lets the first through when
# the first leads by this much and holds this many of the question's words.
SAME_FACT_LEAD = 1.1
SAME_FACT_WORDS = 3


def _tells_the_same_fact(found: Found) -> bool:
    return found.matched >= SAME_FACT_WORDS and found.score >= SAME_FACT_LEAD * found.runner_up


def anywhere(text: str, index: Index | None = None) -> Found | None:
    """The paragraph of all the answers that a question points to clearly ("as a head of
    midwifery, who in the trust should I connect our MNVP with?"), or None."""
    found = (index or _index()).best(text)
    if found is None or found.score < ANYWHERE_SCORE:
        return None
    if found.score < ANYWHERE_LEAD * found.runner_up and not (found.runner_up_within and _tells_the_same_fact(found)):
        # A close second answer is a real alternative only when it holds words of the question
        # this one lacks; one that holds the same words tells the same fact ("who makes sure every
        # area has a working MVP?" is told by what MSLCs were and by Better Births).
        return None
    # One word, however rare ("south"), is a topic to offer ("did you mean"), not a question.
    return found if found.matched >= ANYWHERE_WORDS else None


def asks_for_more(text: str, key: str, index: Index | None = None) -> bool:
    """Whether a question about this answer points to a paragraph of its longer part clearly more
    than to its short part. Words that name what the answer is about ("story cubes" in "what is
    story cubes?": words people ask for it with that its short part also holds) point to no paragraph."""
    if key.startswith(ACTIVITY_PREFIX) or not _QUESTION.search(text or "") or _is_a_title(text):
        # An activity has its own ways to its parts (steps, size, time); a bare list of topics
        # ("the 2019 webinars and the summit blog") or a button's own question ("How often do
        # MNVPs meet?") gets the answer as it is written, its longer part one tap away.
        return False
    index = index or _index()
    answer = load_answers().get(key)
    naming = answer.asked_by & answer.short if answer is not None else frozenset()
    # "what was an MSLC?" names what the answer is about though its short part says "MSLCs".
    asked = Counter({w: n for w, n in _words(text).items() if w not in naming and f"{w}s" not in naming})
    short = max((index.score(asked, p) for p in index.passages if p.key == key and p.part == "short"), default=0.0)
    scored = [(index.score(asked, p), p) for p in index.passages if p.key == key and p.part == "more"]
    more, paragraph = max(scored, key=lambda pair: pair[0], default=(0.0, None))
    # One common word alone ("who pays for the MVP?": "pay", 3.0) is not a pointer to a paragraph;
    # one rare word is ("how can the money be held?": "hold", 4.4).
    shared = len(set(asked) & set(paragraph.words)) if paragraph is not None else 0
    pointed = shared >= MORE_WORDS or more >= ONE_WORD_MORE_SCORE
    return more >= IN_CONTEXT_SCORE and more >= MORE_LEAD * short and pointed


def clearly_about(text: str, key: str, index: Index | None = None) -> bool:
    """Whether a question's words point to a paragraph of this answer as clearly as `anywhere`
    asks ("do I need any checks first?" after Walk the Patch, whose longer part names the checks):
    enough to overrule the classifier's reading of it as out of scope or medical."""
    found = (index or _index()).best(text, [key], favoured=key)
    return found is not None and found.score >= ANYWHERE_SCORE


def among(text: str, keys: Iterable[str], index: Index | None = None) -> Found | None:
    """The paragraph of these answers (the ones that mention what a question names) that its
    words point to clearly ("What skills was the Co-Creating Welfare training trying to build?":
    the project's longer part), with the high bar of `anywhere`; None when none stands out."""
    keys = list(keys)
    found = (index or _index()).best(text, keys) if keys else None
    if found is None or found.score < ANYWHERE_SCORE:
        return None
    clear = found.score >= ANYWHERE_LEAD * found.runner_up or (found.runner_up_within and _tells_the_same_fact(found))
    return found if clear else None
