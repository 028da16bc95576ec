"""Messaging channels end to end: the callback channel and Twilio, against local stand-ins.

The assistant here runs with the Redis lock store (REDIS_URL), as in production.

A local HTTP server receives the callback channel's replies; another stands in for Twilio's
API (the channel's TWILIO_API_URL), so SMS replies can be read without the real service.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests
from twilio.request_validator import RequestValidator

from tests.tools.assistant import Servers, start_assistant, stop_assistant

pytestmark = pytest.mark.model

TWILIO_SID = "AC" + "0" * 32
TWILIO_TOKEN = "twilio-test-token"
TWILIO_NUMBER = "+441632960000"


class Receiver:
    """A local HTTP server that keeps every POST body it gets."""

    def __init__(self, reply: bytes = b"{}", content_type: str = "application/json") -> None:
        self.bodies: list[tuple[str, bytes]] = []
        received = self.bodies

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                received.append((self.path, self.rfile.read(length)))
                self.send_response(201)
                self.send_header("Content-Type", content_type)
                self.end_headers()
                self.wfile.write(reply)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def wait_for(self, predicate, timeout: float = 60.0) -> list:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [b for b in self.bodies if predicate(b)]
            if found:
                return found
            time.sleep(0.2)
        raise AssertionError(f"nothing matching arrived; got {self.bodies}")


@pytest.fixture(scope="module")
def receivers() -> Iterator[tuple[Receiver, Receiver]]:
    callback = Receiver(b"ok", "text/plain")
    twilio = Receiver(json.dumps({"sid": "SM" + "1" * 32, "status": "queued", "body": ""}).encode())
    yield callback, twilio
    callback.server.shutdown()
    twilio.server.shutdown()


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory, receivers) -> Iterator[Servers]:
    callback, twilio = receivers
    started = start_assistant(
        tmp_path_factory.mktemp("channels"),
        {
            "CALLBACK_URL": f"http://127.0.0.1:{callback.port}/bot",
            "TWILIO_ACCOUNT_SID": TWILIO_SID,
            "TWILIO_AUTH_TOKEN": TWILIO_TOKEN,
            "TWILIO_NUMBER": TWILIO_NUMBER,
            "TWILIO_API_URL": f"http://127.0.0.1:{twilio.port}",
            # This assistant also runs with the Redis lock store (the machine's Redis).
            "REDIS_URL": "redis://127.0.0.1:6379/0",
        },
    )
    try:
        yield started
    finally:
        stop_assistant(started)


def test_callback_channel_posts_the_replies_to_the_configured_url(servers: Servers, receivers) -> None:
    callback, _ = receivers
    reply = requests.post(
        f"{servers.base}/webhooks/callback/webhook", json={"sender": "callback-1", "message": "what is co-production?"}
    )
    assert reply.status_code == 200
    found = callback.wait_for(lambda b: b"co-production" in b[1].lower() and b"callback-1" in b[1])
    message = json.loads(found[0][1])
    assert message["recipient_id"] == "callback-1"
    assert found[0][0] == "/bot"


def _signed(servers: Servers, form: dict[str, str], token: str = TWILIO_TOKEN) -> requests.Response:
    url = f"{servers.base}/webhooks/twilio/webhook"
    signature = RequestValidator(token).compute_signature(url, form)
    return requests.post(url, data=form, headers={"X-Twilio-Signature": signature}, timeout=60)


def _sms_bodies(twilio: Receiver, to: str) -> list[str]:
    bodies = []
    for path, raw in twilio.bodies:
        form = urllib.parse.parse_qs(raw.decode())
        if path.endswith("/Messages.json") and form.get("To") == [to]:
            bodies.append(form["Body"][0])
    return bodies


def test_twilio_refuses_a_message_without_a_valid_signature(servers: Servers) -> None:
    url = f"{servers.base}/webhooks/twilio/webhook"
    form = {"From": "+447700900111", "Body": "hello"}
    assert requests.post(url, data=form, timeout=30).status_code == 403
    assert _signed(servers, form, token="not-the-token").status_code == 403


def test_twilio_replies_with_numbered_options_and_a_number_picks_one(servers: Servers, receivers) -> None:
    _, twilio = receivers
    sender = "+447700900222"
    assert _signed(servers, {"From": sender, "Body": "hello", "To": TWILIO_NUMBER}).status_code == 204
    greeting = next(b for b in _wait_sms(twilio, sender, 1) if "automated assistant" in b)
    assert "\n1. What is co-production?" in greeting
    assert "Reply with a number" in greeting
    assert _signed(servers, {"From": sender, "Body": "1", "To": TWILIO_NUMBER}).status_code == 204
    answers = _wait_sms(twilio, sender, 2)
    assert any("Source: https://" in b and "co-production" in b.lower() for b in answers[1:])


def _wait_sms(twilio: Receiver, to: str, count: int) -> list[str]:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        bodies = _sms_bodies(twilio, to)
        if len(bodies) >= count:
            return bodies
        time.sleep(0.2)
    raise AssertionError(f"{count} texts to {to} expected, got {_sms_bodies(twilio, to)}")
