"""Configuration, from the environment and an optional `.env` file, with safe defaults.

A variable set in the environment wins over the same one in `.env` (at the project root, or
the file named by `BOT_ENV_FILE`; an empty `BOT_ENV_FILE` means no file). Every variable is
listed in `.env.example` and in the README's configuration table. Nothing else in the project
reads `os.environ` for settings.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
VAR_DIR = PROJECT_ROOT / "var"
TOPICS_FILE = PROJECT_ROOT / "data" / "topics.yml"

DEFAULT_DATABASE_URL = f"sqlite:///{VAR_DIR / 'bot.db'}"
# The rules look back two user messages and "Was this helpful?" three (bot/needs/dialogue.py).
MIN_CONVERSATION_WINDOW = 3


@dataclass(frozen=True)
class Settings:
    """The assistant's settings.

    Attributes:
        database_url: SQLAlchemy URL for every store (Rasa's tracker store and our tables).
        rasa_api_token: token for Rasa's HTTP API; empty means the API stays off.
        allowed_origins: origins allowed by CORS, comma separated in the environment.
        contact_route: who "talk to a person" sends people to (plain text, may hold a link);
            empty means the default wording in domain.yml (`utter_human_handoff_default`).
        rasa_port: port of the Rasa server.
        action_port: port of the action server.
        action_server_url: where a Rasa server started alone (`python -m bot rasa`, as in a
            container) finds the action server's webhook; empty means
            `http://localhost:<action_port>/webhook`. `bot serve` starts its own action servers
            and ignores it.
        web_port: port of the web process (the staff page).
        staff_token: token for the staff page; empty means the page is off.
        needs_salt: secret mixed into the hash of conversation ids in the needs log; empty
            means a random one kept in var/needs-salt (set it when several servers share a database).
        needs_retention_days: how long `bot needs purge` keeps needs and feedback by default.
        needs_spool: the file that holds needs while the database is unavailable.
        widget_server_url: the Rasa server's address as browsers see it, for the demo page's
            widget; empty means the page's own host on `rasa_port`.
        brand_name: the host's name (the MNVP or organisation) in the demo page's header.
        brand_logo_url: the host's logo for the demo page (an http(s) address or a path on the
            web process); empty means no logo. No NHS logo is shown unless the host sets one.
        twilio_account_sid, twilio_auth_token, twilio_number: the Twilio account (SMS or
            WhatsApp); the channel is off until all three are set.
        twilio_webhook_url: the public URL Twilio calls, for checking its signature behind a
            proxy; empty means the URL the request arrived on.
        twilio_api_url: a Twilio-compatible API to send replies to (tests); empty means Twilio's.
        callback_url: where the callback channel POSTs the bot's replies; empty means it is off.
        proxy_rate_per_second: requests per second nginx allows each client address (run-prod).
        action_timeout_seconds: how long Rasa waits for the action server before apologising.
        redis_url: Redis for Rasa's lock store (needed with several Rasa replicas); empty means
            locks in memory (one Rasa process).
        bind_host: the address the Rasa server, the action server and the web process listen
            on: 127.0.0.1 (this machine only) unless a container needs 0.0.0.0.
        action_server_token: the secret Rasa sends the action server, which refuses requests
            without it; `bot serve` makes a random one when it is empty.
        trust_forwarded_proto: trust the `X-Forwarded-Proto` header of a TLS proxy in front of
            the web process (the staff page's cookie is then marked Secure).
        conversation_window: the user messages of a conversation's history each turn reads back
            (0: all of them, as stock Rasa does); at least `MIN_CONVERSATION_WINDOW`.
    """

    database_url: str
    rasa_api_token: str
    allowed_origins: tuple[str, ...]
    contact_route: str
    rasa_port: int
    action_port: int
    web_port: int = 8000
    staff_token: str = ""
    needs_salt: str = ""
    needs_retention_days: int = 365
    needs_spool: Path = VAR_DIR / "needs-spool.jsonl"
    widget_server_url: str = ""
    brand_name: str = "Maternity co-production"
    brand_logo_url: str = ""
    twilio_account_sid: str = ""
    twilio_auth_token: str = ""
    twilio_number: str = ""
    twilio_webhook_url: str = ""
    twilio_api_url: str = ""
    callback_url: str = ""
    redis_url: str = ""
    action_timeout_seconds: float = 10.0
    proxy_rate_per_second: int = 10
    action_server_url: str = ""
    bind_host: str = "127.0.0.1"
    action_server_token: str = ""
    trust_forwarded_proto: bool = False
    conversation_window: int = 5


def _env_file() -> Path | None:
    name = os.environ.get("BOT_ENV_FILE")
    if name is None:
        return PROJECT_ROOT / ".env"
    return Path(name) if name.strip() else None


def read_env_file(path: Path | None) -> dict[str, str]:
    """Reads `KEY=value` lines; `#` starts a comment line; quotes around a value are removed."""
    if path is None or not path.is_file():
        return {}
    values: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = line.split("=", 1)
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        values[key.strip().removeprefix("export ").strip()] = value
    return values


_Lookup = Callable[..., str]


def _int_from_env(_get: _Lookup, name: str, default: int) -> int:
    raw = _get(name).strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as error:
        raise ValueError(f"{name} must be a whole number, not {raw!r}") from error


def _float_from_env(_get: _Lookup, name: str, default: float) -> float:
    raw = _get(name).strip()
    if not raw:
        return default
    try:
        return float(raw)
    except ValueError as error:
        raise ValueError(f"{name} must be a number of seconds, not {raw!r}") from error


def load_settings() -> Settings:
    """The settings from the environment (and `.env`), read once and kept.

    They are read again only when the environment or the `.env` file changes (tests change
    the environment), so callers may ask for them as often as they like.

    Returns:
        The settings, with defaults for everything that is not set.
    """
    path = _env_file()
    try:
        stamp = path.stat().st_mtime_ns if path is not None else None
    except OSError:
        stamp = None
    return _load_settings(tuple(sorted(os.environ.items())), str(path), stamp)


@lru_cache(maxsize=8)
def _load_settings(environment: tuple[tuple[str, str], ...], env_file: str, stamp: int | None) -> Settings:
    variables = dict(environment)
    from_file = read_env_file(Path(env_file)) if env_file != "None" else {}

    def _get(name: str, default: str = "") -> str:
        return variables[name] if name in variables else from_file.get(name, default)

    origins = _get("ALLOWED_ORIGINS", "http://localhost:8000,http://127.0.0.1:8000")
    return Settings(
        database_url=_get("DATABASE_URL").strip() or DEFAULT_DATABASE_URL,
        rasa_api_token=_get("RASA_API_TOKEN").strip(),
        allowed_origins=tuple(o.strip() for o in origins.split(",") if o.strip()),
        contact_route=_get("CONTACT_ROUTE").strip(),
        rasa_port=_int_from_env(_get, "RASA_PORT", 5005),
        action_port=_int_from_env(_get, "ACTION_PORT", 5055),
        web_port=_int_from_env(_get, "WEB_PORT", 8000),
        staff_token=_get("STAFF_TOKEN").strip(),
        needs_salt=_get("NEEDS_SALT").strip(),
        needs_retention_days=_int_from_env(_get, "NEEDS_RETENTION_DAYS", 365),
        needs_spool=Path(_get("NEEDS_SPOOL").strip() or VAR_DIR / "needs-spool.jsonl"),
        widget_server_url=_get("WIDGET_SERVER_URL").strip(),
        brand_name=_get("BRAND_NAME").strip() or "Maternity co-production",
        brand_logo_url=_get("BRAND_LOGO_URL").strip(),
        twilio_account_sid=_get("TWILIO_ACCOUNT_SID").strip(),
        twilio_auth_token=_get("TWILIO_AUTH_TOKEN").strip(),
        twilio_number=_get("TWILIO_NUMBER").strip(),
        twilio_webhook_url=_get("TWILIO_WEBHOOK_URL").strip(),
        twilio_api_url=_get("TWILIO_API_URL").strip(),
        callback_url=_get("CALLBACK_URL").strip(),
        redis_url=_get("REDIS_URL").strip(),
        action_timeout_seconds=_float_from_env(_get, "ACTION_TIMEOUT_SECONDS", 10.0),
        proxy_rate_per_second=_int_from_env(_get, "PROXY_RATE_PER_SECOND", 10),
        action_server_url=_get("ACTION_SERVER_URL").strip(),
        bind_host=_get("BIND_HOST").strip() or "127.0.0.1",
        action_server_token=_get("ACTION_SERVER_TOKEN").strip(),
        trust_forwarded_proto=_get("TRUST_FORWARDED_PROTO").strip().lower() in ("1", "true", "yes", "on"),
        conversation_window=_window_from_env(_get),
    )


def _window_from_env(_get: _Lookup) -> int:
    turns = _int_from_env(_get, "CONVERSATION_WINDOW", 5)
    if turns != 0 and turns < MIN_CONVERSATION_WINDOW:
        raise ValueError(
            f"CONVERSATION_WINDOW must be 0 (read whole conversations) "
            f"or at least {MIN_CONVERSATION_WINDOW}, not {turns}"
        )
    return turns
