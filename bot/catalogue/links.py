"""Checking that the catalogue's links still work.

Concurrent, with a timeout per request; redirects are followed; HEAD first, then GET when the
server does not answer HEAD properly. Each resource gets its status and the time of the check;
a broken link is flagged, never deleted.
"""

from __future__ import annotations

import datetime as dt
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import requests
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot.catalogue.model import Resource
from bot.db import get_engine, session_factory

logger = logging.getLogger(__name__)

USER_AGENT = "coprod-bot-link-checker/1.0 (+https://nationalmaternityvoices.org.uk/)"
# Servers that refuse or mishandle HEAD answer these; GET tells the truth.
RETRY_WITH_GET = {400, 403, 404, 405, 406, 429, 500, 501, 502, 503}


@dataclass(frozen=True)
class LinkStatus:
    """The outcome of checking one link."""

    resource_id: str
    url: str
    ok: bool
    status: int | None
    final_url: str | None
    error: str | None


def check_url(
    url: str, timeout: float = 10.0, session: requests.Session | None = None
) -> tuple[int | None, str | None, str | None]:
    """Checks one URL.

    Returns:
        (HTTP status or None, the final URL after redirects or None, an error description or None).
    """
    http = session or requests.Session()
    headers = {"User-Agent": USER_AGENT}
    try:
        response = http.head(url, allow_redirects=True, timeout=timeout, headers=headers)
        if response.status_code in RETRY_WITH_GET:
            response = http.get(url, allow_redirects=True, timeout=timeout, headers=headers, stream=True)
            response.close()
        return response.status_code, response.url, None
    except requests.Timeout:
        return None, None, f"timed out after {timeout:g} s"
    except requests.TooManyRedirects:
        return None, None, "too many redirects"
    except requests.ConnectionError:
        return None, None, "could not connect"
    except requests.RequestException as error:
        return None, None, f"request failed: {type(error).__name__}"


def check_links(engine: Engine | None = None, timeout: float = 10.0, workers: int = 8) -> list[LinkStatus]:
    """Checks every resource's link and records the result on its row.

    Returns:
        One status per resource, in id order.
    """
    engine = engine or get_engine()
    with session_factory(engine)() as session:
        targets = [(row.id, row.url) for row in session.scalars(sa.select(Resource).order_by(Resource.id))]
    # Several resources may share a URL (a page that lists them): check each URL once.
    urls = sorted({url for _, url in targets})
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        outcomes = dict(zip(urls, pool.map(lambda u: check_url(u, timeout=timeout), urls), strict=True))
    now = dt.datetime.now(dt.timezone.utc)
    results: list[LinkStatus] = []
    with session_factory(engine).begin() as session:
        for resource_id, url in targets:
            status, final_url, error = outcomes[url]
            ok = status is not None and 200 <= status < 400
            if error is None and not ok:
                error = f"HTTP {status}"
            session.execute(
                sa.update(Resource)
                .where(Resource.id == resource_id)
                .values(link_status=status, link_ok=ok, link_error=error, link_checked_at=now)
            )
            results.append(LinkStatus(resource_id, url, ok, status, final_url, error))
    return results


def format_link_report(results: list[LinkStatus]) -> str:
    """A plain-text report: broken links first, then a count."""
    broken = [r for r in results if not r.ok]
    lines = [f"BROKEN  {r.resource_id}  {r.url}  ({r.error})" for r in broken]
    moved = [r for r in results if r.ok and r.final_url and r.final_url.rstrip("/") != r.url.rstrip("/")]
    lines += [f"MOVED   {r.resource_id}  {r.url} -> {r.final_url}" for r in moved]
    lines.append(f"{len(results)} links checked: {len(results) - len(broken)} working, {len(broken)} broken.")
    return "\n".join(lines)


@dataclass(frozen=True)
class BrokenLink:
    """A resource whose link failed at the last check."""

    resource_id: str
    title: str
    url: str
    error: str


@dataclass(frozen=True)
class LinkHealth:
    """What the last link check found, for the staff page.

    Attributes:
        resources: resources in the catalogue.
        checked: how many have been checked at least once.
        last_checked: when the latest check ran (None: never).
        broken: the resources whose link failed last time.
    """

    resources: int
    checked: int
    last_checked: dt.datetime | None
    broken: tuple[BrokenLink, ...]


def link_health(engine: Engine | None = None) -> LinkHealth:
    """The link status recorded on each resource by `check_links`."""
    engine = engine or get_engine()
    with session_factory(engine)() as session:
        rows = list(session.scalars(sa.select(Resource).order_by(Resource.title)))
    checked = [r for r in rows if r.link_checked_at is not None]
    last = max((r.link_checked_at for r in checked), default=None)
    if last is not None and last.tzinfo is None:
        last = last.replace(tzinfo=dt.timezone.utc)  # SQLite gives naive UTC back
    broken = tuple(
        BrokenLink(r.id, r.title, r.url, r.link_error or f"HTTP {r.link_status}") for r in checked if not r.link_ok
    )
    return LinkHealth(len(rows), len(checked), last, broken)
