"""What the assistant says for a search, "show more" and "tell me more about the second one".

Pure functions over the catalogue index, returning `SearchTurn`s: the responses to send (names
of `utter_…` responses in domain.yml, with their values), and the search state to remember
(the query, the ranked resource ids and how many have been shown). The actions in
actions/catalogue.py only read slots, call one of these and send what they return.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlalchemy.engine import Engine

from bot.catalogue.model import ResourceInfo
from bot.catalogue.search import SearchHit, get_index
from bot.replies import Message
from bot.text.numbers import ORDINALS
from bot.text.terms import query_terms

PAGE_SIZE = 3
MAX_RESULTS = 12
# Hits below this share of the query's weight are not worth offering even as "closest".
MIN_CLOSEST_COVERAGE = 0.25
MAX_SUMMARY_CHARS = 160

_ORDINAL_WORD = re.compile(r"\b(" + "|".join(sorted(ORDINALS, key=len, reverse=True)) + r")\b")
_NUMBER = re.compile(r"(?:\bnumber|\bno\.?|#|\boption|\bresult|\blink|^)\s*(\d{1,2})\b")
_LAST = re.compile(r"\b(last|final)\b")


@dataclass(frozen=True)
class SearchTurn:
    """The messages for one turn and the search state to keep.

    Attributes:
        messages: what to send, in order.
        query: the words searched for.
        results: the ranked resource ids of the last search.
        shown: how many of `results` the user has seen.
        unmet: True when nothing matched well: a need the assistant could not meet.
    """

    messages: tuple[Message, ...]
    query: str = ""
    results: tuple[str, ...] = field(default_factory=tuple)
    shown: int = 0
    unmet: bool = False


def one_line(summary: str, limit: int = MAX_SUMMARY_CHARS) -> str:
    """The first sentence of a summary, cut at a word boundary when it is too long."""
    summary = " ".join(summary.split())
    match = re.search(r"(?<=[.!?])\s", summary)
    first = summary[: match.start()] if match else summary
    if len(first) <= limit:
        return first
    cut = first[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def _hit_message(number: int, resource: ResourceInfo) -> Message:
    response = "utter_search_hit" if resource.url_confirmed else "utter_search_hit_listed"
    return Message(
        response,
        (
            ("number", str(number)),
            ("title", resource.title),
            ("summary", one_line(resource.summary)),
            ("url", resource.url),
            ("resource_id", resource.id),
        ),
    )


def ordinal_in(text: str) -> int | None:
    """The position a message points at: "the second one" → 2, "number 3" → 3, "the last" → -1."""
    text = (text or "").lower()
    if _LAST.search(text):
        return -1
    word = _ORDINAL_WORD.search(text)
    if word:
        return ORDINALS[word.group(1)]
    number = _NUMBER.search(text.strip())
    return int(number.group(1)) if number else None


def search_turn(
    text: str, topic: str | None = None, audience: str | None = None, engine: Engine | None = None
) -> SearchTurn:
    """Searches for the user's topic (or whole message) and shows the first page of results.

    Args:
        text: the user's message.
        topic: the topic the NLU picked out of it, if any (searched first).
        audience: "families" or "staff" to prefer their resources, if known.
        engine: the database (default: the configured one).
    """
    index = get_index(engine)
    query = (topic or "").strip() or (text or "").strip()
    if not query_terms(text or "") and not query_terms(query):
        # "Find a resource": nothing to search for yet.
        return SearchTurn((Message("utter_search_ask"),))
    result = index.search(query, audience=audience, limit=MAX_RESULTS)
    if topic and not result.good and text and text.strip() != topic.strip():
        # The entity may have cut off words that matter; the whole message may do better.
        whole = index.search(text, audience=audience, limit=MAX_RESULTS)
        if whole.good or (whole.hits and not result.hits):
            query, result = text.strip(), whole
    if result.good:
        hits = [h for h in result.hits if h.coverage >= MIN_CLOSEST_COVERAGE or h is result.hits[0]]
        return _page(Message("utter_search_results"), query, hits, 0)
    closest = [h for h in result.hits if h.coverage >= MIN_CLOSEST_COVERAGE][:PAGE_SIZE]
    if not closest:
        return SearchTurn((Message("utter_search_none"),), query=query, unmet=True)
    turn = _page(Message("utter_search_closest"), query, closest, 0)
    return SearchTurn(turn.messages, turn.query, turn.results, turn.shown, unmet=True)


def _page(intro: Message, query: str, hits: list[SearchHit], start: int) -> SearchTurn:
    ids = tuple(h.resource.id for h in hits)
    shown = min(len(hits), start + PAGE_SIZE)
    messages = [intro] + [_hit_message(n + 1, hits[n].resource) for n in range(start, shown)]
    if shown < len(hits):
        messages.append(Message("utter_search_more_offer"))
    return SearchTurn(tuple(messages), query=query, results=ids, shown=shown)


def more_turn(results: list[str] | None, shown: int | float | None, engine: Engine | None = None) -> SearchTurn:
    """The next page of the last search's results."""
    results = [r for r in (results or []) if isinstance(r, str)]
    shown = int(shown or 0)
    if not results:
        return SearchTurn((Message("utter_search_nothing_yet"),))
    index = get_index(engine)
    known = [index.by_id(r) for r in results]
    if shown >= len(results) or not any(known[shown:]):
        return SearchTurn((Message("utter_search_no_more"),), results=tuple(results), shown=len(results))
    end = min(len(results), shown + PAGE_SIZE)
    messages = [_hit_message(n + 1, known[n]) for n in range(shown, end) if known[n] is not None]
    if end < len(results):
        messages.append(Message("utter_search_more_offer"))
    return SearchTurn(tuple(messages), results=tuple(results), shown=end)


def details_turn(
    resource_id: str | None,
    text: str,
    results: list[str] | None,
    shown: int | float | None,
    engine: Engine | None = None,
) -> SearchTurn:
    """More about one resource: the one a button named, or the one the message points at."""
    results = [r for r in (results or []) if isinstance(r, str)]
    shown = int(shown or 0)
    index = get_index(engine)
    resource = index.by_id(resource_id) if resource_id else None
    if resource is None:
        if not results:
            return SearchTurn((Message("utter_search_nothing_yet"),))
        position = ordinal_in(text)
        visible = results[: max(shown, 1)]
        if position == -1:
            position = len(visible)
        if position is None or not 1 <= position <= len(visible):
            return SearchTurn((Message("utter_resource_which"),), results=tuple(results), shown=shown)
        resource = index.by_id(visible[position - 1])
        if resource is None:
            return SearchTurn((Message("utter_resource_gone"),), results=tuple(results), shown=shown)
    response = "utter_resource_details" if resource.url_confirmed else "utter_resource_details_listed"
    values = (
        ("title", resource.title),
        ("summary", resource.summary),
        ("publisher", resource.publisher),
        ("type", resource.type),
        ("url", resource.url),
    )
    return SearchTurn((Message(response, values),), results=tuple(results), shown=shown)
