"""The chat widget in headless Chromium (the system's; Playwright drives it), against the real assistant.

Keyboard-only conversation, the menu at once, buttons, links by their titles, reload, "Start
again", saving the conversation, a message typed offline, the unread count, markup in messages,
small screens and phones, reduced motion, an axe-core scan, WebSockets blocked, and an outside
client (rasa-webchat from npm) on a page of another allowed origin. Run by `make e2e` /
`make test` (marker `model`).
"""

from __future__ import annotations

import json
import os
import re
import threading
import time
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT
from tests.tools.assistant import Servers, start_assistant, stop_assistant

pytestmark = pytest.mark.model

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WEBCHAT = ROOT / "node_modules" / "rasa-webchat" / "lib" / "index.js"
SOCKETIO = re.compile(r".*/socket\.io/.*")
GREETING = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["responses"]["utter_greet"][0]
MENU = [button["title"] for button in GREETING["buttons"]]
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


class PartnerSite:
    """Another site (its own origin) whose page embeds rasa-webchat, the widget most Rasa sites use."""

    def __init__(self) -> None:
        self.socket_url = ""  # the assistant's address, known once it has started
        site = self

        class Handler(SimpleHTTPRequestHandler):
            def do_GET(self) -> None:
                if self.path.startswith("/webchat.js"):
                    body, kind = WEBCHAT.read_bytes(), "text/javascript"
                elif self.path in ("/", "/index.html"):
                    body, kind = site.page().encode(), "text/html; charset=utf-8"
                else:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.origin = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def page(self) -> str:
        # rasa-webchat's documented set-up: its bundle, then WebChat.default(props) on a <div>.
        props = {
            "selector": "#webchat",
            "initPayload": "/greet",
            "socketUrl": self.socket_url,
            "socketPath": "/socket.io/",
            "title": "Partner MNVP",
            "customData": {"language": "en"},
            "params": {"storage": "session"},
        }
        return f"""<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>A partner's page</title></head>
<body><h1>A partner's page</h1><div id="webchat"></div>
<script src="/webchat.js"></script>
<script>WebChat.default({json.dumps(props)}, null);</script>
</body></html>"""


@pytest.fixture(scope="module")
def partner() -> Iterator[PartnerSite]:
    if not WEBCHAT.is_file():
        pytest.fail("rasa-webchat is not installed: run `make install` (npm ci)")
    site = PartnerSite()
    yield site
    site.server.shutdown()


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory, partner: PartnerSite) -> Iterator[Servers]:
    started = start_assistant(tmp_path_factory.mktemp("widget"), {}, (partner.origin,))
    partner.socket_url = started.base
    try:
        yield started
    finally:
        stop_assistant(started)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `scripts/system-packages chromium` (or set CHROMIUM)")
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


def test_the_menu_shows_as_soon_as_the_chat_opens(browser, servers: Servers) -> None:
    # Even before (here: without) any answer from the assistant: the menu comes with the widget.
    context = browser.new_context()
    tab = context.new_page()
    tab.route(SOCKETIO, lambda route: route.abort())
    tab.route_web_socket(SOCKETIO, lambda ws: ws.close())
    tab.goto(servers.web + "/")
    tab.locator(".cpc-launcher").click()
    choices = tab.locator(".cpc-choice")
    assert choices.all_inner_texts() == MENU
    assert all(choices.nth(i).is_enabled() for i in range(choices.count()))
    assert bot_texts(tab) == [GREETING["text"].strip()]
    context.close()


def test_buttons_send_their_payload_and_show_their_title(page) -> None:
    page.locator(".cpc-launcher").click()
    page.locator(".cpc-choice", has_text="What is co-production?").click()
    assert page.locator(".cpc-user .cpc-text").last.inner_text() == "What is co-production?"
    wait_for_bot(page, "Source:")
    # Links are real links, to http(s) only, opening in a new tab.
    link = page.locator(".cpc-bot a").last
    assert link.get_attribute("href").startswith("https://")
    assert link.get_attribute("rel") == "noopener noreferrer"
    assert link.get_attribute("target") == "_blank"


def test_links_show_the_resources_name_not_their_address(page) -> None:
    page.locator(".cpc-launcher").click()
    page.locator(".cpc-input").fill("where is the gap analysis tool")
    page.keyboard.press("Enter")
    wait_for_bot(page, "Was this helpful?")
    links = page.locator(".cpc-bot a").evaluate_all(
        "links => links.map(a => ({text: a.firstChild.textContent, all: a.textContent, href: a.href}))"
    )
    assert len(links) >= 2
    for link in links:
        assert not link["text"].startswith("http"), link  # a name, not a long address
        assert link["href"].startswith("https://"), link
        assert link["all"].endswith("(opens in a new tab)"), link
    # A result with its own address is linked by the resource's name; one listed on another
    # page is linked by that page's name, never its own.
    named = 0
    for hit in page.locator(".cpc-bot .cpc-text", has_text=re.compile(r"^\d+\. ")).all():
        title = hit.inner_text().split("\n")[0].split(". ", 1)[1]
        label = hit.locator("a").first.evaluate("a => a.firstChild.textContent")
        if "listed on this page" in hit.inner_text():
            assert label != title
        else:
            assert label == title
            named += 1
    assert named >= 1


def test_a_new_reply_is_shown_from_its_first_line(browser, servers: Servers) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640})
    tab = context.new_page()
    tab.goto(servers.web + "/")
    tab.locator(".cpc-launcher").click()
    tab.locator(".cpc-input").fill("where is the gap analysis tool")
    tab.keyboard.press("Enter")
    wait_for_bot(tab, "Was this helpful?")
    where = tab.evaluate(
        """() => {
            const log = document.querySelector('.cpc-log');
            const users = log.querySelectorAll('.cpc-user');
            let first = users[users.length - 1].nextElementSibling;
            while (first && !first.classList.contains('cpc-bot')) { first = first.nextElementSibling; }
            const box = log.getBoundingClientRect();
            return {top: first.getBoundingClientRect().top - box.top, height: box.height,
                    below: log.scrollHeight - log.clientHeight - log.scrollTop};
        }"""
    )
    assert where["below"] > 0, where  # the answer is longer than the window: there is more below
    assert 0 <= where["top"] < where["height"] / 4, where  # and it shows from its first line
    context.close()


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
          connected: true,
          on: (name, fn) => { handlers[name] = fn; return socket; },
          emit: (name) => {
            if (name === 'session_request') {
              handlers.session_confirm('fake-session');
            }
            if (name === 'user_uttered') {
              handlers.bot_uttered({text: '<img src=x onerror="window.__xss=1"> see javascript:alert(1) and '
                                          + 'https://example.org/a?b=<i> [x](javascript:alert(2)) '
                                          + '[<b>y</b>](https://example.org/c)',
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
    assert tab.locator(".cpc-log a").evaluate_all("links => links.map(a => a.href)") == [
        "https://example.org/a?b=",
        "https://example.org/c",
    ]
    assert tab.locator(".cpc-log a").last.inner_text().startswith("<b>y</b>")  # a label is text too
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


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (375, 667)])
def test_axe_finds_no_serious_or_critical_problems(browser, servers: Servers, width: int, height: int) -> None:
    # The page's CSP forbids inline scripts, so axe is injected with CSP bypassed for this scan.
    context = browser.new_context(bypass_csp=True, viewport={"width": width, "height": height})
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
    out = ROOT / "var" / "results" / f"axe-{width}.json"
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


@pytest.mark.parametrize(("width", "full_screen"), [(320, True), (480, True), (481, False)])
def test_phones_get_the_chat_full_screen_without_the_launcher(
    browser, servers: Servers, width: int, full_screen: bool
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 700})
    tab = context.new_page()
    tab.goto(servers.web + "/")
    launcher = tab.locator(".cpc-launcher")
    launcher.click()
    box = tab.locator(".cpc-panel").bounding_box()
    covers = (round(box["x"]), round(box["y"]), round(box["width"]), round(box["height"])) == (0, 0, width, 700)
    assert covers is full_screen, box
    assert launcher.is_hidden() is full_screen
    tab.keyboard.press("Escape")  # closing brings the launcher back, with the focus on it
    assert launcher.is_visible()
    assert "cpc-launcher" in focused(tab)
    context.close()


def test_start_again_clears_the_conversation_on_this_device(page) -> None:
    page.locator(".cpc-launcher").click()
    page.locator(".cpc-input").fill("what is co-production?")
    page.keyboard.press("Enter")
    wait_for_bot(page, "Was this helpful?")
    before = page.evaluate("() => sessionStorage.getItem('coprod-chat:session')")
    page.locator(".cpc-restart").click()
    assert page.locator(".cpc-user").count() == 0
    assert bot_texts(page) == [GREETING["text"].strip()]
    assert page.locator(".cpc-choice:enabled").all_inner_texts() == MENU
    assert page.locator(".cpc-status").inner_text() == "The conversation was cleared. You can start again."
    after = page.evaluate("() => sessionStorage.getItem('coprod-chat:session')")
    assert after != before
    stored = json.loads(page.evaluate("() => sessionStorage.getItem('coprod-chat:transcript')"))
    assert [entry["from"] for entry in stored] == ["bot"]  # the greeting only
    page.reload()  # nothing of it comes back
    page.wait_for_selector(".cpc-panel:not([hidden])")
    assert page.locator(".cpc-user").count() == 0
    # The new conversation works.
    page.locator(".cpc-input").fill("what is an MNVP?")
    page.keyboard.press("Enter")
    wait_for_bot(page, "Was this helpful?")


def test_a_message_typed_offline_waits_and_is_sent_on_reconnection(browser, servers: Servers) -> None:
    context = browser.new_context()
    tab = context.new_page()
    offline = threading.Event()
    sockets: list = []

    def polling(route) -> None:
        if offline.is_set():
            route.abort()
        else:
            route.continue_()

    def websocket(ws) -> None:
        if offline.is_set():
            ws.close()
            return
        ws.connect_to_server()
        sockets.append(ws)

    tab.route(SOCKETIO, polling)
    tab.route_web_socket(SOCKETIO, websocket)
    tab.goto(servers.web + "/")
    tab.locator(".cpc-launcher").click()
    tab.locator(".cpc-input").fill("what is co-production?")
    tab.keyboard.press("Enter")
    wait_for_bot(tab, "Was this helpful?")
    for _ in range(100):  # the connection has moved from polling to its WebSocket
        if sockets:
            break
        tab.wait_for_timeout(100)
    offline.set()
    for ws in sockets:
        ws.close()
    tab.locator(".cpc-status.cpc-offline").wait_for(timeout=30_000)
    replies = tab.locator(".cpc-bot").count()
    tab.locator(".cpc-input").fill("who can join an MNVP?")
    tab.keyboard.press("Enter")
    waiting = tab.locator(".cpc-user.cpc-waiting", has_text="who can join an MNVP?")
    waiting.wait_for(timeout=5_000)
    assert "Not sent yet" in waiting.inner_text()
    tab.wait_for_timeout(3_000)
    assert tab.locator(".cpc-bot").count() == replies  # nothing was sent while offline
    offline.clear()
    tab.wait_for_function(f"() => document.querySelectorAll('.cpc-bot').length > {replies}", timeout=REPLY_TIMEOUT_MS)
    assert tab.locator(".cpc-waiting").count() == 0
    assert tab.locator(".cpc-note").count() == 0
    context.close()


def test_the_launcher_counts_replies_that_arrive_while_the_chat_is_closed(page) -> None:
    page.locator(".cpc-launcher").click()
    page.locator(".cpc-input").fill("what is co-production?")
    # Sent, then closed at once: the replies arrive while the chat is closed.
    page.evaluate(
        "() => { document.querySelector('.cpc-form').requestSubmit(); document.querySelector('.cpc-close').click(); }"
    )
    badge = page.locator(".cpc-badge")
    page.wait_for_function(
        "() => document.querySelectorAll('.cpc-bot').length >= 3 && " "!document.querySelector('.cpc-badge').hidden",
        timeout=REPLY_TIMEOUT_MS,
    )
    page.wait_for_timeout(1_000)  # every reply of the turn is in
    received = page.locator(".cpc-bot").count() - 1  # all but the greeting
    assert badge.inner_text() == str(received)
    launcher = page.get_by_role("button", name=re.compile(rf"\({received} new messages\)"))
    assert launcher.is_visible()
    launcher.click()
    assert badge.is_hidden()
    assert "new message" not in page.locator(".cpc-launcher").inner_text()


def test_the_conversation_can_be_saved_as_a_text_file(page) -> None:
    page.locator(".cpc-launcher").click()
    page.locator(".cpc-input").fill("what is co-production?")
    page.keyboard.press("Enter")
    wait_for_bot(page, "Was this helpful?")
    with page.expect_download() as downloaded:
        page.locator(".cpc-save").click()
    download = downloaded.value
    assert re.fullmatch(r"co-production-chat-\d{4}-\d{2}-\d{2}\.txt", download.suggested_filename)
    text = Path(download.path()).read_bytes().decode("utf-8")
    assert text.startswith("Maternity co-production assistant\r\nSaved on ")
    assert "You: what is co-production?" in text
    assert "Assistant: " + GREETING["text"].strip().split("\n")[0] in text
    # Links keep their full address on paper: "title (https://…)", no Markdown left.
    assert re.search(r"Source: [^\r\n(]+ \(https://[^\s)]+\)", text), text
    assert "](" not in text


def test_with_websockets_blocked_the_widget_converses_over_polling(browser, servers: Servers) -> None:
    # As on networks whose proxies refuse WebSockets: the browser's every WebSocket is closed.
    context = browser.new_context()
    tab = context.new_page()
    refused: list[str] = []
    polls: list[str] = []

    def refuse(ws) -> None:
        refused.append(ws.url)
        ws.close()

    tab.route_web_socket(SOCKETIO, refuse)
    tab.on("request", lambda request: polls.append(request.url) if "transport=polling" in request.url else None)
    tab.goto(servers.web + "/")
    tab.locator(".cpc-launcher").click()
    tab.locator(".cpc-input").fill("what is co-production?")
    tab.keyboard.press("Enter")
    wait_for_bot(tab, "Was this helpful?")
    replies = tab.locator(".cpc-bot").count()
    tab.locator(".cpc-input").fill("how do I give feedback on my maternity care?")
    tab.keyboard.press("Enter")
    tab.wait_for_function(f"() => document.querySelectorAll('.cpc-bot').length > {replies}", timeout=REPLY_TIMEOUT_MS)
    assert refused, "the test did not block anything"
    assert len(polls) >= 4  # the conversation went over long-polling
    assert not tab.locator(".cpc-status.cpc-offline").count()
    context.close()


def _webchat_page(browser, partner: PartnerSite, block_websockets: bool = False) -> tuple:
    context = browser.new_context()
    tab = context.new_page()
    problems: list[str] = []
    tab.on("pageerror", lambda error: problems.append(str(error)))
    tab.on("console", lambda m: problems.append(m.text) if "CORS" in m.text or "poll error" in m.text else None)
    polls: list[str] = []
    tab.on("request", lambda request: polls.append(request.url) if "transport=polling" in request.url else None)
    if block_websockets:
        tab.route_web_socket(SOCKETIO, lambda ws: ws.close())
    tab.goto(partner.origin + "/")
    return context, tab, problems, polls


def _webchat_reply(tab, text: str, count: int = 1) -> None:
    """Waits for the `count`th reply that says `text` (rasa-webchat shows replies one by one)."""
    tab.wait_for_function(
        "([text, count]) => [...document.querySelectorAll('.rw-response')]"
        ".filter(r => r.textContent.includes(text)).length >= count",
        arg=[text, count],
        timeout=REPLY_TIMEOUT_MS,
    )


def _webchat_messages(tab) -> list[str]:
    return [t for t in tab.locator(".rw-message").all_inner_texts() if t.strip()]


def _webchat_settled(tab) -> list[str]:
    """The messages once no more arrive (rasa-webchat shows each reply up to 3 s after the last)."""
    shown = _webchat_messages(tab)
    for _ in range(30):
        tab.wait_for_timeout(4_000)
        now = _webchat_messages(tab)
        if now == shown:
            return now
        shown = now
    pytest.fail("rasa-webchat's messages never settled")


def test_rasa_webchat_on_another_allowed_site_converses(browser, servers: Servers, partner: PartnerSite) -> None:
    context, tab, problems, polls = _webchat_page(browser, partner)
    tab.locator(".rw-launcher").click()
    # The greeting (its initPayload, /greet) with the menu as its buttons.
    _webchat_reply(tab, "automated assistant")
    tab.locator(".rw-reply").first.wait_for(timeout=REPLY_TIMEOUT_MS)
    assert tab.locator(".rw-reply").all_inner_texts() == MENU
    tab.locator(".rw-reply", has_text="What is an MNVP?").click()
    _webchat_reply(tab, "Was this helpful?")
    # A search: its results' links are links, named by the resource.
    tab.locator(".rw-new-message").fill("where is the gap analysis tool")
    tab.keyboard.press("Enter")
    _webchat_reply(tab, "Here's what I found")
    shown = _webchat_settled(tab)
    links = tab.evaluate(
        """() => {
            const messages = [...document.querySelectorAll('.rw-message')];
            const asked = messages.findIndex(m => m.textContent.includes('where is the gap analysis tool'));
            return messages.slice(asked + 1).flatMap(m => [...m.querySelectorAll('a')])
                .map(a => ({text: a.textContent, href: a.href}));
        }"""
    )
    assert links, "the search results have no links"
    for link in links:
        assert link["href"].startswith("https://"), link
        assert not link["text"].startswith("http"), link
    # A reload keeps the conversation (session persistence), and it carries on.
    session = json.loads(tab.evaluate("() => sessionStorage.getItem('chat_session')"))["session_id"]
    tab.reload()
    tab.wait_for_function(
        f"() => document.querySelectorAll('.rw-message').length >= {len(shown)}", timeout=REPLY_TIMEOUT_MS
    )
    assert _webchat_messages(tab) == shown
    responses = tab.locator(".rw-response").count()
    tab.locator(".rw-new-message").fill("show me more")
    tab.keyboard.press("Enter")
    tab.wait_for_function(
        f"() => document.querySelectorAll('.rw-response').length > {responses}", timeout=REPLY_TIMEOUT_MS
    )
    more = _webchat_settled(tab)[len(shown) :]
    # The server still knows the search made before the reload: "more" of it, not "search first".
    assert more
    assert not any("haven't shown you any resources yet" in m for m in more), more
    assert json.loads(tab.evaluate("() => sessionStorage.getItem('chat_session')"))["session_id"] == session
    assert polls, "rasa-webchat starts on long-polling, which must pass the browser's CORS check"
    assert problems == []
    context.close()


def test_rasa_webchat_with_websockets_blocked_converses_over_polling(
    browser, servers: Servers, partner: PartnerSite
) -> None:
    context, tab, problems, polls = _webchat_page(browser, partner, block_websockets=True)
    tab.locator(".rw-launcher").click()
    _webchat_reply(tab, "automated assistant")
    tab.locator(".rw-new-message").fill("what is co-production?")
    tab.keyboard.press("Enter")
    _webchat_reply(tab, "Was this helpful?")
    assert len(polls) >= 4
    assert problems == []
    context.close()
