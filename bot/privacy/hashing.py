"""Conversation ids as salted hashes: the same id gives the same hash, and the id cannot be read back.

The conversation store and the needs log key conversations by this hash (a messaging channel's
sender id is a phone number). The salt is `NEEDS_SALT`, or a random one made once in
var/needs-salt, readable by its owner only.
"""

from __future__ import annotations

import hmac
import os
import secrets
from hashlib import sha256

from bot.settings import VAR_DIR, load_settings

SALT_FILE = VAR_DIR / "needs-salt"


def _salt(configured: str) -> str:
    if configured:
        return configured
    try:
        return SALT_FILE.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        pass
    SALT_FILE.parent.mkdir(parents=True, exist_ok=True)
    temporary = SALT_FILE.with_name(f".needs-salt-{os.getpid()}-{secrets.token_hex(4)}")
    temporary.write_text(secrets.token_hex(32), encoding="utf-8")
    temporary.chmod(0o600)
    try:
        # A link fails when another process made the salt first: then theirs is used.
        os.link(temporary, SALT_FILE)
    except FileExistsError:
        pass
    finally:
        temporary.unlink()
    return SALT_FILE.read_text(encoding="utf-8").strip()


def conversation_hash(conversation_id: str, salt: str | None = None) -> str:
    """A salted hash of a conversation id: the same id gives the same hash; the id cannot be read back."""
    key = _salt(load_settings().needs_salt if salt is None else salt)
    return hmac.new(key.encode("utf-8"), conversation_id.encode("utf-8", "replace"), sha256).hexdigest()[:32]


def conversation_key(sender_id: str) -> str:
    """The key a conversation is stored under: a salted hash of the sender id."""
    return conversation_hash(sender_id)
