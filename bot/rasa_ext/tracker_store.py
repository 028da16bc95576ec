"""Rasa's SQL tracker store, pointed at the project's one `DATABASE_URL`, keeping no raw personal data.

endpoints.yml names this class, so the default files carry no `${VAR}` (Rasa aborts on an
unset one) and the same setting moves every store from SQLite to PostgreSQL.

While the database is down, it answers "no history" and skips storing the turn, so the
assistant keeps answering (one message at a time) instead of failing every request; the needs
log keeps its own spool. What it writes differs from stock Rasa (bot/privacy/): users' words
are cut to `STORED_TEXT_LIMIT` characters and redacted, in a worker thread off the event loop,
before they are stored; the client's metadata is dropped; conversations are stored under a
salted hash of the sender id (a messaging channel's sender id is a phone number). Retrieval
hashes the id it is given, so conversations carry on as before. Rasa's HTTP API lists the
hashed ids. A SQLite file is created readable by its owner only.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from sqlalchemy.exc import SQLAlchemyError

from bot.db import private_sqlite_file
from bot.privacy import conversation_key, redact_event
from bot.rasa_ext.action_guard import install as install_action_guard
from bot.settings import load_settings

logger = logging.getLogger(__name__)


def _prepare(url: str) -> str:
    # A SQLite file needs its folder (Rasa would fail with a bare "unable to open database"),
    # and is made readable by its owner only.
    private_sqlite_file(url)
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
        # Every Rasa server of this project makes this store at start: from then on a failing
        # action server never means silence.
        install_action_guard()
        redact_event({"event": "user", "text": "Warm Up"})  # loads the word lists now, not on the first message

    def _event_query(self, session: Any, sender_id: str, fetch_events_from_all_sessions: bool) -> Any:
        """Events are stored under the hashed sender id."""
        return super()._event_query(session, conversation_key(sender_id), fetch_events_from_all_sessions)

    async def retrieve(self, sender_id: str) -> Any:
        """The stored conversation; while the database is down, none (the assistant still answers)."""
        try:
            return await super().retrieve(sender_id)
        except SQLAlchemyError as error:
            logger.error(
                "The conversation store is unavailable (%s): answering without the history.", _first_line(error)
            )
            return None

    async def retrieve_full_tracker(self, sender_id: str) -> Any:
        """As `retrieve`, with every session."""
        try:
            return await super().retrieve_full_tracker(sender_id)
        except SQLAlchemyError as error:
            logger.error("The conversation store is unavailable (%s).", _first_line(error))
            return None

    async def save(self, tracker: Any) -> None:
        """Stores the new events, redacted, under the hashed sender id; while the database is down, logs and goes on."""
        try:
            await self._save(tracker)
        except SQLAlchemyError as error:
            logger.error("The conversation store is unavailable (%s): this turn is not stored.", _first_line(error))

    async def _save(self, tracker: Any) -> None:
        await self.stream_events(tracker)
        # Cutting, redacting and writing happen in a worker thread: a long message (or a slow
        # database) must not hold up the event loop, which answers every other conversation.
        await asyncio.get_running_loop().run_in_executor(None, self._write, tracker)

    def _write(self, tracker: Any) -> None:
        key = conversation_key(tracker.sender_id)
        with self.session_scope() as session:
            for event in self._additional_events(session, tracker):
                data = redact_event(event.as_dict())
                session.add(
                    self.SQLEvent(
                        sender_id=key,
                        type_name=event.type_name,
                        timestamp=data.get("timestamp"),
                        intent_name=(data.get("parse_data") or {}).get("intent", {}).get("name"),
                        action_name=data.get("name"),
                        data=json.dumps(data),
                    )
                )
            session.commit()
        logger.debug("Tracker stored to the database")


def _first_line(error: Exception) -> str:
    return str(error).splitlines()[0] if str(error) else type(error).__name__
