"""Rasa's SQL tracker store, pointed at the project's one `DATABASE_URL`.

endpoints.yml names this class, so the default files carry no `${VAR}` (Rasa aborts on an
unset one) and the same setting moves every store from SQLite to PostgreSQL.
"""

from __future__ import annotations

from typing import Any

from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain

from bot.settings import load_settings


def _prepare(url: str) -> str:
    # A SQLite file needs its folder; Rasa would fail with a bare "unable to open database".
    if url.startswith("sqlite:///"):
        from pathlib import Path

        path = Path(url[len("sqlite:///") :])
        if str(path) not in ("", ":memory:"):
            path.parent.mkdir(parents=True, exist_ok=True)
    return url


class DatabaseUrlTrackerStore(SQLTrackerStore):
    """SQLTrackerStore whose database comes from `bot.settings` (`DATABASE_URL`)."""

    def __init__(
        self,
        domain: Domain | None = None,
        host: str | None = None,
        event_broker: EventBroker | None = None,
        **kwargs: Any,
    ) -> None:
        """Creates the store on the configured database (any `url`/`host` given is ignored)."""
        for key in ("dialect", "port", "db", "username", "password", "login_db", "query"):
            kwargs.pop(key, None)
        url = _prepare(load_settings().database_url)
        super().__init__(domain=domain, host=url, event_broker=event_broker, **kwargs)
