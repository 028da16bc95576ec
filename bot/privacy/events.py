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


def _redacted(value: Any) -> Any:
    if isinstance(value, str):
        return redact(value).text
    if isinstance(value, list):
        return [_redacted(v) for v in value]
    if isinstance(value, dict):
        return {k: _redacted(v) for k, v in value.items()}
    return value


def redact_event(data: dict[str, Any]) -> dict[str, Any]:
    """A copy of one serialised Rasa event with the user's words redacted.

    User messages lose personal details in their text, parse data and entity values, and their
    channel metadata (which can hold a phone number) is dropped. Slot values are redacted, since
    some hold the user's words (search words, what was missing). The bot's own messages, actions
    and everything else are kept as they are.
    """
    kind = data.get("event")
    if kind == "user":
        data = dict(data)
        if isinstance(data.get("text"), str):
            data["text"] = redact(data["text"]).text
        parse = dict(data.get("parse_data") or {})
        if isinstance(parse.get("text"), str):
            parse["text"] = redact(parse["text"]).text
        if parse.get("entities"):
            parse["entities"] = [
                dict(e, value=_redacted(e.get("value"))) if isinstance(e, dict) else e for e in parse["entities"]
            ]
        if parse.get("metadata"):
            parse["metadata"] = {}
        if parse:
            data["parse_data"] = parse
        if data.get("metadata"):
            data["metadata"] = {}
        return data
    if kind == "slot" and data.get("name") != "requested_slot":
        return dict(data, value=_redacted(data.get("value")))
    return data
