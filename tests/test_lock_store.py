"""Rasa's lock store from REDIS_URL: real Redis, memory without it, and a Redis that stops."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from rasa.core.lock_store import LockStore
from rasa.utils.endpoints import read_endpoint_config

from bot.rasa_ext import lock_store as module
from bot.rasa_ext.lock_store import RedisUrlLockStore, redis_options
from tests.tools.private_redis import PrivateRedis

SHARED_REDIS = "redis://127.0.0.1:6379/0"


def test_endpoints_yml_names_our_lock_store(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REDIS_URL", "")
    config = read_endpoint_config(str(root / "endpoints.yml"), "lock_store")
    store = LockStore.create(config)
    assert isinstance(store, RedisUrlLockStore)
    assert store.redis is None  # no REDIS_URL: locks in memory


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("redis://127.0.0.1:6379/0", {"host": "127.0.0.1", "port": 6379, "db": 0, "password": None, "use_ssl": False}),
        ("redis://:s%40cret@cache.internal/3", {"host": "cache.internal", "port": 6379, "db": 3, "password": "s@cret"}),
        ("rediss://user:pw@cache:6380", {"host": "cache", "port": 6380, "username": "user", "use_ssl": True}),
    ],
)
def test_redis_url_becomes_rasas_arguments(url: str, expected: dict) -> None:
    options = redis_options(url)
    assert {k: options[k] for k in expected} == expected


@pytest.mark.parametrize("url", ["127.0.0.1:6379", "http://cache:6379", "redis://"])
def test_a_malformed_redis_url_is_refused_clearly(url: str) -> None:
    with pytest.raises(ValueError, match="REDIS_URL must look like"):
        redis_options(url)


def _serve_twice(store: LockStore, conversation: str) -> list[int]:
    """Two messages of one conversation at once: the lock makes them take turns."""
    order: list[int] = []

    async def handle(n: int) -> None:
        async with store.lock(conversation, lock_lifetime=10, wait_time_in_seconds=0.05):
            order.append(n)
            await asyncio.sleep(0.1)
            order.append(n)

    async def both() -> None:
        await asyncio.gather(handle(1), handle(2))

    asyncio.run(both())
    return order


def test_locks_live_in_the_shared_redis_and_order_two_messages() -> None:
    store = RedisUrlLockStore(url=SHARED_REDIS)
    conversation = f"lock-test-{uuid.uuid4().hex}"
    order = _serve_twice(store, conversation)
    assert order in ([1, 1, 2, 2], [2, 2, 1, 1])  # never interleaved
    lock = store.get_or_create_lock(conversation)
    store.save_lock(lock)
    assert redis.Redis(host="127.0.0.1", port=6379, db=0).exists(f"{module.KEY_PREFIX}:lock:{conversation}")
    store.delete_lock(conversation)
    assert store.get_lock(conversation) is None


@pytest.fixture
def private_redis() -> Iterator[PrivateRedis]:
    """A redis-server of this test's own on a spare port (never the machine's shared one)."""
    server = PrivateRedis()
    server.start()
    yield server
    server.destroy()


def test_redis_going_down_falls_back_to_memory_and_comes_back(private_redis, monkeypatch, caplog) -> None:
    port = private_redis.port
    monkeypatch.setattr(module, "RETRY_REDIS_AFTER_SECONDS", 0.0)
    store = RedisUrlLockStore(url=private_redis.url)
    assert _serve_twice(store, "before") in ([1, 1, 2, 2], [2, 2, 1, 1])
    private_redis.stop()
    # Redis is down: messages are still served, in turn, with an error in the log.
    assert _serve_twice(store, "during") in ([1, 1, 2, 2], [2, 2, 1, 1])
    assert "Redis lock store unavailable" in caplog.text
    private_redis.start()
    lock = store.get_or_create_lock("after")
    store.save_lock(lock)
    assert redis.Redis(port=port).exists(f"{module.KEY_PREFIX}:lock:after")
