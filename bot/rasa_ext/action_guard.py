"""Never silence when the action server is down, slow or failing.

Stock Rasa 3.6 waits up to 300 s for the action server and, when it cannot reach it, sends the
user nothing (DESIGN.md, known traps). `install()` wraps Rasa's `RemoteAction.run`: a call that
fails, or takes longer than `ACTION_TIMEOUT_SECONDS`, ends with the `utter_technical_difficulty`
response instead, unless the turn already said something (a knowledge answer followed by a
failed "Was this helpful?" stays as it is). Form validation rejections are Rasa's control flow
and pass through untouched.

Rasa offers no hook for this, so the wrapper is installed when the project's Rasa extensions
are imported (bot/rasa_ext/__init__.py), which every Rasa server of this project does at start.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

logger = logging.getLogger(__name__)

FALLBACK_RESPONSE = "utter_technical_difficulty"
# After a failure, calls in the next few seconds fail at once instead of each waiting the timeout.
RETRY_AFTER_SECONDS = 5.0
_installed = False
_down_until = 0.0


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
        global _down_until
        timeout = load_settings().action_timeout_seconds
        if time.monotonic() < _down_until:
            logger.error("Custom action '%s' skipped: the action server failed just now.", self.name())
        else:
            try:
                result = await asyncio.wait_for(original(self, output_channel, nlg, tracker, domain), timeout=timeout)
                _down_until = 0.0
                return result
            except ActionExecutionRejection:
                raise
            except (RasaException, asyncio.TimeoutError) as error:
                _down_until = time.monotonic() + RETRY_AFTER_SECONDS
                logger.error(
                    "Custom action '%s' failed (%s): answering with %s.", self.name(), error, FALLBACK_RESPONSE
                )
        if _said_something_this_turn(tracker):
            return []
        message = await nlg.generate(FALLBACK_RESPONSE, tracker, output_channel.name())
        return [create_bot_utterance(message)] if message else []

    RemoteAction.run = run
    _installed = True
