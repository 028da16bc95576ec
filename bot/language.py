"""Does a message look like English? Used to answer other languages, gibberish and emoji sensibly.

The classifier is trained on English only and can be confidently wrong on other languages
("¿Dónde puedo…" scored as a feedback question). A message whose words are mostly unknown
to English (spaCy's lookup tables and stop words, plus the words of our own training data,
which holds names such as MNVP or Pecha Kucha) is treated as not understood.
"""

from __future__ import annotations

import gzip
import json
import logging
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import yaml

from bot.settings import PROJECT_ROOT, VAR_DIR
from bot.text import fold

logger = logging.getLogger(__name__)

WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
# Too few words to judge: leave short messages ("mvp?", "hiya") to the classifier.
MIN_WORDS = 3
# Longer messages get a friendly "please ask one question at a time" (the widget stops at this too).
MAX_MESSAGE_CHARS = 1000
MIN_KNOWN_SHARE = 0.5
# Word probabilities for splitting letter-spaced text: English words no rarer than this.
WORD_COSTS = VAR_DIR / "text" / "word-costs-1.json"
MIN_LOG_PROBABILITY = -18.0
RARE_WORD_COST = 18.0
MAX_SHORT_WORD_COST = 13.0
TRAINING_DATA = PROJECT_ROOT / "data"
# Markup pasted into the chat: script and style blocks with their content, then any tag.
MARKUP_BLOCK = re.compile(r"<(script|style)\b[^>]*>.*?(</\1\s*>|$)", re.IGNORECASE | re.DOTALL)
TAG = re.compile(r"</?[a-zA-Z][^>]*>")


def strip_markup(text: str) -> str:
    """The text without HTML tags, and without the content of script and style blocks."""
    return TAG.sub(" ", MARKUP_BLOCK.sub(" ", text))


def _words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def _training_words(folder: Path) -> set[str]:
    words: set[str] = set()
    for path in sorted(folder.rglob("*.yml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError):
            logger.warning("Could not read %s for the English vocabulary", path)
            continue
        for item in data.get("nlu") or [] if isinstance(data, dict) else []:
            if isinstance(item, dict) and isinstance(item.get("examples"), str):
                words.update(_words(item["examples"]))
    return words


@lru_cache(maxsize=1)
def vocabulary() -> frozenset[str]:
    """English words: spaCy's lemma lookup table and stop words, plus our training data's words."""
    import spacy_lookups_data
    from spacy.lang.en.stop_words import STOP_WORDS

    table = Path(spacy_lookups_data.__file__).parent / "data" / "en_lemma_lookup.json.gz"
    with gzip.open(table, "rt", encoding="utf-8") as raw:
        lookup: dict[str, str] = json.load(raw)
    words = {w.lower() for w in lookup} | {w.lower() for w in lookup.values()} | set(STOP_WORDS)
    return frozenset(words | _training_words(TRAINING_DATA))


def is_word(word: str) -> bool:
    """Whether a lower-case string is an English word we know, or a word the safety rules use."""
    from bot.safety.lexicon import is_rule_word

    return word in vocabulary() or is_rule_word(word)


@lru_cache(maxsize=1)
def _word_costs() -> dict[str, float]:
    """Minus the log probability of each English word (spaCy's lexeme table), made once into var/."""
    if WORD_COSTS.is_file():
        try:
            return dict(json.loads(WORD_COSTS.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            logger.warning("Could not read %s; making it again", WORD_COSTS)
    import spacy_lookups_data

    table = Path(spacy_lookups_data.__file__).parent / "data" / "en_lexeme_prob.json.gz"
    with gzip.open(table, "rt", encoding="utf-8") as raw:
        probabilities: dict[str, float] = json.load(raw)
    costs = {
        w: round(-p, 2) for w, p in probabilities.items() if p >= MIN_LOG_PROBABILITY and w.isalpha() and w.islower()
    }
    try:
        WORD_COSTS.parent.mkdir(parents=True, exist_ok=True)
        partial = WORD_COSTS.with_suffix(".tmp")
        partial.write_text(json.dumps(costs, separators=(",", ":")), encoding="utf-8")
        partial.replace(WORD_COSTS)
    except OSError:
        logger.warning("Could not save %s", WORD_COSTS)
    return costs


def word_cost(word: str) -> float | None:
    """How unlikely a word is (lower is more common), or None for no known word.

    Words the safety rules use cost half, so letter-spaced urgent words split the way the
    rules read them ("c a n t" is "cant", "t h e s e a" is "the sea").
    """
    from bot.safety.lexicon import is_rule_word

    cost = _word_costs().get(word)
    if cost is None and is_word(word):
        cost = RARE_WORD_COST
    if is_rule_word(word):
        return (cost if cost is not None else RARE_WORD_COST) / 2
    # Rare short words do not count: "r u a robot" is text-speak, not the word "rua".
    return cost if cost is not None and (len(word) > 3 or cost <= MAX_SHORT_WORD_COST) else None


def unfold(text: str) -> str:
    """The message with disguised characters undone (`bot.text.fold` with the English vocabulary)."""
    return fold(text, is_word, word_cost)


def known_share(text: str) -> float | None:
    """The share of the message's words that are English, or None when it has too few words."""
    words = _words(text)
    if len(words) < MIN_WORDS:
        return None
    known = vocabulary()
    return sum(1 for w in words if w in known or w.replace("'", "") in known) / len(words)


def _mostly_other_script(text: str) -> bool:
    # Chinese, Arabic, Thai… may have no spaces, so counting words would see one "word".
    letters = [c for c in text if c.isalpha()]
    if len(letters) < MIN_WORDS:
        return False
    latin = sum(1 for c in letters if unicodedata.name(c, "").startswith("LATIN"))
    return latin / len(letters) < MIN_KNOWN_SHARE


def looks_english(text: str) -> bool:
    """Whether the message has English words for the classifier to work on.

    False when it has no words at all (empty, emoji or punctuation only, only markup), when
    most of its letters are not Latin, or when it has enough words and most are not English.
    """
    plain = strip_markup(unfold(text))
    if not WORD.search(plain) or _mostly_other_script(plain):
        return False
    share = known_share(plain)
    return share is None or share >= MIN_KNOWN_SHARE


def is_too_long(text: str) -> bool:
    """True for a message longer than MAX_MESSAGE_CHARS (spaces at either end not counted)."""
    return len(text.strip()) > MAX_MESSAGE_CHARS
