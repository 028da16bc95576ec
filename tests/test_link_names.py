"""Links by their names for chat windows (bot/links.py): Markdown links titled from the catalogue."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.links import LinkTitles, catalogue_titles, find_urls, markdown_links, site_name

TITLES = {"https://nationalmaternityvoices.org.uk/toolkit/": "NMV toolkit [2023]"}


def test_an_address_the_catalogue_knows_is_named_by_its_title() -> None:
    text = "Source: https://nationalmaternityvoices.org.uk/toolkit/"
    assert markdown_links(text, TITLES) == (
        "Source: [NMV toolkit (2023)](https://nationalmaternityvoices.org.uk/toolkit/)"
    )
    # The same address without its trailing slash, or in capitals, is the same resource.
    assert markdown_links("See https://NationalMaternityVoices.org.uk/toolkit.", TITLES) == (
        "See [NMV toolkit (2023)](https://NationalMaternityVoices.org.uk/toolkit)."
    )


def test_other_addresses_are_named_by_their_site() -> None:
    text = "Call 999. Sources: https://www.uhb.nhs.uk/when-to-call.htm and http://example.org/a_(b)_c"
    assert markdown_links(text, {}) == (
        "Call 999. Sources: [uhb.nhs.uk](https://www.uhb.nhs.uk/when-to-call.htm)"
        " and [example.org](http://example.org/a_%28b%29_c)"
    )
    assert site_name("https://www.england.nhs.uk/long-read/x/") == "england.nhs.uk"


def test_text_without_addresses_is_unchanged() -> None:
    titles = LinkTitles(load=lambda: pytest.fail("no addresses: nothing to load"))
    assert titles.markdown("What would you like to know? (1) [a]") == "What would you like to know? (1) [a]"
    assert find_urls("javascript:alert(1) ftp://x.org") == []


def test_titles_are_loaded_once_and_refreshed_after_a_while() -> None:
    calls: list[int] = []

    def load() -> dict[str, str]:
        calls.append(1)
        return dict(TITLES)

    titles = LinkTitles(load=load, refresh_seconds=3600)
    for _ in range(3):
        titles.markdown("https://nationalmaternityvoices.org.uk/toolkit/")
    assert len(calls) == 1
    titles = LinkTitles(load=load, refresh_seconds=0)
    titles.markdown("https://nationalmaternityvoices.org.uk/toolkit/")
    titles.markdown("https://nationalmaternityvoices.org.uk/toolkit/")
    assert len(calls) == 3


def test_a_failing_catalogue_never_stops_a_message(caplog: pytest.LogCaptureFixture) -> None:
    def broken() -> dict[str, str]:
        raise ConnectionError("database unavailable")

    titles = LinkTitles(load=broken, refresh_seconds=0)
    assert titles.markdown("See https://example.org/x") == "See [example.org](https://example.org/x)"
    titles.markdown("See https://example.org/x")
    assert sum("not available" in r.message for r in caplog.records) == 1  # said once, not per message


def test_catalogue_titles_are_each_resources_own_address(tmp_path: Path) -> None:
    from bot.catalogue.loader import load_catalogue, read_catalogue
    from bot.db import get_engine, upgrade

    engine = get_engine(f"sqlite:///{tmp_path / 'links.db'}")
    upgrade(engine)
    load_catalogue(engine=engine)
    titles = catalogue_titles(engine)
    resources = read_catalogue()
    confirmed = {r.url: r.title for r in resources if r.url_confirmed}
    assert titles
    assert set(titles) <= set(confirmed)
    assert all(titles[url] == confirmed[url] for url in titles)
    # Many resources are listed on the NMV co-production resources page: it keeps its own name.
    listed = [r for r in resources if not r.url_confirmed]
    assert listed
    page = listed[0].url
    assert titles[page] == confirmed[page]
    assert all(titles.get(r.url) != r.title for r in listed)
