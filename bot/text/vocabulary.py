"""English words the assistant knows: the lemma table, stop words and the training data's words.

One reader of spaCy's lemma lookup table (`lemma_table`), for the pipeline, the language guard,
redaction and the undoing of disguises. `unfold` is the one place a message's disguised
characters are undone with the English vocabulary (`bot.text.fold`).
"""

from __future__ import annotations

import gzip
import json
import logging
import re
from functools import lru_cache
from pathlib import Path

import yaml

from bot.settings import PROJECT_ROOT, VAR_DIR
from bot.text.fold import IsWord, fold

logger = logging.getLogger(__name__)

WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
TRAINING_DATA = PROJECT_ROOT / "data"
# Word probabilities for splitting letter-spaced text: English words no rarer than this.
WORD_COSTS = VAR_DIR / "text" / "word-costs-1.json"
MIN_LOG_PROBABILITY = -18.0
RARE_WORD_COST = 18.0
MAX_SHORT_WORD_COST = 13.0


def words_of(text: str) -> list[str]:
    """The lower-cased words of a text (letters, with an apostrophe inside)."""
    return [w.lower() for w in WORD.findall(text)]


def _lookups_file(name: str) -> Path:
    import spacy_lookups_data

    return Path(spacy_lookups_data.__file__).parent / "data" / name


@lru_cache(maxsize=1)
def lemma_table() -> dict[str, str]:
    """spaCy's English lemma lookup table (word -> lemma), read once per process."""
    with gzip.open(_lookups_file("en_lemma_lookup.json.gz"), "rt", encoding="utf-8") as raw:
        return dict(json.load(raw))


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
                words.update(words_of(item["examples"]))
    return words


@lru_cache(maxsize=1)
def vocabulary() -> frozenset[str]:
    """English words: spaCy's lemma lookup table and stop words, plus our training data's words."""
    from spacy.lang.en.stop_words import STOP_WORDS

    lookup = lemma_table()
    words = {w.lower() for w in lookup} | {w.lower() for w in lookup.values()} | set(STOP_WORDS)
    return frozenset(words | _training_words(TRAINING_DATA))


def is_word(word: str) -> bool:
    """Whether a lower-case string is an English word we know."""
    return word in vocabulary()


@lru_cache(maxsize=1)
def _word_costs() -> dict[str, float]:
    """Minus the log probability of each English word (spaCy's lexeme table), made once into var/."""
    if WORD_COSTS.is_file():
        try:
            return dict(json.loads(WORD_COSTS.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            logger.warning("Could not read %s; making it again", WORD_COSTS)
    with gzip.open(_lookups_file("en_lexeme_prob.json.gz"), "rt", encoding="utf-8") as raw:
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


def word_cost(word: str, *, favoured: bool = False) -> float | None:
    """How unlikely a word is (lower is more common), or None for no known word.

    Args:
        word: A lower-case word.
        favoured: A word to prefer (it costs half, and counts even when rare), so that a
            caller's own words win: the safety guard's, so that "c a n t" is "cant" and
            "t h e s e a" is "the sea".
    """
    cost = _word_costs().get(word)
    if cost is None and (favoured or is_word(word)):
        cost = RARE_WORD_COST
    if favoured:
        return (cost if cost is not None else RARE_WORD_COST) / 2
    # Rare short words do not count: "r u a robot" is text-speak, not the word "rua".
    return cost if cost is not None and (len(word) > 3 or cost <= MAX_SHORT_WORD_COST) else None


def unfold(text: str, favoured: IsWord | None = None) -> str:
    """The message with disguised characters undone (`bot.text.fold`) with the English vocabulary.

    Args:
        text: The message.
        favoured: Words to prefer besides English ones (the safety guard passes its own).
    """
    if favoured is None:
        return fold(text, is_word, word_cost)
    return fold(
        text,
        lambda word: favoured(word) or is_word(word),
        lambda word: word_cost(word, favoured=favoured(word)),
    )
