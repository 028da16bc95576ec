"""Starting the Rasa server and the action server with the project's protections.

`python -m bot.rasa_ext.launch rasa <rasa run arguments>` and `python -m bot.rasa_ext.launch
actions --port N` are the command lines `bot serve` and the containers run (bot/ops/serve.py).
Before the server starts, they:

- cap request bodies (`REQUEST_LIMIT_BYTES`): Sanic would take 100 MB;
- listen on `BIND_HOST` (127.0.0.1 unless configured: the servers sit behind nginx or a
  cluster's network, never open to the internet themselves);
- scrub the log (`bot.privacy.install_log_scrubber`): records are cut and redacted;
- Rasa: read `RASA_API_TOKEN` from the environment, not the command line (where `ps` shows it
  to every local user), and tell no version on `GET /` or `/version`;
- action server: load every word list and the catalogue before the first request (a first need
  with a capital letter took 6–10 s, over the action time-out), and answer only requests that
  carry `ACTION_SERVER_TOKEN` (Rasa sends it: bot/rasa_ext/action_guard.py), so nobody who
  reaches the port can run actions or store forged needs.
"""

from __future__ import annotations

import hmac
import logging
import os
import sys
from collections.abc import Sequence
from typing import Any

from bot.privacy import install_log_scrubber
from bot.settings import Settings, load_settings

logger = logging.getLogger(__name__)

# The largest request body a server takes: a chat message is at most a few thousand characters,
# Twilio's form posts are small, and the action server's trackers are cut (bot/privacy/events.py).
REQUEST_LIMIT_BYTES = 64 * 1024
# The action server receives whole trackers from Rasa: more room, still capped.
ACTION_REQUEST_LIMIT_BYTES = 4 * 1024 * 1024
GREETING = "Hello from the co-production assistant"


def _hide_version() -> None:
    """`GET /` answers without Rasa's version; `/version` is not found."""
    import rasa.core.run
    import rasa.server
    from sanic import response
    from sanic.request import Request

    def add_root_route(app: Any) -> None:
        @app.get("/")
        async def hello(request: Request) -> Any:
            return response.text(GREETING)

    rasa.server.add_root_route = add_root_route
    configure_app = rasa.core.run.configure_app

    def configure(*args: Any, **kwargs: Any) -> Any:
        app = configure_app(*args, **kwargs)
        app.config.REQUEST_MAX_SIZE = REQUEST_LIMIT_BYTES

        @app.middleware("request")
        async def no_version(request: Request) -> Any:
            if request.path.rstrip("/") == "/version":
                return response.json({"error": "Not found."}, status=404)
            return None

        return app

    rasa.core.run.configure_app = configure


def rasa_argv(arguments: Sequence[str], settings: Settings) -> list[str]:
    """`rasa run`'s arguments inside this process: the bind address, and the API token when set."""
    argv = ["rasa", "run", *arguments, "--interface", settings.bind_host]
    if settings.rasa_api_token:
        argv += ["--enable-api", "--auth-token", settings.rasa_api_token]
    return argv


def run_rasa(arguments: Sequence[str]) -> None:
    """Runs `rasa run` with `arguments`, the API token from the settings and the bind address."""
    settings = load_settings()
    os.environ["SANIC_REQUEST_MAX_SIZE"] = str(REQUEST_LIMIT_BYTES)
    argv = rasa_argv(arguments, settings)
    _hide_version()
    install_log_scrubber()
    sys.argv = argv  # this process's own copy: /proc shows the command line it was started with
    from rasa.__main__ import main

    main()


def authorised(header: str, token: str) -> bool:
    """True when `header` (Authorization) carries `token`, or when no token is configured."""
    if not token:
        return True
    given = header[len("Bearer ") :].strip() if header.startswith("Bearer ") else ""
    return bool(given) and hmac.compare_digest(given.encode(), token.encode())


def create_action_app(package: str = "actions") -> Any:
    """rasa-sdk's action server app, with the token check and a plain answer to errors."""
    from rasa_sdk.endpoint import create_app
    from sanic import response
    from sanic.exceptions import SanicException
    from sanic.request import Request

    settings = load_settings()
    app = create_app(package, cors_origins=None)
    app.config.REQUEST_MAX_SIZE = ACTION_REQUEST_LIMIT_BYTES
    token = settings.action_server_token
    if not token:
        logger.warning("ACTION_SERVER_TOKEN is not set: anyone who reaches this port can run actions.")

    @app.middleware("request")
    async def check_token(request: Request) -> Any:
        if request.path != "/health" and not authorised(request.headers.get("Authorization", ""), token):
            return response.json({"error": "Not authorised."}, status=401)
        return None

    @app.exception(Exception)
    async def failed(request: Request, exception: Exception) -> Any:
        # rasa-sdk's own handler logs the whole request and sends the tracker back in the body.
        if isinstance(exception, SanicException):  # a request too large, not JSON …: its own status
            return response.json({"error": str(exception)[:200]}, status=exception.status_code)
        logger.error("A custom action failed: %s", type(exception).__name__, exc_info=exception)
        return response.json({"error": "The action failed."}, status=500)

    return app


def run_actions(port: int) -> None:
    """Runs the action server on `port`, warmed up, on the bind address."""
    os.environ["SANIC_REQUEST_MAX_SIZE"] = str(ACTION_REQUEST_LIMIT_BYTES)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)-8s %(name)s - %(message)s")
    install_log_scrubber()
    from bot.flows import warm_up

    warm_up()
    app = create_action_app()
    settings = load_settings()
    logger.info("Action server on %s:%s", settings.bind_host, port)
    app.run(settings.bind_host, port, workers=1, access_log=False, motd=False)


def main(argv: Sequence[str] | None = None) -> None:
    """`rasa <rasa run arguments>` or `actions --port N`."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    if not arguments or arguments[0] not in ("rasa", "actions"):
        raise SystemExit("usage: python -m bot.rasa_ext.launch rasa <rasa run arguments> | actions --port N")
    kind, rest = arguments[0], arguments[1:]
    if kind == "rasa":
        run_rasa(rest)
        return
    port = int(rest[rest.index("--port") + 1]) if "--port" in rest else load_settings().action_port
    run_actions(port)


if __name__ == "__main__":
    main()
