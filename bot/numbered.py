"""Replies for channels without buttons (SMS, WhatsApp): one text per turn, its options as one numbered list.

The widget shows buttons; a text message cannot. `compose_turn` takes everything the assistant
said in one turn (several messages, each perhaps with buttons) and writes it as text: the
messages in order, then every option of the turn in one numbered list, in the order they were
shown, so "1" always means the first option the person can see. Text longer than a part allows
is split at paragraph ends, then at sentence ends, so each part (and the first above all) reads
on its own, and each part is labelled "(1/3)" because texts can arrive out of order.

An `OptionStore` remembers each sender's last options, so a reply of "2" sends what the second
button would have sent. `OptionMemory` keeps them in this process's memory; `RedisOptionStore`
keeps them in Redis when `REDIS_URL` is set, so that any replica can answer the next message.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

logger = logging.getLogger(__name__)

REPLY_HINT = "Reply with a number, or type your question."
MAX_SENDERS = 10_000
KEEP_SECONDS = 3600.0
# Twilio accepts at most 1,600 characters in a message body, and advises SMS of 320 or fewer
# for the best delivery (docs/channels.md). WhatsApp shows one long message as one bubble.
SMS_PART_CHARS = 320
WHATSAPP_PART_CHARS = 1600
PART_LABEL = " ({index}/{total})"
_LABEL_ROOM = len(PART_LABEL.format(index=99, total=99))
# A sentence ends with . ! or ? (perhaps followed by a closing quote or bracket) and a space.
_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"')\]]))\s+")


@dataclass(frozen=True)
class Option:
    """One button as a numbered option: what it says and what choosing it sends."""

    title: str
    payload: str


@dataclass(frozen=True)
class TextTurn:
    """A turn written for a text channel.

    Attributes:
        parts: the texts to send, in order (each within the part limit).
        options: every option of the turn, numbered from 1 in this order.
    """

    parts: tuple[str, ...]
    options: tuple[Option, ...]

    @property
    def payloads(self) -> tuple[str, ...]:
        """What each numbered reply sends, in order."""
        return tuple(option.payload for option in self.options)


def part_limit(recipient: str) -> int:
    """The longest text to send in one part to `recipient` (WhatsApp ids start with "whatsapp:")."""
    return WHATSAPP_PART_CHARS if recipient.startswith("whatsapp:") else SMS_PART_CHARS


def _options(buttons: Iterable[Mapping[str, Any]] | None) -> list[Option]:
    found = []
    for button in buttons or ():
        title = str(button.get("title") or button.get("payload") or "").strip()
        payload = str(button.get("payload") or button.get("title") or "").strip()
        if title and payload:
            found.append(Option(title, payload))
    return found


def _message_text(message: Mapping[str, Any]) -> str:
    text = message.get("text")
    lines = [text.strip()] if isinstance(text, str) and text.strip() else []
    image = message.get("image")
    if isinstance(image, str) and image.strip():
        lines.append(image.strip())
    return "\n".join(lines)


def numbered_list(options: Sequence[Option]) -> str:
    """The options as "1. Title" lines and the hint to reply with a number; empty with no options."""
    if not options:
        return ""
    lines = [f"{number}. {option.title}" for number, option in enumerate(options, 1)]
    return "\n".join([*lines, REPLY_HINT])


def numbered_text(text: str, buttons: Sequence[Mapping[str, Any]]) -> str:
    """One message with its buttons as a numbered list under it ("1. What is co-production?")."""
    listed = numbered_list(_options(buttons))
    return "\n\n".join(part for part in (text.strip(), listed) if part)


def _pieces(block: str, limit: int) -> list[tuple[str, str]]:
    """A block too long for one part, as (separator, text) pieces: its lines, then sentences, then words."""
    pieces: list[tuple[str, str]] = []
    for line_number, line in enumerate(block.split("\n")):
        line_separator = "\n" if line_number else ""
        if len(line) <= limit:
            pieces.append((line_separator, line))
            continue
        for sentence_number, sentence in enumerate(s for s in _SENTENCE_END.split(line) if s):
            separator = " " if sentence_number else line_separator
            if len(sentence) <= limit:
                pieces.append((separator, sentence))
                continue
            # One sentence longer than a part: split between words (a single word only if it must).
            for word_number, word in enumerate(sentence.split(" ")):
                word_separator = " " if word_number else separator
                while len(word) > limit:
                    pieces.append((word_separator, word[:limit]))
                    word, word_separator = word[limit:], ""
                pieces.append((word_separator, word))
    return pieces


def _pack(units: list[tuple[str, str]], limit: int, parts: list[str]) -> None:
    """Adds the units to the parts: joined while they fit, a new part when the next does not."""
    for separator, text in units:
        if parts and len(parts[-1]) + len(separator) + len(text) <= limit:
            parts[-1] += separator + text
        else:
            parts.append(text)


def split_text(text: str, limit: int) -> list[str]:
    """`text` in parts of at most `limit` characters, split at paragraph ends, else at sentence ends.

    A paragraph (text between blank lines) that fits in a part is never split; one that does not
    is split at line ends, then sentence ends, and only a sentence longer than a part between words.
    """
    text = text.strip()
    if len(text) <= limit:
        return [text] if text else []
    parts: list[str] = []
    for block in (b.strip() for b in re.split(r"\n\s*\n", text)):
        if not block:
            continue
        if len(block) <= limit:
            if parts and len(parts[-1]) + 2 + len(block) <= limit:
                parts[-1] += "\n\n" + block
            else:
                parts.append(block)
            continue
        pieces = _pieces(block, limit)
        first_separator, first_text = pieces[0]
        pieces[0] = ("\n\n" if parts else first_separator, first_text)
        _pack(pieces, limit, parts)
    return parts


def compose_turn(messages: Iterable[Mapping[str, Any]], limit: int = SMS_PART_CHARS) -> TextTurn:
    """A turn's messages as text parts with one numbered list of all their options.

    Args:
        messages: what the assistant sent, in order, as Rasa's output channels describe a message
            ("text", "buttons" or "quick_replies", "image"); other kinds are left out.
        limit: the longest part, in characters.

    Returns:
        The parts to send in order, and the options their numbers stand for.
    """
    texts: list[str] = []
    options: list[Option] = []
    for message in messages:
        text = _message_text(message)
        if text:
            texts.append(text)
        options += _options(message.get("buttons") or message.get("quick_replies"))
    whole = "\n\n".join([*texts, numbered_list(options)]).strip()
    if len(whole) <= limit:
        return TextTurn((whole,) if whole else (), tuple(options))
    parts = split_text(whole, limit - _LABEL_ROOM)
    total = len(parts)
    labelled = tuple(part + PART_LABEL.format(index=i, total=total) for i, part in enumerate(parts, 1))
    return TextTurn(labelled, tuple(options))


class OptionStore(Protocol):
    """Where each sender's last numbered options are kept between their messages."""

    def remember(self, sender: str, payloads: Sequence[str]) -> None:
        """Stores what each number means for `sender` now; no payloads forgets their options."""

    def resolve(self, sender: str, text: str) -> str:
        """The payload for a reply like "2", else the text unchanged."""


def choice_number(text: str) -> int | None:
    """The number in a reply like "2", " 2. " or "2)"; None for anything else."""
    choice = text.strip().rstrip(".)").strip()
    return int(choice) if choice.isdigit() and len(choice) <= 3 else None


class OptionMemory:
    """Each sender's last options in this process's memory, for a while (thread-safe, bounded)."""

    def __init__(self, max_senders: int = MAX_SENDERS, keep_seconds: float = KEEP_SECONDS) -> None:
        """Keeps at most `max_senders` senders' options, each for `keep_seconds`."""
        self._options: OrderedDict[str, tuple[float, tuple[str, ...]]] = OrderedDict()
        self._lock = threading.Lock()
        self._max = max_senders
        self._keep = keep_seconds

    def remember(self, sender: str, payloads: Sequence[str]) -> None:
        """Stores the payloads of the options just sent to `sender` (none: forgets them)."""
        with self._lock:
            self._options.pop(sender, None)
            if not payloads:
                return
            self._options[sender] = (time.monotonic(), tuple(str(p) for p in payloads))
            while len(self._options) > self._max:
                self._options.popitem(last=False)

    def resolve(self, sender: str, text: str) -> str:
        """The payload for a reply like "2" (or "2."), else the text unchanged."""
        number = choice_number(text)
        if number is None:
            return text
        with self._lock:
            stored = self._options.get(sender)
        if stored is None or time.monotonic() - stored[0] > self._keep:
            return text
        index = number - 1
        return stored[1][index] if 0 <= index < len(stored[1]) and stored[1][index] else text


class RedisOptionStore:
    """Each sender's last options in Redis, so any replica can answer the next message.

    Keys hold a salted hash of the sender (a phone number), never the number itself, and expire
    after `keep_seconds`. While Redis cannot be reached, this process's memory stands in (a
    breaker skips Redis for a few seconds after a failure), so a reply is never lost.
    """

    KEY_PREFIX = "coprod:options:"

    def __init__(self, url: str, keep_seconds: float = KEEP_SECONDS, retry_after_seconds: float = 5.0) -> None:
        """Connects lazily to the Redis at `url` (redis://host:port/db)."""
        import redis

        from bot.breaker import Breaker

        self._redis = redis.Redis.from_url(url, socket_timeout=2.0, socket_connect_timeout=2.0)
        self._errors: tuple[type[Exception], ...] = (redis.RedisError,)
        self._keep = keep_seconds
        self._memory = OptionMemory(keep_seconds=keep_seconds)
        self.breaker = Breaker(retry_after_seconds)

    def _key(self, sender: str) -> str:
        from bot.privacy import conversation_key

        return self.KEY_PREFIX + conversation_key(sender)

    def remember(self, sender: str, payloads: Sequence[str]) -> None:
        """Stores what each number means for `sender` now (none: forgets them)."""
        self._memory.remember(sender, payloads)
        if self.breaker.is_open:
            return
        try:
            if payloads:
                value = json.dumps([str(p) for p in payloads])
                self._redis.set(self._key(sender), value, ex=max(1, int(self._keep)))
            else:
                self._redis.delete(self._key(sender))
        except self._errors as error:
            self.breaker.failed()
            logger.error("Redis option store unavailable (%s); using this process's memory for now.", error)

    def resolve(self, sender: str, text: str) -> str:
        """The payload for a reply like "2", else the text unchanged."""
        number = choice_number(text)
        if number is None:
            return text
        if not self.breaker.is_open:
            try:
                raw = self._redis.get(self._key(sender))
            except self._errors as error:
                self.breaker.failed()
                logger.error("Redis option store unavailable (%s); using this process's memory for now.", error)
            else:
                payloads = json.loads(raw) if raw else []
                index = number - 1
                return payloads[index] if 0 <= index < len(payloads) and payloads[index] else text
        return self._memory.resolve(sender, text)


def option_store(redis_url: str = "") -> OptionStore:
    """The store for numbered options: Redis when `REDIS_URL` is set (several replicas), else memory."""
    return RedisOptionStore(redis_url) if redis_url else OptionMemory()
