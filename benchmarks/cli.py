"""How long the command line takes to answer, for the commands that need no trained model.

    python -m benchmarks.cli [--runs 5]

Each command runs as people run it (`python -m bot …`, a new process each time) on a SQLite
database of its own, holding the catalogue and the synthetic batch of needs
(tests/data/needs_sample.yml). Reported per command: the median wall time and CPU time of
`--runs` runs (the CPU time is what an idle machine would take; the wall time includes waiting
for the other work on the machine). Part of `make bench`; aim: under 2 s each.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from benchmarks.sample_needs import load_sample
from tests.conftest import ROOT

COMMANDS = [
    ["--help"],
    ["db", "upgrade"],
    ["catalogue", "list"],
    ["catalogue", "search", "fish bowl worksheet"],
    ["catalogue", "search", "have you got the gap analysis tool", "--json"],
    ["needs", "report"],
    ["needs", "export", "--format", "json"],
]
AIM_SECONDS = 2.0


def run(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one `python -m bot` run; fails if the command fails."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "bot", *command], cwd=ROOT, env=env, capture_output=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"bot {' '.join(command)} failed: {done.stderr.decode(errors='replace')[-2000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-cli-") as tmp:
        url = f"sqlite:///{Path(tmp) / 'cli.db'}"
        env = dict(os.environ, DATABASE_URL=url, NEEDS_SPOOL=str(Path(tmp) / "spool.jsonl"), PYTHONPATH=str(ROOT))
        run(["catalogue", "load"], env)
        from bot.db import get_engine

        engine = get_engine(url)
        needs, feedback = load_sample(engine, datetime.now(timezone.utc), Path(tmp) / "spool.jsonl")
        engine.dispose()
        print(f"Database: the catalogue, {needs} needs and {feedback} feedback rows; {args.runs} runs each")
        print(f"Machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at the start\n")
        print("| command | wall p50 (s) | CPU p50 (s) | aim |")
        print("|---|---|---|---|")
        for command in COMMANDS:
            results = [run(command, env) for _ in range(args.runs)]
            wall = statistics.median(r[0] for r in results)
            cpu = statistics.median(r[1] for r in results)
            verdict = "met" if wall < AIM_SECONDS else f"not met ({wall / AIM_SECONDS:.2f}x)"
            print(f"| `python -m bot {' '.join(command)}` | {wall:.2f} | {cpu:.2f} | {verdict} |", flush=True)
        print(f"\nLoad average at the end: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
