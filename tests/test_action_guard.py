"""The action server down or hung: the user gets a friendly message quickly, never silence.

Runs our Rasa server alone (`rasa run` with the project's endpoints and credentials), with the
action endpoint pointing at a closed port, or at a server that accepts and never answers.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
import yaml

from benchmarks.servers import free_port, wait_for
from tests.conftest import ROOT, load_yaml

pytestmark = pytest.mark.model

MODEL = ROOT / "models" / "current.tar.gz"
FOLDERS: dict[str, Path] = {}  # each server's folder: its database and spool
RASA = str(Path(sys.executable).parent / "rasa")


def _apology() -> str:
    return load_yaml(ROOT / "domain.yml")["responses"]["utter_technical_difficulty"][0]["text"].strip()


@pytest.fixture(scope="module")
def hung_port() -> Iterator[int]:
    """Accepts connections and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(50)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                continue

    threading.Thread(target=accept, daemon=True).start()
    yield listener.getsockname()[1]
    stop.set()
    for connection in held:
        connection.close()
    listener.close()


def _rasa(tmp: Path, action_port: int) -> Iterator[str]:
    endpoints = load_yaml(ROOT / "endpoints.yml")
    endpoints["action_endpoint"]["url"] = f"http://localhost:{action_port}/webhook"
    path = tmp / "endpoints.yml"
    path.write_text(yaml.safe_dump(endpoints), encoding="utf-8")
    port = free_port()
    env = dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        DATABASE_URL=f"sqlite:///{tmp / 'bot.db'}",
        ACTION_TIMEOUT_SECONDS="2",
        NEEDS_SPOOL=str(tmp / "spool.jsonl"),
    )
    command = [RASA, "run", "--model", str(MODEL), "--port", str(port), "--endpoints", str(path)]
    command += ["--credentials", str(ROOT / "credentials.yml")]
    log_file = (tmp / "rasa.log").open("wb")  # the child keeps its own copy
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT)
    log_file.close()
    try:
        wait_for(f"http://localhost:{port}/", process)
        url = f"http://localhost:{port}/webhooks/rest/webhook"
        FOLDERS[url] = tmp
        yield url
    finally:
        process.terminate()
        process.wait(timeout=60)


@pytest.fixture(scope="module")
def down(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from _rasa(tmp_path_factory.mktemp("down"), free_port())  # nothing listens there


@pytest.fixture(scope="module")
def hung(tmp_path_factory: pytest.TempPathFactory, hung_port: int) -> Iterator[str]:
    yield from _rasa(tmp_path_factory.mktemp("hung"), hung_port)


def _say(url: str, sender: str, text: str) -> tuple[list[str], float]:
    started = time.monotonic()
    reply = requests.post(url, json={"sender": sender, "message": text}, timeout=60)
    assert reply.status_code == 200
    return [m.get("text", "") for m in reply.json()], time.monotonic() - started


def test_action_server_down_gets_a_friendly_message_within_two_seconds(down: str) -> None:
    _say(down, "warm-up", "hello")  # the first message of a new server pays for loading
    texts, seconds = _say(down, "down-1", "have you got the gap analysis tool")
    assert texts == [_apology()]
    assert seconds < 2.0


def test_a_turn_that_already_answered_is_not_followed_by_an_apology(down: str) -> None:
    texts, _ = _say(down, "down-2", "what is an MNVP?")  # then "Was this helpful?" fails quietly
    assert "Maternity and Neonatal Voices Partnership" in texts[0]
    assert _apology() not in texts


def test_a_hung_action_server_is_given_up_on_after_the_timeout(hung: str) -> None:
    _say(hung, "warm-up", "hello")
    texts, seconds = _say(hung, "hung-1", "have you got the gap analysis tool")
    assert texts == [_apology()]
    assert seconds < 2.0 + 1.5  # ACTION_TIMEOUT_SECONDS=2, not Rasa's 300


def _needs(url: str, sender: str) -> list[dict]:
    """The needs recorded for `sender` by the server at `url`: in its database or its spool."""
    import json

    import sqlalchemy as sa

    from bot.privacy import conversation_hash

    folder, key = FOLDERS[url], conversation_hash(sender)
    rows = []
    engine = sa.create_engine(f"sqlite:///{folder / 'bot.db'}", future=True)
    with engine.connect() as conn:
        if sa.inspect(conn).has_table("unmet_needs"):
            rows = [dict(r._mapping) for r in conn.execute(sa.text("SELECT * FROM unmet_needs"))]
    engine.dispose()
    spool = folder / "spool.jsonl"
    if spool.is_file():
        rows += [json.loads(line)["row"] for line in spool.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if r["conversation"] == key]


def test_a_need_is_recorded_from_the_rasa_side_when_the_action_server_is_down(down: str) -> None:
    sender = "down-need"
    texts, _ = _say(down, sender, "where can i find the parking permit form")
    assert texts == [_apology()]
    [need] = _needs(down, sender)
    assert need["reason"] == "action_failed"
    assert need["text"] == "where can i find the parking permit form"


class _StubActions:
    """An action server that fails for one conversation and answers everyone else."""

    def __init__(self, failing_sender: str) -> None:
        import json
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                call = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)))
                failing = call["tracker"]["sender_id"] == failing_sender
                searched = call["next_action"] == "action_search_resources"
                responses = [{"text": "stub search result"}] if searched else []
                body = json.dumps({"error": "boom"} if failing else {"events": [], "responses": responses}).encode()
                self.send_response(500 if failing else 200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture(scope="module")
def one_failing(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    stub = _StubActions("breaker")
    yield from _rasa(tmp_path_factory.mktemp("one-failing"), stub.port)
    stub.server.shutdown()


def test_one_users_failing_action_does_not_affect_the_others(one_failing: str) -> None:
    # Before: the action server's 500 for one message opened a process-wide breaker, and for the
    # next 5 s every other user's search got "something went wrong" and lost its need.
    _say(one_failing, "warm-up", "hello")
    texts, _ = _say(one_failing, "breaker", "where is the gap analysis tool")
    assert texts == [_apology()]
    assert [n["reason"] for n in _needs(one_failing, "breaker")] == ["action_failed"]
    for number in range(6):
        texts, _ = _say(one_failing, f"bystander-{number}", "where is the gap analysis tool")
        assert texts == ["stub search result"], texts
