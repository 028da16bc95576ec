"""Starting the whole assistant (`python -m bot serve`) for end-to-end and browser tests."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from tests.conftest import ROOT

MODEL = ROOT / "models" / "current.tar.gz"
STAFF_TOKEN = "e2e-staff-token"
START_TIMEOUT = 420  # longer than serve's own wait for the servers


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Servers:
    rasa_port: int
    action_port: int
    web_port: int
    database: Path
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def web(self) -> str:
        return f"http://localhost:{self.web_port}"

    @property
    def base(self) -> str:
        return f"http://localhost:{self.rasa_port}"

    def say(self, sender: str, text: str) -> list[dict]:
        reply = requests.post(
            f"{self.base}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=60
        )
        assert reply.status_code == 200, reply.text
        return reply.json()


def start_assistant(tmp: Path, extra_env: dict[str, str], extra_origins: tuple[str, ...] = ()) -> Servers:
    """Starts `bot serve` on spare ports; `extra_origins` are allowed beside the demo page's own."""
    if not MODEL.is_file():
        pytest.fail(f"No trained model at {MODEL}: run `make train` first")
    rasa_port = _free_port()
    action_port = _free_port()
    while action_port == rasa_port:
        action_port = _free_port()
    web_port = _free_port()
    while web_port in (rasa_port, action_port):
        web_port = _free_port()
    database = tmp / "bot.db"
    log = tmp / "serve.log"
    env = dict(
        os.environ,
        DATABASE_URL=f"sqlite:///{database}",
        NEEDS_SPOOL=str(tmp / "spool.jsonl"),
        PYTHONPATH=str(ROOT),
        CONTACT_ROUTE="the test MNVP at https://example.org/contact",
        # The demo page's own origin, as a deployment lists its sites; 8000 for the origin tests.
        ALLOWED_ORIGINS=",".join(("http://localhost:8000", f"http://localhost:{web_port}", *extra_origins)),
        WIDGET_SERVER_URL=f"http://localhost:{rasa_port}",
    )
    env.update(extra_env)  # a test's own settings win, ALLOWED_ORIGINS included
    log_file = log.open("wb")  # the child keeps its own copy
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "bot",
            "serve",
            "--rasa-port",
            str(rasa_port),
            "--action-port",
            str(action_port),
            "--web-port",
            str(web_port),
        ],
        cwd=ROOT,
        env=env,
        stdout=log_file,
        stderr=subprocess.STDOUT,
    )
    log_file.close()
    servers = Servers(rasa_port, action_port, web_port, database, process, log)
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"serve exited with {process.returncode}:\n{log.read_text(errors='replace')[-4000:]}")
        if b"Ready." in log.read_bytes():
            return servers
        time.sleep(1)
    process.kill()
    pytest.fail(f"servers not ready after {START_TIMEOUT}s:\n{log.read_text(errors='replace')[-4000:]}")


def stop_assistant(servers: Servers) -> int:
    servers.process.send_signal(signal.SIGINT)  # what Ctrl-C does
    return servers.process.wait(timeout=60)
