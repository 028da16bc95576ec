"""Load figures: a realistic mix at several numbers of users, for one replica, two replicas behind
nginx, and a bare `rasa init` assistant, in the same run (`make bench-load`; loopback only).

    python -m benchmarks.load [--users 10,20,50] [--seconds 20] [--layouts one,two,bare]

Each simulated user runs whole conversations (knowledge questions, a search and "show more", an
activity form answered step by step, out of scope, "Was this helpful?", a clinical question) with
no pause, over REST. Reported per level: messages per second, p50/p95/p99 latency, error rate
(no answer, or not HTTP 200), the share answered with no message (the bare assistant says
nothing to some of its messages), and CPU-seconds per message: the CPU time of every server
process (Rasa, action servers, web, nginx) over the level, divided by the messages answered, in
all and per kind of server (which sizes each container: docs/deploying.md). With 2 cores, two replicas show that
the layout works under load, not a speed-up: size a deployment from CPU-seconds per message.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import requests

from benchmarks.latency import BARE_MESSAGES, train_bare
from benchmarks.servers import RASA, free_port, wait_for
from tests.conftest import ROOT, temporary_database

CONVERSATION = [
    "hello",
    "what is co-production?",
    "who can join an MNVP?",
    "have you got any co-production guides",
    "show me more",
    "which activity should I use?",
    "to come up with new ideas",
    "about 10",
    "an hour",
    "in person",
    "parents and staff",
    "/helpful",
    "is there parking at the hospital",
    "can I take paracetamol when pregnant",
    "thanks, bye",
]
TICKS = os.sysconf("SC_CLK_TCK")


def _tree(pid: int) -> list[int]:
    """`pid` and all its descendants (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(children.get(current, []))
    return found


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of these processes so far."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            continue
    return total / TICKS


def server_kind(pid: int) -> str:
    """ "rasa", "actions", "web", "nginx" or "other", from the process's command line."""
    try:
        words = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0")
    except OSError:
        return "other"
    line = " ".join(Path(word).name if "/" in word else word for word in words)
    if line.startswith("nginx"):
        return "nginx"
    if "rasa run actions" in line:
        return "actions"
    if "rasa run" in line:
        return "rasa"
    if "bot web" in line:
        return "web"
    return "other"


def cpu_by_kind(pids: list[int]) -> dict[str, float]:
    """CPU seconds so far, per kind of server."""
    totals: dict[str, float] = {}
    for pid in pids:
        kind = server_kind(pid)
        totals[kind] = totals.get(kind, 0.0) + cpu_seconds([pid])
    return totals


def run_level(url: str, messages: list[str], users: int, seconds: float, pids: list[int]) -> dict[str, float]:
    """`users` users talking for `seconds`; the figures for that level."""
    latencies: list[float] = []
    errors, silent = [0], [0]
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def user() -> None:
        with requests.Session() as session:
            while time.monotonic() < stop_at:
                sender = uuid.uuid4().hex
                for text in messages:
                    if time.monotonic() >= stop_at:
                        return
                    started = time.perf_counter()
                    try:
                        reply = session.post(url, json={"sender": sender, "message": text}, timeout=60)
                        said = reply.json() if reply.status_code == 200 else None
                        ok = isinstance(said, list)
                    except (requests.RequestException, ValueError):
                        ok, said = False, None
                    elapsed = (time.perf_counter() - started) * 1000
                    with lock:
                        if ok:
                            # Answered, even when the assistant chose to say nothing (the bare
                            # assistant says nothing to some of its messages): it did the work.
                            latencies.append(elapsed)
                            silent[0] += not said
                        else:
                            errors[0] += 1

    kinds_before = cpu_by_kind(pids)
    cpu_before, started = cpu_seconds(pids), time.monotonic()
    threads = [threading.Thread(target=user) for _ in range(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall, cpu = time.monotonic() - started, cpu_seconds(pids) - cpu_before
    kinds_after = cpu_by_kind(pids)
    done = len(latencies)
    ordered = sorted(latencies) or [0.0]

    def pct(share: float) -> float:
        return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]

    return {
        "throughput": done / wall,
        "p50": statistics.median(ordered),
        "p95": pct(0.95),
        "p99": pct(0.99),
        "errors": errors[0] / max(1, done + errors[0]),
        "silent": silent[0] / max(1, done),
        "cpu_per_message": cpu / max(1, done),
        **{
            f"cpu_{kind}": (seconds - kinds_before.get(kind, 0.0)) / max(1, done)
            for kind, seconds in kinds_after.items()
        },
        "messages": done,
        "failed": errors[0],
    }


def _start(command: list[str], env: dict[str, str], log: Path, ready: list[str]) -> subprocess.Popen:
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    for url in ready:
        wait_for(url, process)
    return process


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()


def layout_env(database: str, work: Path) -> dict[str, str]:
    """The environment of the production layout on this machine (PostgreSQL, Redis, no rate limit)."""
    return dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        DATABASE_URL=database,
        REDIS_URL="redis://127.0.0.1:6379/0",
        PROXY_RATE_PER_SECOND="100000",  # the load comes from one address
        NEEDS_SPOOL=str(work / "spool.jsonl"),
    )


def start_layout(replicas: int, env: dict[str, str], log: Path) -> tuple[subprocess.Popen, str]:
    """`python -m bot serve` with `replicas` (nginx in front of two or more); returns it and its address."""
    rasa, action, web, proxy = 21000, 21100, free_port(), free_port()
    command = [sys.executable, "-m", "bot", "serve", "--rasa-port", str(rasa), "--action-port"]
    command += [str(action), "--web-port", str(web), "--replicas", str(replicas)]
    if replicas > 1:
        command += ["--proxy-port", str(proxy)]
    base = f"http://localhost:{proxy if replicas > 1 else rasa}"
    # Every replica and action server answering, not only nginx (which answers at once).
    ready = [f"http://localhost:{rasa + i}/" for i in range(replicas)]
    ready += [f"http://localhost:{action + i}/health" for i in range(replicas)]
    ready += [f"{base}/health"] if replicas > 1 else []
    process = _start(command, env, log, ready)
    time.sleep(3)
    return process, base


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", default="10,20,50")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--layouts", default="one,two,bare", help="which of one, two, bare to run")
    args = parser.parse_args()
    chosen = set(args.layouts.split(","))
    levels = [int(u) for u in args.users.split(",")]
    results: dict[str, dict[int, dict[str, float]]] = {}
    with temporary_database("bench_load") as database:
        with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp:
            work = Path(tmp)
            env = layout_env(database, work)
            for label, replicas in (("one replica", 1), ("two replicas + nginx", 2)):
                if ("one", "two")[replicas - 1] not in chosen:
                    continue
                process, base = start_layout(replicas, env, work / f"{replicas}.log")
                try:
                    url = f"{base}/webhooks/rest/webhook"
                    run_level(url, CONVERSATION, 2, 5, [])  # warm up
                    results[label] = {}
                    for users in levels:
                        results[label][users] = run_level(url, CONVERSATION, users, args.seconds, _tree(process.pid))
                        print(f"{label}, {users} users: {results[label][users]}", flush=True)
                finally:
                    _stop(process)
            storage = database_growth(database)
            print(storage, flush=True)
            if "bare" not in chosen:
                return _report(results, args.seconds, storage)
            print("Training a bare `rasa init` assistant…", flush=True)
            bare_model = train_bare(work / "bare")
            port = free_port()
            bare = _start(
                [RASA, "run", "--model", str(bare_model), "--port", str(port)],
                dict(os.environ),
                work / "bare.log",
                [f"http://localhost:{port}/"],
            )
            try:
                url = f"http://localhost:{port}/webhooks/rest/webhook"
                run_level(url, BARE_MESSAGES, 2, 5, [])
                results["bare `rasa init`"] = {}
                for users in levels:
                    results["bare `rasa init`"][users] = run_level(
                        url, BARE_MESSAGES, users, args.seconds, _tree(bare.pid)
                    )
            finally:
                _stop(bare)
    return _report(results, args.seconds, storage)


def database_growth(url: str) -> str:
    """What the conversations stored: Rasa's events per user message, and bytes per user message."""
    import sqlalchemy as sa

    engine = sa.create_engine(url, future=True)
    try:
        with engine.connect() as conn:
            users = conn.execute(sa.text("SELECT count(*) FROM events WHERE type_name = 'user'")).scalar_one()
            rows = conn.execute(sa.text("SELECT count(*) FROM events")).scalar_one()
            size = conn.execute(sa.text("SELECT pg_total_relation_size('events')")).scalar_one()
            needs = conn.execute(sa.text("SELECT pg_total_relation_size('unmet_needs')")).scalar_one()
    finally:
        engine.dispose()
    per = max(1, users)
    return (
        f"PostgreSQL: {users} user messages stored as {rows} events ({rows / per:.1f} per message); "
        f"events table {size / 1e6:.1f} MB ({size / per / 1e3:.2f} kB per message, indexes included); "
        f"unmet_needs {needs / 1e6:.2f} MB"
    )


def _report(results: dict[str, dict[int, dict[str, float]]], seconds: float, storage: str = "") -> int:
    print(
        f"\nMachine: {platform.machine()}, {os.cpu_count()} CPUs; Python {platform.python_version()}; "
        f"{seconds:.0f} s per level\n"
    )
    print("| assistant | users | msg/s | p50 (ms) | p95 (ms) | p99 (ms) | errors | no reply | CPU-s per message |")
    print("|---|---|---|---|---|---|---|---|---|")
    for label, by_users in results.items():
        for users, r in by_users.items():
            print(
                f"| {label} | {users} | {r['throughput']:.1f} | {r['p50']:.0f} | {r['p95']:.0f} | {r['p99']:.0f} "
                f"| {r['errors']:.1%} | {r.get('silent', 0.0):.1%} | {r['cpu_per_message']:.3f} |"
            )
    print(f"\n{storage}\n" if storage else "")
    print("CPU-seconds per message, by kind of server:\n")
    kinds = ("rasa", "actions", "web", "nginx", "other")
    print("| assistant | users | " + " | ".join(kinds) + " |")
    print("|---|---|" + "---|" * len(kinds))
    for label, by_users in results.items():
        for users, r in by_users.items():
            print(f"| {label} | {users} | " + " | ".join(f"{r.get('cpu_' + k, 0.0):.4f}" for k in kinds) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
