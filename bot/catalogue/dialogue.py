"""What the assistant says for a search, "show more" and "tell me more about the second one".

Pure functions over the catalogue index, returning `Turn`s (bot/replies.py): the responses to
send, and the search state to remember (the query, the ranked resource ids and how many have
been shown). A search with no good result says so in `Turn.unmet`, for the needs log.
"""

from __future__ import annotations

import re

from sqlalchemy.engine import Engine

from bot.catalogue.model import ResourceInfo
from bot.catalogue.search import SearchHit, get_index
from bot.replies import Message, Turn, answer_key
from bot.text import ORDINALS, query_terms

PAGE_SIZE = 3
MAX_RESULTS = 12
# Hits below this share of the query's weight are not worth offering even as "closest".
MIN_CLOSEST_COVERAGE = 0.25
MAX_SUMMARY_CHARS = 160

_ORDINAL_WORD = re.compile(r"\b(" + "|".join(sorted(ORDINALS, key=len, reverse=True)) + r")\b")
_NUMBER = re.compile(r"(?:\bnumber|\bno\.?|#|\boption|\bresult|\blink|^)\s*(\d{1,2})\b")
_LAST = re.compile(r"\b(last|final)\b")


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


def search_turn(text: str, topic: str | None = None, audience: str | None = None, engine: Engine | None = None) -> Turn:
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
        return Turn((Message("utter_search_ask"),))
    result = index.search(query, audience=audience, limit=MAX_RESULTS)
    if topic and not result.good and text and text.strip() != topic.strip():
        # The entity may have cut off words that matter; the whole message may do better.
        whole = index.search(text, audience=audience, limit=MAX_RESULTS)
        if whole.good or (whole.hits and not result.hits):
            query, result = text.strip(), whole
    searched = {"search_query": query, "more_of": "search"}
    if result.good:
        hits = [h for h in result.hits if h.coverage >= MIN_CLOSEST_COVERAGE or h is result.hits[0]]
        page = _page(Message("utter_search_results"), hits, 0)
        return page.with_slots(**searched, feedback_for=answer_key("search", query))
    # Nothing good enough: a need to log, and no "Was this helpful?" about it.
    closest = [h for h in result.hits if h.coverage >= MIN_CLOSEST_COVERAGE][:PAGE_SIZE]
    if not closest:
        page = Turn((Message("utter_search_none"),), _results((), 0))
    else:
        page = _page(Message("utter_search_closest"), closest, 0)
    return Turn(page.messages, {**page.slots, **searched, "feedback_for": None}, unmet="no_search_result")


def _results(ids: tuple[str, ...] | list[str], shown: int) -> dict[str, object]:
    """The search state a turn keeps: the ranked ids and how many the user has seen."""
    return {"search_results": list(ids) or None, "search_shown": float(shown), "resource_id": None}


def _page(intro: Message, hits: list[SearchHit], start: int) -> Turn:
    ids = tuple(h.resource.id for h in hits)
    shown = min(len(hits), start + PAGE_SIZE)
    messages = [intro] + [_hit_message(n + 1, hits[n].resource) for n in range(start, shown)]
    if shown < len(hits):
        messages.append(Message("utter_search_more_offer"))
    return Turn(tuple(messages), _results(ids, shown))


def more_turn(results: list[str] | None, shown: int | float | None, engine: Engine | None = None) -> Turn:
    """The next page of the last search's results."""
    results = [r for r in (results or []) if isinstance(r, str)]
    shown = int(shown or 0)
    if not results:
        return Turn((Message("utter_search_nothing_yet"),), _results((), 0))
    index = get_index(engine)
    known = [index.by_id(r) for r in results]
    if shown >= len(results) or not any(known[shown:]):
        return Turn((Message("utter_search_no_more"),), _results(results, len(results)))
    end = min(len(results), shown + PAGE_SIZE)
    messages = [_hit_message(n + 1, hit) for n in range(shown, end) if (hit := known[n]) is not None]
    if end < len(results):
        messages.append(Message("utter_search_more_offer"))
    return Turn(tuple(messages), _results(results, end))


def link_not_known(resource_id: str, engine: Engine | None = None) -> bool:
    """Whether the catalogue has no address of its own for a resource, only a page that lists it."""
    resource = get_index(engine).by_id(resource_id)
    return resource is not None and not resource.url_confirmed


# A summary longer than this (two SMS segments) is cut to its first sentence.
IN_SHORT_LIMIT = 320


def in_short_turn(resource_id: str, engine: Engine | None = None) -> Turn | None:
    """ "Short version pls" after one resource: its summary alone (its first sentence when long),
    with its link, without the title, publisher and type around it."""
    resource = get_index(engine).by_id(resource_id)
    if resource is None or not resource.summary.strip():
        return None
    summary = " ".join(resource.summary.split())
    if len(summary) > IN_SHORT_LIMIT:
        summary = re.split(r"(?<=[.!?])\s+(?=[A-Z])", summary)[0]
    return Turn((Message("utter_in_short", (("summary", summary), ("url", resource.url))),))


def details_turn(
    resource_id: str | None,
    text: str,
    results: list[str] | None,
    shown: int | float | None,
    engine: Engine | None = None,
) -> Turn:
    """More about one resource: the one a button named, or the one the message points at."""
    results = [r for r in (results or []) if isinstance(r, str)]
    shown = int(shown or 0)
    index = get_index(engine)
    resource = index.by_id(resource_id) if resource_id else None
    if resource is None:
        if not results:
            return Turn((Message("utter_search_nothing_yet"),), _results((), 0))
        position = ordinal_in(text)
        visible = results[: max(shown, 1)]
        if position == -1:
            position = len(visible)
        if position is None or not 1 <= position <= len(visible):
            return Turn((Message("utter_resource_which"),), _results(results, shown))
        resource = index.by_id(visible[position - 1])
        if resource is None:
            return Turn((Message("utter_resource_gone"),), _results(results, shown))
    response = "utter_resource_details" if resource.url_confirmed else "utter_resource_details_listed"
    values = (
        ("title", resource.title),
        ("summary", resource.summary),
        ("publisher", resource.publisher),
        ("type", resource.type),
        ("url", resource.url),
    )
    return Turn((Message(response, values),), _results(results, shown))


# "Did it say anything about mental health?", "does it cover neonatal care?", "what does it say
# about Black women?": a question about what one catalogue entry says.
_SAYS_ABOUT = re.compile(
    r"\b(?:say|says|said|mention|mentions|mentioned|talk|talks|talked|cover|covers|covered|include|includes|"
    r"included|anything|something|stuff|much|bit|section|part|info|information)\s+(?:\w+\s+){0,2}?"
    r"(?:about|on|re|regarding|around)\s+(?P<topic>[^?.!]{2,60})"
    r"|\b(?:cover|covers|mention|mentions|include|includes)\s+(?P<named>(?!it\b|them\b|that\b|this\b)[^?.!]{2,60})",
    re.IGNORECASE,
)
_POINTS_AT_IT = re.compile(
    r"\b(?:it|they|that|this|the report|the guidance|the document|the paper|the toolkit)\b", re.I
)
_TAIL = re.compile(
    r"\s+(?:in it|in there|in that|in the (?:report|guidance|document)|at all|though|tho|too|then)\s*$", re.I
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
SHORT_FOLLOW_UP_WORDS = 8
MAX_FOLLOW_UP_WORDS = 14


def resource_says_turn(resource_id: str | None, text: str, engine: Engine | None = None) -> Turn | None:
    """What the entry being talked about says on a topic: the sentences of its summary that name
    it, or that its summary does not, with its link. None when the message asks no such thing."""
    match = _SAYS_ABOUT.search(text or "")
    if resource_id is None or match is None:
        return None
    words = len(text.split())
    if words > MAX_FOLLOW_UP_WORDS or (words > SHORT_FOLLOW_UP_WORDS and not _POINTS_AT_IT.search(text)):
        return None  # a question of its own, not about the entry just shown
    resource = get_index(engine).by_id(resource_id)
    if resource is None:
        return None
    topic = _TAIL.sub("", (match.group("topic") or match.group("named") or "").strip())
    wanted = set(query_terms(topic))
    if not wanted:
        return None
    summary = " ".join(resource.summary.split())
    said = [s for s in _SENTENCE.split(summary) if wanted & set(query_terms(s))]
    values = (("title", resource.title), ("url", resource.url), ("topic", topic))
    if said:
        return Turn((Message("utter_resource_says", (*values, ("said", " ".join(said)))),))
    return Turn((Message("utter_resource_silent", values),))


# "Who made it?", "who runs them?", "who produced it?" about the entry just shown.
_WHO_MADE = re.compile(
    r"^\W*(?:and |so |ok )?(?:who|which organisation|what organisation)(?:'s| is| are| was| were)? "
    r"(?:\w+ )?(?:made|make|makes|created|create|creates|produced|produce|produces|wrote|write|writes|written|"
    r"runs?|running|published|publishes|developed|designed|behind|owns?|did)\b",
    re.IGNORECASE,
)
MAX_WHO_MADE_WORDS = 8


def resource_by_turn(resource_id: str | None, text: str, engine: Engine | None = None) -> Turn | None:
    """Who is behind the entry being talked about ("who made it?"), or None when the message
    asks no such thing or the entry names no publisher."""
    if resource_id is None or len((text or "").split()) > MAX_WHO_MADE_WORDS or not _WHO_MADE.search(text or ""):
        return None
    resource = get_index(engine).by_id(resource_id)
    if resource is None or not resource.publisher:
        return None
    values = (("title", resource.title), ("publisher", resource.publisher), ("url", resource.url))
    return Turn((Message("utter_resource_by", values),))


# "What is Better Births?", "whats MBRRACE", "tell me about the ladder of co-production".
_WHAT_IS = re.compile(
    r"^\s*(?:(?:so|and|ok|hi|please)[,\s]+)?(?:what(?:'s|s| is| are| was)|who (?:is|are)|tell me (?:about|what)|"
    r"explain|define|meaning of|what does|have you got anything on|do you know about)\s+"
    r"(?:an?\s+|the\s+)?(?P<thing>[^?.!]{2,80}?)\s*(?:\b(?:mean|means|stand for|is|are|about))?\s*[?.!]*\s*$",
    re.IGNORECASE,
)


def what_is_turn(text: str, engine: Engine | None = None) -> Turn | None:
    """ "What is Better Births?" answered from the catalogue, when one entry's title or topics name
    every word of it. None when the message is not a "what is" question or nothing names it."""
    match = _WHAT_IS.match(text or "")
    if not match:
        return None
    thing = match.group("thing")
    wanted = set(query_terms(thing))
    if not wanted:
        return None
    naming = []
    for hit in get_index(engine).search(thing, limit=5).hits:
        title = set(query_terms(hit.resource.title))
        if wanted <= title | set(query_terms(" ".join(hit.resource.topics))):
            # The entry whose title is closest to the words wins ("Better Births" over "Implementing Better Births").
            naming.append((not wanted <= title, len(title - wanted), hit.resource.id))
    return details_turn(min(naming)[2], text, None, None, engine) if naming else None
