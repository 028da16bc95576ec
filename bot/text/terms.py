"""Turning catalogue text and search queries into terms: the same steps on both sides.

Lower-case → canonical forms for acronyms and spellings (MVP, MNVP, LMNS, co-production,
post-it, fishbowl…) → spaCy lemmas from the project's pipeline → no stop words, punctuation
or one-letter tokens.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.text.pipeline import load_pipeline

# Applied in order to lower-cased text. Each maps the ways people write a thing to one term.
CANONICAL: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"maternity (?:and|&) neonatal voices? partnerships?", " mnvp "),
        (r"maternity voices? partnerships?", " mvp "),
        (r"\b(mn?vp)'?s\b", r" \1 "),
        (r"local maternity (?:and neonatal )?systems?", " lmns "),
        (r"\b(?:lmns|lms|lmnss|lmss)\b", " lmns "),
        (r"integrated care boards?|\bicbs\b", " icb "),
        (r"maternity services? liaison committees?|\bmslcs\b", " mslc "),
        (r"coalition for collaborative care", " c4cc "),
        (r"coalition for personali[sz]ed care", " c4pc "),
        (r"national maternity voices", " nmv "),
        (r"\bco[\s-]?(?:produc|design|creat)[a-z]*", " coproduction "),
        (r"\bpost[\s-]?it(?: notes?|s)?\b", " sticky note "),
        (r"\bfish[\s-]?bowls?\b", " fish bowl "),
        (r"\bpecha[\s-]?kuchas?\b", " pecha kucha "),
        (r"\bq[\s-]?sort(?:s|ing)?\b", " qsort "),
        (r"\b(?:15|fifteen)[\s-]?steps?\b", " 15steps "),
        (r"\bstory[\s-]?cubes?\b", " story cube "),
    )
)

# Words that say "I am searching" rather than what for.
SEARCH_WORDS = frozenset(
    """
    find look looking search searching get give show need want got have know tell please
    link links resource resources something anything info information thing stuff where
    hi hello thanks thank can could would any u ur pls plz pl
    list read reading heavy light easy simple short bit lot
    """.split()
)


def canonical_text(text: str) -> str:
    """Lower-cases `text` and rewrites acronyms and spellings to their canonical terms."""
    text = text.lower()
    for pattern, replacement in CANONICAL:
        text = pattern.sub(replacement, text)
    return text


def terms(text: str) -> list[str]:
    """The terms of one text (lemmas, in order, stop words removed)."""
    return terms_of_many([text])[0]


def terms_of_many(texts: Iterable[str]) -> list[list[str]]:
    """The terms of many texts, through spaCy's batch processing."""
    nlp = load_pipeline()
    result: list[list[str]] = []
    for doc in nlp.pipe(canonical_text(t) for t in texts):
        result.append(
            [
                token.lemma_.lower()
                for token in doc
                if not (token.is_stop or token.is_punct or token.is_space)
                and len(token.text) > 1
                and any(c.isalnum() for c in token.text)
            ]
        )
    return result


def query_terms(text: str) -> list[str]:
    """The terms of a search query: as `terms`, without words that only say "I am searching"."""
    return [t for t in terms(text) if t not in SEARCH_WORDS]
