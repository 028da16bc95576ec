"""Starts the Rasa server, the action server and the web process together, and stops them on Ctrl-C.

`make run` and the end-to-end tests both start the assistant through `serve()`, so the
tests exercise the same command line a user gets.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import requests
import yaml

from bot.ops.proxy import ProxyLayout, find_nginx, nginx_command, write_config
from bot.ops.supervisor import Child, supervise
from bot.settings import PROJECT_ROOT, VAR_DIR, Settings, load_settings

logger = logging.getLogger(__name__)

DEFAULT_MODEL = PROJECT_ROOT / "models" / "current.tar.gz"
READY_TIMEOUT_SECONDS = 300.0


@dataclass(frozen=True)
class ServeOptions:
    """What to start, and where.

    Attributes:
        rasa_port: port of the Rasa server (REST and socket.io channels).
        action_port: port of the action server.
        web_port: port of the web process (the staff page); None starts no web process.
        model: the trained model file.
        run_dir: where generated files (endpoints with the action port) go.
        replicas: how many Rasa servers, each with its own action server, on consecutive ports
            from `rasa_port` and `action_port`.
        proxy_port: nginx in front of everything on this port (None: no nginx).
    """

    rasa_port: int
    action_port: int
    web_port: int | None = None
    model: Path = DEFAULT_MODEL
    run_dir: Path = VAR_DIR / "run"
    replicas: int = 1
    proxy_port: int | None = None

    def replica(self, index: int) -> ServeOptions:
        """The options of one replica: its own Rasa and action ports, no web process."""
        return dataclasses.replace(
            self, rasa_port=self.rasa_port + index, action_port=self.action_port + index, web_port=None, replicas=1
        )


def write_endpoints(
    options: ServeOptions, source: Path = PROJECT_ROOT / "endpoints.yml", action_url: str | None = None
) -> Path:
    """Writes a copy of endpoints.yml whose action endpoint is `action_url`.

    Args:
        options: the ports, and `run_dir`, where the copy goes.
        source: the endpoints file to copy.
        action_url: the action server's webhook; None means `options.action_port` on this host.
    """
    endpoints = yaml.safe_load(source.read_text(encoding="utf-8")) or {}
    url = action_url or f"http://localhost:{options.action_port}/webhook"
    endpoints.setdefault("action_endpoint", {})["url"] = url
    options.run_dir.mkdir(parents=True, exist_ok=True)
    target = options.run_dir / f"endpoints-{options.rasa_port}.yml"
    target.write_text(yaml.safe_dump(endpoints, sort_keys=False), encoding="utf-8")
    return target


LAUNCH = [sys.executable, "-m", "bot.rasa_ext.launch"]


def action_command(options: ServeOptions) -> list[str]:
    """The command line of the action server (bot/rasa_ext/launch.py: warmed up, token checked)."""
    return [*LAUNCH, "actions", "--port", str(options.action_port)]


def rasa_command(options: ServeOptions, settings: Settings, action_url: str | None = None) -> list[str]:
    """The command line of the Rasa server (its actions go to `action_url`; writes its endpoints file).

    The API token is not on it (`ps` shows command lines to every local user): the launcher
    reads `RASA_API_TOKEN` from the environment (bot/rasa_ext/launch.py).
    """
    return [
        *LAUNCH,
        "rasa",
        "--model",
        str(options.model),
        "--port",
        str(options.rasa_port),
        "--credentials",
        str(PROJECT_ROOT / "credentials.yml"),
        "--endpoints",
        str(write_endpoints(options, action_url=action_url)),
        "--cors",
        *settings.allowed_origins,
    ]


def commands(options: ServeOptions, settings: Settings) -> tuple[list[str], list[str]]:
    """The command lines of the action server and the Rasa server."""
    return action_command(options), rasa_command(options, settings)


def web_command(options: ServeOptions) -> list[str]:
    """The command line of the web process."""
    return [sys.executable, "-m", "bot", "web", "--port", str(options.web_port)]


# What answers on each server when it is up: `bot serve` waits for these, and the container
# health checks and Kubernetes probes (deploy/) use the same paths (tests/test_deploy.py checks).
HEALTH_PATHS = {"rasa": "/", "actions": "/health", "web": "/health"}


def health_urls(options: ServeOptions) -> list[str]:
    """What answers when everything `options` starts is up."""
    urls = []
    for index in range(options.replicas):
        replica = options.replica(index)
        urls += [
            f"http://localhost:{replica.action_port}{HEALTH_PATHS['actions']}",
            f"http://localhost:{replica.rasa_port}{HEALTH_PATHS['rasa']}",
        ]
    if options.web_port:
        urls.append(f"http://localhost:{options.web_port}{HEALTH_PATHS['web']}")
    if options.proxy_port:
        urls.append(f"http://localhost:{options.proxy_port}/health")
    return urls


def wait_until_ready(options: ServeOptions, processes: list[subprocess.Popen[bytes]], timeout: float) -> bool:
    """Polls every server until they answer, a process dies, or `timeout` seconds pass."""
    deadline = time.monotonic() + timeout
    urls = health_urls(options)
    while time.monotonic() < deadline:
        if any(p.poll() is not None for p in processes):
            return False
        try:
            if all(requests.get(url, timeout=2).ok for url in urls):
                return True
        except requests.RequestException:
            pass
        time.sleep(1)
    return False


def stop(processes: list[subprocess.Popen[bytes]], grace: float = 10.0) -> None:
    """Asks each process to stop, then kills what is still running after `grace` seconds.

    A second Ctrl-C while stopping is ignored, so the servers are never left running.
    """
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGINT)
        deadline = time.monotonic() + grace
        for process in processes:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    finally:
        signal.signal(signal.SIGINT, previous)


def _interrupt_on_sigterm(signum: int, frame: object) -> None:
    # A service manager (or a test) stops us with SIGTERM: stop the servers as Ctrl-C does.
    raise KeyboardInterrupt


def prepare_database() -> bool:
    """Brings our tables up to date, writes needs waiting in the spool, and loads the catalogue.

    An invalid catalogue is reported and the previous one stays in use; the assistant still
    starts. Returns False only when the database cannot be reached or migrated.
    """
    from sqlalchemy.exc import SQLAlchemyError

    from bot.catalogue import CatalogueError, load_catalogue
    from bot.db import upgrade

    try:
        upgrade()
    except SQLAlchemyError as error:
        print(f"The database is not available: {error}", file=sys.stderr)
        return False
    from bot.needs import replay_spool

    try:
        replayed = replay_spool()
    except ConnectionError as error:  # pragma: no cover - the upgrade above would have failed first
        print(f"Needs in the spool stay there until the database is back: {error}", file=sys.stderr)
    else:
        if replayed.read:
            print(f"Needs log: {replayed.written} needs waiting in the spool written to the database.")
    try:
        report = load_catalogue()
    except CatalogueError as error:
        print("The catalogue in data/catalogue/ has problems, so the previous one stays in use:", file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
    else:
        if report.changed:
            print(f"Catalogue loaded: {report.added} added, {report.updated} updated, {report.removed} removed.")
    return True


def production_problem(options: ServeOptions, settings: Settings) -> str | None:
    """Why the production layout cannot start as asked, in words for the person who asked; None if it can."""
    if options.replicas > 1 and (settings.database_url.startswith("sqlite") or not settings.redis_url):
        return (
            "Several Rasa replicas need one PostgreSQL database (DATABASE_URL=postgresql+psycopg2://…) and "
            "Redis for their locks (REDIS_URL=redis://…). `make run-prod` sets both for this machine; "
            "see docs/deploying.md."
        )
    if options.proxy_port and not find_nginx():
        return (
            "nginx is needed in front of the replicas: `make run-prod` installs it "
            "(Debian: apt-get install nginx-light)."
        )
    if options.proxy_port and not options.web_port:
        return "nginx needs the web process too (a web port)."
    return None


def proxy_command(options: ServeOptions) -> list[str]:
    """nginx in front of the replicas and the web process, its files under run_dir."""
    nginx = find_nginx()
    if nginx is None or not options.proxy_port or not options.web_port:
        raise ValueError(production_problem(options, load_settings()) or "no proxy port")
    layout = ProxyLayout(
        listen_port=options.proxy_port,
        rasa_ports=tuple(options.replica(i).rasa_port for i in range(options.replicas)),
        web_port=options.web_port,
        run_dir=options.run_dir / f"nginx-{options.proxy_port}",
        rate=load_settings().proxy_rate_per_second,
    )
    return nginx_command(nginx, write_config(layout))


def servers(options: ServeOptions, settings: Settings) -> list[Child]:
    """The servers `serve` starts, not yet started, each with its environment.

    A server that stops is started again while the others answer (with one replica, Rasa
    apologises while its action server restarts); only nginx has no one to cover for it. Rasa
    and the action servers share `ACTION_SERVER_TOKEN` (a random one when it is not set), so
    nobody else who reaches the action server's port can run actions.
    """
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(PROJECT_ROOT), os.environ.get("PYTHONPATH")])))
    env["ACTION_SERVER_TOKEN"] = settings.action_server_token or secrets.token_urlsafe(32)
    children = []
    for index in range(options.replicas):
        replica = options.replica(index)
        actions, rasa = commands(replica, settings)
        children.append(Child(f"action server :{replica.action_port}", actions, True, PROJECT_ROOT, env))
        children.append(Child(f"Rasa server :{replica.rasa_port}", rasa, True, PROJECT_ROOT, env))
    if options.web_port:
        children.append(Child(f"web process :{options.web_port}", web_command(options), True, PROJECT_ROOT, env))
    if options.proxy_port:
        children.append(Child(f"nginx :{options.proxy_port}", proxy_command(options), False, PROJECT_ROOT))
    return children


def serve(options: ServeOptions | None = None) -> int:
    """Runs every server in the foreground until Ctrl-C or until one of them stops.

    Returns:
        The exit code for the command line: 0 after Ctrl-C, 1 when a server failed.
    """
    settings = load_settings()
    options = options or ServeOptions(
        rasa_port=settings.rasa_port, action_port=settings.action_port, web_port=settings.web_port
    )
    if not options.model.is_file():
        print(f"No trained model at {options.model}. Run `make train` (or `make run`) first.", file=sys.stderr)
        return 1
    problem = production_problem(options, settings)
    if problem:
        print(problem, file=sys.stderr)
        return 1
    if not prepare_database():
        return 1
    signal.signal(signal.SIGTERM, _interrupt_on_sigterm)
    children = servers(options, settings)
    # Own sessions: Ctrl-C reaches only this process, which then stops every server once.
    for child in children:
        child.start()
    processes = [child.process for child in children if child.process is not None]
    try:
        if not wait_until_ready(options, processes, READY_TIMEOUT_SECONDS):
            print("The assistant did not start: see the messages above.", file=sys.stderr)
            return 1
        print(
            f"\nReady. Chat over REST: POST http://localhost:{options.rasa_port}/webhooks/rest/webhook "
            f'with {{"sender": "me", "message": "hello"}}; socket.io on port {options.rasa_port}. '
            f"HTTP API {'on (token from RASA_API_TOKEN)' if settings.rasa_api_token else 'off (set RASA_API_TOKEN)'}."
            + (
                f" Demo page with the chat widget: http://localhost:{options.web_port}/ ."
                f" Staff page: http://localhost:{options.web_port}/staff"
                f"{'' if settings.staff_token else ' (off until STAFF_TOKEN is set)'}."
                if options.web_port
                else ""
            )
            + (
                f" Production layout: {options.replicas} Rasa replicas behind nginx at"
                f" http://localhost:{options.proxy_port}/ (use this address)."
                if options.proxy_port
                else ""
            )
            + " Press Ctrl-C to stop.\n",
            flush=True,
        )
        return supervise(children)
    except KeyboardInterrupt:
        print("\nStopping…", file=sys.stderr)
        return 0
    finally:
        stop([child.process for child in children if child.process is not None])


def server_command(kind: str, settings: Settings, port: int | None = None, run_dir: Path | None = None) -> list[str]:
    """The command line of the Rasa server or the action server started alone, as a container runs it.

    Args:
        kind: "rasa" or "actions".
        settings: the settings (ports, allowed origins, API token, `ACTION_SERVER_URL`).
        port: its port; None means the one in the settings.
        run_dir: where the Rasa server's endpoints file goes; None means a new temporary folder
            (a container's project folder may be read-only).
    """
    if kind not in ("rasa", "actions"):
        raise ValueError(f"no server called {kind!r}")
    if kind == "actions":
        return action_command(ServeOptions(rasa_port=settings.rasa_port, action_port=port or settings.action_port))
    options = ServeOptions(
        rasa_port=port or settings.rasa_port,
        action_port=settings.action_port,
        run_dir=run_dir or Path(tempfile.mkdtemp(prefix="coprod-bot-")),
    )
    return rasa_command(options, settings, action_url=settings.action_server_url or None)


def exec_server(kind: str, port: int | None = None) -> NoReturn:
    """Replaces this process with the Rasa server or the action server (`python -m bot rasa|actions`).

    The server becomes the container's main process, so the platform's stop signal reaches it
    directly; it runs from the project folder, where the model and the spaCy pipeline are.
    """
    settings = load_settings()
    if kind == "rasa" and not DEFAULT_MODEL.is_file():
        print(f"No trained model at {DEFAULT_MODEL}. Run `make train` first.", file=sys.stderr)
        raise SystemExit(1)
    command = server_command(kind, settings, port)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(PROJECT_ROOT), os.environ.get("PYTHONPATH")])))
    os.chdir(PROJECT_ROOT)
    os.execve(command[0], command, env)  # noqa: S606 - our own argument list, no shell
