"""Channels with the project's settings: socket.io that checks the browser's Origin, Twilio
(SMS / WhatsApp) with signature checks and numbered options, and the callback channel.

Rasa 3.6 builds its socket.io server with `cors_allowed_origins=[]`, which switches the Origin
check off, and `--cors` covers plain HTTP only (DESIGN.md, known traps). This channel keeps
Rasa's socket.io behaviour (same name, path and events) but lets browsers connect only from
`ALLOWED_ORIGINS` (bot/settings.py). Clients that send no Origin (servers, tests) are not
browsers and are let through, as Engine.IO does.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa.core.channels.callback import CallbackInput
from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput
from rasa.core.channels.twilio import TwilioInput, TwilioOutput
from rasa.utils.endpoints import EndpointConfig
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from twilio.request_validator import RequestValidator

from bot.numbered import OptionMemory, numbered_text
from bot.settings import load_settings

logger = logging.getLogger(__name__)


class SocketIOChannel(SocketIOInput):
    """Rasa's socket.io channel with the Origin check on (credentials.yml names this class)."""

    @classmethod
    def name(cls) -> str:
        """The same name as Rasa's: the tracker's input channel stays "socketio"."""
        return "socketio"

    def blueprint(self, on_new_message: Any) -> Any:
        """Rasa's blueprint, with the allowed origins set on its Engine.IO server."""
        blueprint = super().blueprint(on_new_message)
        self.sio.eio.cors_allowed_origins = list(load_settings().allowed_origins)
        return blueprint


# --- messaging: Twilio (SMS and WhatsApp) ------------------------------------------------------

_OPTIONS = OptionMemory()


class NumberedTwilioOutput(TwilioOutput):
    """Rasa's Twilio output, with buttons sent as one numbered list instead of one text each."""

    def __init__(self, account_sid: str, auth_token: str, twilio_number: str, api_url: str = "") -> None:
        """The Twilio client; `api_url` points it at a Twilio-compatible test server when set."""
        super().__init__(account_sid, auth_token, twilio_number)
        if api_url:
            self.api.base_url = api_url.rstrip("/")

    async def send_text_with_buttons(self, recipient_id: str, text: str, buttons: list, **kwargs: Any) -> None:
        """The text and its options in one message; "2" then means the second option."""
        _OPTIONS.remember(recipient_id, buttons)
        await self.send_text_message(recipient_id, numbered_text(text, buttons))

    async def send_quick_replies(self, recipient_id: str, text: str, quick_replies: list, **kwargs: Any) -> None:
        """Quick replies are buttons too."""
        await self.send_text_with_buttons(recipient_id, text, quick_replies)

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        """Sends one message (Rasa's would split on blank lines into several texts)."""
        await self._send_message({"to": recipient_id, "from_": self.twilio_number, "body": text.strip()})


class TwilioChannel(TwilioInput):
    """Twilio SMS / WhatsApp, configured from the environment (TWILIO_* in bot/settings.py).

    Unlike Rasa's, it checks Twilio's signature on every request (anyone could otherwise send
    messages as any phone number and make the assistant text strangers), answers 503 while not
    configured, never answers 500 to Twilio, and maps a reply of "2" to the second option.
    """

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
        return channel

    webhook_url = ""
    api_url = ""

    @property
    def configured(self) -> bool:
        """True when the account, token and number are all set."""
        return bool(self.account_sid and self.auth_token and self.twilio_number)

    def get_output_channel(self) -> NumberedTwilioOutput:
        """Replies go through Twilio's API with numbered options."""
        return NumberedTwilioOutput(self.account_sid, self.auth_token, self.twilio_number, self.api_url)

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
            form = {key: request.form.get(key) for key in request.form}
            url = self.webhook_url or request.url
            signature = request.headers.get("X-Twilio-Signature", "")
            if not RequestValidator(self.auth_token).validate(url, form, signature):
                logger.warning("A Twilio webhook call with a bad signature was refused.")
                return response.text("Bad signature.", status=403)
            sender, text = form.get("From"), (form.get("Body") or "").strip()
            if not sender or not text:
                return response.text("", status=204)
            try:
                await on_new_message(
                    UserMessage(
                        _OPTIONS.resolve(sender, text),
                        self.get_output_channel(),
                        sender,
                        input_channel=self.name(),
                    )
                )
            except Exception:
                logger.exception("The Twilio message could not be handled")
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
