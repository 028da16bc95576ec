"""A soak: the production layout (two replicas behind nginx, PostgreSQL, Redis) under a steady
load for a long time, to show that it makes no errors and that its memory does not grow
(`make bench-soak`; loopback only; not part of `make test`).

    python -m benchmarks.soak [--users 20] [--minutes 30] [--output var/results/soak.md]

The users run the same realistic conversations as `make bench-load`, in windows of a minute.
After each window it records the window's figures and the memory (resident set size) of every
server: each Rasa server, each action server, the web process and nginx. It reports the memory
after the first window (warm) and at the end, and the growth per 10 minutes over the second half,
when start-up and caches have settled: a leak shows there. A server that restarted during the
soak (a new process) counts as a failure. It takes `--minutes` plus about two minutes to start,
so run it in the background:

    nohup make bench-soak > var/bench-soak.log 2>&1 &
"""

from __future__ import annotations

import argparse
import os
import platform
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from benchmarks.load import (
    CONVERSATION,
    _stop,
    _tree,
    layout_env,
    run_level,
    start_layout,
)
from tests.conftest import ROOT, temporary_database

WINDOW_SECONDS = 60.0


def rss_mb(pids: list[int]) -> float:
    """Resident memory of these processes, in MB (from /proc)."""
    total_kb = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total_kb += int(line.split()[1])
        except (OSError, ValueError):
            continue
    return total_kb / 1024


def servers(serve_pid: int) -> dict[str, int]:
    """The servers that `bot serve` started, by name, with their process ids."""
    found: dict[str, int] = {}
    for pid in _tree(serve_pid):
        if pid == serve_pid:
            continue
        try:
            parent = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
            args = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except (OSError, ValueError, IndexError):
            continue
        if parent != serve_pid:
            continue
        words = [a.decode(errors="replace") for a in args if a]
        port = words[words.index("--port") + 1] if "--port" in words else ""
        if "actions" in words:
            name = f"action server :{port}"
        elif "web" in words:
            name = f"web :{port}"
        elif words and (words[0].startswith("nginx") or words[0].endswith("/nginx")):  # "nginx: master process …"
            name = "nginx"
        else:
            name = f"Rasa :{port}"
        found[name] = pid
    return found


def growth_per_10_minutes(samples: list[tuple[float, float]]) -> float:
    """The least-squares slope of (minutes, MB) samples, in MB per 10 minutes."""
    if len(samples) < 2:
        return 0.0
    n = len(samples)
    mean_t = sum(t for t, _ in samples) / n
    mean_m = sum(m for _, m in samples) / n
    spread = sum((t - mean_t) ** 2 for t, _ in samples)
    if spread == 0:
        return 0.0
    return 10 * sum((t - mean_t) * (m - mean_m) for t, m in samples) / spread


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--minutes", type=float, default=30.0)
    parser.add_argument("--output", type=Path, default=ROOT / "var" / "results" / "soak.md")
    args = parser.parse_args()
    windows = max(2, round(args.minutes * 60 / WINDOW_SECONDS))
    began = datetime.now(timezone.utc)
    figures: list[dict[str, float]] = []
    memory: dict[str, list[tuple[float, float]]] = {}
    restarted: list[str] = []
    with temporary_database("bench_soak") as database, tempfile.TemporaryDirectory(prefix="bench-soak-") as tmp:
        work = Path(tmp)
        process, base = start_layout(2, layout_env(database, work), work / "serve.log")
        try:
            url = f"{base}/webhooks/rest/webhook"
            first = servers(process.pid)
            print(f"Soak: {args.users} users for {windows} windows of {WINDOW_SECONDS:.0f} s; servers: {first}")
            started = time.monotonic()
            for window in range(windows):
                result = run_level(url, CONVERSATION, args.users, WINDOW_SECONDS, _tree(process.pid))
                minute = (time.monotonic() - started) / 60
                now = servers(process.pid)
                for name, pid in first.items():
                    if now.get(name) != pid and name not in restarted:
                        restarted.append(name)
                    memory.setdefault(name, []).append((minute, rss_mb(_tree(now[name])) if name in now else 0.0))
                figures.append(result)
                print(
                    f"window {window + 1}/{windows}: {result['throughput']:.1f} msg/s, p95 {result['p95']:.0f} ms, "
                    f"errors {result['errors']:.2%}, memory {sum(m[-1][1] for m in memory.values()):.0f} MB",
                    flush=True,
                )
            if process.poll() is not None:
                restarted.append("bot serve")
        finally:
            _stop(process)
    report = render(args, began, figures, memory, restarted)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(report, encoding="utf-8")
    print("\n" + report)
    print(f"(also written to {args.output})")
    return 0 if sum(f["failed"] for f in figures) == 0 and not restarted else 1


def render(
    args: argparse.Namespace,
    began: datetime,
    figures: list[dict[str, float]],
    memory: dict[str, list[tuple[float, float]]],
    restarted: list[str],
) -> str:
    """The soak's report, in Markdown."""
    answered = int(sum(f["messages"] for f in figures))
    failed = int(sum(f["failed"] for f in figures))
    seconds = len(figures) * WINDOW_SECONDS
    p95s = sorted(f["p95"] for f in figures)
    cpu = sum(f["cpu_per_message"] * f["messages"] for f in figures)
    lines = [
        f"Soak started {began:%Y-%m-%d %H:%M} UTC: {args.users} users, {len(figures)} windows of "
        f"{WINDOW_SECONDS:.0f} s; two replicas behind nginx, PostgreSQL, Redis.",
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs; Python {platform.python_version()}.",
        "",
        f"- Messages answered: {answered:,} ({answered / seconds:.1f} per second); failed: {failed}.",
        f"- p50 latency by window: {min(f['p50'] for f in figures):.0f}–{max(f['p50'] for f in figures):.0f} ms; "
        f"p95: {p95s[0]:.0f}–{p95s[-1]:.0f} ms; worst p99: {max(f['p99'] for f in figures):.0f} ms.",
        f"- CPU-seconds per message: {cpu / max(1, answered):.3f}.",
        f"- Servers restarted during the soak: {', '.join(restarted) if restarted else 'none'}.",
        "",
        "| server | memory after 1 min (MB) | at the end (MB) | change | growth over the second half (MB per 10 min) |",
        "|---|---|---|---|---|",
    ]
    total_first = total_last = 0.0
    for name in sorted(memory):
        samples = memory[name]
        first, last = samples[0][1], samples[-1][1]
        total_first, total_last = total_first + first, total_last + last
        slope = growth_per_10_minutes(samples[len(samples) // 2 :])
        lines.append(f"| {name} | {first:.0f} | {last:.0f} | {last - first:+.0f} | {slope:+.1f} |")
    lines.append(f"| all | {total_first:.0f} | {total_last:.0f} | {total_last - total_first:+.0f} | |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    raise SystemExit(main())
