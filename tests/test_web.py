"""The web process: the staff page with and without the token, the CSV download, odd input."""

from __future__ import annotations

import asyncio
import csv
import io
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.db import get_engine, upgrade
from bot.needs.record import Source, record_feedback, record_need
from bot.settings import load_settings
from bot.web.app import COOKIE, create_app

TOKEN = "correct-horse-battery-staple"
NOW = datetime.now(timezone.utc)


@pytest.fixture
def needs_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    url = f"sqlite:///{tmp_path / 'web.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("NEEDS_SPOOL", str(tmp_path / "spool.jsonl"))
    engine = get_engine(url)
    upgrade(engine)
    source = Source("socketio", "web-test", "out_of_scope", 0.8)
    for i, text in enumerate(
        [
            "<script>alert('x')</script> parking at night",
            "where do i park at the hospital",
            "how much is the car park",
            "parking for partners overnight",
            '=HYPERLINK("http://evil.example") parking',
        ]
    ):
        record_need(text, "out_of_scope", source, now=NOW - timedelta(days=i), engine=engine)
    record_feedback("knowledge", None, source, engine=engine)
    record_feedback("knowledge", True, source, engine=engine)
    return engine


def call(method: str, path: str, token: str | None = TOKEN, **kwargs: Any) -> tuple[int, dict, str]:
    """One request to a fresh app; returns status, headers and body."""

    async def go() -> tuple[int, dict, str]:
        settings = load_settings()
        settings = type(settings)(**{**vars(settings), "staff_token": token or ""})
        async with TestClient(TestServer(create_app(settings))) as client:
            response = await client.request(method, path, allow_redirects=False, **kwargs)
            return response.status, dict(response.headers), await response.text()

    return asyncio.run(go())


def test_without_a_configured_token_the_staff_page_is_off(needs_db: Any) -> None:
    for method, path in (("GET", "/staff"), ("GET", "/staff/needs.csv"), ("POST", "/staff/login")):
        status, _, body = call(method, path, token=None, headers={"Authorization": "Bearer "})
        assert status == 404
        assert "staff page is off" in body
        assert "parking" not in body


def test_without_the_token_the_page_asks_for_it_and_shows_nothing(needs_db: Any) -> None:
    status, _, body = call("GET", "/staff")
    assert status == 401
    assert 'name="token"' in body
    assert "park" not in body
    status, _, body = call("GET", "/staff", headers={"Authorization": "Bearer wrong"})
    assert status == 401
    status, _, body = call("GET", "/staff/needs.csv")
    assert status == 401
    assert "HYPERLINK" not in body
    status, _, _ = call("GET", "/staff", cookies={COOKIE: "forged"})
    assert status == 401

    async def wrong() -> None:
        async with _client(TOKEN) as client:
            response = await _sign_in(client, "wrong")
            assert response.status == 401
            assert "not right" in await response.text()

    asyncio.run(wrong())


def test_with_the_token_the_report_shows_themes_chart_and_feedback(needs_db: Any) -> None:
    status, headers, body = call("GET", "/staff", headers={"Authorization": f"Bearer {TOKEN}"})
    assert status == 200
    assert "5 unmet needs" in body
    assert "<strong>parking</strong> (5)" in body
    assert "“where do i park at the hospital”" in body
    assert body.count('class="bar"') == 13  # 91 days, one bar a week
    assert "an answer</td>" in body
    assert body.count("</td><td>out of scope</td><td>") == 5  # the latest needs, themed or not
    # The public's words are escaped, never run.
    assert "<script>alert" not in body
    assert "&lt;script&gt;" in body
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    assert headers["Cache-Control"] == "no-store"


def _client(token: str, **changes: Any) -> TestClient:
    settings = type(load_settings())(**{**vars(load_settings()), "staff_token": token, **changes})
    return TestClient(TestServer(create_app(settings)))


def _csrf(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html)[1]


async def _sign_in(client: TestClient, token: str, **kwargs: Any) -> Any:
    """Signs in as a browser does: the form (and its CSRF cookie) first, then the token."""
    form = await client.get("/staff")
    return await client.post(
        "/staff/login", data={"token": token, "csrf": _csrf(await form.text())}, allow_redirects=False, **kwargs
    )


def test_sign_in_sets_a_cookie_that_opens_the_page_and_sign_out_forgets_it(needs_db: Any) -> None:
    async def go() -> None:
        async with _client(TOKEN) as client:
            response = await _sign_in(client, TOKEN)
            assert response.status == 303
            cookie = response.cookies[COOKIE]
            assert cookie["httponly"]
            assert cookie["samesite"] == "Strict"
            assert TOKEN not in cookie.value
            page = await client.get("/staff")
            assert page.status == 200
            html = await page.text()
            assert "parking" in html
            await client.post("/staff/logout", data={"csrf": _csrf(html)}, allow_redirects=False)
            client.session.cookie_jar.clear()
            assert (await client.get("/staff")).status == 401

    asyncio.run(go())


def test_each_sign_in_gets_its_own_session_which_sign_out_ends_on_the_server(needs_db: Any) -> None:
    async def go() -> None:
        async with _client(TOKEN) as first, _client(TOKEN) as second:
            one = (await _sign_in(first, TOKEN)).cookies[COOKIE].value
            two = (await _sign_in(second, TOKEN)).cookies[COOKIE].value
            assert one != two  # random per sign-in, not one value for every login
            html = await (await first.get("/staff")).text()
            await first.post("/staff/logout", data={"csrf": _csrf(html)}, allow_redirects=False)
            # The copied cookie no longer opens the page: the session ended on the server.
            copied = await second.get("/staff", cookies={COOKIE: one})
            assert copied.status == 401
            assert (await second.get("/staff")).status == 200

    asyncio.run(go())


def test_an_expired_session_or_a_new_staff_token_closes_the_page(needs_db: Any) -> None:
    import sqlalchemy as sa

    async def go() -> None:
        async with _client(TOKEN) as client:
            cookie = (await _sign_in(client, TOKEN)).cookies[COOKIE].value
        async with _client("a-new-token") as client:
            assert (await client.get("/staff", cookies={COOKIE: cookie})).status == 401
        async with _client(TOKEN) as client:
            assert (await client.get("/staff", cookies={COOKIE: cookie})).status == 200
            with needs_db.begin() as connection:
                connection.execute(sa.text("UPDATE staff_sessions SET expires_at = '2000-01-01 00:00:00'"))
            assert (await client.get("/staff", cookies={COOKIE: cookie})).status == 401

    asyncio.run(go())


def test_cross_site_sign_in_and_sign_out_are_refused(needs_db: Any) -> None:
    async def go() -> None:
        async with _client(TOKEN) as client:
            # No form from this page: no CSRF token.
            forged = await client.post("/staff/login", data={"token": TOKEN}, allow_redirects=False)
            assert forged.status == 403
            assert COOKIE not in forged.cookies
            # The form's token, but posted from another site.
            other = await _sign_in(client, TOKEN, headers={"Origin": "https://evil.example"})
            assert other.status == 403
            assert (await _sign_in(client, TOKEN)).status == 303
            # Signing out needs the page's own form too.
            out = await client.post("/staff/logout", data={}, allow_redirects=False)
            assert out.status == 403
            assert (await client.get("/staff")).status == 200

    asyncio.run(go())


@pytest.mark.parametrize(("trusted", "secure"), [(False, False), (True, True)])
def test_the_cookie_is_secure_behind_a_tls_proxy_only_when_its_header_is_trusted(
    needs_db: Any, trusted: bool, secure: bool
) -> None:
    async def go() -> None:
        async with _client(TOKEN, trust_forwarded_proto=trusted) as client:
            response = await _sign_in(client, TOKEN, headers={"X-Forwarded-Proto": "https"})
            assert bool(response.cookies[COOKIE]["secure"]) is secure

    asyncio.run(go())


@pytest.mark.parametrize("query", ["?until=9999-12-31", "?since=0001-01-01", "?since=0001-01-01&until=9999-12-31"])
def test_far_dates_are_clamped_and_answered_at_once(needs_db: Any, query: str) -> None:
    status, _, body = call("GET", f"/staff{query}", headers={"Authorization": f"Bearer {TOKEN}"})
    assert status == 200
    assert body.count('class="bar"') <= 120
    assert "0001-01-01" not in body
    assert "9999-12-31" not in body


def test_no_response_names_the_server_software(needs_db: Any) -> None:
    for path in ("/", "/health", "/staff", "/widget/widget.js"):
        _, headers, _ = call("GET", path)
        assert "aiohttp" not in headers.get("Server", "").lower()
        assert "python" not in headers.get("Server", "").lower()


def test_csv_download_has_every_need_and_defuses_formulas(needs_db: Any) -> None:
    status, headers, body = call("GET", "/staff/needs.csv", headers={"Authorization": f"Bearer {TOKEN}"})
    assert status == 200
    assert headers["Content-Type"].startswith("text/csv")
    assert "attachment" in headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(body)))
    assert len(rows) == 5
    assert {r["reason"] for r in rows} == {"out_of_scope"}
    assert any(r["text"].startswith("'=HYPERLINK") for r in rows)
    assert "web-test" not in body  # the conversation id is only a hash


@pytest.mark.parametrize(
    "query", ["?since=yesterday", "?since=2026-13-45", "?since=2026-11-20&until=2026-11-01", "?until=%00"]
)
def test_bad_dates_get_a_plain_answer_not_a_stack_trace(needs_db: Any, query: str) -> None:
    status, _, body = call("GET", f"/staff{query}", headers={"Authorization": f"Bearer {TOKEN}"})
    assert status == 400
    assert "Traceback" not in body
    assert "date" in body or "until" in body


def test_a_period_with_nothing_in_it_says_so(needs_db: Any) -> None:
    status, _, body = call(
        "GET", "/staff?since=2020-01-01&until=2020-01-31", headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert status == 200
    assert "0 unmet needs" in body
    assert "No themes yet" in body


def test_health_and_the_demo_page_need_no_token(needs_db: Any) -> None:
    assert call("GET", "/health", token=None)[0] == 200
    status, headers, body = call("GET", "/", token=None)
    assert status == 200
    assert '<script src="http://127.0.0.1:' in body
    assert "/widget/widget.js" in body
    assert 'data-server-url="http://127.0.0.1:5005"' in body
    assert "/vendor/nhsuk/nhsuk-frontend.min.css" in body
    policy = headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "connect-src 'self' http://127.0.0.1:5005 ws://127.0.0.1:5005" in policy


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/widget/widget.js", "javascript"),
        ("/widget/widget.css", "text/css"),
        ("/widget/socket.io.min.js", "javascript"),
        ("/vendor/nhsuk/nhsuk-frontend.min.css", "text/css"),
    ],
)
def test_the_widget_and_its_packages_are_served(needs_db: Any, path: str, kind: str) -> None:
    status, headers, body = call("GET", path, token=None)
    assert status == 200, "run `make install`: the npm packages are missing"
    assert kind in headers["Content-Type"]
    assert len(body) > 1000


def test_nothing_outside_the_widget_folder_is_served(needs_db: Any) -> None:
    for path in ("/widget/../app.py", "/widget/%2e%2e/app.py", "/vendor/nhsuk/../../../package.json"):
        status, _, body = call("GET", path, token=None)
        assert status in (403, 404)
        assert "create_app" not in body


def test_the_page_shows_broken_catalogue_links(needs_db: Any) -> None:
    import sqlalchemy as sa

    from bot.catalogue.loader import load_catalogue

    load_catalogue(engine=needs_db)
    _, _, before = call("GET", "/staff", headers={"Authorization": f"Bearer {TOKEN}"})
    assert "have not been checked yet" in before
    with needs_db.begin() as connection:
        connection.execute(
            sa.text("UPDATE resources SET link_ok = :ok, link_status = 200, link_checked_at = :at"),
            {"ok": True, "at": NOW},
        )
        connection.execute(
            sa.text("UPDATE resources SET link_ok = :ok, link_status = 404, link_error = 'HTTP 404' WHERE id = :id"),
            {"ok": False, "id": "nhs-south-east-gap-analysis-tool"},
        )
    _, _, after = call("GET", "/staff", headers={"Authorization": f"Bearer {TOKEN}"})
    assert "1 broken" in after
    assert "HTTP 404" in after
    assert "Gap analysis" in after or "gap analysis" in after


def test_the_widget_config_carries_the_greeting_and_menu_from_the_domain(needs_db: Any) -> None:
    import json

    import yaml

    from tests.conftest import ROOT

    status, headers, body = call("GET", "/widget/config.js", token=None)
    assert status == 200
    assert "javascript" in headers["Content-Type"]
    assert body.startswith("window.__coprodChatConfig = ")
    config = json.loads(body.removeprefix("window.__coprodChatConfig = ").rstrip().rstrip(";"))
    greet = yaml.safe_load((ROOT / "domain.yml").read_text())["responses"]["utter_greet"][0]
    assert config["greeting"] == greet["text"].strip()
    assert config["menu"] == [{"title": b["title"], "payload": b["payload"]} for b in greet["buttons"]]
    assert "<" not in body  # nothing in it can close a <script> element


def test_the_widget_config_script_escapes_markup() -> None:
    from bot.web.app import widget_config_script

    script = widget_config_script({"greeting": "</script><script>alert(1)</script>", "menu": []})
    assert "</script>" not in script
    assert "\\u003c/script\\u003e" in script


def test_the_demo_page_has_no_nhs_logo_by_default(needs_db: Any) -> None:
    status, headers, body = call("GET", "/", token=None)
    assert status == 200
    assert "Maternity co-production" in body
    assert 'aria-label="NHS"' not in body
    assert "<title>NHS</title>" not in body
    assert "favicon.svg" not in body  # the NHS.UK favicon is the NHS logo too
    assert "<img" not in body


def test_the_demo_page_shows_the_hosts_name_and_logo(needs_db: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRAND_NAME", "Anytown MNVP <Maternity & Neonatal Voices>")
    monkeypatch.setenv("BRAND_LOGO_URL", "https://www.anytown.example/logo.svg")
    status, headers, body = call("GET", "/", token=None)
    assert status == 200
    assert "Anytown MNVP &lt;Maternity &amp; Neonatal Voices&gt;" in body  # escaped
    assert '<img class="demo-brand__logo" src="https://www.anytown.example/logo.svg" alt="">' in body
    assert "img-src 'self' data: https://www.anytown.example;" in headers["Content-Security-Policy"]


@pytest.mark.parametrize("logo", ["javascript:alert(1)", "//evil.example/x.png", "data:image/svg+xml,<svg>"])
def test_a_logo_that_is_not_an_address_or_a_path_is_not_shown(
    needs_db: Any, monkeypatch: pytest.MonkeyPatch, logo: str
) -> None:
    monkeypatch.setenv("BRAND_LOGO_URL", logo)
    status, headers, body = call("GET", "/", token=None)
    assert status == 200
    assert "<img" not in body
    assert logo not in headers["Content-Security-Policy"]
