"""Never silence when the action server is down, slow or failing.

Stock Rasa 3.6 waits up to 300 s for the action server and, when it cannot reach it, sends the
user nothing (DESIGN.md, known traps). `install()` wraps Rasa's `RemoteAction.run`: a call that
fails, or takes longer than `ACTION_TIMEOUT_SECONDS`, ends with the `utter_technical_difficulty`
response instead, unless the turn already said something (a knowledge answer followed by a
failed "Was this helpful?" stays as it is). Form validation rejections are Rasa's control flow
and pass through untouched.

Rasa offers no hook for this, so the project's tracker store (bot/rasa_ext/tracker_store.py),
which every Rasa server of this project creates at start (endpoints.yml), calls `install()`.
"""

from __future__ import annotations

import asyncio
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


def install() -> None:
    """Wraps RemoteAction.run once per process."""
    global _installed
    if _installed:
        return
    from rasa.core.actions.action import ActionExecutionRejection, RemoteAction, create_bot_utterance
    from rasa.shared.exceptions import RasaException

    from bot.settings import load_settings

    original = RemoteAction.run

    async def run(self: Any, output_channel: Any, nlg: Any, tracker: Any, domain: Any) -> list:
        timeout = load_settings().action_timeout_seconds
        if BREAKER.is_open:
            logger.error("Custom action '%s' skipped: the action server failed just now.", self.name())
        else:
            try:
                result = await asyncio.wait_for(original(self, output_channel, nlg, tracker, domain), timeout=timeout)
                BREAKER.succeeded()
                return result
            except ActionExecutionRejection:
                raise
            except (RasaException, asyncio.TimeoutError) as error:
                BREAKER.failed()
                logger.error(
                    "Custom action '%s' failed (%s): answering with %s.", self.name(), error, FALLBACK_RESPONSE
                )
        if _said_something_this_turn(tracker):
            return []
        message = await nlg.generate(FALLBACK_RESPONSE, tracker, output_channel.name())
        return [create_bot_utterance(message)] if message else []

    RemoteAction.run = run
    _installed = True
