"""Configuration, read once from the environment with safe defaults.

Every variable is listed in `.env.example` and in the README's configuration table.
Nothing else in the project reads `os.environ` directly.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
VAR_DIR = PROJECT_ROOT / "var"
TOPICS_FILE = PROJECT_ROOT / "data" / "topics.yml"

DEFAULT_DATABASE_URL = f"sqlite:///{VAR_DIR / 'bot.db'}"
DEFAULT_CONTACT_ROUTE = (
    "your local Maternity and Neonatal Voices Partnership (MNVP). "
    "Your midwife or the hospital's patient experience team (PALS) can put you in touch. "
    "National Maternity Voices also lists ways to get in touch: https://nationalmaternityvoices.org.uk/faqs/"
)


@dataclass(frozen=True)
class Settings:
    """The assistant's settings.

    Attributes:
        database_url: SQLAlchemy URL for every store (Rasa's tracker store and our tables).
        rasa_api_token: token for Rasa's HTTP API; empty means the API stays off.
        allowed_origins: origins allowed by CORS, comma separated in the environment.
        contact_route: what "talk to a person" tells the user (plain text, may hold a link).
        rasa_port: port of the Rasa server.
        action_port: port of the action server.
    """

    database_url: str
    rasa_api_token: str
    allowed_origins: tuple[str, ...]
    contact_route: str
    rasa_port: int
    action_port: int


def _int_from_env(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as error:
        raise ValueError(f"{name} must be a whole number, not {raw!r}") from error


def load_settings() -> Settings:
    """Reads the settings from the environment.

    Returns:
        The settings, with defaults for everything that is not set.
    """
    origins = os.environ.get("ALLOWED_ORIGINS", "http://localhost:8000")
    return Settings(
        database_url=os.environ.get("DATABASE_URL", "").strip() or DEFAULT_DATABASE_URL,
        rasa_api_token=os.environ.get("RASA_API_TOKEN", "").strip(),
        allowed_origins=tuple(o.strip() for o in origins.split(",") if o.strip()),
        contact_route=os.environ.get("CONTACT_ROUTE", "").strip() or DEFAULT_CONTACT_ROUTE,
        rasa_port=_int_from_env("RASA_PORT", 5005),
        action_port=_int_from_env("ACTION_PORT", 5055),
    )
