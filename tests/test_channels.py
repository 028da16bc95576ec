"""Channels end to end: socket.io's CORS headers, the callback channel and Twilio, against local stand-ins.

The assistant here runs with the Redis lock store (REDIS_URL), as in production.

A local HTTP server receives the callback channel's replies; another stands in for Twilio's
API (the channel's TWILIO_API_URL), so SMS replies can be read without the real service.
Webhook calls are signed with the official `twilio` package's RequestValidator, over payloads
with every field Twilio posts (blank ones too), as a real SMS or WhatsApp message arrives.
"""

from __future__ import annotations

import json
import re
import threading
import time
import urllib.parse
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests
import yaml
from twilio.request_validator import RequestValidator

from bot.numbered import REPLY_HINT, SMS_PART_CHARS
from tests.conftest import ROOT
from tests.tools.assistant import Servers, start_assistant, stop_assistant

pytestmark = pytest.mark.model

TWILIO_SID = "AC" + "0" * 32
TWILIO_TOKEN = "twilio-test-token"
TWILIO_NUMBER = "+441632960000"
WHATSAPP_NUMBER = "whatsapp:+14155238886"
ALLOWED_ORIGIN = "http://localhost:8000"  # tests/tools/assistant.py allows it


def _sid(prefix: str) -> str:
    return prefix + uuid.uuid4().hex


def sms_payload(sender: str, body: str) -> dict[str, str]:
    """Every field Twilio posts for an SMS to a UK number: the geographic ones arrive empty."""
    sid = _sid("SM")
    return {
        "ToCountry": "GB",
        "ToState": "",
        "SmsMessageSid": sid,
        "NumMedia": "0",
        "ToCity": "",
        "FromZip": "",
        "SmsSid": sid,
        "FromState": "",
        "SmsStatus": "received",
        "FromCity": "",
        "Body": body,
        "FromCountry": "GB",
        "To": TWILIO_NUMBER,
        "ToZip": "",
        "NumSegments": "1",
        "MessageSid": sid,
        "AccountSid": TWILIO_SID,
        "From": sender,
        "ApiVersion": "2010-04-01",
    }


def whatsapp_payload(sender: str, body: str, profile: str = "Zoë") -> dict[str, str]:
    """Every field Twilio posts for a WhatsApp message, the profile name and metadata included."""
    sid = _sid("SM")
    wa_id = sender.removeprefix("whatsapp:+")
    return {
        "SmsMessageSid": sid,
        "NumMedia": "0",
        "ProfileName": profile,
        "MessageType": "text",
        "SmsSid": sid,
        "WaId": wa_id,
        "SmsStatus": "received",
        "Body": body,
        "To": WHATSAPP_NUMBER,
        "NumSegments": "1",
        "ReferralNumMedia": "0",
        "MessageSid": sid,
        "AccountSid": TWILIO_SID,
        "From": sender,
        "ApiVersion": "2010-04-01",
        "ChannelMetadata": json.dumps(
            {"type": "whatsapp", "data": {"context": {"ProfileName": profile, "WaId": wa_id}}}, separators=(",", ":")
        ),
    }


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


def _webhook(servers: Servers) -> str:
    return f"{servers.base}/webhooks/twilio/webhook"


def _signed(
    servers: Servers,
    form: dict[str, str],
    token: str = TWILIO_TOKEN,
    signed_url: str | None = None,
    signed_form: dict[str, str] | None = None,
) -> requests.Response:
    """POSTs `form` as Twilio would, signed (by default) for this URL, token and form."""
    url = _webhook(servers)
    signature = RequestValidator(token).compute_signature(signed_url or url, signed_form or form)
    return requests.post(url, data=form, headers={"X-Twilio-Signature": signature}, timeout=120)


def _texts_to(twilio: Receiver, to: str) -> list[dict[str, str]]:
    """The messages sent through the stand-in Twilio API to `to`: {"From", "Body"}."""
    sent = []
    for path, raw in list(twilio.bodies):
        form = urllib.parse.parse_qs(raw.decode(), keep_blank_values=True)
        if path.endswith("/Messages.json") and form.get("To") == [to]:
            sent.append({"From": form["From"][0], "Body": form["Body"][0]})
    return sent


def _turn(servers: Servers, twilio: Receiver, payload: dict[str, str]) -> list[str]:
    """Sends one message; the texts of the reply (the webhook answers once they are sent)."""
    before = len(_texts_to(twilio, payload["From"]))
    answer = _signed(servers, payload)
    assert answer.status_code == 204, answer.text
    return [t["Body"] for t in _texts_to(twilio, payload["From"])[before:]]


def _unlabelled(part: str) -> str:
    return re.sub(r" \(\d+/\d+\)$", "", part)


def test_socketio_polling_answers_an_allowed_origin_with_one_cors_header(servers: Servers) -> None:
    # Browsers refuse a response with two Access-Control-Allow-Origin headers (Engine.IO's and
    # --cors'), so every client on long-polling, rasa-webchat among them, could never connect.
    url = f"{servers.base}/socket.io/?EIO=4&transport=polling"
    handshake = requests.get(url, headers={"Origin": ALLOWED_ORIGIN}, timeout=30)
    assert handshake.status_code == 200
    assert handshake.raw.headers.getlist("Access-Control-Allow-Origin") == [ALLOWED_ORIGIN]
    assert handshake.raw.headers.getlist("Access-Control-Allow-Credentials") == ["true"]
    sid = json.loads(handshake.text[1:])["sid"]
    # The client's first packet (connect), POSTed as the browser does it.
    sent = requests.post(
        f"{url}&sid={sid}", data="40", headers={"Origin": ALLOWED_ORIGIN, "Content-Type": "text/plain"}, timeout=30
    )
    assert sent.status_code == 200
    assert sent.raw.headers.getlist("Access-Control-Allow-Origin") == [ALLOWED_ORIGIN]
    preflight = requests.options(
        url, headers={"Origin": ALLOWED_ORIGIN, "Access-Control-Request-Method": "POST"}, timeout=30
    )
    assert preflight.raw.headers.getlist("Access-Control-Allow-Origin") == [ALLOWED_ORIGIN]
    refused = requests.get(url, headers={"Origin": "http://evil.example"}, timeout=30)
    assert refused.status_code == 400
    assert refused.raw.headers.getlist("Access-Control-Allow-Origin") == []


def test_twilio_accepts_a_real_sms_payload_with_its_blank_fields(servers: Servers, receivers) -> None:
    _, twilio = receivers
    payload = sms_payload("+447700900111", "what is co-production?")
    assert "" in payload.values()  # FromCity, ToState …: signed by Twilio although blank
    texts = _turn(servers, twilio, payload)
    assert texts, "no reply was sent"
    assert any("co-production" in t.lower() for t in texts)
    assert {t["From"] for t in _texts_to(twilio, "+447700900111")} == {TWILIO_NUMBER}


def test_twilio_accepts_a_real_whatsapp_payload_and_replies_on_whatsapp(servers: Servers, receivers) -> None:
    _, twilio = receivers
    sender = "whatsapp:+447700900333"
    payload = whatsapp_payload(sender, "Hi! What's an MNVP & who's it for? 🙂")
    texts = _turn(servers, twilio, payload)
    assert texts, "no reply was sent"
    # WhatsApp replies come from the WhatsApp sender the person wrote to, not the SMS number.
    assert {t["From"] for t in _texts_to(twilio, sender)} == {WHATSAPP_NUMBER}
    assert len(texts) == 1  # WhatsApp shows a whole turn as one message


@pytest.mark.parametrize(
    "tamper",
    ["no signature", "another token", "another url", "another body", "a blank field left out"],
)
def test_twilio_refuses_what_twilio_did_not_sign(servers: Servers, receivers, tamper: str) -> None:
    _, twilio = receivers
    sender = "+447700900444"
    payload = sms_payload(sender, "hello")
    before = len(twilio.bodies)
    if tamper == "no signature":
        answer = requests.post(_webhook(servers), data=payload, timeout=30)
    elif tamper == "another token":
        answer = _signed(servers, payload, token="not-the-token")
    elif tamper == "another url":
        answer = _signed(servers, payload, signed_url="https://assistant.example.org/webhooks/twilio/webhook")
    elif tamper == "another body":
        answer = _signed(servers, dict(payload, Body="stop"), signed_form=payload)
    else:
        shorter = {k: v for k, v in payload.items() if k != "FromCity"}
        answer = _signed(servers, shorter, signed_form=payload)
    assert answer.status_code == 403
    time.sleep(0.5)
    assert len(twilio.bodies) == before  # nothing was sent to anyone


def test_twilio_replies_with_numbered_options_and_a_number_picks_one(servers: Servers, receivers) -> None:
    _, twilio = receivers
    sender = "+447700900222"
    greeting = "\n".join(_turn(servers, twilio, sms_payload(sender, "hello")))
    assert "automated assistant" in greeting
    assert "\n1. What is co-production?" in greeting
    assert REPLY_HINT in greeting
    answers = _turn(servers, twilio, sms_payload(sender, "1"))
    assert any("Source: https://" in a and "co-production" in a.lower() for a in answers)


def test_twilio_sends_a_search_as_one_numbered_list_and_1_picks_the_first_result(servers: Servers, receivers) -> None:
    _, twilio = receivers
    sender = "+447700900555"
    parts = _turn(servers, twilio, sms_payload(sender, "where is the gap analysis tool"))
    total = len(parts)
    assert total >= 2, parts  # a search is longer than one SMS part
    for index, part in enumerate(parts, 1):
        assert len(part) <= SMS_PART_CHARS
        assert part.endswith(f"({index}/{total})")
    turn = "\n\n".join(_unlabelled(p) for p in parts)
    # One list for the whole turn, numbered from 1 in the order shown, with one hint at the end.
    assert turn.count(REPLY_HINT) == 1
    assert _unlabelled(parts[-1]).endswith(REPLY_HINT)
    options = re.findall(r"^(\d+)\. (More about \d+|Show more|Yes|No)$", turn, flags=re.M)
    assert [int(n) for n, _ in options] == list(range(1, len(options) + 1))
    assert options[0] == ("1", "More about 1")
    first_title = re.search(r"^1\. (?!More about)(.+)$", turn, flags=re.M).group(1)
    details = "\n".join(_turn(servers, twilio, sms_payload(sender, "1")))
    assert first_title in details, (first_title, details)
    assert "Type:" in details  # the details of one resource, not another search


def test_twilio_splits_a_long_answer_where_a_sentence_or_line_ends(servers: Servers, receivers) -> None:
    _, twilio = receivers
    sender = "+447700900666"
    parts = _turn(servers, twilio, sms_payload(sender, "what can you do?"))
    assert len(parts) >= 2, parts
    assert all(len(p) <= SMS_PART_CHARS for p in parts)
    # The first part is the start of the answer, in whole lines: it reads on its own.
    help_text = yaml.safe_load((ROOT / "domain.yml").read_text())["responses"]["utter_help"][0]["text"]
    lines = help_text.splitlines()
    first = _unlabelled(parts[0]).splitlines()
    assert first == lines[: len(first)], (first, lines)


def test_a_replayed_twilio_request_is_not_answered_twice(servers: Servers, receivers) -> None:
    # A validly signed request sent again (by anyone who saw it) must not make the assistant
    # text the person again. This assistant keeps the message ids in Redis (REDIS_URL).
    _, twilio = receivers
    sender = "+447700900888"
    before = len(_texts_to(twilio, sender))
    payload = sms_payload(sender, "hello")
    first = _turn(servers, twilio, payload)
    assert first
    again = _signed(servers, payload)
    assert again.status_code == 204
    time.sleep(0.5)
    assert len(_texts_to(twilio, sender)) - before == len(first)


def test_a_twilio_body_longer_than_twilio_sends_is_refused(servers: Servers, receivers) -> None:
    _, twilio = receivers
    sender = "+447700900777"
    answer = _signed(servers, sms_payload(sender, "help " * 400))  # 2,000 characters, signed
    assert answer.status_code == 413
    time.sleep(0.5)
    assert _texts_to(twilio, sender) == []
