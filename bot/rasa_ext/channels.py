"""Channels with the project's settings: socket.io that checks the browser's Origin, Twilio
(SMS / WhatsApp) with signature checks and numbered options, and the callback channel.

socket.io: Rasa 3.6 builds its socket.io server with `cors_allowed_origins=[]`, which switches
the Origin check off, and `--cors` covers plain HTTP only (DESIGN.md, known traps). This channel
keeps Rasa's socket.io behaviour (same name, path and events) but lets browsers connect only
from `ALLOWED_ORIGINS` (bot/settings.py). Clients that send no Origin (servers, tests) are not
browsers and are let through, as Engine.IO does. Engine.IO then answers long-polling requests
with its own CORS headers, and Rasa's `--cors` (Sanic-CORS) would add a second
`Access-Control-Allow-Origin`, which browsers refuse: Engine.IO's responses are marked as
answered for Sanic-CORS, so each carries one set of headers. Web addresses in messages go out
as Markdown links named by the resource's title (bot/links.py), which rasa-webchat and the
widget both show as links.

Twilio: the signature is checked over the raw form, blank fields kept, exactly as Twilio signs
it; a message id seen before is not answered again (a replayed request), and a Body longer than
Twilio ever sends is refused. A turn's messages are sent as text with one numbered list of
options (bot/numbered.py).

REST: the input is checked (400 with the reason for what cannot be read), the input channel is
always "rest", and every turn gets an answer (`RestChannel`).
"""

from __future__ import annotations

import asyncio
import collections
import functools
import hashlib
import json
import logging
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from rasa.core.channels.callback import CallbackInput
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from rasa.core.channels.socketio import SocketIOInput, SocketIOOutput
from rasa.core.channels.twilio import TwilioInput, TwilioOutput
from rasa.utils.endpoints import EndpointConfig
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from sanic_cors.core import SANIC_CORS_EVALUATED
from twilio.base.exceptions import TwilioRestException
from twilio.request_validator import RequestValidator

from bot.links import LinkTitles
from bot.numbered import OptionStore, compose_turn, option_store, part_limit
from bot.settings import PROJECT_ROOT, load_settings

logger = logging.getLogger(__name__)

_TITLES = LinkTitles()


class TitledSocketIOOutput(SocketIOOutput):
    """Rasa's socket.io output, with each web address as a Markdown link named by its title."""

    sent = 0  # messages sent through this output (one output per turn)

    async def _send_message(self, socket_id: str, response: Any) -> None:
        """Writes the addresses in a text message as `[title](address)` (bot/links.py)."""
        self.sent += 1
        text = response.get("text") if isinstance(response, dict) else None
        if isinstance(text, str) and "http" in text:
            # Off the event loop: now and then the titles are read from the database.
            linked = await asyncio.get_running_loop().run_in_executor(None, _TITLES.markdown, text)
            response = {**response, "text": linked}
        await super()._send_message(socket_id, response)


def _cors_once(handle_request: Any) -> Any:
    """Engine.IO's request handler, its responses marked as answered for Sanic-CORS (`--cors`).

    Engine.IO sets the CORS headers of its responses itself, after checking the Origin against
    the allowed list; without the mark Sanic-CORS adds a second set and browsers refuse both.
    """

    @functools.wraps(handle_request)
    async def handle(request: Request, *args: Any, **kwargs: Any) -> Any:
        setattr(request.ctx, SANIC_CORS_EVALUATED, "1")
        return await handle_request(request, *args, **kwargs)

    return handle


class SocketIOChannel(SocketIOInput):
    """Rasa's socket.io channel with the Origin check on (credentials.yml names this class)."""

    @classmethod
    def name(cls) -> str:
        """The same name as Rasa's: the tracker's input channel stays "socketio"."""
        return "socketio"

    def get_output_channel(self) -> TitledSocketIOOutput | None:
        """For messages outside a conversation turn (e.g. reminders), with link titles too."""
        if self.sio is None:
            return None
        return TitledSocketIOOutput(self.sio, self.bot_message_evt)

    def blueprint(self, on_new_message: Any) -> Any:
        """Rasa's blueprint: allowed origins, one set of CORS headers, and links named in replies."""
        blueprint = super().blueprint(on_new_message)
        sio = self.sio
        sio.eio.cors_allowed_origins = list(load_settings().allowed_origins)
        # Engine.IO would take a 1 MB message; no chat message is near this.
        sio.eio.max_http_buffer_size = MESSAGE_BYTES_LIMIT
        # Read when the blueprint is registered (sio.attach adds the route), so this wraps it.
        sio.eio.handle_request = _cors_once(sio.eio.handle_request)

        async def handle_message(sid: str, data: Any = None) -> None:
            # Rasa's handler, with our output channel (Rasa's names its class directly), and an
            # answer to every message: odd shapes are read as well as they can be, never ignored.
            if isinstance(data, str):
                data = {"message": data}
            if not isinstance(data, dict):
                data = {}
            session = data.get("session_id")
            sender_id = str(session)[:SENDER_LIMIT] if self.session_persistence and session else sid
            metadata = data.get(self.metadata_key) or {}
            if isinstance(metadata, str):
                try:
                    metadata = json.loads(metadata)
                except ValueError:
                    metadata = {}
            text = data.get("message")
            output = TitledSocketIOOutput(sio, self.bot_message_evt)
            message = UserMessage(
                clean_text(text) if isinstance(text, str) else "",
                output,
                sender_id,
                input_channel=self.name(),
                metadata=metadata if isinstance(metadata, dict) else {},
            )
            failed = False
            try:
                await on_new_message(message)
            except Exception as error:
                failed = True
                logger.error("A socket.io message could not be handled (%s).", type(error).__name__)
            if not output.sent:  # never silence: a turn that said nothing gets "I didn't understand"
                said = _said_nothing(failed)
                if said:
                    await output.send_text_with_buttons(sender_id, said["text"], said.get("buttons") or [])

        sio.on(self.user_message_evt, handler=handle_message, namespace=self.namespace)
        return blueprint


# --- REST: checked input, an answer every time -------------------------------------------------

# The longest message body a channel reads (the servers cap whole requests: bot/rasa_ext/launch.py).
MESSAGE_BYTES_LIMIT = 64 * 1024
SENDER_LIMIT = 256


def clean_text(text: str) -> str:
    """The text with lone surrogates (which no encoder accepts) replaced by U+FFFD."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in text)
    return text


@dataclass(frozen=True)
class RestMessage:
    """A REST message that passed the checks."""

    sender: str
    text: str
    metadata: dict[str, Any]


def read_rest_message(body: bytes) -> RestMessage | str:
    """The message in a REST request body, or the reason it cannot be read (for a 400 answer)."""
    usage = 'Send JSON like {"sender": "someone", "message": "hello"}.'
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):  # RecursionError: [[[[… nested too deep
        return f"The body is not JSON. {usage}"
    if not isinstance(data, dict):
        return f"The body must be a JSON object. {usage}"
    text = data.get("message")
    if not isinstance(text, str):
        return f'"message" must be text. {usage}'
    sender = data.get("sender", "default")
    if isinstance(sender, bool) or not isinstance(sender, str | int):
        return f'"sender" must be text. {usage}'
    sender = clean_text(str(sender))
    if not sender.strip() or len(sender) > SENDER_LIMIT:
        return f'"sender" must be 1 to {SENDER_LIMIT} characters. {usage}'
    metadata = data.get("metadata") or {}
    if not isinstance(metadata, dict):
        return f'"metadata" must be a JSON object. {usage}'
    return RestMessage(sender, clean_text(text), metadata)


def _said_nothing(failed: bool) -> dict[str, Any]:
    """What a turn that said nothing answers: `utter_technical_difficulty` when it failed, else
    `utter_default` ("Sorry, I didn't understand that", with the menu), from domain.yml."""
    return _RESPONSES.get("utter_technical_difficulty" if failed else "utter_default", {})


def _read_responses(*names: str) -> dict[str, dict[str, Any]]:
    import yaml

    try:
        domain = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))
        found = {name: domain["responses"][name][0] for name in names}
    except (OSError, yaml.YAMLError, KeyError, IndexError, TypeError):
        return {}
    return {
        name: {"text": str(r.get("text") or "").strip(), "buttons": list(r.get("buttons") or [])}
        for name, r in found.items()
    }


_RESPONSES = _read_responses("utter_technical_difficulty", "utter_default")


def _reply(sender: str, failed: bool) -> list[dict[str, Any]]:
    said = _said_nothing(failed)
    return [{"recipient_id": sender, **said}] if said else []


class RestChannel(RestInput):
    """Rasa's REST channel, with its input checked and an answer every time.

    Unlike Rasa's, a body that is not a JSON object, a `message` that is not text, or a
    `metadata` that is not an object gets 400 with the reason (Rasa answered 500, or a silent
    `[]`); a lone surrogate is replaced, not refused; the input channel is always "rest" (Rasa
    took it from the client, which corrupted the needs' channel counts); and a turn that says
    nothing ("/restart") gets `utter_default`, one that fails `utter_technical_difficulty`:
    never silence or a 5xx. The
    message's text is never logged.
    """

    @classmethod
    def name(cls) -> str:
        """The webhook stays /webhooks/rest/webhook."""
        return "rest"

    def blueprint(self, on_new_message: Any) -> Blueprint:
        """GET / (status) and POST /webhook (a message; the replies in the response)."""
        webhook = Blueprint("custom_webhook_RestChannel", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            message = read_rest_message(request.body or b"")
            if isinstance(message, str):
                return response.json({"error": message}, status=400)
            collector = CollectingOutputChannel()
            try:
                await on_new_message(
                    UserMessage(
                        message.text, collector, message.sender, input_channel=self.name(), metadata=message.metadata
                    )
                )
            except Exception as error:
                logger.error("A REST message could not be handled (%s).", type(error).__name__)
                return response.json(_reply(message.sender, True))
            return response.json(collector.messages or _reply(message.sender, False))

        return webhook


# --- messaging: Twilio (SMS and WhatsApp) ------------------------------------------------------


class FormFields:
    """A posted form's fields in order, blank ones kept; `getall` as RequestValidator reads it."""

    def __init__(self, pairs: Sequence[tuple[str, str]]) -> None:
        """The (name, value) pairs as posted."""
        self._pairs = list(pairs)

    @classmethod
    def parse(cls, body: bytes) -> FormFields:
        """Parses an application/x-www-form-urlencoded body (UTF-8); ValueError when it is not one."""
        return cls(parse_qsl(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False, errors="strict"))

    def __iter__(self) -> Iterator[str]:
        """The field names, each once."""
        return iter(dict.fromkeys(name for name, _ in self._pairs))

    def getall(self, name: str) -> list[str]:
        """Every value posted for `name`."""
        return [value for key, value in self._pairs if key == name]

    def get(self, name: str, default: str | None = None) -> str | None:
        """The first value posted for `name`."""
        values = self.getall(name)
        return values[0] if values else default


class TurnCollector(CollectingOutputChannel):
    """Collects one turn's messages; named "twilio" so responses pick their Twilio variants."""

    @classmethod
    def name(cls) -> str:
        """The channel's name, as Rasa's Twilio output."""
        return "twilio"


class NumberedTwilioOutput(TwilioOutput):
    """Rasa's Twilio output: text with numbered options, sent without blocking the server."""

    def __init__(
        self,
        account_sid: str,
        auth_token: str,
        twilio_number: str,
        api_url: str = "",
        options: OptionStore | None = None,
    ) -> None:
        """The Twilio client; `api_url` points it at a Twilio-compatible test server when set."""
        super().__init__(account_sid, auth_token, twilio_number)
        self.options = options or _OPTIONS
        if api_url:
            self.api.base_url = api_url.rstrip("/")

    async def _send_message(self, message_data: dict[str, Any]) -> Any:
        """Sends one message through Twilio's API in a worker thread (its client blocks)."""
        create = functools.partial(self.messages.create, **message_data)
        try:
            return await asyncio.get_running_loop().run_in_executor(None, create)
        except TwilioRestException as error:
            # Twilio's message may hold the phone number: log only its codes.
            logger.error("Twilio refused a reply (HTTP %s, Twilio error %s).", error.status, error.code)
        except Exception as error:
            logger.error("A reply could not be sent to Twilio: %s", type(error).__name__)
        return None

    async def send_parts(self, recipient_id: str, parts: Sequence[str], from_number: str = "") -> None:
        """Sends the parts of one turn, in order, from `from_number` (default: TWILIO_NUMBER)."""
        for part in parts:
            await self._send_message({"to": recipient_id, "from_": from_number or self.twilio_number, "body": part})

    async def send_text_with_buttons(self, recipient_id: str, text: str, buttons: list, **kwargs: Any) -> None:
        """A message outside a turn (e.g. a reminder) with its options; "2" then means the second."""
        turn = compose_turn([{"text": text, "buttons": buttons}], part_limit(recipient_id))
        self.options.remember(recipient_id, turn.payloads)
        await self.send_parts(recipient_id, turn.parts)

    async def send_quick_replies(self, recipient_id: str, text: str, quick_replies: list, **kwargs: Any) -> None:
        """Quick replies are buttons too."""
        await self.send_text_with_buttons(recipient_id, text, quick_replies)

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        """One text, split only when too long (Rasa's would send each paragraph on its own)."""
        await self.send_parts(recipient_id, compose_turn([{"text": text}], part_limit(recipient_id)).parts)


_OPTIONS: OptionStore = option_store(load_settings().redis_url)
# Twilio splits longer texts; a longer Body was not sent by Twilio.
TWILIO_BODY_LIMIT = 1600


class SeenMessages:
    """The Twilio message ids already handled, so a replayed request is not answered twice.

    In Redis when `redis_url` is set (replicas behind nginx share it), else in this process's
    memory; a Redis that does not answer falls back to memory. Ids are kept for `keep_seconds`.
    """

    def __init__(self, redis_url: str = "", keep_seconds: int = 24 * 3600, max_ids: int = 100_000) -> None:
        """Where to keep the ids, and for how long."""
        self.keep_seconds = keep_seconds
        self.max_ids = max_ids
        self._memory: collections.OrderedDict[str, float] = collections.OrderedDict()
        self._lock = threading.Lock()
        self._redis: Any = None
        if redis_url:
            import redis

            self._redis = redis.Redis.from_url(redis_url, socket_timeout=1, socket_connect_timeout=1)

    def first_time(self, message_id: str) -> bool:
        """True the first time `message_id` is seen (an empty id is always new)."""
        if not message_id:
            return True
        key = "coprod:twilio:" + hashlib.sha256(message_id.encode("utf-8")).hexdigest()
        if self._redis is not None:
            try:
                return bool(self._redis.set(key, 1, nx=True, ex=self.keep_seconds))
            except Exception as error:
                logger.error("Redis did not answer (%s): Twilio ids are kept in memory.", type(error).__name__)
        now = time.monotonic()
        with self._lock:
            while self._memory and (
                len(self._memory) >= self.max_ids or next(iter(self._memory.values())) < now - self.keep_seconds
            ):
                self._memory.popitem(last=False)
            if key in self._memory:
                return False
            self._memory[key] = now
            return True


class TwilioChannel(TwilioInput):
    """Twilio SMS / WhatsApp, configured from the environment (TWILIO_* in bot/settings.py).

    Unlike Rasa's, it checks Twilio's signature on every request (anyone could otherwise send
    messages as any phone number and make the assistant text strangers), answers 503 while not
    configured, never answers 500 to Twilio, sends each turn as one text with one numbered list
    of options, and maps a reply of "2" to the second option.
    """

    webhook_url = ""
    api_url = ""
    options: OptionStore = _OPTIONS
    seen: SeenMessages = SeenMessages()

    @classmethod
    def name(cls) -> str:
        """The webhook is /webhooks/twilio/webhook, as with Rasa's channel."""
        return "twilio"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> TwilioChannel:
        """Reads the settings; credentials.yml holds no secrets."""
        settings = load_settings()
        channel = cls(settings.twilio_account_sid, settings.twilio_auth_token, settings.twilio_number, debug_mode=False)
        channel.webhook_url = settings.twilio_webhook_url
        channel.api_url = settings.twilio_api_url
        channel.seen = SeenMessages(settings.redis_url)
        return channel

    @property
    def configured(self) -> bool:
        """True when the account, token and number are all set."""
        return bool(self.account_sid and self.auth_token and self.twilio_number)

    def get_output_channel(self) -> NumberedTwilioOutput:
        """Replies go through Twilio's API with numbered options."""
        return NumberedTwilioOutput(self.account_sid, self.auth_token, self.twilio_number, self.api_url, self.options)

    def signed_form(self, request: Request) -> FormFields | None:
        """The posted form when Twilio's signature over it is right, else None.

        Twilio signs the URL it called and every posted field, blank ones included (UK numbers
        arrive with empty FromCity, FromState, FromZip…), so the form is read from the raw body.
        """
        try:
            form = FormFields.parse(request.body or b"")
        except ValueError:
            return None
        url = self.webhook_url or request.url
        signature = request.headers.get("X-Twilio-Signature", "")
        if not signature or not RequestValidator(self.auth_token).validate(url, form, signature):
            return None
        return form

    def blueprint(self, on_new_message: Any) -> Blueprint:
        """GET / (status) and POST /webhook (a message from Twilio)."""
        webhook = Blueprint("twilio_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok" if self.configured else "not configured"})

        @webhook.route("/webhook", methods=["POST"])
        async def message(request: Request) -> HTTPResponse:
            if not self.configured:
                return response.text("Twilio is not configured (TWILIO_* settings).", status=503)
            form = self.signed_form(request)
            if form is None:
                logger.warning("A Twilio webhook call with a bad signature was refused.")
                return response.text("Bad signature.", status=403)
            sender, text = form.get("From"), (form.get("Body") or "").strip()
            if len(text) > TWILIO_BODY_LIMIT:
                return response.text(f"Twilio never sends more than {TWILIO_BODY_LIMIT} characters.", status=413)
            if not self.seen.first_time(form.get("MessageSid") or ""):
                logger.warning("A Twilio message that was already handled came again; it is not answered twice.")
                return response.text("", status=204)
            if not sender or not text:
                return response.text("", status=204)
            collector = TurnCollector()
            try:
                await on_new_message(
                    UserMessage(self.options.resolve(sender, text), collector, sender, input_channel=self.name())
                )
            except Exception:
                logger.exception("The Twilio message could not be handled")
            turn = compose_turn(collector.messages, part_limit(sender))
            self.options.remember(sender, turn.payloads)
            # From the number the person wrote to (SMS or WhatsApp), which Twilio signed.
            await self.get_output_channel().send_parts(sender, turn.parts, form.get("To") or self.twilio_number)
            return response.text("", status=204)

        return webhook


# --- the callback channel: replies are POSTed to CALLBACK_URL --------------------------------


class CallbackChannel(CallbackInput):
    """Rasa's callback channel, its URL from the environment (CALLBACK_URL); 503 while unset."""

    @classmethod
    def name(cls) -> str:
        """The webhook is /webhooks/callback/webhook, as with Rasa's channel."""
        return "callback"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> CallbackChannel:
        """Reads CALLBACK_URL; credentials.yml holds no URL."""
        return cls(EndpointConfig(url=load_settings().callback_url or None))

    def blueprint(self, on_new_message: Any) -> Blueprint:
        """Rasa's blueprint, refusing messages while no URL is configured."""
        blueprint = super().blueprint(on_new_message)
        if not load_settings().callback_url:

            @blueprint.middleware("request")
            async def not_configured(request: Request) -> HTTPResponse | None:
                if request.method == "POST":
                    return response.text("The callback channel is not configured (CALLBACK_URL).", status=503)
                return None

        return blueprint
