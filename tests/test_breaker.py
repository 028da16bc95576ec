"""The circuit breaker every fallback shares (bot/breaker.py)."""

from __future__ import annotations

from bot.breaker import Breaker, Breakers


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_breaker_opens_after_a_failure_for_its_seconds_then_closes() -> None:
    clock = Clock()
    breaker = Breaker(5.0, clock=clock)
    assert not breaker.is_open
    breaker.failed()
    assert breaker.is_open
    clock.now += 4.9
    assert breaker.is_open
    clock.now += 0.2
    assert not breaker.is_open


def test_a_success_closes_it_at_once() -> None:
    breaker = Breaker(60.0)
    breaker.failed()
    breaker.succeeded()
    assert not breaker.is_open


def test_breakers_keep_one_per_key() -> None:
    breakers = Breakers(60.0)
    breakers["postgresql://a"].failed()
    assert breakers["postgresql://a"].is_open
    assert not breakers["postgresql://b"].is_open
    breakers.clear()
    assert not breakers["postgresql://a"].is_open
