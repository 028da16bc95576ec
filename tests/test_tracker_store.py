"""The tracker store follows DATABASE_URL: a SQLite file by default, PostgreSQL in production."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from rasa.core.tracker_store import TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import read_endpoint_config

from bot.privacy import conversation_key
from bot.rasa_ext.tracker_store import DatabaseUrlTrackerStore
from bot.settings import DEFAULT_DATABASE_URL, VAR_DIR


def _round_trip(store: TrackerStore, sender: str) -> DialogueStateTracker:
    tracker = DialogueStateTracker(sender, slots=[])
    tracker.update(UserUttered("what is an mnvp", intent={"name": "faq", "confidence": 0.99}))
    tracker.update(ActionExecuted("utter_faq"))
    _run(store.save(tracker))
    return _run(store.retrieve(sender))


def _run(awaitable):  # TrackerStore methods are coroutines in Rasa 3.6
    import asyncio

    return asyncio.run(awaitable) if asyncio.iscoroutine(awaitable) else awaitable


def test_default_database_is_a_sqlite_file_under_var() -> None:
    assert DEFAULT_DATABASE_URL == f"sqlite:///{VAR_DIR / 'bot.db'}"


def test_endpoints_yml_names_our_tracker_store(root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Rasa silently falls back to an in-memory store when the class cannot be imported.
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'bot.db'}")
    config = read_endpoint_config(str(root / "endpoints.yml"), "tracker_store")
    assert config is not None
    assert config.type == "bot.rasa_ext.tracker_store.DatabaseUrlTrackerStore"
    store = TrackerStore.create(config, Domain.empty())
    assert isinstance(store, DatabaseUrlTrackerStore)


def test_tracker_store_uses_sqlite_file_from_database_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "nested" / "bot.db"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{db}")
    store = DatabaseUrlTrackerStore(domain=Domain.empty(), host="ignored", db="ignored.db")
    tracker = _round_trip(store, "sqlite-user")
    assert tracker is not None
    assert tracker.latest_message.text == "what is an mnvp"
    assert db.is_file()
    with sa.create_engine(f"sqlite:///{db}", future=True).connect() as conn:
        count = conn.execute(
            sa.text("SELECT count(*) FROM events WHERE sender_id = :key"), {"key": conversation_key("sqlite-user")}
        ).scalar_one()
    assert count >= 2


@pytest.mark.postgres
def test_tracker_store_uses_postgresql_from_database_url(postgres_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", postgres_url)
    store = DatabaseUrlTrackerStore(domain=Domain.empty())
    assert store.engine.dialect.name == "postgresql"
    tracker = _round_trip(store, "pg-user")
    assert tracker is not None
    assert [e.text for e in tracker.events if isinstance(e, UserUttered)] == ["what is an mnvp"]
    engine = sa.create_engine(postgres_url, future=True)
    with engine.connect() as conn:
        count = conn.execute(
            sa.text("SELECT count(*) FROM events WHERE sender_id = :key"), {"key": conversation_key("pg-user")}
        ).scalar_one()
    engine.dispose()
    store.engine.dispose()
    assert count >= 2


def test_stored_conversations_keep_no_raw_personal_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "private.db"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{db}")
    store = DatabaseUrlTrackerStore(domain=Domain.empty())
    sender = "+447700900123"  # a messaging channel's sender id is a phone number
    text = "my name is Priya Shah, call me on 07700 900456 about parking"
    tracker = DialogueStateTracker(sender, slots=[])
    tracker.update(
        UserUttered(
            text,
            intent={"name": "out_of_scope", "confidence": 0.9},
            parse_data={"text": text, "intent": {"name": "out_of_scope", "confidence": 0.9}, "entities": []},
            metadata={"From": "whatsapp:+447700900123"},
        )
    )
    tracker.update(ActionExecuted("utter_out_of_scope"))
    _run(store.save(tracker))
    # The next turn: only the new events are added, and the same conversation is found.
    tracker.update(SlotSet("search_query", "leaflets for Priya Shah"))
    tracker.update(UserUttered("thanks", intent={"name": "thank", "confidence": 0.9}))
    _run(store.save(tracker))
    with sa.create_engine(f"sqlite:///{db}", future=True).connect() as conn:
        rows = conn.execute(sa.text("SELECT sender_id, data FROM events")).all()
    stored = " ".join(f"{r.sender_id} {r.data}" for r in rows)
    for secret in ("Priya", "Shah", "07700", "900123", "900456", "+44"):
        assert secret not in stored
    assert "parking" in stored
    assert {r.sender_id for r in rows} == {conversation_key(sender)}
    again = _run(store.retrieve(sender))
    assert [e.text for e in again.events if isinstance(e, UserUttered)] == [
        "my name is [name], call me on [phone] about parking",
        "thanks",
    ]
    assert len(rows) == len(tracker.events)


def test_an_unavailable_database_means_no_history_not_a_failed_request(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.tools.private_postgres import free_port

    monkeypatch.setenv("DATABASE_URL", f"postgresql+psycopg2://postgres@127.0.0.1:{free_port()}/gone")
    store = DatabaseUrlTrackerStore.__new__(DatabaseUrlTrackerStore)
    # Build it without touching the database (Rasa's constructor connects once at start).
    import sqlalchemy as sa_

    store.engine = sa_.create_engine(f"postgresql+psycopg2://postgres@127.0.0.1:{free_port()}/gone", future=True)
    store.sessionmaker = sa_.orm.session.sessionmaker(bind=store.engine)
    store.domain = Domain.empty()
    store.event_broker = None
    store.max_event_history = None
    store.retrieve_events_from_previous_conversation_sessions = False
    assert _run(store.retrieve("someone")) is None
    tracker = DialogueStateTracker("someone", slots=[])
    tracker.update(UserUttered("hello", intent={"name": "greet", "confidence": 1.0}))
    _run(store.save(tracker))  # logged, not raised


def test_a_long_message_is_stored_cut_with_a_marker_and_client_metadata_is_dropped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import stat

    from bot.privacy import STORED_TEXT_LIMIT

    db = tmp_path / "cut.db"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{db}")
    store = DatabaseUrlTrackerStore(domain=Domain.empty())
    text = "where is the gap analysis tool " + "Xq Zv " * 20_000 + "my email is hidden@example.com"
    tracker = DialogueStateTracker("long-user", slots=[])
    tracker.update(SlotSet("session_started_metadata", {"ip": "203.0.113.7", "name": "Priya Shah"}))
    tracker.update(UserUttered(text, intent={"name": "faq", "confidence": 0.5}, metadata={"ip": "203.0.113.7"}))
    _run(store.save(tracker))
    with sa.create_engine(f"sqlite:///{db}", future=True).connect() as conn:
        stored = " ".join(conn.execute(sa.text("SELECT data FROM events")).scalars())
    assert "where is the gap analysis tool" in stored
    assert "more characters not stored" in stored
    assert len(stored) < 3 * STORED_TEXT_LIMIT + 2000
    for secret in ("203.0.113.7", "Priya", "hidden@example.com", "Xq Zv"):
        assert secret not in stored
    # The file holds conversations: only its owner may read it.
    assert stat.S_IMODE(os.stat(db).st_mode) == 0o600
