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
        yield f"http://localhost:{port}/webhooks/rest/webhook"
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
