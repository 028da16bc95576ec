"""Needs log speed: recording (SQLite and PostgreSQL, and into the spool) and building the report.

    python -m benchmarks.needs      (part of `make bench`)

Recording is on the conversation path (the action server writes each need), so its time adds to
the reply; the report is built on each staff page view.
"""

from __future__ import annotations

import logging
import os
import platform
import statistics
import tempfile
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

import sqlalchemy as sa
import yaml

from bot.db import get_engine, upgrade
from bot.needs.record import Source, record_need
from bot.needs.report import build_report
from tests.conftest import temporary_database

SAMPLE = Path(__file__).resolve().parent.parent / "tests" / "data" / "needs_sample.yml"
TEXTS = [n["text"] for n in yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))["needs"]]


def _timed(n: int, engine, spool: Path) -> list[float]:
    times = []
    for i in range(n):
        start = time.perf_counter()
        record_need(TEXTS[i % len(TEXTS)], "fallback", Source("rest", f"bench-{i}"), engine=engine, spool=spool)
        times.append((time.perf_counter() - start) * 1000)
    return times


def _line(label: str, times: list[float]) -> str:
    p95 = statistics.quantiles(times, n=20)[18]
    return f"{label:38} p50 {statistics.median(times):6.2f} ms   p95 {p95:6.2f} ms"


def _fill(engine, n: int) -> None:
    now = datetime.now(timezone.utc)
    rows = [
        {
            "id": str(uuid.uuid4()),
            "created_at": now - timedelta(minutes=i),
            "reason": "fallback",
            "text": TEXTS[i % len(TEXTS)],
            "detail": None,
            "intent": None,
            "confidence": None,
            "channel": "rest",
            "conversation": "x",
            "answer_type": None,
            "redacted": "",
        }
        for i in range(n)
    ]
    with engine.begin() as connection:
        connection.execute(sa.text("DELETE FROM unmet_needs"))
        connection.execute(
            sa.text(
                "INSERT INTO unmet_needs (id, created_at, reason, text, detail, intent, confidence, channel,"
                " conversation, answer_type, redacted) VALUES (:id, :created_at, :reason, :text, :detail, :intent,"
                " :confidence, :channel, :conversation, :answer_type, :redacted)"
            ),
            rows,
        )


def main() -> int:
    logging.getLogger("bot.needs.record").setLevel(logging.ERROR)  # one warning per spooled need otherwise
    print(f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    tmp = Path(tempfile.mkdtemp(prefix="bench-needs-"))
    spool = tmp / "spool.jsonl"
    sqlite = get_engine(f"sqlite:///{tmp / 'needs.db'}")
    upgrade(sqlite)
    _timed(20, sqlite, spool)  # warm up: word lists, schema
    print(_line("record a need, SQLite file", _timed(300, sqlite, spool)))
    with temporary_database("bench_needs") as database:
        pg = get_engine(database)
        upgrade(pg)
        _timed(20, pg, spool)
        print(_line("record a need, PostgreSQL", _timed(300, pg, spool)))
        down = get_engine("postgresql+psycopg2://postgres@127.0.0.1:1/closed")
        print(_line("record a need, database down (spool)", _timed(300, down, tmp / "down-spool.jsonl")))
        for n in (1_000, 10_000):
            _fill(pg, n)
            start = time.perf_counter()
            report = build_report(engine=pg)
            print(
                f"report of {n:>6} needs (PostgreSQL)         {time.perf_counter() - start:6.2f} s, "
                f"{len(report.themes)} themes shown"
            )
        pg.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
