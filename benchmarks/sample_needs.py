"""Loads the synthetic batch (tests/data/needs_sample.yml) into a database and prints the report.

    python -m benchmarks.sample_needs [--url sqlite:///var/sample-needs.db]

The batch goes through the same `record_need` / `record_feedback` as the assistant, so its
texts are redacted on the way in. Each answered "Was this helpful?" is also counted as asked,
and one in three questions is left unanswered, as happens in real use. Used for the sample
report in docs/needs.md.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import yaml

from bot.db import get_engine, upgrade
from bot.needs.record import Source, record_feedback, record_need
from bot.needs.report import build_report, format_report
from bot.settings import VAR_DIR

SAMPLE = Path(__file__).resolve().parent.parent / "tests" / "data" / "needs_sample.yml"


def load_sample(engine, now: datetime, spool: Path) -> tuple[int, int]:
    """Writes every need and feedback answer of the batch; returns (needs, feedback rows)."""
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    for i, need in enumerate(data["needs"]):
        when = now - timedelta(days=need["days_ago"], minutes=i)
        source = Source(need["channel"], f"sample-{i}", need.get("intent"), need.get("confidence"))
        record_need(
            need["text"],
            need["reason"],
            source,
            answer_type=need.get("answer_type"),
            now=when,
            engine=engine,
            spool=spool,
        )
    rows = 0
    for i, answer in enumerate(data["feedback"]):
        when = now - timedelta(days=answer["days_ago"], minutes=i)
        source = Source(answer["channel"], f"sample-feedback-{i}")
        asked = 2 if i % 2 == 0 else 1  # about one question in three goes unanswered
        for _ in range(asked):
            record_feedback(answer["answer_type"], None, source, now=when, engine=engine, spool=spool)
        record_feedback(answer["answer_type"], answer["helpful"], source, now=when, engine=engine, spool=spool)
        rows += asked + 1
    return len(data["needs"]), rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--url", default=f"sqlite:///{VAR_DIR / 'sample-needs.db'}", help="database to fill (emptied first)"
    )
    args = parser.parse_args(argv)
    engine = get_engine(args.url)
    upgrade(engine)
    with engine.begin() as connection:
        connection.exec_driver_sql("DELETE FROM unmet_needs")
        connection.exec_driver_sql("DELETE FROM feedback")
    now = datetime(2026, 11, 26, 12, 0, tzinfo=timezone.utc)
    needs, feedback = load_sample(engine, now, VAR_DIR / "sample-spool.jsonl")
    print(
        f"Loaded {needs} needs and {feedback} feedback rows into {engine.url.render_as_string(hide_password=True)}.\n"
    )
    print(format_report(build_report(engine=engine)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
