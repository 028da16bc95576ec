"""Keeps the servers that `python -m bot serve` starts running, as a service manager would.

A Rasa server, an action server or the web process that stops is started again after a short
wait, longer each time it fails quickly: in the production layout nginx sends its traffic to the
other replicas meanwhile; with one replica (`make run`) Rasa apologises while its action server
is away. A server that keeps failing, or nginx (nothing covers for it), stops everything with
exit code 1, so the failure is seen rather than hidden.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

# Waits before each restart of a server that failed again soon after its last start.
RESTART_DELAYS: tuple[float, ...] = (1.0, 2.0, 5.0, 10.0, 30.0)
# A server that ran this long before stopping counts as healthy: its next restart waits the least.
STABLE_SECONDS = 300.0


@dataclass
class Child:
    """One server process, and how to start it again.

    Attributes:
        name: how messages name it ("Rasa server :5006").
        command: its command line.
        restartable: False only for nginx (see the module's docstring).
        cwd: its working folder.
        env: its environment (None: ours).
        process: the running (or stopped) process.
        started: when it was last started (time.monotonic()).
        quick_failures: how many times in a row it stopped within STABLE_SECONDS of starting.
        restart_at: when it is due to start again, while it is waiting.
    """

    name: str
    command: list[str]
    restartable: bool
    cwd: Path | None = None
    env: dict[str, str] | None = None
    process: subprocess.Popen[bytes] | None = None
    started: float = 0.0
    quick_failures: int = 0
    restart_at: float | None = None

    def start(self, now: float | None = None) -> None:
        """Starts the process in its own session, so Ctrl-C reaches only `serve`."""
        self.process = subprocess.Popen(self.command, cwd=self.cwd, env=self.env, start_new_session=True)
        self.started = time.monotonic() if now is None else now
        self.restart_at = None

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None


def check(
    children: Sequence[Child],
    now: float,
    delays: Sequence[float] = RESTART_DELAYS,
    stable: float = STABLE_SECONDS,
    say: Callable[[str], None] = lambda message: print(message, file=sys.stderr, flush=True),
) -> int | None:
    """One look at the servers: restarts what is due, schedules what stopped.

    Returns:
        1 when everything must stop (a server that cannot be restarted stopped, or one failed
        quickly more often than `delays` allows); None while the assistant can go on.
    """
    for child in children:
        if child.process is None:
            continue
        if child.restart_at is not None:
            if now >= child.restart_at:
                say(f"Starting the {child.name} again.")
                child.start(now)
            continue
        code = child.process.poll()
        if code is None:
            continue
        if not child.restartable:
            say(f"The {child.name} stopped unexpectedly (exit {code}); stopping the others.")
            return 1
        if now - child.started >= stable:
            child.quick_failures = 0
        if child.quick_failures >= len(delays):
            say(
                f"The {child.name} keeps stopping (exit {code}, {child.quick_failures + 1} times in a row); "
                "stopping the others. See the messages above."
            )
            return 1
        delay = delays[child.quick_failures]
        child.quick_failures += 1
        child.restart_at = now + delay
        say(f"The {child.name} stopped (exit {code}); the others go on. It starts again in {delay:g} s.")
    return None


def supervise(children: Sequence[Child], poll_seconds: float = 0.5) -> int:
    """Watches the servers until one that cannot be restarted stops; returns the exit code (1)."""
    while True:
        result = check(children, time.monotonic())
        if result is not None:
            return result
        time.sleep(poll_seconds)
