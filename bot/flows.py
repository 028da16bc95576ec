"""The few turns that cross features, in one place.

- A search with no good result is also an unmet need (catalogue, then the needs log).
- "What else?" continues whatever was shown last: the next search results, or the next
  activity after a recommendation.
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.activities import runner_up_turn
from bot.catalogue import more_turn, search_turn
from bot.needs import Source, log_no_search_result
from bot.replies import Turn


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
