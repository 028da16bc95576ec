"""The few turns that cross features, in one place.

- A search with no good result is also an unmet need (catalogue, then the needs log).
- "What else?" continues whatever was shown last: the next search results, or the next
  activity after a recommendation.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping

from bot.activities import read_cues, runner_up_turn
from bot.catalogue import more_turn, search_turn
from bot.needs import Source, log_no_search_result
from bot.privacy import load_word_lists, redact
from bot.replies import Turn

logger = logging.getLogger(__name__)


def search(text: str, topic: str | None, source: Source) -> Turn:
    """Searches the catalogue; a search that finds nothing good is logged as an unmet need."""
    turn = search_turn(text, topic=topic)
    if turn.unmet == "no_search_result":
        log_no_search_result(text, source)
    return turn


def show_more(slots: Mapping[str, object]) -> Turn:
    """The next results of the last search, or the runner-up after a recommendation."""
    if slots.get("more_of") == "activity":
        return runner_up_turn(
            slots.get("activity_ranking"),  # type: ignore[arg-type]
            slots.get("recommended_activity"),  # type: ignore[arg-type]
            slots.get("last_request"),  # type: ignore[arg-type]
        )
    return more_turn(slots.get("search_results"), slots.get("search_shown"))  # type: ignore[arg-type]


def warm_up() -> float:
    """Loads what the first requests would otherwise wait for: word lists, the search index.

    The action server calls it before it takes requests (bot/rasa_ext/launch.py): a first need
    with a capital letter took 6–10 s while the redactor loaded its word lists, longer than
    Rasa waits for an action. Never raises: a missing catalogue is loaded again on first use.

    Returns:
        The seconds it took.
    """
    started = time.monotonic()
    for step in (
        load_word_lists,
        lambda: redact("Warm Up Xq, call 0 7 7 0 0 or jo dot x at example dot com - Ab"),
        lambda: read_cues("warm up with 8 parents"),
        lambda: search_turn("warm up"),
    ):
        try:
            step()
        except Exception:
            logger.exception("Warming up failed; the first requests will be slower")
    seconds = time.monotonic() - started
    logger.info("Warmed up in %.1f s.", seconds)
    return seconds
