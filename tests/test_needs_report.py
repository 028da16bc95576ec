"""The needs report, themes, export and purge, on SQLite and PostgreSQL, and their CLI."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import sqlalchemy as sa
import yaml

from bot.cli import main
from bot.db import get_engine, upgrade
from bot.needs.record import Source, record_feedback, record_need
from bot.needs.report import build_report, day_range, export_needs, format_report, purge
from bot.needs.themes import find_themes
from bot.privacy.redact import redact

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=timezone.utc)
SAMPLE = Path(__file__).resolve().parent / "data" / "needs_sample.yml"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> sa.engine.Engine:
    url = (
        f"sqlite:///{tmp_path / 'report.db'}" if request.param == "sqlite" else request.getfixturevalue("postgres_url")
    )
    engine = get_engine(url)
    upgrade(engine)
    with engine.begin() as connection:
        connection.execute(sa.text("DELETE FROM unmet_needs"))
        connection.execute(sa.text("DELETE FROM feedback"))
    return engine


def add(engine: sa.engine.Engine, text: str, reason: str = "fallback", days_ago: int = 0, channel: str = "socketio"):
    return record_need(text, reason, Source(channel, "c"), now=NOW - timedelta(days=days_ago), engine=engine)


def test_report_counts_groups_and_rates(engine: sa.engine.Engine) -> None:
    for i, text in enumerate(["parking at the hospital", "car park prices", "is parking free", "blue badge parking"]):
        add(engine, text, "out_of_scope", days_ago=i)
    add(engine, "interpreter for urdu", "fallback", channel="twilio")
    add(engine, "translation into polish", "no_search_result", channel="twilio")
    add(engine, "an interpreter at appointments", "fallback")
    add(engine, "quantum physics", "fallback")
    source = Source("socketio", "c")
    for helpful in (None, None, None, True, True, False):
        record_feedback("knowledge", helpful, source, now=NOW, engine=engine)
    record_feedback("search", None, source, now=NOW, engine=engine)

    report = build_report(engine=engine)
    assert report.total == 8
    assert dict(report.by_reason) == {"fallback": 3, "out_of_scope": 4, "no_search_result": 1}
    assert report.by_channel[0] == ("socketio", 6)
    assert [(t.label.split(" · ")[0], t.count) for t in report.themes] == [("parking", 4), ("language", 3)]
    assert report.themes[0].examples[0] == "parking at the hospital"  # newest first
    assert len(report.themes[0].examples) == 3
    assert report.one_offs == 1
    knowledge = report.feedback[0]
    assert (knowledge.answer_type, knowledge.asked, knowledge.yes, knowledge.no) == ("knowledge", 3, 2, 1)
    assert knowledge.answered_share == 1.0
    assert knowledge.helpful_share == pytest.approx(2 / 3)
    assert report.feedback[1].helpful_share is None
    text = format_report(report)
    assert "parking (4)" in text
    assert "knowledge" in text
    assert "67%" in text


def test_report_and_export_keep_to_the_period(engine: sa.engine.Engine) -> None:
    add(engine, "old one", days_ago=40)
    add(engine, "in the period", days_ago=10)
    add(engine, "today", days_ago=0)
    since, until = day_range(
        (NOW - timedelta(days=20)).date().isoformat(), (NOW - timedelta(days=1)).date().isoformat()
    )
    assert build_report(since, until, engine).total == 1
    rows = json.loads(export_needs("json", since, until, engine))
    assert [r["text"] for r in rows] == ["in the period"]
    # --until names the last day included, all of it.
    _, end = day_range(None, NOW.date().isoformat())
    assert build_report(None, end, engine).total == 3


def test_export_csv_has_a_header_and_one_row_per_need(engine: sa.engine.Engine) -> None:
    add(engine, "my email is a@example.com, send the parking rules")
    add(engine, '=cmd|" /C calc"!A0 visiting hours')
    rows = list(csv.DictReader(io.StringIO(export_needs("csv", engine=engine))))
    assert len(rows) == 2
    assert set(rows[0]) >= {"id", "created_at", "reason", "text", "channel", "conversation"}
    assert "[email]" in "".join(r["text"] for r in rows)
    assert any(r["text"].startswith("'=cmd") for r in rows)
    with pytest.raises(ValueError, match="unknown format"):
        export_needs("xml", engine=engine)


def test_purge_removes_only_what_is_older(engine: sa.engine.Engine) -> None:
    add(engine, "old", days_ago=400)
    add(engine, "recent", days_ago=3)
    record_feedback("search", True, Source(), now=NOW - timedelta(days=400), engine=engine)
    result = purge(365, engine, now=NOW)
    assert (result.needs, result.feedback) == (1, 1)
    assert [r["text"] for r in json.loads(export_needs("json", engine=engine))] == ["recent"]
    with pytest.raises(ValueError, match="0 or more"):
        purge(-1, engine)


@pytest.mark.parametrize(("since", "until"), [("yesterday", None), (None, "2026-02-30"), ("2026-11-20", "2026-11-01")])
def test_bad_periods_are_refused_with_a_clear_message(since: str | None, until: str | None) -> None:
    with pytest.raises(ValueError, match="date|--until"):
        day_range(since, until)


def test_themes_on_the_synthetic_batch_match_its_hand_made_groups() -> None:
    # The batch marks its hand-made groups with "# --- group" comments; themes are found blind.
    gold: list[str] = []
    group = ""
    for line in SAMPLE.read_text(encoding="utf-8").splitlines():
        if match := re.match(r"\s*# --- (.*)", line):
            group = match.group(1)
        if re.match(r"\s*- text:", line):
            gold.append(group)
    needs = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))["needs"]
    themes, _ = find_themes([redact(n["text"]).text for n in needs])
    grouped = sum(t.count for t in themes)
    purity = sum(Counter(gold[i] for i in t.members).most_common(1)[0][1] for t in themes) / grouped
    assert len(needs) >= 200
    assert grouped >= 0.6 * len(needs)
    assert purity >= 0.8  # measured 0.83 (docs/benchmarks.md)
    assert themes[0].label.startswith("parking")


def test_themes_of_nothing_or_of_empty_words() -> None:
    assert find_themes([]) == ([], [])
    themes, one_offs = find_themes(["", "[email]", "🙂"])
    assert themes == []
    assert one_offs == [0, 1, 2]


# --- command line ---------------------------------------------------------------------------


@pytest.fixture
def cli_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> sa.engine.Engine:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("NEEDS_SPOOL", str(tmp_path / "spool.jsonl"))
    engine = get_engine(url)
    upgrade(engine)
    now = datetime.now(timezone.utc)
    for i, text in enumerate(["parking at night", "car park cost", "parking permit", "old question"]):
        record_need(
            text, "out_of_scope", Source("rest", "x"), now=now - timedelta(days=500 if i == 3 else i), engine=engine
        )
    return engine


def test_cli_report(cli_db: sa.engine.Engine, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["needs", "report"]) == 0
    out = capsys.readouterr().out
    assert "Unmet needs from the start to now: 4" in out
    assert "parking (3)" in out
    assert main(["needs", "report", "--since", "not-a-date"]) == 2
    assert "not a date" in capsys.readouterr().err


def test_cli_export_to_stdout_and_file(cli_db: sa.engine.Engine, tmp_path: Path, capsys) -> None:
    assert main(["needs", "export", "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 4
    target = tmp_path / "needs.csv"
    assert main(["needs", "export", "--output", str(target), "--since", "2000-01-01"]) == 0
    assert "4 needs written" in capsys.readouterr().out
    assert len(list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))) == 4


def test_cli_purge_uses_the_retention_setting(cli_db, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setenv("NEEDS_RETENTION_DAYS", "365")
    assert main(["needs", "purge"]) == 0
    assert "Removed 1 needs" in capsys.readouterr().out
    assert main(["needs", "purge", "--older-than", "-3"]) == 2


def test_cli_replay_with_nothing_waiting(cli_db, capsys) -> None:
    assert main(["needs", "replay"]) == 0
    assert "0 read" in capsys.readouterr().out
