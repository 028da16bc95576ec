"""A circuit breaker: after a failure, skip the thing that failed for a few seconds.

A database, Redis or an action server that is down must not make every reply wait for its
time-out. After a failure the breaker opens: callers go straight to their fallback (the needs
spool, a lock in memory, "something went wrong") until `seconds` have passed, then try again.
Each process keeps its own breakers; one per thing that can fail (one per database URL, say).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class Breaker:
    """Open for `seconds` after each failure; closed again after a success.

    Args:
        seconds: how long to skip the thing after it failed.
        clock: the time source (monotonic seconds), for tests.
    """

    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self._clock = clock
        self._open_until = 0.0
        self._lock = threading.Lock()

    @property
    def is_open(self) -> bool:
        """Whether callers should skip the thing now."""
        with self._lock:
            return self._clock() < self._open_until

    def failed(self) -> None:
        """Opens the breaker for `seconds` from now."""
        with self._lock:
            self._open_until = self._clock() + self.seconds

    def succeeded(self) -> None:
        """Closes the breaker."""
        with self._lock:
            self._open_until = 0.0


class Breakers:
    """One breaker per key (a database URL, say), made on first use."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._breakers: dict[str, Breaker] = {}
        self._lock = threading.Lock()

    def __getitem__(self, key: str) -> Breaker:
        with self._lock:
            breaker = self._breakers.get(key)
            if breaker is None:
                breaker = self._breakers[key] = Breaker(self.seconds)
            return breaker

    def clear(self) -> None:
        """Forgets every breaker (all closed)."""
        with self._lock:
            self._breakers.clear()
