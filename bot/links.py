"""Links by their names: the web addresses in the assistant's messages, written as Markdown links for chat windows.

The assistant's answers carry plain addresses ("Source: https://…"), which every channel can
show and SMS must. A chat window can do better: the socket.io channel sends each address as a
Markdown link, `[title](address)`, named by the catalogue's title for that resource, or by its
site ("england.nhs.uk") when the catalogue does not hold it. Markdown links are what socket.io
chat clients read (rasa-webchat renders them; the project's widget turns exactly this form, and
nothing else, into a link), so a long address never wraps across a small screen.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable, Mapping
from urllib.parse import urlsplit

from sqlalchemy.engine import Engine

logger = logging.getLogger(__name__)

# The same pattern as the widget's (bot/web/static/widget.js): an address ends before a space,
# a quote or an angle bracket, and never with a full stop, comma or closing bracket.
URL_PATTERN = re.compile(r"https?://[^\s<>\"']+[^\s<>\"'.,;:!?)\]]")
MAX_TITLE_CHARS = 200
REFRESH_SECONDS = 300.0


def find_urls(text: str) -> list[str]:
    """The http(s) addresses in `text`, in order, each once."""
    return list(dict.fromkeys(URL_PATTERN.findall(text or "")))


def site_name(url: str) -> str:
    """The site of an address, without "www." ("https://www.england.nhs.uk/x" → "england.nhs.uk")."""
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


def _key(url: str) -> str:
    return url.rstrip("/").lower()


def _label(title: str) -> str:
    # Square brackets would end the label early; line breaks have no place in a link.
    return " ".join(title.replace("[", "(").replace("]", ")").split())[:MAX_TITLE_CHARS]


def markdown_links(text: str, titles: Mapping[str, str]) -> str:
    """`text` with each address as `[title](address)`: its title from `titles`, else its site.

    Args:
        text: a message as the assistant wrote it.
        titles: address → title; looked up without a trailing slash and case-blind.
    """
    known = {_key(url): title for url, title in titles.items()}

    def link(match: re.Match[str]) -> str:
        url = match.group(0)
        label = _label(known.get(_key(url)) or "") or site_name(url)
        # Brackets in the address would end the Markdown link: the encoded form is the same address.
        return f"[{label}]({url.replace('(', '%28').replace(')', '%29')})"

    return URL_PATTERN.sub(link, text or "")


def catalogue_titles(engine: Engine | None = None) -> dict[str, str]:
    """Each catalogue resource's own address and title.

    Only addresses confirmed as the resource's own: a resource whose address is the page that
    lists it (`url_confirmed: false`) would lend its name to that page. An address that two
    resources give with different titles is left out too (it is then named by its site).
    """
    from bot.catalogue import list_resources

    titles: dict[str, str] = {}
    clashes: set[str] = set()
    for resource in list_resources(engine):
        if not resource.url_confirmed:
            continue
        if titles.get(resource.url, resource.title) != resource.title:
            clashes.add(resource.url)
        titles[resource.url] = resource.title
    return {url: title for url, title in titles.items() if url not in clashes}


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

    def titles(self) -> dict[str, str]:
        """Address → title, as last loaded."""
        with self._lock:
            now = time.monotonic()
            if self._loaded_at is None or now - self._loaded_at >= self._refresh:
                self._loaded_at = now
                try:
                    self._titles = {url: title for url, title in self._load().items() if title}
                    self._warned = False
                except Exception as error:  # a missing name must never stop a message
                    if not self._warned:
                        logger.warning("Link titles are not available (%s); links show their site.", error)
                        self._warned = True
            return self._titles

    def markdown(self, text: str) -> str:
        """`text` with its addresses as Markdown links named by their titles (see `markdown_links`)."""
        if not URL_PATTERN.search(text or ""):
            return text
        return markdown_links(text, self.titles())
