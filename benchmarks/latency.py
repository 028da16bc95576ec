"""`make bench`: message latency over REST, ours beside a bare `rasa init` assistant.

Both are trained (Rasa's cache makes a repeat quick) and measured in the same run on the same
machine: sequential messages, then 20 concurrent senders, then one long conversation (200 turns
by default) whose turns are timed by window, to show whether a turn costs more as the
conversation grows. Prints Markdown tables for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import subprocess
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

from benchmarks.servers import RASA, project_servers, rasa_server

OUR_MESSAGES = [
    "hello",
    "what is co-production",
    "what is an MNVP?",
    "how do I give feedback on my maternity care",
    "how does q sort work",
    # Says everything at once, so the activity form fills and recommends in one turn (a form left
    # half-filled would make every later message go through the form first).
    "we want to brainstorm with about 8 parents in person for an hour",
    "who pays for the MVP",
    "can I take paracetamol when pregnant",
    "what's the weather like",
    "baby hasnt moved today",
    "thanks, bye",
    "asdf qwerty",
]
BARE_MESSAGES = ["hello", "I am sad", "yes", "great", "no", "are you a bot?", "bye", "I am happy"]
# One long conversation: knowledge questions, searches, out of scope ("Was this helpful?" comes
# now and then and is left unanswered, as people do).
LONG_MESSAGES = [
    "what is co-production",
    "who can join an MNVP?",
    "have you got any co-production guides",
    "what's the weather like",
    "how does q sort work",
    "is there parking at the hospital",
    "what is an MNVP?",
    "how do I give feedback on my maternity care",
    "show me more",
    "who pays for the MVP",
]
# Turn windows of the long conversation (first and last turn, counted from 1).
WINDOWS = ((1, 20), (51, 70), (101, 120), (181, 200))


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def _conversation(url: str, messages: list[str], turns: int) -> list[float]:
    sender = uuid.uuid4().hex
    timings = []
    with requests.Session() as session:
        for i in range(turns):
            started = time.perf_counter()
            reply = session.post(url, json={"sender": sender, "message": messages[i % len(messages)]}, timeout=120)
            reply.raise_for_status()
            timings.append((time.perf_counter() - started) * 1000)
    return timings


def measure(url: str, messages: list[str], sequential: int, senders: int, turns: int) -> dict[str, float]:
    """Latency figures in milliseconds, and throughput in messages per second."""
    _conversation(url, messages, len(messages))  # warm up
    seq = _conversation(url, messages, sequential)
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=senders) as pool:
        results = list(pool.map(lambda _: _conversation(url, messages, turns), range(senders)))
    elapsed = time.perf_counter() - started
    conc = [t for r in results for t in r]
    return {
        "seq_p50": statistics.median(seq),
        "seq_p95": _percentile(seq, 0.95),
        "conc_p50": statistics.median(conc),
        "conc_p95": _percentile(conc, 0.95),
        "throughput": len(conc) / elapsed,
    }


def long_conversation(url: str, messages: list[str], turns: int, fresh: int = 20) -> dict[str, float]:
    """p50 in milliseconds of each window of one conversation of `turns` turns, and of `fresh` first turns.

    The first turns of `fresh` new conversations (one message each) give the cost of a turn with
    no history, measured after the long conversation on the same server.
    """
    timings = _conversation(url, messages, turns)
    figures = {
        f"turns {first}-{last}": statistics.median(timings[first - 1 : last])
        for first, last in WINDOWS
        if last <= len(timings)
    }
    firsts = [_conversation(url, messages[i % len(messages) :], 1)[0] for i in range(fresh)]
    figures["new conversation"] = statistics.median(firsts)
    return figures


def train_bare(workdir: Path) -> Path:
    """`rasa init` in `workdir` (it trains its model); returns the model."""
    workdir.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [RASA, "init", "--no-prompt", "--init-dir", str(workdir)], cwd=workdir, check=True, capture_output=True
    )
    models = sorted((workdir / "models").glob("*.tar.gz"))
    if not models:
        raise RuntimeError("rasa init trained no model")
    return models[-1]


def main() -> int:
    """Runs the benchmark and prints the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sequential", type=int, default=120)
    parser.add_argument("--senders", type=int, default=20)
    parser.add_argument("--turns", type=int, default=10)
    parser.add_argument("--long", type=int, default=200, help="turns of the long conversation (0: skip it)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = Path(tmp)
        print("Training a bare `rasa init` assistant…", flush=True)
        bare_model = train_bare(work / "bare")
        results, growth = {}, {}
        with project_servers(work / "ours.log", {"DATABASE_URL": f"sqlite:///{work / 'bench.db'}"}) as url:
            results["this assistant"] = measure(url, OUR_MESSAGES, args.sequential, args.senders, args.turns)
            if args.long:
                growth["this assistant"] = long_conversation(url, LONG_MESSAGES, args.long)
        with rasa_server(work / "bare", bare_model, work / "bare.log") as url:
            results["bare `rasa init`"] = measure(url, BARE_MESSAGES, args.sequential, args.senders, args.turns)
            if args.long:
                growth["bare `rasa init`"] = long_conversation(url, BARE_MESSAGES, args.long)
    ours, bare = results["this assistant"], results["bare `rasa init`"]
    print(f"\nMachine: {platform.machine()}, {platform.processor() or 'cpu'}; Python {platform.python_version()}")
    print(f"Sequential: {args.sequential} messages; concurrent: {args.senders} senders x {args.turns} messages\n")
    print(
        "| assistant | sequential p50 (ms) | sequential p95 (ms) | 20 senders p50 (ms) | 20 senders p95 (ms) | msg/s |"
    )
    print("|---|---|---|---|---|---|")
    for name, r in results.items():
        print(
            f"| {name} | {r['seq_p50']:.0f} | {r['seq_p95']:.0f} | {r['conc_p50']:.0f} | {r['conc_p95']:.0f} "
            f"| {r['throughput']:.1f} |"
        )
    print(f"\nRatio of sequential p50, ours / bare: {ours['seq_p50'] / bare['seq_p50']:.2f}x (aim <= 1.5x)")
    if growth:
        _print_growth(growth, args.long)
    return 0


def _print_growth(growth: dict[str, dict[str, float]], turns: int) -> None:
    columns = list(next(iter(growth.values())))
    print(f"\nOne conversation of {turns} turns, p50 (ms) by window; a new conversation's first turn:\n")
    print("| assistant | " + " | ".join(columns) + " | last / first window |")
    print("|---|" + "---|" * (len(columns) + 1))
    for name, figures in growth.items():
        windows = [figures[c] for c in columns if c.startswith("turns")]
        ratio = windows[-1] / windows[0] if windows else float("nan")
        print(f"| {name} | " + " | ".join(f"{figures[c]:.0f}" for c in columns) + f" | {ratio:.2f}x |")
    print("\nAim: the last window within 1.3x of the first.")


if __name__ == "__main__":
    raise SystemExit(main())
