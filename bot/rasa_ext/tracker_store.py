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

What it reads back differs in one way: a turn's tracker holds the recent part of the
conversation (`CONVERSATION_WINDOW` user messages) after the state before it, so a turn costs
the same at the 200th message as at the 10th (bot/rasa_ext/conversation_window.py). Saving then
adds the events after the part that was read. `retrieve_full_tracker` (Rasa's HTTP API) reads
every event, as before.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
from typing import Any

from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from sqlalchemy.exc import SQLAlchemyError

from bot.db import private_sqlite_file
from bot.privacy import conversation_key, redact_event
from bot.rasa_ext.action_calls import install as install_action_calls
from bot.rasa_ext.action_guard import install as install_action_guard
from bot.rasa_ext.conversation_window import WINDOW_ATTRIBUTE, Checkpoints, event_from_row, replay
from bot.settings import load_settings

logger = logging.getLogger(__name__)


def _prepare(url: str) -> str:
    # A SQLite file needs its folder (Rasa would fail with a bare "unable to open database"),
    # and is made readable by its owner only.
    private_sqlite_file(url)
    return url


class DatabaseUrlTrackerStore(SQLTrackerStore):
    """SQLTrackerStore whose database comes from `bot.settings` (`DATABASE_URL`)."""

    # The whole conversation until the settings say otherwise (`__init__`).
    window_turns = 0

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
        settings = load_settings()
        url = _prepare(settings.database_url)
        super().__init__(domain=domain, host=url, event_broker=event_broker, **kwargs)
        self.window_turns = settings.conversation_window
        self.checkpoints = Checkpoints()
        # Every Rasa server of this project makes this store at start: from then on a failing
        # action server never means silence, and calls to it do no needless work.
        install_action_guard()
        install_action_calls()
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

    async def _retrieve(self, sender_id: str, fetch_events_from_all_sessions: bool) -> Any:
        """The latest session's recent part after the state before it (`conversation_window`), or every event."""
        if fetch_events_from_all_sessions or not self.window_turns or self.domain is None:
            return await super()._retrieve(sender_id, fetch_events_from_all_sessions)
        key = conversation_key(sender_id)
        checkpoint = self.checkpoints.get(key)
        with self.session_scope() as session:
            query = self._event_query(session, sender_id, fetch_events_from_all_sessions=False)
            rows = query.filter(self.SQLEvent.id >= checkpoint.event_id).all() if checkpoint else []
            if checkpoint and (not rows or rows[0].id != checkpoint.event_id):
                checkpoint = None  # a new session began after it
            tracker = None
            if checkpoint:
                tracker, following = replay(sender_id, self.domain.slots, _events(rows), checkpoint, self.window_turns)
            if tracker is None:
                tracker, following = replay(sender_id, self.domain.slots, _events(query.all()), None, self.window_turns)
        if following is not None:
            self.checkpoints.put(key, following)
        if tracker is None or not tracker.events:
            self.checkpoints.forget(key)
            return None
        return tracker

    def _additional_events(self, session: Any, tracker: Any) -> Any:
        """The tracker's events not stored yet; for a recent part, those after its stored events."""
        window = getattr(tracker, WINDOW_ATTRIBUTE, None)
        if window is None:
            return super()._additional_events(session, tracker)
        stored = (
            self._event_query(session, tracker.sender_id, fetch_events_from_all_sessions=False)
            .filter(self.SQLEvent.id >= window.event_id)
            .count()
        )
        return itertools.islice(tracker.events, window.state_length + stored, len(tracker.events))

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


def _events(rows: Any) -> list[tuple[int, Any]]:
    events = ((row.id, event_from_row(row.data)) for row in rows)
    return [(event_id, event) for event_id, event in events if event is not None]


def _first_line(error: Exception) -> str:
    return str(error).splitlines()[0] if str(error) else type(error).__name__
