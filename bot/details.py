"""A question about a detail of a knowledge answer: answered with the part that holds it.

Each knowledge answer is short (`utter_faq/<key>`), with the rest one "Tell me more" away
(`utter_more_<key>`). People often ask for the rest straight away ("does the chair need a DBS
check?", "what goes on the agenda?") or ask about a detail of the answer they just had ("who
goes on the walk-through?"). Such a question names a rare word that only the longer answer
holds; here it gets the longer answer, not the short one again or "did you mean".

The same test runs on the Rasa side (bot/rasa_ext/answer_guard.py, for a first question: it
hands the turn to the action server) and on the action server (bot/flows.py: it answers).
No Rasa imports here.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from bot.settings import PROJECT_ROOT
from bot.text import lemma_table, word_cost, words_of

logger = logging.getLogger(__name__)

RESPONSES_DIR = PROJECT_ROOT / "data" / "responses"
NLU_DIR = PROJECT_ROOT / "data" / "nlu"
# A word in this many of an answer's own training questions is how people ask for that answer
# ("feedback" for how to give feedback), not a detail of it.
TOPIC_WORD_EXAMPLES = 3
SHORT_PREFIX = "utter_faq/"
# A longer part is `utter_more_<key>`, built from the answer the way bot/flows.py builds it.
MORE_PREFIX = "utter_" + "more_"
# A word rarer than this (spaCy's minus log probability) names a detail: "agenda", "DBS",
# "budget", "coercion"; commoner words ("people", "pay", "check") do not.
DISTINCTIVE_COST = 9.0
# A question is answered from its words alone when they match one answer this well (the sum of
# the rarity of the rare words it shares with it, `match_score`), and this much better than
# any other answer in play: about two rare words ("collect feedback", "budget cover").
MIN_MATCH_SCORE = 3.5
# A one-word catalogue name must be rarer than this to name an entry on its own ("ebcd", not "blog").
RARE_NAME_COST = 14.0
MIN_MATCH_MARGIN = 1.0
# Words every knowledge answer is about: they never name a detail.
_GENERIC = frozenset(
    {
        "mvp",
        "mvps",
        "mnvp",
        "mnvps",
        "maternity",
        "voice",
        "voices",
        "partnership",
        "nhs",
        "co",
        "production",
        "coproduction",
        "england",
        "thing",
        "stuff",
        "pls",
        "please",
        "thanks",
        "really",
        "actually",
        "exactly",
    }
)

# "SCIE", "EBCD", "NIHR": two to six capitals (a lower-case "s" may end it: "MVPs").
_ACRONYM = re.compile(r"\b[A-Z]{2,6}s?\b")
_EVERYDAY_ACRONYMS = frozenset({"ok", "pls", "asap", "uk", "nhs", "gp", "ae", "am", "pm", "tv", "id", "faq", "faqs"})

# spaCy's stop words that can name a detail ("what's at the bottom?").
_DETAIL_STOP_WORDS = frozenset(
    {"bottom", "top", "front", "back", "side", "full", "empty", "name", "part", "first", "last"}
)


@dataclass(frozen=True)
class Answer:
    """A knowledge answer's words: its short part, its longer part (empty when none), and the
    words people use to ask for it (`TOPIC_WORD_EXAMPLES`)."""

    key: str
    short: frozenset[str]
    more: frozenset[str]
    asked_by: frozenset[str] = frozenset()
    phrase: str = ""  # both parts as lemmas (`_phrase`), to look for names in
    short_phrase: str = ""  # the short part alone
    short_text: str = ""  # the parts as written, for what kind of fact each holds (`part_with_kind`)
    more_text: str = ""


def _text_of(variations: object) -> str:
    if not isinstance(variations, list):
        return ""
    lines: list[str] = []
    for variation in variations:
        text = variation.get("text") if isinstance(variation, dict) else None
        if isinstance(text, str):
            lines.extend(line for line in text.splitlines() if not line.strip().lower().startswith("source:"))
    return "\n".join(lines)


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) - _DETAIL_STOP_WORDS


# Everyday words for a word the answers use: a "police check" or "background check" is a DBS check.
_EVERYDAY_FOR = {"police": "dbs", "background": "dbs", "vetting": "dbs", "vetted": "dbs"}


def terms(text: str) -> frozenset[str]:
    """A text's words as lemmas, without stop words, generic words or one- and two-letter words."""
    stop, lemmas = _stop_words(), lemma_table()
    found = set()
    for word in words_of(text or ""):
        word = word.split("'")[0]  # "what's", "arnstein's"
        if word in stop or word in _GENERIC or len(word) < 3:
            continue
        word = _EVERYDAY_FOR.get(word, word)
        lemma = lemmas.get(word, word)
        if lemma not in stop and lemma not in _GENERIC:
            found.add(lemma)
    return frozenset(found)


def is_distinctive(lemma: str) -> bool:
    """Whether a word is rare enough to name a detail (unknown words are: "DBS", "Kernow")."""
    cost = word_cost(lemma)
    return cost is None or cost >= DISTINCTIVE_COST


def _read_yaml(folder: Path, key: str) -> list[object]:
    found: list[object] = []
    for path in sorted(folder.glob("*.yml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError):
            logger.warning("Could not read %s for the answers' details", path)
            continue
        value = data.get(key) if isinstance(data, dict) else None
        found.extend(value.items() if isinstance(value, dict) else value if isinstance(value, list) else [])
    return found


def _topic_words(nlu: list[object]) -> dict[str, frozenset[str]]:
    counts: dict[str, Counter[str]] = {}
    for item in nlu:
        if isinstance(item, dict) and str(item.get("intent", "")).startswith("faq/"):
            examples = [line.strip()[2:] for line in str(item.get("examples") or "").splitlines() if line.strip()]
            counter = counts.setdefault(item["intent"], Counter())
            for example in examples:
                counter.update(terms(example))
    return {key: frozenset(w for w, n in c.items() if n >= TOPIC_WORD_EXAMPLES) for key, c in counts.items()}


@lru_cache(maxsize=4)
def load_answers(responses_dir: Path = RESPONSES_DIR, nlu_dir: Path = NLU_DIR) -> dict[str, Answer]:
    """Every knowledge answer's words, keyed by `faq/<name>`, read once per process."""
    responses: dict[str, object] = dict(_read_yaml(responses_dir, "responses"))  # type: ignore[arg-type]
    asked_by = _topic_words(_read_yaml(nlu_dir, "nlu"))
    answers = {}
    for name, variations in responses.items():
        if name.startswith(SHORT_PREFIX):
            key = f"faq/{name.removeprefix(SHORT_PREFIX)}"
            more = _text_of(responses.get(f"{MORE_PREFIX}{key.removeprefix('faq/')}"))
            short = _text_of(variations)
            answers[key] = Answer(
                key,
                terms(short),
                terms(more),
                asked_by.get(key, frozenset()),
                _phrase(f"{short}\n{more}"),
                _phrase(short),
                short,
                more,
            )
    return answers


_URL_IN_TEXT = re.compile(r"https?://\S+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
# A sentence this short ("Yes.", "It depends.") says nothing of which answer it belongs to.
_SENTENCE_WORDS = 3


def answer_sentences(answers: dict[str, Answer] | None = None) -> list[tuple[str, str]]:
    """Every sentence of every knowledge answer (both parts, links taken out), with its answer's
    key: more examples for the answer selector, in the answers' own words ("a community
    interest company", "Erasmus+"), so a question about the fine print finds its answer."""
    answers = load_answers() if answers is None else answers
    sentences: list[tuple[str, str]] = []
    for key, answer in sorted(answers.items()):
        for line in f"{answer.short_text}\n{answer.more_text}".splitlines():
            for sentence in _SENTENCE_END.split(_URL_IN_TEXT.sub(" ", line)):
                sentence = sentence.strip(" -*\t")
                if len(sentence.split()) >= _SENTENCE_WORDS:
                    sentences.append((sentence, key))
    return sentences


def detail_in_more(text: str, answer_key: str, answers: dict[str, Answer] | None = None) -> bool:
    """Whether a question asks for a detail only the longer part of this answer holds."""
    answer = (load_answers() if answers is None else answers).get(answer_key)
    if answer is None or not answer.more:
        return False
    only_more = (terms(text) & answer.more) - answer.short - answer.asked_by
    return any(is_distinctive(word) for word in only_more)


def acronyms_in(text: str) -> list[str]:
    """The acronyms a message names that are not everyday ones ("SCIE", "EBCD"; not "MNVP")."""
    letters = [c for c in text or "" if c.isalpha()]
    if sum(c.isupper() for c in letters) * 2 > len(letters):
        return []  # SHOUTING IS NOT A LIST OF ACRONYMS
    found = []
    for word in _ACRONYM.findall(text or ""):
        if word.lower() not in _GENERIC and word.lower() not in _EVERYDAY_ACRONYMS and word not in found:
            found.append(word)
    return found


def names_unknown_acronym(text: str, answer_key: str, answers: dict[str, Answer] | None = None) -> bool:
    """Whether a question names an acronym this answer never mentions ("what is EBCD?" is not
    about MNVPs, though the classifier, knowing no such word, may think so)."""
    answer = (load_answers() if answers is None else answers).get(answer_key)
    if answer is None:
        return False
    known = answer.short | answer.more | answer.asked_by
    return any(terms(word).isdisjoint(known) and terms(word) for word in acronyms_in(text))


def _document_frequency(answers: dict[str, Answer]) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for answer in answers.values():
        counts.update(answer.short | answer.more)
    return dict(counts)


@lru_cache(maxsize=4)
def _frequencies(folder: Path = RESPONSES_DIR) -> dict[str, int]:
    return _document_frequency(load_answers(folder))


def match_score(text: str, answer_key: str, answers: dict[str, Answer] | None = None) -> float:
    """How well a question's rare words match one answer: the sum of their rarity across the
    answers (log N/n) for each rare word of the question that answer holds or is asked by."""
    known = load_answers() if answers is None else answers
    answer = known.get(answer_key)
    if answer is None:
        return 0.0
    frequencies = _frequencies() if answers is None else _document_frequency(answers)
    total = len(known)
    words = terms(text) & (answer.short | answer.more | answer.asked_by)
    return sum(math.log(total / max(1, frequencies.get(w, 1))) for w in words if is_distinctive(w))


def detail_part(
    text: str, answer_key: str, answers: dict[str, Answer] | None = None, follow_up: bool = False
) -> str | None:
    """Which part of an answer a question is about: "more" when the longer part holds a detail
    it names, "short" when only the short part does, None when it names no rare word of it.

    Args:
        text: the question.
        answer_key: the answer (`faq/<name>`).
        answers: the answers (default: the project's).
        follow_up: the short part was just read ("why did they get replaced?" after what an MSLC
            was): a rare word the longer part also holds asks for the longer part.
    """
    answer = (load_answers() if answers is None else answers).get(answer_key)
    if answer is None:
        return None
    if detail_in_more(text, answer_key, answers):
        return "more"
    asked = {word for word in terms(text) if is_distinctive(word)}
    if follow_up and asked & answer.more:
        return "more"
    if asked & answer.short:
        return "short"
    return None


def has_more(answer_key: str, answers: dict[str, Answer] | None = None) -> bool:
    """Whether an answer has a longer part."""
    answer = (load_answers() if answers is None else answers).get(answer_key)
    return answer is not None and bool(answer.more)


# Words that point back at what was just said ("who goes on it?", "what do they look at?").
# Not "there" ("is there a…?") or "one" ("how do I join one?"): they rarely point at the last answer.
_POINTS_BACK = re.compile(r"\b(?:it|its|they|them|their|theirs|this|that|these|those|he|she)\b", re.I)
SHORT_QUESTION_WORDS = 8


def points_back(text: str) -> bool:
    """Whether a message points back at what the conversation is about."""
    return bool(_POINTS_BACK.search(text or ""))


# "Who goes on it?", "what do they do?": a plain question about the thing just described.
_ASKS_ABOUT_IT = re.compile(r"^\W*(?:and |so |ok )?(?:who|what|whats|what's|where|how|why)\b", re.IGNORECASE)
ABOUT_IT_WORDS = 7
# Words that add no meaning to a short follow-up ("and what do they actually look at").
_FILLERS = frozenset({"actually", "really", "just", "tho", "though", "exactly", "even", "then", "like", "anyway"})


# "What would I actually be doing?", "what's involved?": about what was just said, with no "it".
_WHAT_I_WOULD_DO = re.compile(
    r"\bwhat (?:would|will|do|does|should|shall|am|are) (?:i|we|you) (?:\w+ ){0,2}?(?:do|doing)\b|\bwhat'?s involved\b",
    re.IGNORECASE,
)


def asks_about_it(text: str) -> bool:
    """A few words asking who, what, where or how about what was just said, with no rare word of
    its own ("who goes on it?", not "do they need a DBS?")."""
    words = [w for w in words_of(text or "") if w.lower() not in _FILLERS]
    return (
        bool(_ASKS_ABOUT_IT.search(text or ""))
        and (points_back(text) or bool(_WHAT_I_WOULD_DO.search(text or "")))
        and 0 < len(words) <= ABOUT_IT_WORDS
        and not any(is_distinctive(word) for word in terms(text) if word not in _FILLERS)
    )


def is_short_question(text: str) -> bool:
    """A follow-up question: a few words at most."""
    return 0 < len(words_of(text or "")) <= SHORT_QUESTION_WORDS


# "chair or funding??", "pay and the chair": a short message offering two things; or a bare list
# of topics of this many words at most ("funding chair join").
LIST_OF_TOPICS_WORDS = 4
_A_CHOICE = re.compile(r"\b(?:or|and|vs|versus)\b|/", re.IGNORECASE)


def names_two_topics(text: str, candidates: list[str], answers: dict[str, Answer] | None = None) -> bool:
    """Whether a short message names what two answers are about ("chair or funding??", "funding
    chair join"): a choice to offer, not one to make."""
    count = len(words_of(text or ""))
    if count > SHORT_QUESTION_WORDS or (count > LIST_OF_TOPICS_WORDS and not _A_CHOICE.search(text or "")):
        return False
    known = load_answers() if answers is None else answers
    words = terms(text)
    named = [words & known[key].asked_by for key in candidates if key in known]
    named = [n for n in named if n]
    return any(a - b and b - a for i, a in enumerate(named) for b in named[i + 1 :])


def best_match(text: str, candidates: list[str], answers: dict[str, Answer] | None = None) -> tuple[str, str] | None:
    """Of the answers in play (the one being talked about first, then the classifier's closest),
    the one whose words the question names clearly more than the others': (key, part), where
    part is "more" or "short" (`detail_part`). None when none stands out (then "did you mean")."""
    scored = sorted(((match_score(text, key, answers), -i, key) for i, key in enumerate(candidates)), reverse=True)
    if not scored or names_two_topics(text, candidates, answers):
        return None
    best, _, key = scored[0]
    runner_up = scored[1][0] if len(scored) > 1 else 0.0
    if best < MIN_MATCH_SCORE or best - runner_up < MIN_MATCH_MARGIN:
        return None
    part = detail_part(text, key, answers)
    return (key, part) if part else None


# --- Resources the catalogue names ("Always Events", "Whose Shoes", "statutory guidance") ---------

_PARENTHESES = re.compile(r"\([^)]*\)")


def _phrase(text: str) -> str:
    """Lower-case lemmas and numbers, space-separated and padded ("Board games" → " board game ")."""
    lemmas = lemma_table()
    return " " + " ".join(lemmas.get(w, w) for w in re.findall(r"[a-z0-9]+", (text or "").lower())) + " "


@lru_cache(maxsize=2)
def catalogue_names() -> dict[str, str]:
    """Names that point at exactly one catalogue entry: its title (before any colon) and its
    topics, when two or more words long or one rare word ("EBCD", "MatExp"); phrase → entry id."""
    from bot.catalogue import read_catalogue

    owners: dict[str, set[str]] = {}
    for resource in read_catalogue():
        title = _PARENTHESES.sub("", resource.title).split(":")[0].split("?")[0]
        # A support service (Samaritans, Shout, NHS 111) is named only by its title: its topics
        # ("perinatal mental health") are what people ask about, not names for it.
        topics = () if resource.type == "service" else resource.topics
        for name in (title, *topics):
            phrase = _phrase(name).strip()
            words = phrase.split()
            # A title names its entry; a topic only when it holds a rare word ("nihr involve",
            # "statutory guidance"), not everyday words ("coffee mornings", "what is an mnvp").
            if words and (name == title or any(_is_rare_name(w) for w in words)):
                owners.setdefault(phrase, set()).add(resource.id)
                # "Experience-based co-design (EBCD) toolkit" is also named without its kind.
                head = _without_kind(phrase)
                if head != phrase and (len(head.split()) >= 2 or _is_rare_name(head)):
                    owners.setdefault(head, set()).add(resource.id)
    return {phrase: next(iter(ids)) for phrase, ids in owners.items() if len(ids) == 1}


# Words for the kind of resource at the end of a name: "CUbe activity" is about CUbe.
_KINDS = ("activity", "worksheet", "handout", "toolkit", "guidance", "report", "page", "resource", "project")


def _without_kind(phrase: str) -> str:
    words = phrase.split()
    while len(words) > 1 and words[-1] in _KINDS:
        words.pop()
    return " ".join(words)


def _is_rare_name(word: str) -> bool:
    return word not in _GENERIC and is_distinctive(word) and not is_word_everyday(word)


def is_word_everyday(word: str) -> bool:
    """A word common enough that alone it names nothing in particular ("blog", "budget")."""
    cost = word_cost(word)
    return cost is not None and cost < RARE_NAME_COST


def named_resource(text: str, answer_key: str | None = None, answers: dict[str, Answer] | None = None) -> str | None:
    """The catalogue entry a message names that the answer (if any) never mentions, or None.

    "Our team wants to try Always Events with families" names the Always Events entry, which the
    answer about collecting feedback never mentions; "what is 15 Steps for Maternity?" names an
    entry its own answer does mention, so the answer stands.
    """
    said = _phrase(text)
    answer = (load_answers() if answers is None else answers).get(answer_key or "")
    mentioned = answer.phrase if answer is not None else ""
    found = sorted(
        ((len(phrase), phrase, resource) for phrase, resource in catalogue_names().items() if f" {phrase} " in said),
        reverse=True,
    )
    return next((resource for _, phrase, resource in found if not _mentions(mentioned, phrase)), None)


def answer_naming(text: str, answers: dict[str, Answer] | None = None) -> str | None:
    """The one knowledge answer whose short part mentions a catalogue name the message names
    ("15 Steps" → what 15 Steps is), so a follow-up can ask about it; None when none or several."""
    said = _phrase(text)
    known = load_answers() if answers is None else answers
    names = sorted((p for p in catalogue_names() if f" {p} " in said), key=len, reverse=True)
    for name in names:
        naming = [key for key, answer in known.items() if _mentions(_phrase_of_short(answer), name)]
        if len(naming) == 1:
            return naming[0]
    return None


def answers_mentioning_names(text: str, answers: dict[str, Answer] | None = None) -> list[str]:
    """Every knowledge answer whose short part mentions a catalogue name the message names, in
    the answers' order ("Co-Creating Welfare" is in the project's, the summit's and the tools')."""
    said = _phrase(text)
    known = load_answers() if answers is None else answers
    names = [p for p in catalogue_names() if f" {p} " in said]
    return [key for key, answer in known.items() if any(_mentions(_phrase_of_short(answer), n) for n in names)]


# A message that sets two things side by side ("what's the difference between 15 Steps and Walk
# the Patch?", "Better Births vs the MNVP guidance", "is 15 Steps the same as Walk the Patch?").
_SIDE_BY_SIDE = re.compile(
    r"\b(?:difference|differences|differ|different|diff|compare|compared|comparing|comparison|versus|vs|"
    r"same as|same thing|or)\b",
    re.IGNORECASE,
)
SIDE_BY_SIDE_WORDS = 30


def answers_compared(text: str, answers: dict[str, Answer] | None = None) -> list[str]:
    """The two knowledge answers a message sets side by side, each naming one of the catalogue
    names it gives, in the order it gives them; [] unless a comparison names two answers."""
    if len(words_of(text or "")) > SIDE_BY_SIDE_WORDS or not _SIDE_BY_SIDE.search(text or ""):
        return []
    said = _phrase(text)
    known = load_answers() if answers is None else answers
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for name in sorted((p for p in catalogue_names() if f" {p} " in said), key=len, reverse=True):
        start = said.index(f" {name} ")
        end = start + len(name) + 2
        if any(start < b and a < end for a, b in taken):
            continue  # part of a longer name already found ("MVP" in "MVP Toolkit")
        naming = [key for key, answer in known.items() if _mentions(_phrase_of_short(answer), name)]
        if len(naming) == 1 and naming[0] not in [key for _, key in found]:
            found.append((start, naming[0]))
            taken.append((start, end))
    keys = [key for _, key in sorted(found) if not key.startswith("faq/activity_")]
    return keys[:2] if len(keys) >= 2 else []


# Several questions in one message ("what is an mnvp and how do i join one?", "whats 15 steps?
# also can dads come to meetings"): where one question ends and the next begins.
_NEXT_QUESTION = re.compile(
    r"\?+\s+(?=\S)|[.!]\s+(?=(?:and |also |plus |oh and )?(?:how|what|whats|who|where|when|why|which|can|could|"
    r"is|are|do|does|will|should)\b)|\s*(?:,\s*)?\b(?:and also|also|plus|oh and|and)\s+(?=(?:how|what|whats|who|where|"
    r"when|why|which|can|could|is|are|do|does|will|should)\b)",
    re.IGNORECASE,
)
MAX_PARTS = 3
_IS_A_QUESTION = re.compile(
    r"\?\s*$|^\W*(?:hi|hello|hiya|ok|so|and|also|plus|oh)?\W*(?:how|what|whats|what's|who|whos|where|when|why|"
    r"which|can|could|is|are|do|does|did|will|should|would|have|has)\b",
    re.IGNORECASE,
)
PARTS_MAX_WORDS = 60
PART_MIN_WORDS = 2
# Each question's answer must be this sure, and this far ahead of its next, to answer them all.
PART_SURE = 0.5
PART_LEAD = 4.0


def question_parts(text: str) -> list[str]:
    """The questions of a message that asks several (at most three), or [] for one."""
    if not text or len(words_of(text)) > PARTS_MAX_WORDS:
        return []
    pieces = [p.strip(" ,;") for p in _NEXT_QUESTION.split(text) if p and p.strip(" ,;")]
    # Only questions count: "hello, my english is not so good. what is an MNVP?" asks one.
    parts = [p for p in pieces if len(p.split()) >= PART_MIN_WORDS and _IS_A_QUESTION.search(p)]
    return parts[:MAX_PARTS] if len(parts) >= 2 else []


def answers_for_parts(rankings: list[list[tuple[str, float]]]) -> list[str]:
    """The different answers the selector is sure of, one per question, in order; [] unless two."""
    keys: list[str] = []
    for ranking in rankings:
        if not ranking:
            continue
        best, confidence = ranking[0]
        runner_up = ranking[1][1] if len(ranking) > 1 else 0.0
        if confidence >= PART_SURE and confidence >= PART_LEAD * runner_up and best not in keys:
            keys.append(best)
    return keys if len(keys) >= 2 else []


def _phrase_of_short(answer: Answer) -> str:
    return answer.short_phrase or answer.phrase


def _mentions(answer_phrase: str, name: str) -> bool:
    """Whether an answer mentions a name, or the head of a longer one ("Fish Bowl" for "Fish Bowl
    activity", "MVP Toolkit" for "MVP Toolkit part 5")."""
    words = name.split()
    head = _without_kind(name)
    return (
        f" {name} " in answer_phrase
        or f" {head} " in answer_phrase
        or (len(words) >= 3 and f" {' '.join(words[:2])} " in answer_phrase)
    )


# What kind of fact a short follow-up asks for, and how to see it in an answer's text: "when was
# it published?" wants a date, "which countries were involved?" countries, "how many?" a number.
_MONTHS = r"January|February|March|April|May|June|July|August|September|October|November|December"
_KINDS_ASKED: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = (
    (
        re.compile(r"^\W*(?:and |so |ok )?(?:when|what year|what date|since when|how old)\b", re.I),
        # A year naming a thing ("the 2023 MNVP guidance") is not a date.
        re.compile(rf"\b(?:19|20)\d\d\b(?! [A-Z])|\b(?:{_MONTHS})\b"),
    ),
    (
        re.compile(r"\b(?:which|what) (?:countries|country|nations|places)\b|^\W*(?:and |so )?where\b", re.I),
        re.compile(r"\b(?:England|Wales|Scotland|Denmark|France|Portugal|UK|Europe|Coventry|London|Cornwall)\b"),
    ),
    (
        # "who wrote it?", "who led it?": a named person or body who made, led or wrote it.
        re.compile(
            r"^\W*(?:and |so |ok )?who (?:wrote|writ|made|led|leads|ran|runs|published|created|started|set up|"
            r"came up with|was behind|is behind)\b",
            re.I,
        ),
        re.compile(
            r"\b(?:Dr|Baroness|Professor|Prof|Sir|Dame)\b|\b[A-Z][\w-]+\)? (?:led|wrote|made|published|created|"
            r"ran|started|set up)\b|\b(?:led|written|made|published|created|run|started|set up) by\b"
        ),
    ),
    (
        re.compile(r"^\W*(?:and |so |ok )?how (?:many|much|long|often)\b", re.I),
        re.compile(r"\b\d+\b|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty)\b", re.I),
    ),
)


def asks_for_a_date(text: str) -> bool:
    """A short follow-up asking when ("When and where was the summit?")."""
    return bool(_KINDS_ASKED[0][0].search(text or ""))


# "who actually goes round?": a bare question of a few words, about what was just said.
BARE_QUESTION_WORDS = 3


def is_bare_follow_up(text: str) -> bool:
    """A who, what, where or how of at most three words of its own (fillers aside) that names no
    acronym: about what was just said, though it has no "it"."""
    words = [w for w in words_of(text or "") if w.lower() not in _FILLERS]
    return bool(_ASKS_ABOUT_IT.search(text or "")) and 0 < len(words) <= BARE_QUESTION_WORDS and not acronyms_in(text)


def part_with_kind(text: str, answer_key: str, answers: dict[str, Answer] | None = None) -> str | None:
    """For a short follow-up asking when, where, which countries or how many: the part of the
    answer just given that holds that kind of fact ("short" first), or None."""
    if not is_short_question(text):
        return None
    answer = (load_answers() if answers is None else answers).get(answer_key)
    if answer is None:
        return None
    for asks, holds in _KINDS_ASKED:
        if asks.search(text or ""):
            if holds.search(answer.short_text):
                return "short"
            if answer.more_text and holds.search(answer.more_text):
                return "more"
            return None
    return None


def more_holds_kind(text: str, answer_key: str, answers: dict[str, Answer] | None = None) -> bool:
    """Whether a short "how many" follow-up may count something the short part does not: the
    longer part holds numbers the short one lacks ("How many rungs does Arnstein's have?" after
    the ladder of co-production's seven rungs; Arnstein's has eight)."""
    answer = (load_answers() if answers is None else answers).get(answer_key)
    if answer is None or not answer.more_text or not is_short_question(text):
        return False
    asks, holds = _KINDS_ASKED[-1]
    if not asks.search(text or ""):
        return False
    short = {n.lower() for n in holds.findall(answer.short_text)}
    return any(n.lower() not in short for n in holds.findall(answer.more_text))


def _button_payloads(variations: object) -> list[str]:
    payloads: list[str] = []
    for variation in variations if isinstance(variations, list) else []:
        for button in (variation.get("buttons") or []) if isinstance(variation, dict) else []:
            if isinstance(button, dict) and isinstance(button.get("payload"), str):
                payloads.append(button["payload"])
    return payloads


@lru_cache(maxsize=4)
def _offered(responses_dir: Path = RESPONSES_DIR) -> dict[str, tuple[str, ...]]:
    responses: dict[str, object] = dict(_read_yaml(responses_dir, "responses"))  # type: ignore[arg-type]
    offered: dict[str, tuple[str, ...]] = {}
    for name, variations in responses.items():
        if name.startswith(SHORT_PREFIX):
            key = f"faq/{name.removeprefix(SHORT_PREFIX)}"
            more = responses.get(f"{MORE_PREFIX}{key.removeprefix('faq/')}")
            offered[key] = tuple(_button_payloads(variations) + _button_payloads(more))
    return offered


def offered_after(answer_key: str, titles: dict[str, str]) -> frozenset[str]:
    """The answers an answer offers next, as buttons ("Who takes part in an MNVP?" after what an
    MNVP is), by their keys; `titles` maps each button's question to its answer key (data/topics.yml)."""
    return frozenset(titles[p] for p in _offered().get(answer_key, ()) if p in titles)


_SOURCE = re.compile(r"Source: (https?://\S+)")


@lru_cache(maxsize=4)
def _sources(responses_dir: Path = RESPONSES_DIR) -> dict[str, str]:
    sources: dict[str, str] = {}
    responses: dict[str, object] = dict(_read_yaml(responses_dir, "responses"))  # type: ignore[arg-type]
    for name, variations in responses.items():
        if name.startswith(SHORT_PREFIX) and isinstance(variations, list):
            texts = " ".join(str(v.get("text") or "") for v in variations if isinstance(v, dict))
            found = _SOURCE.search(texts)
            if found:
                sources[f"faq/{name.removeprefix(SHORT_PREFIX)}"] = found.group(1)
    return sources


def source_of(answer_key: str) -> str | None:
    """The source link of a knowledge answer's short part, or None."""
    return _sources().get(answer_key)


# "is it still going?", "does it still exist?", "has it ended?": whether the thing talked about
# still runs.
_STILL_GOING = re.compile(
    r"\bstill (?:going|running|around|active|about|a thing|exists?|existing|happening|alive|funded)\b"
    r"|\b(?:has|did|is|have) (?:it|that|this|they|the project|the coalition) (?:\w+ )?(?:end|ended|finish|finished|"
    r"stop|stopped|close|closed|shut|wound up|over)\b"
    r"|\bdoes (?:it|that|this|the project|the coalition) (?:still )?exist\b"
    r"|\b(?:shutting|closing) down\b|\bbeing (?:scrapped|abolished|closed|shut down|wound up)\b",
    re.IGNORECASE,
)
# What an answer says when a thing has ended or goes on under another name.
_STATUS = re.compile(
    r"\b(?:has ended|ended|closed|became|renamed|now called|now works as|now part of|replaced|follow-on|successor|"
    r"no longer|abolish\w*|stopped|wound up|merged|to close)\b",
    re.IGNORECASE,
)


def asks_if_still_going(text: str) -> bool:
    """Whether a short follow-up, or the first question of a longer message, asks if the thing
    talked about still runs ("is it still going?", "is healthwatch still a thing? wanted to…")."""
    first = re.split(r"(?<=[?!.])\s+", text.strip()[:300], maxsplit=1)[0]
    return len(first.split()) <= 12 and bool(_STILL_GOING.search(first))


def status_part(answer_key: str, answers: dict[str, Answer] | None = None) -> str | None:
    """The part of an answer ("short" or "more") that says whether the thing has ended or goes on
    under another name ("CCW itself has ended. Its follow-on…"); None when it says neither."""
    answer = (load_answers() if answers is None else answers).get(answer_key)
    if answer is None:
        return None
    if _STATUS.search(answer.more_text):
        return "more"  # the fuller story: when it ended, and what followed
    return "short" if _STATUS.search(answer.short_text) else None


# "can u say that shorter", "and in plain english?", "tldr": the answer just given, in fewer words.
_SHORTER = re.compile(
    r"\b(?:shorter|short version|in short|(?:more )?simpler|more simply|more simple|simple words|"
    r"plain english|plain words|in a nutshell|tl;?dr|sum (?:it|that|this) up|summar(?:y|ise|ize)|"
    r"easier words|easier english|dumb it down|one line|quick version|too long)\b",
    re.IGNORECASE,
)
# A first sentence that only says when something came out.
_ONLY_WHEN = re.compile(r"\b(?:came out|was published|published|was launched|launched) (?:on|in)\b", re.IGNORECASE)
# A short answer gives its first sentences up to this many characters (one SMS).
SHORTER_LIMIT = 160
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def asks_for_shorter(text: str) -> bool:
    """Whether a short follow-up asks for the last answer in fewer or plainer words."""
    return len(text.split()) <= 10 and bool(_SHORTER.search(text[:200]))


def shorter_text(answer_key: str, answers: dict[str, Answer] | None = None) -> str | None:
    """The first sentences of an answer's short part, at most `SHORTER_LIMIT` characters (always
    at least one sentence); None for an unknown answer."""
    answer = (load_answers() if answer_key and answers is None else answers or {}).get(answer_key)
    if answer is None or not answer.short_text.strip():
        return None
    paragraph = answer.short_text.strip().split("\n")[0].strip()
    sentences = _SENTENCE_END.split(paragraph)
    if len(sentences) > 1 and _ONLY_WHEN.search(sentences[0]):
        # "The three-year delivery plan ... came out on 30 March 2023." says when, not what.
        sentences = sentences[1:]
    kept = [sentences[0]]
    for sentence in sentences[1:]:
        if len(" ".join([*kept, sentence])) > SHORTER_LIMIT:
            break
        kept.append(sentence)
    return " ".join(kept)


# "who do i ask about that", "how would i start", "ok how wud i find out then": who to go to next.
_WHO_TO_ASK = re.compile(
    r"^\W*(?:(?:ok|okay|so|and|right|but|thanks)\W+)*"
    r"(?:who (?:do|should|would|can|could|shall) i (?:ask|contact|talk to|speak to|go to|get in touch with)"
    r"|how (?:would|do|can|could|should|wud|shud|cud) i (?:start|get started|begin|find out|go about (?:it|that)|"
    r"get in touch|contact them|reach them|find them)"
    r"|where (?:could|can|do|would|should|cud|wud|shud) i (?:look|find out|go|ask|start|find them))"
    r"(?:\s+(?:about (?:it|that|this|them)|for (?:it|that|this)|then|first|now|pls|please|x+))*\W*$",
    re.IGNORECASE,
)


def asks_who_to_ask(text: str) -> bool:
    """Whether a short follow-up asks who to go to, or how to start ("who do i ask about that?")."""
    return len(text.split()) <= 10 and bool(_WHO_TO_ASK.search(text[:200]))
