"""Grouping unmet needs into themes, so the people who run the service see what comes up most.

Each need becomes its key words: lemmas from the project's spaCy pipeline, with the catalogue's
canonical spellings (MVP → MNVP, post-it → sticky notes …), without stop words, words every need
shares ("want", "help") or every maternity need shares ("baby", "hospital"), and with a few
synonyms merged ("car park" → parking). Then, greedily: the key word most needs share (and no
earlier theme took) makes a theme of those needs, until no word is shared by `MIN_THEME_SIZE`.
Simple, fast on any number of needs, and every theme says why its needs belong together.
Measured on tests/data/needs_sample.yml by `make eval` (docs/benchmarks.md).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from bot.text import terms_of_many

MIN_THEME_SIZE = 3
PLACEHOLDER = re.compile(r"\[[a-z ]+\]")
GENERIC = frozenset(
    """
    want need know help please thank thanks hi hello tell find get can could would anyone someone somebody
    something thing ask question look looking info information way say go make let like just really
    bot answer mean sorry ok okay yes no not hey am pm
    """.split()
)
# Shared by so many maternity needs that they never name a theme alone.
DOMAIN_WORDS = frozenset(
    """
    mnvp mvp birth baby ward hospital maternity parent partner people midwife family come day week year give
    happen good time use work nhs trust service mum dad wife husband
    """.split()
)

# Words that mean the same thing for grouping needs (after lemmatising). Short, general and
# about maternity services, so a theme gathers "car park", "parking" and "parking fine".
CONCEPTS = {
    "parking": "car park parking carpark",
    "visiting": "visit visitor visiting overnight stay",
    "language": (
        "interpreter interpreting translate translation translator language english polish urdu arabic romanian "
        "bengali punjabi somali portuguese lithuanian"
    ),
    "complaint": "complaint complain pal pals concern",
    "birth reflections": "reflection debrief afterthought",
    "infant feeding": "feed breastfeed breastfeeding bottle formula latch",
    "expenses": "expense reimburse reimbursement payment paid pay voucher",
    "meeting": "meet meeting",
    "neonatal": "nicu neonatal scbu",
    "antenatal class": "antenatal class classes",
    "wifi": "wifi wi-fi internet charger",
    "template": "template example",
    "activity": "activity icebreaker",
    "register": "register registration certificate",
}
SYNONYMS = {word: concept for concept, words in CONCEPTS.items() for word in words.split()}


@dataclass(frozen=True)
class Theme:
    """A group of similar needs.

    Attributes:
        label: the key word that gathered it, then words many of its needs share ("parking · cost").
        count: how many needs it holds.
        members: the indices of its needs in the list given.
    """

    label: str
    count: int
    members: tuple[int, ...]


def need_terms(texts: Sequence[str]) -> list[list[str]]:
    """The key words of each need: lemmas without stop words, placeholders or generic words, synonyms merged."""
    cleaned = [PLACEHOLDER.sub(" ", t) for t in texts]
    return [
        list(dict.fromkeys(SYNONYMS.get(w, w) for w in words if w not in GENERIC and not w.isdigit() and len(w) > 2))
        for words in terms_of_many(cleaned)
    ]


def find_themes(texts: Sequence[str], max_labels: int = 3) -> tuple[list[Theme], list[int]]:
    """Groups needs into themes.

    Args:
        texts: the needs' (redacted) texts.
        max_labels: at most how many words name a theme.

    Returns:
        The themes, largest first, and the indices of the needs in no theme (one-offs).
    """
    words = [set(w) for w in need_terms(texts)]
    left = set(range(len(words)))
    themes: list[Theme] = []
    while left:
        shared = Counter(w for i in left for w in words[i] if w not in DOMAIN_WORDS)
        if not shared:
            break
        seed, count = min(shared.items(), key=lambda item: (-item[1], item[0]))
        if count < MIN_THEME_SIZE:
            break
        members = sorted(i for i in left if seed in words[i])
        together = Counter(w for i in members for w in words[i] if w != seed)
        extra = [w for w, n in together.most_common(max_labels - 1) if n * 3 >= len(members) and n >= 2]
        themes.append(Theme(" · ".join([seed, *extra]), len(members), tuple(members)))
        left -= set(members)
    return themes, sorted(left)
