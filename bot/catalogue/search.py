"""Ranking the catalogue for a user's words.

BM25F over four fields with weights (title, topics and type, publisher, summary), on the terms
from `bot.catalogue.text` (lemmas, canonical acronyms and spellings). Query terms the catalogue
does not know are corrected to a known term one or two edits away ("fish bowel" → bowl,
"peckakucha" → pechakucha, indexed from the title "Pecha Kucha"), and a few related terms
are added with a lower weight (MVP ↔ MNVP, C4CC ↔ C4PC). Each term's contribution to each
resource is computed once when the index is built, so a search is one sparse product.

The index is built once per process and rebuilt when the catalogue's version changes
(checked at most every `REFRESH_SECONDS`).
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
from scipy import sparse
from sqlalchemy.engine import Engine

from bot.catalogue.loader import CatalogueError, catalogue_version, list_resources, load_catalogue
from bot.catalogue.model import ResourceInfo
from bot.text import query_terms, terms_of_many

logger = logging.getLogger(__name__)

FIELD_WEIGHTS = {"title": 3.0, "topics": 2.0, "type": 1.5, "publisher": 1.0, "summary": 1.0}
K1 = 1.2
B = 0.75
# Related terms added to a query, with their weight.
RELATED: dict[str, tuple[tuple[str, float], ...]] = {
    "mvp": (("mnvp", 0.7),),
    "mnvp": (("mvp", 0.7),),
    "c4cc": (("c4pc", 0.8),),
    "c4pc": (("c4cc", 0.8),),
    "mslc": (("mvp", 0.5),),
    "webinar": (("video", 0.5),),
    "film": (("video", 0.8),),
    "video": (("webinar", 0.5),),
}
CORRECTED_WEIGHT = 0.8
MAX_QUERY_TERMS = 40
# A result is "good" when the top hit matches at least this share of the query's weight.
GOOD_COVERAGE = 0.5
REFRESH_SECONDS = 2.0
AUDIENCE_FILTER = {"families": ("families", "both"), "staff": ("staff", "both"), "both": ("families", "staff", "both")}


@dataclass(frozen=True)
class SearchHit:
    """One ranked resource: its score and the share of the query's weight it matched (0–1)."""

    resource: ResourceInfo
    score: float
    coverage: float


@dataclass(frozen=True)
class SearchResult:
    """Ranked hits, best first, and whether the best is good enough to offer as an answer."""

    query: str
    hits: tuple[SearchHit, ...]
    good: bool


def damerau_levenshtein(a: str, b: str, limit: int = 2) -> int:
    """Edit distance with transpositions; returns `limit + 1` once it is sure to exceed `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def _deletes(word: str, depth: int) -> set[str]:
    found = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        found |= frontier
    return found


def _max_edits(word: str) -> int:
    if len(word) < 4:
        return 0
    return 1 if len(word) < 8 else 2


class CatalogueIndex:
    """An in-memory BM25F index of a list of resources."""

    def __init__(self, resources: Sequence[ResourceInfo]) -> None:
        self.resources = tuple(resources)
        fields = {
            "title": [r.title for r in self.resources],
            "topics": [" ; ".join(r.topics) for r in self.resources],
            "type": [r.type for r in self.resources],
            "publisher": [r.publisher for r in self.resources],
            "summary": [r.summary for r in self.resources],
        }
        field_terms = {name: terms_of_many(texts) for name, texts in fields.items()}
        # "Pecha Kucha" is also indexed as "pechakucha", so joined-up spellings are found.
        for name in ("title", "topics"):
            field_terms[name] = [t + [a + b for a, b in pairwise(t)] for t in field_terms[name]]
        vocabulary: dict[str, int] = {}
        for rows in field_terms.values():
            for row in rows:
                for term in row:
                    vocabulary.setdefault(term, len(vocabulary))
        self.vocabulary = vocabulary
        n_docs, n_terms = len(self.resources), len(vocabulary)
        weighted: sparse.csr_matrix | None = None
        for name, rows in field_terms.items():
            lengths = np.array([len(r) for r in rows], dtype=float)
            average = float(lengths.mean()) if n_docs and lengths.mean() > 0 else 1.0
            data, row_index, col_index = [], [], []
            for doc, row in enumerate(rows):
                norm = 1 - B + B * (lengths[doc] / average)
                for term, count in Counter(row).items():
                    data.append(FIELD_WEIGHTS[name] * count / norm)
                    row_index.append(doc)
                    col_index.append(vocabulary[term])
            matrix = sparse.csr_matrix((data, (row_index, col_index)), shape=(n_docs, n_terms))
            weighted = matrix if weighted is None else weighted + matrix
        if weighted is None or not n_docs:
            self._scores = sparse.csc_matrix((n_docs, n_terms))
            self._present = self._scores
            self.idf = np.zeros(n_terms)
        else:
            present = (weighted > 0).astype(float)
            document_frequency = np.asarray(present.sum(axis=0)).ravel()
            self.idf = np.log(1 + (n_docs - document_frequency + 0.5) / (document_frequency + 0.5))
            saturated = weighted.copy()
            saturated.data = saturated.data * (K1 + 1) / (K1 + saturated.data)
            self._scores = sparse.csc_matrix(saturated.multiply(self.idf.reshape(1, -1)))
            self._present = sparse.csc_matrix(present)
        self._max_idf = float(np.log(1 + (n_docs + 0.5) / 0.5)) if n_docs else 1.0
        self._deletes: dict[str, list[str]] = {}
        for term in vocabulary:
            for variant in _deletes(term, _max_edits(term)):
                self._deletes.setdefault(variant, []).append(term)
        self._by_id = {r.id: r for r in self.resources}
        self._audience = np.array([r.audience for r in self.resources], dtype=object)
        self._type = np.array([r.type for r in self.resources], dtype=object)

    def by_id(self, resource_id: str) -> ResourceInfo | None:
        """The resource with this id, if the catalogue has it."""
        return self._by_id.get(resource_id)

    def correct(self, term: str) -> str | None:
        """The closest known term within the allowed edits, or None."""
        edits = _max_edits(term)
        if not edits:
            return None
        candidates = {c for v in _deletes(term, edits) for c in self._deletes.get(v, ())}
        scored = [(damerau_levenshtein(term, c, edits), -self.idf[self.vocabulary[c]], c) for c in candidates]
        scored = [s for s in scored if s[0] <= edits]
        return min(scored)[2] if scored else None

    def weighted_terms(self, query: str) -> tuple[dict[int, float], float]:
        """The query's known terms (vocabulary column → weight) and the weight of all its terms."""
        wanted: dict[int, float] = {}
        total = 0.0
        for term in dict.fromkeys(query_terms(query[:2000])[:MAX_QUERY_TERMS]):
            column = self.vocabulary.get(term)
            weight = 1.0
            if column is None:
                corrected = self.correct(term)
                column = self.vocabulary.get(corrected) if corrected else None
                weight = CORRECTED_WEIGHT
            # An unknown term counts as rare: a query about something the catalogue lacks is not good.
            total += float(self.idf[column]) if column is not None else self._max_idf
            if column is not None:
                wanted[column] = max(wanted.get(column, 0.0), weight)
                for related, related_weight in RELATED.get(term, ()):
                    other = self.vocabulary.get(related)
                    if other is not None and other not in wanted:
                        wanted[other] = related_weight * weight
        return wanted, total

    def search(
        self, query: str, audience: str | None = None, type_: str | None = None, limit: int = 10
    ) -> SearchResult:
        """Ranks the resources for `query`.

        Args:
            query: the user's words.
            audience: "families" or "staff" keeps those meant for them (and for both).
            type_: keeps only resources of this type.
            limit: the most hits to return.

        Returns:
            The hits with a positive score, best first (ties by id), and whether the top one is good.
        """
        wanted, total = self.weighted_terms(query)
        if not wanted or not self.resources or limit <= 0:
            return SearchResult(query=query, hits=(), good=False)
        columns = list(wanted)
        weights = np.array([wanted[c] for c in columns])
        scores = np.asarray(self._scores[:, columns] @ weights).ravel()
        matched = np.asarray(self._present[:, columns] @ (self.idf[columns] * np.minimum(weights, 1.0))).ravel()
        mask = scores > 0
        if audience:
            mask &= np.isin(self._audience, AUDIENCE_FILTER.get(audience, (audience,)))
        if type_:
            mask &= self._type == type_
        candidates = np.flatnonzero(mask)
        if not len(candidates):
            return SearchResult(query=query, hits=(), good=False)
        if len(candidates) > limit * 4:
            top = np.argpartition(-scores[candidates], limit * 4 - 1)[: limit * 4]
            candidates = candidates[top]
        ordered = sorted(candidates, key=lambda d: (-scores[d], self.resources[d].id))[:limit]
        hits = tuple(
            SearchHit(
                resource=self.resources[d],
                score=round(float(scores[d]), 4),
                coverage=round(min(1.0, float(matched[d]) / total) if total else 0.0, 4),
            )
            for d in ordered
        )
        return SearchResult(query=query, hits=hits, good=hits[0].coverage >= GOOD_COVERAGE)


class _Cache:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.entries: dict[str, tuple[int, float, CatalogueIndex]] = {}


_cache = _Cache()


def get_index(engine: Engine | None = None) -> CatalogueIndex:
    """The index of the catalogue in the database, built once and rebuilt when the catalogue changes."""
    from bot.db import get_engine

    engine = engine or get_engine()
    key = str(engine.url) + f"#{id(engine)}"
    now = time.monotonic()
    with _cache.lock:
        entry = _cache.entries.get(key)
        if entry is not None and now - entry[1] < REFRESH_SECONDS:
            return entry[2]
        version = catalogue_version(engine)
        if version == 0:
            version = _load_source_once(engine)
        if entry is not None and entry[0] == version:
            _cache.entries[key] = (version, now, entry[2])
            return entry[2]
        index = CatalogueIndex(list_resources(engine))
        _cache.entries[key] = (version, now, index)
        return index


def _load_source_once(engine: Engine) -> int:
    """A database that never had a catalogue gets the one in data/catalogue (e.g. actions started alone)."""
    try:
        load_catalogue(engine=engine)
    except CatalogueError as error:
        logger.error("The catalogue could not be loaded:\n%s", error)
    return catalogue_version(engine)


def search_resources(
    query: str,
    audience: str | None = None,
    type_: str | None = None,
    limit: int = 10,
    engine: Engine | None = None,
) -> SearchResult:
    """Searches the catalogue in the database (see `CatalogueIndex.search`)."""
    return get_index(engine).search(query, audience=audience, type_=type_, limit=limit)
