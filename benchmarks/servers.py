"""Starting Rasa servers for measurements (benchmarks), on spare loopback ports."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
RASA = str(Path(sys.executable).parent / "rasa")


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(url: str, process: subprocess.Popen[bytes], timeout: float = 300) -> None:
    """Waits until `url` answers, failing if the process dies or `timeout` passes."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode} before {url} answered")
        try:
            if requests.get(url, timeout=2).ok:
                return
        except requests.RequestException:
            pass
        time.sleep(1)
    raise RuntimeError(f"{url} did not answer within {timeout}s")


@contextmanager
def project_servers(log: Path, env: dict[str, str] | None = None) -> Iterator[str]:
    """Our assistant (`python -m bot serve`); yields the REST webhook URL."""
    rasa_port, action_port, web_port = free_port(), free_port(), free_port()
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
        env=dict(os.environ, PYTHONPATH=str(ROOT), **(env or {})),
        stdout=log_file,
        stderr=subprocess.STDOUT,
    )
    log_file.close()
    try:
        wait_for(f"http://localhost:{rasa_port}/", process)
        wait_for(f"http://localhost:{action_port}/health", process)
        wait_for(f"http://localhost:{web_port}/health", process)
        yield f"http://localhost:{rasa_port}/webhooks/rest/webhook"
    finally:
        process.terminate()
        process.wait(timeout=60)


@contextmanager
def rasa_server(project: Path, model: Path, log: Path) -> Iterator[str]:
    """A plain `rasa run` of another project (e.g. a bare `rasa init`); yields the REST webhook URL."""
    port = free_port()
    log_file = log.open("wb")  # the child keeps its own copy
    process = subprocess.Popen(
        [RASA, "run", "--model", str(model), "--port", str(port)],
        cwd=project,
        stdout=log_file,
        stderr=subprocess.STDOUT,
    )
    log_file.close()
    try:
        wait_for(f"http://localhost:{port}/", process)
        yield f"http://localhost:{port}/webhooks/rest/webhook"
    finally:
        process.terminate()
        process.wait(timeout=60)
