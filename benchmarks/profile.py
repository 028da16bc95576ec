"""Where a turn's time goes: py-spy samples of the Rasa server and the action server.

    python -m benchmarks.profile [--users 20] [--seconds 30] [--turns 200] [--top 25]

Starts one replica as `make bench-load` does (PostgreSQL and Redis on loopback), then samples
the Rasa server and the action server with py-spy (`--rate` samples a second, on-CPU only) while
(1) `--users` users run the `make bench-load` conversations for `--seconds`, and (2) one
conversation of `--turns` turns (the long conversation of `make bench`) runs on its own. For
each, it prints the functions that were on the stack in the largest share of the samples
(inclusive), and the ones that were running themselves (self), as Markdown tables for
docs/benchmarks.md. The raw stacks go to var/results/profile-*.txt (one line per stack, as
py-spy's `--format raw` writes them; flamegraph.pl draws them).
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

from benchmarks.latency import LONG_MESSAGES, _conversation
from benchmarks.load import CONVERSATION, _stop, _tree, layout_env, run_level, server_kind, start_layout
from tests.conftest import ROOT, temporary_database

PY_SPY = str(Path(sys.executable).parent / "py-spy")
RESULTS = ROOT / "var" / "results"
# "function (path/to/file.py:123)" in py-spy's raw format.
_FRAME = re.compile(r"^(?P<function>.*) \((?P<file>[^()]*?)(?::\d+)?\)$")
# Frames of the event loop and the server's plumbing: on every stack, so they say nothing.
_PLUMBING = (
    "asyncio/",
    "uvloop",
    "sanic/",
    "threading.py",
    "<module>",
    "runpy.py",
    "concurrent/futures",
    "connection_task",
    "handle_request",
)


def _short(frame: str) -> str:
    """`function (module/file.py)`: the path cut to the part after site-packages or the project."""
    match = _FRAME.match(frame.strip())
    if not match:
        return frame.strip()
    path = match["file"]
    for marker in ("site-packages/", f"{ROOT}/", "lib/python3.10/"):
        if marker in path:
            path = path.split(marker, 1)[1]
    return f"{match['function']} ({path})"


def read_stacks(path: Path) -> Counter[tuple[str, ...]]:
    """The sampled stacks (outermost frame first) and how many samples each had."""
    stacks: Counter[tuple[str, ...]] = Counter()
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if stack and count.isdigit():
            stacks[tuple(_short(f) for f in stack.split(";") if f)] += int(count)
    return stacks


Shares = list[tuple[str, float]]

# What each sample was doing: the first stage (in this order) with a marker ("function (file)"
# substring) in any frame of its stack. Nested steps come before the steps around them.
STAGES = {
    "rasa": [
        (
            "validating the action server's reply (Rasa, jsonschema)",
            ("_validate_action_result (", "validate_action_result (bot/"),
        ),
        ('answering a silent "Was this helpful?" in process', ("offer_says_nothing (",)),
        ("encoding the request to the action server (tracker, domain)", ("_action_call_format (",)),
        ("the HTTP call to the action server", ("request (rasa/utils/endpoints.py)",)),
        ("reading the conversation back (tracker store)", ("retrieve (rasa/core/tracker_store.py)",)),
        ("saving the turn (tracker store: redaction, SQL)", ("save (bot/rasa_ext/tracker_store.py)",)),
        ("NLU (the pipeline in config.yml)", ("parse_message (rasa/core/processor.py)",)),
        ("slot mappings (action_extract_slots)", ("run_action_extract_slots (",)),
        ("dialogue policies", ("predict_next_with_tracker (",)),
        ("sending the replies (NLG, channel)", ("rasa/core/nlg", "send_response (")),
        ("other steps of the turn (processor)", ("rasa/core/processor.py",)),
    ],
    "actions": [
        ("reading the request JSON (tracker, domain)", ("load_json (sanic/request.py)",)),
        ("writing to the needs log (SQL)", ("bot/needs/store.py",)),
        ("the action (actions/, bot/)", ("run (rasa_sdk/executor.py)",)),
        ("the HTTP server (sanic)", ("sanic/",)),
    ],
}


def stage_shares(stacks: Counter[tuple[str, ...]], kind: str) -> Shares:
    """The share of samples spent in each stage of a turn (`STAGES`), largest first."""
    total = sum(stacks.values()) or 1
    shares: Counter[str] = Counter()
    for stack, count in stacks.items():
        stage = next(
            (name for name, markers in STAGES.get(kind, []) if any(m in f for f in stack for m in markers)),
            "other (the server's loop, logging)",
        )
        shares[stage] += count
    return [(name, count / total) for name, count in shares.most_common()]


def top_functions(stacks: Counter[tuple[str, ...]], top: int) -> tuple[Shares, Shares]:
    """(inclusive, self): the functions on the stack in the largest share of samples, and those running."""
    total = sum(stacks.values()) or 1
    inclusive: Counter[str] = Counter()
    own: Counter[str] = Counter()
    for stack, count in stacks.items():
        # Thread names and process lines that py-spy puts first are not frames.
        frames = [f for f in stack if "(" in f]
        for frame in set(frames):
            if not any(p in frame for p in _PLUMBING):
                inclusive[frame] += count
        if frames:
            own[frames[-1]] += count
    # Frames on (nearly) every sample are the server's entry points: they say nothing.
    for frame in [f for f, c in inclusive.items() if c >= 0.99 * total]:
        del inclusive[frame]
    return (
        [(f, c / total) for f, c in inclusive.most_common(top)],
        [(f, c / total) for f, c in own.most_common(top)],
    )


def _start_recording(pid: int, out: Path, rate: int) -> subprocess.Popen[bytes]:
    command = [PY_SPY, "record", "--pid", str(pid), "--rate", str(rate), "--format", "raw", "--output", str(out)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(1.0)  # py-spy attaches
    return process


def _stop_recording(process: subprocess.Popen[bytes]) -> None:
    process.send_signal(signal.SIGINT)  # py-spy writes its file on Ctrl-C
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()


def profile(label: str, pids: dict[str, int], rate: int, work: threading.Thread) -> dict[str, Path]:
    """Samples each server while `work` runs; returns the raw stack file of each."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    files = {kind: RESULTS / f"profile-{label}-{kind}.txt" for kind in pids}
    recorders = {kind: _start_recording(pid, files[kind], rate) for kind, pid in pids.items()}
    try:
        work.start()
        work.join()
    finally:
        for recorder in recorders.values():
            _stop_recording(recorder)
    return files


def report(title: str, files: dict[str, Path], top: int) -> None:
    """Prints the inclusive and self tables of each server's samples."""
    for kind, path in files.items():
        stacks = read_stacks(path) if path.is_file() else Counter()
        samples = sum(stacks.values())
        print(f"\n### {title}: {kind} server ({samples} samples on the CPU)\n")
        if not samples:
            print("(no samples: py-spy could not attach, or the server was idle)")
            continue
        print("| stage of the turn | share of CPU samples |")
        print("|---|---|")
        for name, share in stage_shares(stacks, kind):
            print(f"| {name} | {share:.1%} |")
        inclusive, own = top_functions(stacks, top)
        print()
        print("| inclusive | function | | self | function |")
        print("|---|---|---|---|---|")
        for i in range(max(len(inclusive), len(own))):
            left = f"{inclusive[i][1]:.1%} | `{inclusive[i][0]}`" if i < len(inclusive) else " | "
            right = f"{own[i][1]:.1%} | `{own[i][0]}`" if i < len(own) else " | "
            print(f"| {left} | | {right} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--turns", type=int, default=200)
    parser.add_argument("--rate", type=int, default=100, help="py-spy samples a second")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    if not Path(PY_SPY).is_file():
        print("py-spy is not installed in this environment: make install (requirements-dev.in).", file=sys.stderr)
        return 1
    with temporary_database("bench_profile") as database, tempfile.TemporaryDirectory(prefix="profile-") as tmp:
        env = layout_env(database, Path(tmp))
        process, base = start_layout(1, env, Path(tmp) / "serve.log")
        try:
            url = f"{base}/webhooks/rest/webhook"
            run_level(url, CONVERSATION, 2, 5, [])  # warm up
            pids = {}
            for pid in _tree(process.pid):
                kind = server_kind(pid)
                if kind in ("rasa", "actions") and kind not in pids:
                    pids[kind] = pid
            results: dict[str, float] = {}

            def load() -> None:
                results.update(run_level(url, CONVERSATION, args.users, args.seconds, []))

            def long() -> None:
                timings = _conversation(url, LONG_MESSAGES, args.turns)
                results["turns"] = len(timings)
                results["first"] = sorted(timings[:20])[len(timings[:20]) // 2]
                results["last"] = sorted(timings[-20:])[len(timings[-20:]) // 2]

            load_files = profile("load", pids, args.rate, threading.Thread(target=load))
            print(f"Load, {args.users} users, {args.seconds:.0f} s: {results}", flush=True)
            long_files = profile("long", pids, args.rate, threading.Thread(target=long))
            print(
                f"Long conversation: {results.get('turns', 0):.0f} turns, p50 of the first 20 "
                f"{results.get('first', 0):.0f} ms, of the last 20 {results.get('last', 0):.0f} ms",
                flush=True,
            )
        finally:
            _stop(process)
    print(f"\nMachine: {os.cpu_count()} CPUs; py-spy at {args.rate} samples a second; stacks in {RESULTS}")
    report(f"{args.users} users, the `make bench-load` conversations", load_files, args.top)
    report(f"one conversation of {args.turns} turns", long_files, args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
