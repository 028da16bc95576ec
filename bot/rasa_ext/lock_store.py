"""Rasa's lock store from the project's settings: Redis when `REDIS_URL` is set, in memory otherwise.

Several Rasa replicas must not work on one conversation at the same time; Rasa's Redis lock
store orders them. Rasa's own takes a host name, port, db and password, not a `redis://` URL
(DESIGN.md), and aborts on an unset `${VAR}` in endpoints.yml, so endpoints.yml names this
class and the URL comes from bot/settings.py.

If Redis stops answering, the lock falls back to this process's memory (with an error in the
log) and goes back to Redis when it answers again: conversations carry on, and only two
messages of the same conversation arriving at two replicas at once could then cross.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import unquote, urlparse

from rasa.core.lock import TicketLock
from rasa.core.lock_store import InMemoryLockStore, LockStore, RedisLockStore

from bot.breaker import Breaker
from bot.settings import load_settings

logger = logging.getLogger(__name__)

RETRY_REDIS_AFTER_SECONDS = 5.0
KEY_PREFIX = "coprod"


def redis_options(url: str) -> dict[str, Any]:
    """RedisLockStore's arguments from a `redis://[user:password@]host[:port][/db]` URL (`rediss://` for TLS)."""
    parsed = urlparse(url)
    if parsed.scheme not in ("redis", "rediss") or not parsed.hostname:
        raise ValueError(f"REDIS_URL must look like redis://host:6379/0, not {url!r}")
    path = parsed.path.strip("/")
    return {
        "host": parsed.hostname,
        "port": parsed.port or 6379,
        "db": int(path) if path else 0,
        "username": unquote(parsed.username) if parsed.username else None,
        "password": unquote(parsed.password) if parsed.password else None,
        "use_ssl": parsed.scheme == "rediss",
        "key_prefix": KEY_PREFIX,
        "socket_timeout": 2.0,
    }


class RedisUrlLockStore(LockStore):
    """Redis (REDIS_URL) or in-memory ticket locks, falling back to memory while Redis is down."""

    def __init__(self, endpoint_config: Any = None, url: str | None = None) -> None:
        """Connects to `url` (default: REDIS_URL); no URL means in-memory locks."""
        url = load_settings().redis_url if url is None else url
        self.redis: RedisLockStore | None = RedisLockStore(**redis_options(url)) if url else None
        self.memory = InMemoryLockStore()
        self.breaker = Breaker(RETRY_REDIS_AFTER_SECONDS)
        super().__init__()

    def _call(self, name: str, *args: Any) -> Any:
        import redis

        if self.redis is not None and not self.breaker.is_open:
            try:
                return getattr(self.redis, name)(*args)
            except redis.RedisError as error:
                self.breaker.failed()
                logger.error("Redis lock store unavailable (%s); using this process's memory for now.", error)
        return getattr(self.memory, name)(*args)

    def get_lock(self, conversation_id: str) -> TicketLock | None:
        """The conversation's lock."""
        return self._call("get_lock", conversation_id)

    def delete_lock(self, conversation_id: str) -> None:
        """Deletes the conversation's lock."""
        self._call("delete_lock", conversation_id)

    def save_lock(self, lock: TicketLock) -> None:
        """Stores the conversation's lock."""
        self._call("save_lock", lock)
