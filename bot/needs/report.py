"""The needs report, export and retention: what the people who run the service read and act on.

`build_report` counts needs by reason, channel and day, groups them into themes
(bot/needs/themes.py) with a few examples each, and works out how often "Was this helpful?"
was answered and how often the answer was yes, per kind of answer. The CLI prints it
(`format_report`), and the staff page (bot/web/) shows the same `Report`.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot.db import get_engine, session_factory
from bot.needs import spool as spool_file
from bot.needs.model import ANSWER_TYPES, REASON_LABELS, REASONS, Feedback, UnmetNeed
from bot.needs.themes import find_themes
from bot.settings import load_settings

EXPORT_FIELDS = (
    "id",
    "created_at",
    "reason",
    "text",
    "detail",
    "intent",
    "confidence",
    "channel",
    "answer_type",
    "redacted",
    "conversation",
)
EXAMPLES_PER_THEME = 3
LATEST = 20


@dataclass(frozen=True)
class Need:
    """One stored need, as the report and the export see it."""

    id: str
    created_at: datetime
    reason: str
    text: str
    detail: str | None
    intent: str | None
    confidence: float | None
    channel: str
    answer_type: str | None
    redacted: str
    conversation: str

    @property
    def full_text(self) -> str:
        """The need, with what was missing when the user said."""
        return f"{self.text} — {self.detail}" if self.detail else self.text


@dataclass(frozen=True)
class ThemeSummary:
    """A theme in the report: its words, how many needs, and a few of them."""

    label: str
    count: int
    examples: tuple[str, ...]


@dataclass(frozen=True)
class FeedbackRate:
    """ "Was this helpful?" for one kind of answer.

    Attributes:
        answer_type: knowledge, search or recommendation.
        asked: times the question was shown.
        yes: times the answer was yes.
        no: times the answer was no.
    """

    answer_type: str
    asked: int
    yes: int
    no: int

    @property
    def answered_share(self) -> float | None:
        """How often people answered the question (None when it was never asked)."""
        return (self.yes + self.no) / self.asked if self.asked else None

    @property
    def helpful_share(self) -> float | None:
        """Of the answers, how many were yes (None when nobody answered)."""
        return self.yes / (self.yes + self.no) if self.yes + self.no else None


@dataclass(frozen=True)
class Report:
    """Everything the report shows, for one period."""

    since: datetime | None
    until: datetime | None
    total: int
    by_reason: tuple[tuple[str, int], ...]
    by_channel: tuple[tuple[str, int], ...]
    by_day: tuple[tuple[date, int], ...]
    themes: tuple[ThemeSummary, ...]
    in_smaller_themes: int
    one_offs: int
    feedback: tuple[FeedbackRate, ...]
    waiting_in_spool: int
    latest: tuple[Need, ...] = ()


def parse_day(value: str) -> datetime:
    """A date (YYYY-MM-DD) or date-time (ISO 8601) as an aware UTC datetime; a date means its midnight.

    Raises:
        ValueError: with a message fit to show to the person who typed it.
    """
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"{value!r} is not a date: use YYYY-MM-DD, e.g. 2026-11-01") from None
    return parsed.replace(tzinfo=timezone.utc) if parsed.tzinfo is None else parsed.astimezone(timezone.utc)


def _utc(value: datetime) -> datetime:
    # SQLite gives back naive datetimes: they were written as UTC.
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


def _period(statement: Any, column: Any, since: datetime | None, until: datetime | None) -> Any:
    if since is not None:
        statement = statement.where(column >= since)
    if until is not None:
        statement = statement.where(column < until)
    return statement


def load_needs(
    since: datetime | None = None, until: datetime | None = None, engine: Engine | None = None
) -> list[Need]:
    """The needs recorded in [since, until), newest first."""
    engine = engine or get_engine()
    statement = _period(sa.select(UnmetNeed), UnmetNeed.created_at, since, until).order_by(
        UnmetNeed.created_at.desc(), UnmetNeed.id
    )
    with session_factory(engine)() as session:
        return [
            Need(**{f: getattr(row, f) for f in EXPORT_FIELDS if f != "created_at"}, created_at=_utc(row.created_at))
            for row in session.scalars(statement)
        ]


def feedback_rates(
    since: datetime | None = None, until: datetime | None = None, engine: Engine | None = None
) -> tuple[FeedbackRate, ...]:
    """Asked / yes / no per kind of answer, in [since, until)."""
    engine = engine or get_engine()
    statement = _period(
        sa.select(Feedback.answer_type, Feedback.helpful, sa.func.count()).group_by(
            Feedback.answer_type, Feedback.helpful
        ),
        Feedback.created_at,
        since,
        until,
    )
    counts: dict[tuple[str, bool | None], int] = {}
    with engine.connect() as connection:
        for answer_type, helpful, n in connection.execute(statement):
            counts[(answer_type, None if helpful is None else bool(helpful))] = n
    return tuple(
        FeedbackRate(kind, counts.get((kind, None), 0), counts.get((kind, True), 0), counts.get((kind, False), 0))
        for kind in ANSWER_TYPES
    )


def build_report(
    since: datetime | None = None,
    until: datetime | None = None,
    engine: Engine | None = None,
    themes: int = 10,
) -> Report:
    """The report for [since, until) (all time when both are None).

    Args:
        since: first moment included.
        until: first moment excluded.
        engine: the database (default: the configured one).
        themes: at most how many themes to show.
    """
    needs = load_needs(since, until, engine)
    groups, one_offs = find_themes([n.full_text for n in needs])
    summaries = []
    for theme in groups[:themes]:
        seen: list[str] = []
        for index in theme.members:  # newest first, as the needs are
            text = needs[index].full_text
            if text.lower() not in (s.lower() for s in seen):
                seen.append(text)
            if len(seen) == EXAMPLES_PER_THEME:
                break
        summaries.append(ThemeSummary(theme.label, theme.count, tuple(seen)))
    by_day = Counter(n.created_at.date() for n in needs)
    reasons = Counter(n.reason for n in needs)
    return Report(
        since=since,
        until=until,
        total=len(needs),
        by_reason=tuple((r, reasons[r]) for r in REASONS if reasons[r]),
        by_channel=tuple(Counter(n.channel for n in needs).most_common()),
        by_day=tuple(sorted(by_day.items())),
        themes=tuple(summaries),
        in_smaller_themes=sum(t.count for t in groups[themes:]),
        one_offs=len(one_offs),
        feedback=feedback_rates(since, until, engine),
        waiting_in_spool=spool_file.pending(load_settings().needs_spool),
        latest=tuple(needs[:LATEST]),
    )


def _share(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def format_report(report: Report) -> str:
    """The report as plain text, for the terminal."""
    since = report.since.date().isoformat() if report.since else "the start"
    until = (report.until - timedelta(seconds=1)).date().isoformat() if report.until else "now"
    lines = [f"Unmet needs from {since} to {until}: {report.total}"]
    if report.waiting_in_spool:
        lines.append(f"({report.waiting_in_spool} more wait in the spool until the database is back.)")
    lines += ["", "By reason:"]
    lines += [f"  {n:5}  {REASON_LABELS[r]}" for r, n in report.by_reason] or ["  none"]
    lines += ["", "By channel:"]
    lines += [f"  {n:5}  {c}" for c, n in report.by_channel] or ["  none"]
    lines += ["", "Themes, most frequent first:"]
    for i, theme in enumerate(report.themes, 1):
        lines.append(f"  {i:2}. {theme.label} ({theme.count})")
        lines += [f"        “{example}”" for example in theme.examples]
    if not report.themes:
        lines.append("  none yet (a theme needs at least three similar needs)")
    if report.in_smaller_themes:
        lines.append(f"  In smaller themes not shown: {report.in_smaller_themes}")
    lines.append(f"  One-offs (like no other need): {report.one_offs}")
    lines += ["", "Was this helpful? (asked / answered / yes)"]
    for rate in report.feedback:
        lines.append(
            f"  {rate.answer_type:15} asked {rate.asked:5}   answered {_share(rate.answered_share):>4}"
            f"   yes {_share(rate.helpful_share):>4} ({rate.yes} yes, {rate.no} no)"
        )
    return "\n".join(lines)


def _row(need: Need) -> dict[str, Any]:
    row = {f: getattr(need, f) for f in EXPORT_FIELDS}
    row["created_at"] = need.created_at.isoformat()
    return row


def export_needs(
    output_format: str, since: datetime | None = None, until: datetime | None = None, engine: Engine | None = None
) -> str:
    """The needs in [since, until) as CSV (a header row, then one row each) or a JSON array.

    Cells that a spreadsheet would run as a formula (starting with =, +, - or @) get a leading
    apostrophe in CSV, since the texts come from the public.
    """
    rows = [_row(n) for n in load_needs(since, until, engine)]
    if output_format == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    if output_format != "csv":
        raise ValueError(f"unknown format {output_format!r}: use csv or json")
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=EXPORT_FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _spreadsheet_safe(v) for k, v in row.items()})
    return buffer.getvalue()


def _spreadsheet_safe(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


@dataclass(frozen=True)
class Purged:
    """How many rows a purge removed."""

    needs: int
    feedback: int


def purge(older_than_days: int, engine: Engine | None = None, now: datetime | None = None) -> Purged:
    """Deletes needs and feedback recorded more than `older_than_days` days ago.

    Raises:
        ValueError: for a negative number of days.
    """
    if older_than_days < 0:
        raise ValueError("--older-than must be 0 or more days")
    engine = engine or get_engine()
    cutoff = (now or datetime.now(timezone.utc)) - timedelta(days=older_than_days)
    with session_factory(engine).begin() as session:
        needs = session.execute(sa.delete(UnmetNeed).where(UnmetNeed.created_at < cutoff)).rowcount
        feedback = session.execute(sa.delete(Feedback).where(Feedback.created_at < cutoff)).rowcount
    return Purged(needs or 0, feedback or 0)


def day_range(since: str | None, until: str | None) -> tuple[datetime | None, datetime | None]:
    """--since and --until as a half-open range: --until 2026-11-30 includes all of that day."""
    start = parse_day(since) if since else None
    end = None
    if until:
        end = parse_day(until)
        if len(until.strip()) == 10:  # a bare date: the whole day counts
            try:
                end = datetime.combine(end.date() + timedelta(days=1), time(), tzinfo=timezone.utc)
            except OverflowError as error:
                raise ValueError("--until must be a date before the year 9999") from error
    if start and end and end <= start:
        raise ValueError("--until must come after --since")
    return start, end
