"""The supervisor of `python -m bot serve`: replicas' servers restart with growing waits; others stop everything."""

from __future__ import annotations

import sys
import time

from bot.ops.supervisor import Child, check

SLEEPER = [sys.executable, "-c", "import time; time.sleep(60)"]
FAILER = [sys.executable, "-c", "raise SystemExit(3)"]


def _started(name: str, command: list[str], restartable: bool) -> Child:
    child = Child(name, command, restartable)
    child.start()
    return child


def _wait_stopped(child: Child) -> None:
    assert child.process is not None
    child.process.wait(timeout=30)


def _end(*children: Child) -> None:
    for child in children:
        if child.process is not None and child.process.poll() is None:
            child.process.kill()
            child.process.wait()


def test_a_replica_server_that_stops_is_started_again_after_the_first_wait() -> None:
    said: list[str] = []
    replica = _started("Rasa server :5006", FAILER, restartable=True)
    other = _started("Rasa server :5005", SLEEPER, restartable=True)
    try:
        _wait_stopped(replica)
        now = time.monotonic()
        assert check([replica, other], now, delays=(2.0, 5.0), say=said.append) is None
        assert said == ["The Rasa server :5006 stopped (exit 3); the others go on. It starts again in 2 s."]
        assert replica.restart_at == now + 2.0
        first = replica.process
        assert check([replica, other], now + 1.0, delays=(2.0, 5.0), say=said.append) is None
        assert replica.process is first  # not yet
        assert check([replica, other], now + 2.0, delays=(2.0, 5.0), say=said.append) is None
        assert replica.process is not first
        assert said[-1] == "Starting the Rasa server :5006 again."
        assert other.running
    finally:
        _end(replica, other)


def test_quick_failures_wait_longer_each_time_and_then_stop_everything() -> None:
    said: list[str] = []
    replica = _started("action server :5056", FAILER, restartable=True)
    try:
        now = replica.started
        waits = []
        for _ in range(2):
            _wait_stopped(replica)
            assert check([replica], now, delays=(1.0, 4.0), say=said.append) is None
            assert replica.restart_at is not None
            waits.append(replica.restart_at - now)
            now = replica.restart_at
            check([replica], now, delays=(1.0, 4.0), say=said.append)  # started again
        assert waits == [1.0, 4.0]
        _wait_stopped(replica)
        assert check([replica], now, delays=(1.0, 4.0), say=said.append) == 1
        assert "keeps stopping" in said[-1]
    finally:
        _end(replica)


def test_a_server_that_ran_long_enough_gets_the_shortest_wait_again() -> None:
    replica = _started("Rasa server :5006", FAILER, restartable=True)
    try:
        replica.quick_failures = 2
        _wait_stopped(replica)
        assert check([replica], replica.started + 600, delays=(1.0, 4.0, 9.0), stable=300, say=lambda _: None) is None
        assert replica.restart_at == replica.started + 600 + 1.0
    finally:
        _end(replica)


def test_a_server_without_a_twin_stops_everything() -> None:
    said: list[str] = []
    web = _started("web process :8000", FAILER, restartable=False)
    replica = _started("Rasa server :5005", SLEEPER, restartable=True)
    try:
        _wait_stopped(web)
        assert check([replica, web], time.monotonic(), say=said.append) == 1
        assert said == ["The web process :8000 stopped unexpectedly (exit 3); stopping the others."]
    finally:
        _end(web, replica)


def test_running_servers_are_left_alone() -> None:
    said: list[str] = []
    replica = _started("Rasa server :5005", SLEEPER, restartable=True)
    try:
        first = replica.process
        assert check([replica], time.monotonic() + 1000, say=said.append) is None
        assert replica.process is first
        assert replica.running
        assert said == []
    finally:
        _end(replica)
