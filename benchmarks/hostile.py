"""What one hostile user can do to the others: the figures behind docs/security.md.

    python -m benchmarks.hostile [--root PATH]

Starts the assistant (`python -m bot serve`, on a SQLite file of its own) and measures:

- fairness: how long another user's "hello" waits while one hostile message (40,000
  characters of short capitalised words; 16 kB, nginx's limit; 1 MB) is being handled;
- the breaker: after one user's `/search_resources{"topic":{"$ne":1}}`, how many of six other
  users' searches get "something went wrong", and how many of their needs are recorded;
- the log: e-mail addresses planted on the error paths (a non-string message, an over-long
  message, a malformed slash command), and how many reach the servers' log;
- odd bodies: the status codes for JSON that is not an object, and what `GET /` tells.

`--root` runs another checkout of the project (e.g. an older commit, for "before" figures)
with this virtual environment.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests
import sqlalchemy as sa

from benchmarks.servers import free_port, wait_for

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = {
    "40,000 characters of capitalised words": ("Xq Zv " * 7000)[:40_000],
    "16 kB (nginx's limit) of capitalised words": ("Xq Zv " * 3000)[:16_000],
    "1 MB of capitalised words": ("Xq Zv " * 170_000)[:1_000_000],
}
SEARCH = "where can i find the parking permit form for the birth centre"


def _start(root: Path, tmp: Path) -> tuple[subprocess.Popen[bytes], dict[str, int], Path]:
    ports = {"rasa": free_port(), "actions": free_port(), "web": free_port()}
    log = tmp / "serve.log"
    env = dict(
        os.environ,
        PYTHONPATH=str(root),
        DATABASE_URL=f"sqlite:///{tmp / 'bot.db'}",
        NEEDS_SPOOL=str(tmp / "spool.jsonl"),
        BOT_ENV_FILE="",
        NEEDS_SALT="bench",
    )
    with log.open("wb") as out:
        process = subprocess.Popen(
            [
                *(sys.executable, "-m", "bot", "serve", "--rasa-port", str(ports["rasa"])),
                *("--action-port", str(ports["actions"]), "--web-port", str(ports["web"])),
            ],
            cwd=root,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    wait_for(f"http://localhost:{ports['rasa']}/", process)
    wait_for(f"http://localhost:{ports['actions']}/health", process)
    return process, ports, log


def _post(url: str, body: object, timeout: float = 300) -> tuple[int, object, float]:
    started = time.monotonic()
    try:
        reply = requests.post(url, data=json.dumps(body), headers={"Content-Type": "application/json"}, timeout=timeout)
    except requests.RequestException as error:
        return -1, type(error).__name__, time.monotonic() - started
    try:
        content: object = reply.json()
    except ValueError:
        content = reply.text[:80]
    return reply.status_code, content, time.monotonic() - started


def fairness(url: str, skip_megabyte: bool) -> None:
    print("\nFairness: another user's 'hello' while one hostile message is handled")
    _post(url, {"sender": "warm", "message": "hello"})
    for name, text in HOSTILE.items():
        if skip_megabyte and len(text) > 100_000:
            print(f"  {name:44} not sent (--skip-megabyte)")
            continue
        result: dict[str, object] = {}

        def hostile(text: str = text) -> None:
            result["hostile"] = _post(url, {"sender": "attacker", "message": text})

        thread = threading.Thread(target=hostile)
        thread.start()
        time.sleep(0.3)
        status, _, seconds = _post(url, {"sender": f"bystander-{len(name)}", "message": "hello"})
        thread.join()
        h_status, _, h_seconds = result["hostile"]  # type: ignore[misc]
        print(
            f"  {name:44} hello: {seconds:6.2f} s (HTTP {status});  "
            f"the hostile message: {h_seconds:6.2f} s (HTTP {h_status})"
        )


def _apology(root: Path) -> str:
    import yaml

    domain = yaml.safe_load((root / "domain.yml").read_text(encoding="utf-8"))
    return domain["responses"]["utter_technical_difficulty"][0]["text"].strip()[:40]


def _needs(tmp: Path, senders: list[str], root: Path) -> int:
    sys.path.insert(0, str(root))
    os.environ["NEEDS_SALT"] = "bench"
    from bot.privacy import conversation_hash

    hashes = {conversation_hash(s) for s in senders}
    engine = sa.create_engine(f"sqlite:///{tmp / 'bot.db'}", future=True)
    with engine.connect() as conn:
        stored = [r for r in conn.execute(sa.text("SELECT conversation FROM unmet_needs")).scalars() if r in hashes]
    engine.dispose()
    spool = tmp / "spool.jsonl"
    spooled = 0
    if spool.is_file():
        for line in spool.read_text(encoding="utf-8").splitlines():
            entry = json.loads(line)
            spooled += entry.get("row", {}).get("conversation") in hashes
    return len(stored) + spooled


def breaker(url: str, tmp: Path, root: Path) -> None:
    print("\nBreaker: one user's failing action, six other users' searches in the next seconds")
    apology = _apology(root)
    _post(url, {"sender": "breaker", "message": '/search_resources{"topic":{"$ne":1}}'})
    senders = [f"searcher-{i}" for i in range(6)]
    apologised = 0
    for sender in senders:
        _, content, _ = _post(url, {"sender": sender, "message": SEARCH})
        texts = [m.get("text", "") for m in content] if isinstance(content, list) else []
        apologised += any(t.startswith(apology) for t in texts)
    time.sleep(1)
    print(
        f"  'something went wrong': {apologised} of {len(senders)};  their needs recorded or spooled: "
        f"{_needs(tmp, senders, root)} of {len(senders)}"
    )


def logs(url: str, log: Path) -> None:
    print("\nThe log: e-mail addresses planted on error paths")
    planted = {
        "a non-string message": (
            {"sender": "log-1", "message": ["planted.one@example.com"]},
            "planted.one@example.com",
        ),
        "an over-long message": (
            {"sender": "log-2", "message": "x " * 600_000 + "planted.two@example.com"},
            "planted.two@example.com",
        ),
        "a malformed slash command": (
            {"sender": "log-3", "message": '/search_resources{"topic": "planted.three@example.com"'},
            "planted.three@example.com",
        ),
    }
    for body, _ in planted.values():
        _post(url, body)
    time.sleep(1)
    text = log.read_text(errors="replace")
    found = [name for name, (_, address) in planted.items() if address in text]
    longest = max((len(line) for line in text.splitlines()), default=0)
    print(
        f"  found in the log: {len(found)} of {len(planted)} ({', '.join(found) or 'none'}); "
        f"longest log line {longest:,} characters"
    )


def bodies(url: str, base: str) -> None:
    print("\nOdd bodies and what the server tells")
    for body in (
        [],
        "x",
        None,
        {"sender": "t", "message": 5},
        {"sender": "t", "message": "\ud800"},
        {"sender": "t", "message": "hi", "metadata": "x"},
    ):
        status, content, _ = _post(url, body)
        print(f"  {json.dumps(body)[:50]:52} HTTP {status}  {str(content)[:60]}")
    print(f"  GET /: {requests.get(base + '/', timeout=10).text[:60]!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="the project checkout to run")
    parser.add_argument(
        "--skip-megabyte", action="store_true", help="no 1 MB message (before the fix it runs for hours)"
    )
    args = parser.parse_args(argv)
    print(f"Hostile input ({platform.node()}, {os.cpu_count()} cores), project at {args.root}")
    with tempfile.TemporaryDirectory(prefix="hostile-") as folder:
        tmp = Path(folder)
        process, ports, log = _start(args.root.resolve(), tmp)
        url = f"http://localhost:{ports['rasa']}/webhooks/rest/webhook"
        try:
            fairness(url, args.skip_megabyte)
            breaker(url, tmp, args.root.resolve())
            logs(url, log)
            bodies(url, f"http://localhost:{ports['rasa']}")
        finally:
            process.terminate()
            process.wait(timeout=60)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
