"""What the conversation store keeps: users' words redacted, conversation ids hashed.

Rasa's tracker store would otherwise keep every message as typed, and a messaging channel's
sender id is a phone number. `bot/rasa_ext/tracker_store.py` passes every event through
`redact_event` and stores conversations under `conversation_key` (`bot.privacy.hashing`, the
same salted hash as the needs log). The assistant only ever needs the current message in full, and that one is in
memory, not read back from the store.
"""

from __future__ import annotations

from typing import Any

from bot.privacy.redact import redact

# What is stored of one message, at most: longer messages are cut first, with a marker, so the
# store (and the redaction before it) never handles more than this, whatever a client sends.
STORED_TEXT_LIMIT = 2000
CUT_MARKER = " [… {more:,} more characters not stored]"
# Set by Rasa from the client's `metadata` at the start of a session (an address, a name…).
CLIENT_METADATA_SLOT = "session_started_metadata"


def cut(text: str, limit: int = STORED_TEXT_LIMIT) -> str:
    """`text`, or its first `limit` characters and a marker saying how many more there were."""
    if len(text) <= limit:
        return text
    return text[:limit] + CUT_MARKER.format(more=len(text) - limit)


def _redacted_text(text: str) -> str:
    return redact(cut(text)).text


def _redacted(value: Any) -> Any:
    if isinstance(value, str):
        return _redacted_text(value)
    if isinstance(value, list):
        return [_redacted(v) for v in value[:STORED_TEXT_LIMIT]]
    if isinstance(value, dict):
        return {k: _redacted(v) for k, v in list(value.items())[:STORED_TEXT_LIMIT]}
    return value


def redact_event(data: dict[str, Any]) -> dict[str, Any]:
    """A copy of one serialised Rasa event with the user's words cut and redacted.

    User messages lose personal details in their text, parse data and entity values (text
    longer than `STORED_TEXT_LIMIT` is cut first, with a marker). The client's metadata (which
    can hold a phone number, an address or a name) is dropped from every event but the bot's
    own, and the slot Rasa copies it into is stored empty. Other slot values are redacted,
    since some hold the user's words (search words, what was missing). The bot's own
    messages, actions and everything else are kept as they are.
    """
    kind = data.get("event")
    if kind != "bot" and data.get("metadata"):
        data = dict(data, metadata={})
    if kind == "user":
        data = dict(data)
        text = data.get("text")
        stored = _redacted_text(text) if isinstance(text, str) else text
        if isinstance(text, str):
            data["text"] = stored
        parse = dict(data.get("parse_data") or {})
        if isinstance(parse.get("text"), str):
            # Usually the same text: redacted once.
            parse["text"] = stored if parse["text"] == text else _redacted_text(parse["text"])
        if parse.get("entities"):
            parse["entities"] = [
                dict(e, value=_redacted(e.get("value"))) if isinstance(e, dict) else e for e in parse["entities"][:100]
            ]
        if parse.get("metadata"):
            parse["metadata"] = {}
        if parse:
            data["parse_data"] = parse
        return data
    if kind == "slot" and data.get("name") == CLIENT_METADATA_SLOT:
        return dict(data, value=None)
    if kind == "slot" and data.get("name") != "requested_slot":
        return dict(data, value=_redacted(data.get("value")))
    return data
