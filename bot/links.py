"""Names for the web addresses in the assistant's messages, so a chat window can show a link by its title.

The assistant's answers carry plain addresses ("Source: https://…"), which every channel can
show; SMS must. A browser can do better: the socket.io channel sends, beside each message, the
catalogue's title for each address it knows (`LinkTitles.links_in`), and the widget shows the
link by that name. Addresses the catalogue does not hold are left for the widget to name by
their site.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable, Mapping

from sqlalchemy.engine import Engine

logger = logging.getLogger(__name__)

# The same pattern as the widget's (bot/web/static/widget.js): an address ends before a space,
# a quote or an angle bracket, and never with a full stop, comma or closing bracket.
URL_PATTERN = re.compile(r"https?://[^\s<>\"']+[^\s<>\"'.,;:!?)\]]")
REFRESH_SECONDS = 300.0


def find_urls(text: str) -> list[str]:
    """The http(s) addresses in `text`, in order, each once."""
    return list(dict.fromkeys(URL_PATTERN.findall(text or "")))


def _key(url: str) -> str:
    return url.rstrip("/").lower()


def catalogue_titles(engine: Engine | None = None) -> dict[str, str]:
    """Each catalogue resource's address and title."""
    from bot.catalogue.loader import list_resources

    return {resource.url: resource.title for resource in list_resources(engine)}


class LinkTitles:
    """Titles for addresses, loaded lazily and refreshed every `refresh_seconds` (thread-safe).

    A failure to load (the database is away) is logged once and leaves the titles it had, so a
    message is never held up or lost for want of a link's name.
    """

    def __init__(
        self, load: Callable[[], Mapping[str, str]] = catalogue_titles, refresh_seconds: float = REFRESH_SECONDS
    ) -> None:
        """`load` returns address → title; it is called at most once every `refresh_seconds`."""
        self._load = load
        self._refresh = refresh_seconds
        self._titles: dict[str, str] = {}
        self._loaded_at: float | None = None
        self._lock = threading.Lock()
        self._warned = False

    def _current(self) -> dict[str, str]:
        with self._lock:
            now = time.monotonic()
            if self._loaded_at is None or now - self._loaded_at >= self._refresh:
                self._loaded_at = now
                try:
                    self._titles = {_key(url): title for url, title in self._load().items() if title}
                    self._warned = False
                except Exception as error:  # a missing name must never stop a message
                    if not self._warned:
                        logger.warning("Link titles are not available (%s); links show their site.", error)
                        self._warned = True
            return self._titles

    def links_in(self, text: str) -> list[dict[str, str]]:
        """`{"url", "title"}` for each address in `text` whose title is known, in order."""
        urls = find_urls(text)
        if not urls:
            return []
        titles = self._current()
        return [{"url": url, "title": titles[_key(url)]} for url in urls if _key(url) in titles]
