"""Replies for channels without buttons (SMS, WhatsApp): options as a numbered list, and "2" as the second.

The widget shows buttons; a text message cannot. `numbered_text` writes the options under the
message, and `OptionMemory` remembers each sender's last options, so a reply of "2" sends what
the second button would have sent.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

REPLY_HINT = "Reply with a number, or type your question."
MAX_SENDERS = 10_000
KEEP_SECONDS = 3600.0


def numbered_text(text: str, buttons: Sequence[dict[str, Any]]) -> str:
    """The message with its buttons as a numbered list ("1. What is co-production?")."""
    titles = [str(b.get("title") or b.get("payload") or "").strip() for b in buttons]
    options = "\n".join(f"{i}. {title}" for i, title in enumerate(titles, 1) if title)
    if not options:
        return text
    return f"{text.rstrip()}\n\n{options}\n{REPLY_HINT}" if text.strip() else f"{options}\n{REPLY_HINT}"


class OptionMemory:
    """Each sender's last options, for a while (thread-safe, bounded)."""

    def __init__(self, max_senders: int = MAX_SENDERS, keep_seconds: float = KEEP_SECONDS) -> None:
        """Keeps at most `max_senders` senders' options, each for `keep_seconds`."""
        self._options: OrderedDict[str, tuple[float, list[str]]] = OrderedDict()
        self._lock = threading.Lock()
        self._max = max_senders
        self._keep = keep_seconds

    def remember(self, sender: str, buttons: Sequence[dict[str, Any]]) -> None:
        """Stores the payloads of the options just sent to `sender`."""
        payloads = [str(b.get("payload") or b.get("title") or "") for b in buttons]
        with self._lock:
            self._options.pop(sender, None)
            self._options[sender] = (time.monotonic(), payloads)
            while len(self._options) > self._max:
                self._options.popitem(last=False)

    def resolve(self, sender: str, text: str) -> str:
        """The payload for a reply like "2" (or "2."), else the text unchanged."""
        choice = text.strip().rstrip(".)")
        if not choice.isdigit():
            return text
        with self._lock:
            stored = self._options.get(sender)
        if stored is None or time.monotonic() - stored[0] > self._keep:
            return text
        index = int(choice) - 1
        return stored[1][index] if 0 <= index < len(stored[1]) and stored[1][index] else text
