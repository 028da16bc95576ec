"""Recording needs and feedback: redacted, hashed, once, and never lost when the database is down."""

from __future__ import annotations

import json
import multiprocessing
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.db import get_engine, upgrade
from bot.needs import spool as spool_file
from bot.needs import store as needs
from bot.needs.model import TEXT_LIMIT
from bot.needs.record import Source, add_detail, record_feedback, record_need, replay_spool
from bot.privacy import conversation_hash, hashing
from tests.tools.private_postgres import PrivatePostgres, free_port

SOURCE = Source(channel="socketio", conversation_id="sender-abc-123", intent="nlu_fallback", confidence=0.31)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> sa.engine.Engine:
    """An empty needs log on a SQLite file, or on this run's PostgreSQL database."""
    url = f"sqlite:///{tmp_path / 'needs.db'}" if request.param == "sqlite" else request.getfixturevalue("postgres_url")
    engine = get_engine(url)
    upgrade(engine)
    with engine.begin() as connection:
        connection.execute(sa.text("DELETE FROM unmet_needs"))
        connection.execute(sa.text("DELETE FROM feedback"))
    return engine


@pytest.fixture(autouse=True)
def _retry_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests bring the database back and expect the next write to use it straight away."""
    monkeypatch.setattr(needs.BREAKERS, "seconds", 0.0)
    needs.BREAKERS.clear()


@pytest.fixture
def spool(tmp_path: Path) -> Path:
    return tmp_path / "spool" / "needs-spool.jsonl"


def rows(engine: sa.engine.Engine, table: str = "unmet_needs") -> list[dict]:
    with engine.connect() as connection:
        return [dict(r._mapping) for r in connection.execute(sa.text(f"SELECT * FROM {table} ORDER BY created_at"))]


# --- what is stored ------------------------------------------------------------------------


def test_record_need_stores_redacted_text_and_every_field(engine: sa.engine.Engine, spool: Path) -> None:
    result = record_need(
        "my email is jo@example.com, can you send the parking rules", "fallback", SOURCE, engine=engine, spool=spool
    )
    assert result.stored
    [row] = rows(engine)
    assert row["id"] == result.id
    assert row["text"] == "my email is [email], can you send the parking rules"
    assert (row["reason"], row["intent"], row["channel"], row["redacted"]) == (
        "fallback",
        "nlu_fallback",
        "socketio",
        "email",
    )
    assert row["confidence"] == pytest.approx(0.31)
    assert row["conversation"] == conversation_hash("sender-abc-123")
    assert row["created_at"] is not None
    assert not spool_file.has_entries(spool)


def test_nothing_personal_or_the_raw_sender_id_reaches_any_column(engine: sa.engine.Engine, spool: Path) -> None:
    text = (
        "I'm Priya Shah and my number is 07700 900123, postcode LS1 4AP. NHS no 943 476 5919. "
        "Where is the PALS leaflet?"
    )
    need = record_need(text, "out_of_scope", SOURCE, engine=engine, spool=spool)
    add_detail(need.id, "call me on 020 7946 0018 about it", engine=engine, spool=spool)
    record_feedback("knowledge", False, SOURCE, answer="faq/what_is_mnvp", engine=engine, spool=spool)
    stored = json.dumps([rows(engine), rows(engine, "feedback")], default=str)
    for secret in ("Priya", "Shah", "07700 900123", "LS1 4AP", "943 476 5919", "020 7946 0018", "sender-abc-123"):
        assert secret not in stored
    assert "PALS leaflet" in stored


def test_conversation_hash_is_stable_salted_and_not_the_id() -> None:
    assert conversation_hash("abc", salt="one") == conversation_hash("abc", salt="one")
    assert conversation_hash("abc", salt="one") != conversation_hash("abc", salt="two")
    assert conversation_hash("abc", salt="one") != conversation_hash("abd", salt="one")
    assert "abc" not in conversation_hash("abc", salt="one")


def test_without_a_configured_salt_a_random_one_is_made_once_and_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(hashing, "SALT_FILE", tmp_path / "needs-salt")
    first = conversation_hash("abc", salt="")
    assert (tmp_path / "needs-salt").stat().st_mode & 0o077 == 0
    assert conversation_hash("abc", salt="") == first
    (tmp_path / "needs-salt").write_text("another", encoding="utf-8")
    assert conversation_hash("abc", salt="") != first


@pytest.mark.parametrize(
    "text",
    [
        "",
        "nul\x00byte",
        "lone \udc80 surrogate",
        "🙂" * 50,
        "x" * (TEXT_LIMIT * 2),
        "'); DROP TABLE unmet_needs; --",
        "a\r\nb\x1bc",
    ],
)
def test_odd_text_is_stored_without_error(engine: sa.engine.Engine, spool: Path, text: str) -> None:
    assert record_need(text, "fallback", SOURCE, engine=engine, spool=spool).stored
    [row] = rows(engine)
    assert "\x00" not in row["text"]
    assert len(row["text"]) <= TEXT_LIMIT


def test_unknown_reason_or_answer_type_is_refused(engine: sa.engine.Engine, spool: Path) -> None:
    with pytest.raises(ValueError, match="unknown reason"):
        record_need("x", "bored", SOURCE, engine=engine, spool=spool)
    with pytest.raises(ValueError, match="unknown answer type"):
        record_feedback("poem", True, SOURCE, engine=engine, spool=spool)


def test_feedback_offers_and_answers_are_rows(engine: sa.engine.Engine, spool: Path) -> None:
    record_feedback("search", None, SOURCE, answer="parking", engine=engine, spool=spool)
    record_feedback("search", True, SOURCE, answer="parking", engine=engine, spool=spool)
    assert [r["helpful"] for r in rows(engine, "feedback")] in ([None, True], [None, 1])


def test_a_detail_is_added_to_its_need_redacted(engine: sa.engine.Engine, spool: Path) -> None:
    need = record_need(
        "what about parking", "negative_feedback", SOURCE, answer_type="knowledge", engine=engine, spool=spool
    )
    add_detail(need.id, "the car park prices, email me at a@example.com", engine=engine, spool=spool)
    [row] = rows(engine)
    assert row["detail"] == "the car park prices, email me at [email]"
    assert row["answer_type"] == "knowledge"


# --- the database is unavailable ----------------------------------------------------------


@pytest.fixture(scope="module")
def private_pg() -> Iterator[PrivatePostgres]:
    server = PrivatePostgres()
    server.start()
    try:
        yield server
    finally:
        server.destroy()


@pytest.fixture
def pg(private_pg: PrivatePostgres) -> Iterator[tuple[PrivatePostgres, sa.engine.Engine]]:
    """The private server, running and empty; started again after a test that stopped it."""
    engine = get_engine(private_pg.url)
    upgrade(engine)
    with engine.begin() as connection:
        connection.execute(sa.text("DELETE FROM unmet_needs"))
        connection.execute(sa.text("DELETE FROM feedback"))
    yield private_pg, engine
    try:
        private_pg.start()
    except subprocess.CalledProcessError:
        pass  # already running


def count(engine: sa.engine.Engine, table: str = "unmet_needs") -> int:
    with engine.connect() as connection:
        return connection.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar_one()


def test_a_burst_while_the_database_is_down_is_spooled_then_written_once(
    pg: tuple[PrivatePostgres, sa.engine.Engine], spool: Path
) -> None:
    server, engine = pg
    record_need("before the outage", "fallback", SOURCE, engine=engine, spool=spool)
    server.stop()
    burst = [
        record_need(f"need {i} during the outage", "fallback", SOURCE, engine=engine, spool=spool) for i in range(40)
    ]
    detail = add_detail(burst[0].id, "more words", engine=engine, spool=spool)
    feedback = record_feedback("search", False, SOURCE, engine=engine, spool=spool)
    assert not any(r.stored for r in [*burst, detail, feedback])
    assert spool_file.pending(spool) == 42
    server.start()
    after = record_need("after the outage", "fallback", SOURCE, engine=engine, spool=spool)
    assert after.stored
    stored = rows(engine)
    assert len(stored) == 42 == len({r["id"] for r in stored})
    assert {r.id for r in burst} <= {r["id"] for r in stored}
    assert next(r for r in stored if r["id"] == burst[0].id)["detail"] == "more words"
    assert count(engine, "feedback") == 1
    assert not spool_file.has_entries(spool)
    # Start-up replay afterwards finds nothing to do.
    assert replay_spool(engine, spool).read == 0
    assert count(engine) == 42


def test_start_up_replay_writes_the_spool_and_says_so_when_still_down(
    pg: tuple[PrivatePostgres, sa.engine.Engine], spool: Path
) -> None:
    server, engine = pg
    server.stop()
    for i in range(5):
        record_need(f"need {i}", "out_of_scope", SOURCE, engine=engine, spool=spool)
    with pytest.raises(ConnectionError):
        replay_spool(engine, spool)
    assert spool_file.pending(spool) == 5
    server.start()
    result = replay_spool(engine, spool)
    assert (result.read, result.written) == (5, 5)
    assert count(engine) == 5


def _write_many(url: str, spool: str, prefix: str, n: int, queue: multiprocessing.Queue) -> None:
    engine = get_engine(url)
    ids = [record_need(f"{prefix} {i}", "fallback", SOURCE, engine=engine, spool=Path(spool)).id for i in range(n)]
    queue.put(ids)


def test_fifty_concurrent_writers_across_an_outage_lose_nothing_and_write_nothing_twice(
    pg: tuple[PrivatePostgres, sa.engine.Engine], spool: Path
) -> None:
    server, engine = pg
    ids: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(51)

    errors: list[BaseException] = []

    def writer(n: int) -> None:
        start.wait()
        try:
            for i in range(4):
                result = record_need(f"writer {n} need {i}", "fallback", SOURCE, engine=engine, spool=spool)
                with lock:
                    ids.append(result.id)
        except BaseException as error:  # a writer that fails must fail the test, not vanish
            errors.append(error)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(50)]
    for thread in threads:
        thread.start()
    start.wait()
    server.stop()  # while the writers run
    # Five other processes write through the same spool while the database is down. "spawn", not
    # "fork": forking while 50 threads hold locks can deadlock the child.
    context = multiprocessing.get_context("spawn")
    queue: multiprocessing.Queue = context.Queue()
    processes = [
        context.Process(target=_write_many, args=(server.url, str(spool), f"process {p}", 10, queue)) for p in range(5)
    ]
    for process in processes:
        process.start()
    for thread in threads:
        thread.join()
    for process in processes:
        process.join(60)
        assert process.exitcode == 0
    for _ in processes:
        ids.extend(queue.get(timeout=10))
    server.start()
    replay_spool(engine, spool)
    stored = [r["id"] for r in rows(engine)]
    assert errors == []
    assert len(ids) == 250
    assert sorted(stored) == sorted(ids)
    assert not spool_file.has_entries(spool)


CRASH_AFTER_SPOOL = """
import os, sys
from pathlib import Path
from bot.db import get_engine
from bot.needs.record import Source, record_need
result = record_need("spooled, then the process dies", "fallback", Source(channel="rest"),
                     engine=get_engine(sys.argv[1]), spool=Path(sys.argv[2]))
assert not result.stored
os._exit(9)  # dies before anything replays the spool
"""

CRASH_AFTER_COMMIT = """
import os, sys
from pathlib import Path
from bot.db import get_engine
from bot.needs import store, spool
engine, path = get_engine(sys.argv[1]), Path(sys.argv[2])
def write_then_die(entries):
    store.write_entries(entries, engine, path)
    os._exit(9)  # committed, but the spool was never emptied
spool.replay(path, write_then_die)
"""


def _run(script: str, *args: str) -> int:
    return subprocess.run([sys.executable, "-c", script, *args], timeout=120).returncode


def test_a_crash_between_spool_and_replay_writes_the_need_exactly_once(
    pg: tuple[PrivatePostgres, sa.engine.Engine], spool: Path
) -> None:
    server, engine = pg
    server.stop()
    assert _run(CRASH_AFTER_SPOOL, server.url, str(spool)) == 9
    assert spool_file.pending(spool) == 1
    server.start()
    # The process that crashed mid-replay committed the row but left the spool full.
    assert _run(CRASH_AFTER_COMMIT, server.url, str(spool)) == 9
    assert count(engine) == 1
    assert spool_file.pending(spool) == 1
    # Start-up replay: nothing new is written, and the spool is emptied.
    result = replay_spool(engine, spool)
    assert (result.read, result.written) == (1, 0)
    assert count(engine) == 1
    assert not spool_file.has_entries(spool)


def test_a_torn_line_is_set_aside_and_the_rest_is_written(engine: sa.engine.Engine, spool: Path) -> None:
    spool.parent.mkdir(parents=True, exist_ok=True)
    bad_engine = get_engine(f"postgresql+psycopg2://postgres@127.0.0.1:{free_port()}/closed")
    record_need("first", "fallback", SOURCE, engine=bad_engine, spool=spool)
    with spool.open("a", encoding="utf-8") as handle:
        handle.write('{"op": "insert", "table": "unmet_ne')  # a write cut short by a crash
    record_need("second", "fallback", SOURCE, engine=bad_engine, spool=spool)
    result = replay_spool(engine, spool)
    assert (result.read, result.written, result.bad) == (2, 2, 1)
    assert sorted(r["text"] for r in rows(engine)) == ["first", "second"]
    assert "unmet_ne" in (spool.parent / "needs-spool.jsonl.bad").read_text(encoding="utf-8")


@pytest.mark.postgres
def test_a_row_the_database_refuses_is_set_aside_without_blocking_the_others(postgres_url: str, spool: Path) -> None:
    engine = get_engine(postgres_url)
    upgrade(engine)
    good = {
        "id": "00000000-0000-0000-0000-000000000001",
        "created_at": "2026-11-01T10:00:00+00:00",
        "reason": "fallback",
        "text": "fine",
        "detail": None,
        "intent": None,
        "confidence": None,
        "channel": "rest",
        "conversation": "x",
        "answer_type": None,
        "redacted": "",
    }
    refused = dict(good, id="00000000-0000-0000-0000-000000000002", reason="r" * 300)  # too long for the column
    for row in (refused, good):
        spool_file.append(spool, {"op": "insert", "table": "unmet_needs", "row": row})
    result = replay_spool(engine, spool)
    assert result.written == 1
    with engine.connect() as connection:
        ids = set(connection.execute(sa.text("SELECT id FROM unmet_needs WHERE id LIKE '00000000-%'")).scalars())
    assert ids == {good["id"]}
    assert refused["id"] in (spool.parent / "needs-spool.jsonl.bad").read_text(encoding="utf-8")


def test_after_a_failure_writes_go_straight_to_the_spool_for_a_few_seconds(
    pg: tuple[PrivatePostgres, sa.engine.Engine], spool: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server, engine = pg
    monkeypatch.setattr(needs.BREAKERS, "seconds", 60.0)
    needs.BREAKERS.clear()
    server.stop()
    assert not record_need("during", "fallback", SOURCE, engine=engine, spool=spool).stored
    server.start()
    attempts = []
    monkeypatch.setattr(needs, "write_entries", lambda *a: attempts.append(a) or 0)
    assert not record_need("straight after", "fallback", SOURCE, engine=engine, spool=spool).stored
    assert attempts == []  # no connection attempt while the database is marked down
    monkeypatch.undo()
    needs.BREAKERS.clear()  # the few seconds have passed
    assert record_need("later", "fallback", SOURCE, engine=engine, spool=spool).stored
    assert sorted(r["text"] for r in rows(engine)) == ["during", "later", "straight after"]
