"""Never silence when the action server is down, slow or failing, and no need lost when it is.

Stock Rasa 3.6 waits up to 300 s for the action server and, when it cannot reach it, sends the
user nothing (DESIGN.md, known traps). `install()` wraps Rasa's `RemoteAction.run`: a call that
fails, or takes longer than `ACTION_TIMEOUT_SECONDS`, ends with the `utter_technical_difficulty`
response instead, unless the turn already said something (a knowledge answer followed by a
failed "Was this helpful?" stays as it is). Form validation rejections are Rasa's control flow
and pass through untouched.

The breaker (skip the action server for a few seconds) opens only when the action server cannot
be reached or does not answer in time: that is true for everyone. An action that fails for one
user's message (the action server answers 500) fails for that user alone. When an action that
would have met or recorded a need cannot run, the need is recorded from here, in a worker
thread (`bot.needs.log_failed_action`: the database, or the spool), so no need is lost.

Calls to the action server carry `ACTION_SERVER_TOKEN` (kept in memory, never in a file).
`install()` also makes parsed messages safe for the actions: an entity whose value is not text
(`/search_resources{"topic": {"$ne": 1}}`) is dropped, never passed on.

Rasa offers no hook for this, so the project's tracker store (bot/rasa_ext/tracker_store.py),
which every Rasa server of this project creates at start (endpoints.yml), calls `install()`.
"""

from __future__ import annotations

import asyncio
import collections
import logging
from typing import Any

from bot.breaker import Breaker

logger = logging.getLogger(__name__)

FALLBACK_RESPONSE = "utter_technical_difficulty"
# After a failure, calls in the next few seconds fail at once instead of each waiting the timeout.
BREAKER = Breaker(seconds=5.0)
_installed = False


def _said_something_this_turn(tracker: Any) -> bool:
    from rasa.shared.core.events import BotUttered, UserUttered

    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return False
        if isinstance(event, BotUttered):
            return True
    return False


def _unreachable(error: BaseException) -> bool:
    """True for a connection error or a time-out: the action server is down or hung, for everyone."""
    import aiohttp

    if isinstance(error, asyncio.TimeoutError):
        return True
    cause = error.__cause__ or error.__context__
    return isinstance(cause, aiohttp.ClientConnectionError | asyncio.TimeoutError)


def safe_entities(entities: Any) -> list[dict[str, Any]]:
    """The entities whose value is text; anything else a client typed into a slash command is dropped."""
    if not isinstance(entities, list):
        return []
    kept = [e for e in entities if isinstance(e, dict) and isinstance(e.get("value"), str)]
    if len(kept) != len(entities):
        logger.warning("%d entities whose value is not text were dropped.", len(entities) - len(kept))
    return kept


_recorded: collections.OrderedDict[tuple[str, str], None] = collections.OrderedDict()


async def _record_need(action: str, tracker: Any) -> None:
    """Records the need of a turn whose action could not run, once per user message."""
    from bot.needs import NEED_ACTIONS, Source, best_guess, log_failed_action

    latest = tracker.latest_message
    if action not in NEED_ACTIONS or latest is None:
        return
    key = (str(tracker.sender_id), str(getattr(latest, "message_id", None) or id(latest)))
    if key in _recorded:
        return
    _recorded[key] = None
    while len(_recorded) > 1000:
        _recorded.popitem(last=False)
    parse = latest.parse_data or {}
    intent, confidence = best_guess(parse.get("intent_ranking"), parse.get("intent"))
    source = Source(
        channel=tracker.get_latest_input_channel() or "unknown",
        conversation_id=str(tracker.sender_id or ""),
        intent=intent,
        confidence=confidence,
    )
    top = (parse.get("intent") or {}).get("name")
    text = latest.text or ""
    await asyncio.get_running_loop().run_in_executor(None, log_failed_action, action, text, top, source)


def _sign(endpoint: Any, token: str) -> None:
    """Rasa's calls to the action server carry the shared token (the action server refuses others)."""
    if not token or endpoint is None:
        return
    value = f"Bearer {token}"
    headers = dict(endpoint.headers or {})
    if headers.get("Authorization") != value:
        headers["Authorization"] = value
        endpoint.headers = headers


def install() -> None:
    """Wraps RemoteAction.run and the message parser once per process."""
    global _installed
    if _installed:
        return
    from rasa.core.actions.action import ActionExecutionRejection, RemoteAction, create_bot_utterance
    from rasa.core.processor import MessageProcessor
    from rasa.shared.exceptions import RasaException

    from bot.settings import load_settings

    original = RemoteAction.run

    async def run(self: Any, output_channel: Any, nlg: Any, tracker: Any, domain: Any) -> list:
        settings = load_settings()
        timeout = settings.action_timeout_seconds
        _sign(self.action_endpoint, settings.action_server_token)
        if BREAKER.is_open:
            logger.error("Custom action '%s' skipped: the action server could not be reached just now.", self.name())
        else:
            try:
                result = await asyncio.wait_for(original(self, output_channel, nlg, tracker, domain), timeout=timeout)
                BREAKER.succeeded()
                return result
            except ActionExecutionRejection:
                raise
            except (RasaException, asyncio.TimeoutError) as error:
                if _unreachable(error):
                    BREAKER.failed()
                logger.error(
                    "Custom action '%s' failed (%s): answering with %s.",
                    self.name(),
                    type(error).__name__ if isinstance(error, asyncio.TimeoutError) else error,
                    FALLBACK_RESPONSE,
                )
        await _record_need(self.name(), tracker)
        if _said_something_this_turn(tracker):
            return []
        message = await nlg.generate(FALLBACK_RESPONSE, tracker, output_channel.name())
        return [create_bot_utterance(message)] if message else []

    parse_message = MessageProcessor.parse_message

    async def parse(self: Any, message: Any, *args: Any, **kwargs: Any) -> Any:
        parse_data = await parse_message(self, message, *args, **kwargs)
        if isinstance(parse_data, dict) and "entities" in parse_data:
            parse_data["entities"] = safe_entities(parse_data["entities"])
        return parse_data

    RemoteAction.run = run
    MessageProcessor.parse_message = parse
    _installed = True
