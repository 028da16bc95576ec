"""Redaction time against message length, for hostile shapes: it must grow in a straight line.

    python -m benchmarks.redaction [--lengths 1000,10000,100000,1000000] [--budget 30]

Each shape is a message an attacker can send (capitalised words, runs that look like the start
of an e-mail address, commas and dashes that look like a sign-off, spaces, digits, ordinary
sentences) repeated to the length asked. For each shape and length it prints the seconds that
`bot.privacy.redact` takes and the time per 1,000 characters: when that last figure stays flat
as the length grows, the time is linear. A shape stops growing once one call takes longer than
`--budget` seconds (a quadratic pattern would otherwise run for hours at 1 MB).
"""

from __future__ import annotations

import argparse
import platform
import time
from collections.abc import Callable

from bot.privacy import redact

SENTENCE = (
    "Hi, my name is Jane Doe and my email is jane.doe@example.com. Can you send the parking rules for "
    "St Mary's to 12 High Street, Leeds LS1 4AB? Call 07700 900123. Thanks, Jane - "
)
SHAPES: dict[str, Callable[[int], str]] = {
    "capitalised words": lambda n: ("Ab Cd " * n)[:n],
    "unknown names": lambda n: ("Xq Zv " * n)[:n],
    "names, dashes": lambda n: ("Xq - Zv, " * n)[:n],
    "e-mail start, no @": lambda n: ("a" * n)[:n],
    "dotted run, no TLD": lambda n: ("a@" + "b." * n)[:n],
    "sign-off commas": lambda n: (", Ab" * n)[:n],
    "dashes and x": lambda n: ("- x " * n)[:n],
    "spaces": lambda n: ("a" + " " * n)[:n],
    "digits and spaces": lambda n: ("0 7 " * n)[:n],
    "numbers and words": lambda n: ("12 ab cd " * n)[:n],
    "my name is": lambda n: ("my name is " * n)[:n],
    "ordinary sentences": lambda n: (SENTENCE * (n // len(SENTENCE) + 1))[:n],
}


def measure(text: str) -> float:
    """Seconds for one redaction of `text`."""
    started = time.perf_counter()
    redact(text)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lengths", default="1000,10000,40000,100000,1000000", help="characters, comma separated")
    parser.add_argument("--budget", type=float, default=30.0, help="stop a shape after a call this slow (seconds)")
    args = parser.parse_args(argv)
    lengths = [int(x) for x in args.lengths.split(",")]
    redact("Warm Up the word lists")
    print(f"Redaction time by length ({platform.node()}, {platform.processor() or platform.machine()})")
    print(f"{'shape':22}" + "".join(f"{n:>18,}" for n in lengths))
    for name, make in SHAPES.items():
        row, stopped = [], False
        for n in lengths:
            if stopped:
                row.append(f"{'-':>18}")
                continue
            seconds = measure(make(n))
            stopped = seconds > args.budget
            row.append(f"{seconds:8.3f}s {seconds / n * 1e6:6.2f}µs")
        print(f"{name:22}" + "".join(row), flush=True)
    print("µs: microseconds per character; flat along a row means linear time; - : not run (too slow).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
