"""The chat widget in headless Chromium (the system's; Playwright drives it), against the real assistant.

Keyboard-only conversation, buttons, reload, markup in messages, small screens, reduced motion,
and an axe-core scan. Run by `make e2e` / `make test` (marker `model`).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.tools.assistant import Servers, start_assistant, stop_assistant

pytestmark = pytest.mark.model

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# As the machine notes say: without these, Chromium tries the network at every start.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
REPLY_TIMEOUT_MS = 60_000


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Servers]:
    started = start_assistant(tmp_path_factory.mktemp("widget"), {})
    try:
        yield started
    finally:
        stop_assistant(started)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make browser` (or set CHROMIUM)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page(browser, servers: Servers) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(servers.web + "/")
    tab.wait_for_selector(".cpc-launcher")
    yield tab
    context.close()
    assert errors == [], f"JavaScript errors on the page: {errors}"


def focused(page) -> str:
    return page.evaluate(
        "() => { const e = document.activeElement; return (e.id || e.className || e.tagName).toString(); }"
    )


def bot_texts(page) -> list[str]:
    return page.locator(".cpc-bot .cpc-text").all_inner_texts()


def wait_for_bot(page, text: str) -> None:
    page.locator(".cpc-bot .cpc-text", has_text=text).last.wait_for(timeout=REPLY_TIMEOUT_MS)


def open_by_keyboard(page) -> None:
    for _ in range(30):
        page.keyboard.press("Tab")
        if "cpc-launcher" in focused(page):
            break
    else:
        pytest.fail("the chat launcher cannot be reached with the Tab key")
    page.keyboard.press("Enter")
    assert focused(page) == "cpc-input"


def test_a_whole_conversation_by_keyboard_only(page) -> None:
    launcher = page.locator(".cpc-launcher")
    assert launcher.get_attribute("aria-expanded") == "false"
    assert "co-production assistant" in launcher.inner_text()  # an accessible name
    open_by_keyboard(page)
    assert launcher.get_attribute("aria-expanded") == "true"
    page.keyboard.type("What is an MNVP?")
    page.keyboard.press("Enter")
    wait_for_bot(page, "Maternity and Neonatal Voices Partnership")
    wait_for_bot(page, "Was this helpful?")
    # Tab from the input goes to Send; Shift+Tab back into the log reaches the buttons.
    yes = page.locator(".cpc-choice", has_text="Yes").last
    for _ in range(20):
        page.keyboard.press("Shift+Tab")
        if yes.evaluate("b => b === document.activeElement"):
            break
    else:
        pytest.fail("the Yes button cannot be reached with the keyboard")
    page.keyboard.press("Enter")
    wait_for_bot(page, "Thank you")
    page.keyboard.press("Escape")
    assert page.locator(".cpc-panel").is_hidden()
    assert "cpc-launcher" in focused(page)


def test_a_message_sent_the_moment_the_chat_opens_gets_its_reply(browser, servers: Servers) -> None:
    # Sent before the connection is up: it must wait for the session, or the reply goes nowhere.
    context = browser.new_context()
    tab = context.new_page()
    tab.goto(servers.web + "/")
    tab.evaluate(
        """() => {
            document.querySelector('.cpc-launcher').click();
            document.querySelector('.cpc-input').value = 'what is co-production?';
            document.querySelector('.cpc-form').requestSubmit();
        }"""
    )
    wait_for_bot(tab, "Source:")
    context.close()


def test_buttons_send_their_payload_and_show_their_title(page) -> None:
    page.locator(".cpc-launcher").click()
    page.locator(".cpc-input").fill("hello")
    page.locator(".cpc-send").click()
    wait_for_bot(page, "What would you like to know?")
    page.locator(".cpc-choice", has_text="What is co-production?").last.click()
    assert page.locator(".cpc-user .cpc-text").last.inner_text() == "What is co-production?"
    wait_for_bot(page, "Source:")
    # Links are real links, to http(s) only, opening in a new tab.
    link = page.locator(".cpc-bot a").last
    assert link.get_attribute("href").startswith("https://")
    assert link.get_attribute("rel") == "noopener noreferrer"


def test_reload_keeps_the_conversation(page) -> None:
    page.locator(".cpc-launcher").click()
    page.locator(".cpc-input").fill("what is co-production?")
    page.keyboard.press("Enter")
    wait_for_bot(page, "Was this helpful?")
    before = bot_texts(page)
    session = page.evaluate("() => sessionStorage.getItem('coprod-chat:session')")
    page.reload()
    page.wait_for_selector(".cpc-panel:not([hidden])")
    assert bot_texts(page) == before
    assert page.evaluate("() => sessionStorage.getItem('coprod-chat:session')") == session
    # The same conversation carries on with the server.
    page.locator(".cpc-input").fill("show me more")
    page.keyboard.press("Enter")
    page.wait_for_function(
        f"() => document.querySelectorAll('.cpc-bot').length > {len(before)}", timeout=REPLY_TIMEOUT_MS
    )


@pytest.mark.parametrize(
    "markup",
    [
        '<img src=x onerror="window.__xss = 1">',
        "<script>window.__xss = 2</script>",
        '<a href="javascript:window.__xss = 3">click</a>',
    ],
)
def test_markup_in_messages_is_shown_as_text(page, markup: str) -> None:
    page.locator(".cpc-launcher").click()
    page.locator(".cpc-input").fill(markup)
    page.keyboard.press("Enter")
    assert page.locator(".cpc-user .cpc-text").last.inner_text() == markup
    page.wait_for_function("() => document.querySelectorAll('.cpc-bot').length > 1", timeout=REPLY_TIMEOUT_MS)
    assert page.evaluate("() => window.__xss") is None
    assert page.locator(".cpc-log img, .cpc-log script").count() == 0
    assert page.locator(".cpc-log a[href^='javascript']").count() == 0


def test_markup_from_the_server_is_shown_as_text(browser, servers: Servers) -> None:
    # A bot message with markup in it, from a stand-in socket.io client: the widget renders text only.
    context = browser.new_context()
    tab = context.new_page()
    fake_client = """
      window.io = function () {
        const handlers = {};
        const socket = {
          on: (name, fn) => { handlers[name] = fn; return socket; },
          emit: (name) => {
            if (name === 'session_request') {
              handlers.session_confirm('fake-session');
            }
            if (name === 'user_uttered') {
              handlers.bot_uttered({text: '<img src=x onerror="window.__xss=1"> see javascript:alert(1) and https://example.org/a?b=<i>',
                                    quick_replies: [{title: '<b>bold</b>', payload: '/x'}]});
            }
          },
        };
        setTimeout(() => handlers.connect && handlers.connect(), 0);
        return socket;
      };
    """
    tab.route(
        "**/widget/socket.io.min.js", lambda route: route.fulfill(body=fake_client, content_type="text/javascript")
    )
    tab.goto(servers.web + "/")
    tab.locator(".cpc-launcher").click()
    tab.locator(".cpc-input").fill("hi")
    tab.keyboard.press("Enter")
    tab.locator(".cpc-choice", has_text="<b>bold</b>").wait_for()
    assert tab.evaluate("() => window.__xss") is None
    assert tab.locator(".cpc-log img, .cpc-log b, .cpc-log i").count() == 0
    assert tab.locator(".cpc-log a").evaluate_all("links => links.map(a => a.href)") == ["https://example.org/a?b="]
    context.close()


@pytest.mark.parametrize(("width", "height"), [(320, 640), (640, 400)])
def test_small_screens_and_200_percent_zoom_need_no_sideways_scrolling(
    browser, servers: Servers, width, height
) -> None:
    # 640 x 400 CSS pixels is a 1280 x 800 window at 200% zoom.
    context = browser.new_context(viewport={"width": width, "height": height})
    tab = context.new_page()
    tab.goto(servers.web + "/")
    tab.locator(".cpc-launcher").click()
    box = tab.locator(".cpc-panel").bounding_box()
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= width
    for selector in (".cpc-input", ".cpc-send", ".cpc-close"):
        inside = tab.locator(selector).bounding_box()
        assert inside["x"] >= 0
        assert inside["x"] + inside["width"] <= width
    assert tab.evaluate("() => document.documentElement.scrollWidth") <= width
    context.close()


def test_reduced_motion_switches_the_typing_animation_off(browser, servers: Servers) -> None:
    context = browser.new_context(reduced_motion="reduce")
    tab = context.new_page()
    tab.goto(servers.web + "/")
    tab.locator(".cpc-launcher").click()
    tab.evaluate("() => document.querySelector('.cpc-status').classList.add('cpc-typing')")
    animation = tab.evaluate("() => getComputedStyle(document.querySelector('.cpc-status'), '::after').animationName")
    assert animation == "none"
    context.close()


def test_axe_finds_no_serious_or_critical_problems(browser, servers: Servers) -> None:
    # The page's CSP forbids inline scripts, so axe is injected with CSP bypassed for this scan.
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(servers.web + "/")
    page.locator(".cpc-launcher").click()
    page.locator(".cpc-input").fill("what is co-production?")
    page.keyboard.press("Enter")
    wait_for_bot(page, "Was this helpful?")
    page.add_script_tag(path=str(AXE))
    started = time.monotonic()
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    violations = [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]]}
        for v in results["violations"]
    ]
    out = ROOT / "var" / "results" / "axe.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"seconds": round(time.monotonic() - started, 2), "violations": violations}, indent=2))
    context.close()
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == [], serious


def test_the_widget_reconnects_after_a_network_drop(browser, servers: Servers) -> None:
    import re

    context = browser.new_context()
    tab = context.new_page()
    sockets: list = []

    def through(ws) -> None:  # every WebSocket goes to the real server, and can be cut
        ws.connect_to_server()
        sockets.append(ws)

    tab.route_web_socket(re.compile(r".*/socket\.io/.*"), through)
    tab.goto(servers.web + "/")
    tab.locator(".cpc-launcher").click()
    tab.locator(".cpc-input").fill("what is co-production?")
    tab.keyboard.press("Enter")
    wait_for_bot(tab, "Source:")
    sockets[-1].close()  # the network drops
    tab.locator(".cpc-status", has_text="Connection lost").wait_for(timeout=10_000)
    tab.locator(".cpc-status", has_text="Connected again").wait_for(timeout=30_000)
    assert len(sockets) >= 2
    replies = tab.locator(".cpc-bot").count()
    tab.locator(".cpc-input").fill("who can join an MNVP?")
    tab.keyboard.press("Enter")
    tab.wait_for_function(f"() => document.querySelectorAll('.cpc-bot').length > {replies}", timeout=REPLY_TIMEOUT_MS)
    context.close()
