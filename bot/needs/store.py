"""Writing needs-log entries: to the database, or to the spool while it cannot be reached.

Every write goes to the database; when the database cannot be reached it goes to the spool
(bot/needs/spool.py) instead, and the spool is written back on the next write or at start-up
(`replay_spool`). After a failed write, a breaker sends the next few seconds' writes straight
to the spool, so a database that is down does not make every reply wait for it.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from bot.breaker import Breakers
from bot.db import get_engine, session_factory
from bot.needs import spool as spool_file
from bot.needs.model import Feedback, UnmetNeed
from bot.settings import load_settings

logger = logging.getLogger(__name__)

TABLES: dict[str, Any] = {"unmet_needs": UnmetNeed, "feedback": Feedback}
# One breaker per database: after a failure, writes go straight to the spool for this long.
BREAKERS = Breakers(seconds=5.0)


@dataclass(frozen=True)
class Recorded:
    """The outcome of a write.

    Attributes:
        id: the row's id (also its key in the spool).
        stored: True when it is in the database, False when it waits in the spool.
    """

    id: str
    stored: bool


class _Unavailable(Exception):
    """The database cannot be reached: keep the entries in the spool."""


def store(entry: dict[str, Any], key: str, engine: Engine | None = None, spool: Path | None = None) -> Recorded:
    """Writes one entry (after anything waiting in the spool), or spools it."""
    spool = spool or load_settings().needs_spool
    engine = engine or get_engine()
    breaker = BREAKERS[str(engine.url)]
    if not breaker.is_open:
        try:
            if spool_file.has_entries(spool):
                _ping(engine)  # before reading the whole spool
                # Earlier entries first, so a detail never reaches the database before its need.
                spool_file.replay(spool, lambda entries: write_entries(entries, engine, spool))
            write_entries([entry], engine, spool)
            breaker.succeeded()
            return Recorded(key, stored=True)
        except _Unavailable as error:
            breaker.failed()
            logger.warning("The database is unavailable (%s); needs wait in %s.", error, spool)
    spool_file.append(spool, entry)
    return Recorded(key, stored=False)


def _ping(engine: Engine) -> None:
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("SELECT 1")
    except SQLAlchemyError as error:
        raise _Unavailable(str(error).splitlines()[0]) from error


def replay_spool(engine: Engine | None = None, spool: Path | None = None) -> spool_file.ReplayResult:
    """Writes what waits in the spool to the database (at start-up, or from the CLI).

    Raises:
        ConnectionError: the database is still unavailable; the spool is kept.
    """
    spool = spool or load_settings().needs_spool
    engine = engine or get_engine()
    try:
        result = spool_file.replay(spool, lambda entries: write_entries(entries, engine, spool))
    except _Unavailable as error:
        raise ConnectionError(str(error)) from error
    BREAKERS[str(engine.url)].succeeded()
    return result


def _unavailable(error: SQLAlchemyError) -> bool:
    # Connection problems (refused, dropped, locked, timed out) wait in the spool; anything else is a bad row.
    return isinstance(error, sa.exc.OperationalError | sa.exc.InterfaceError | sa.exc.TimeoutError) or (
        isinstance(error, DBAPIError) and error.connection_invalidated
    )


def write_entries(entries: Sequence[dict[str, Any]], engine: Engine, spool: Path) -> int:
    """Writes spool entries in one transaction, skipping rows already stored.

    A row the database refuses for a reason other than availability is set aside in
    `<spool>.bad` (with a log line), so it cannot block the entries behind it.

    Returns:
        How many rows were inserted or details applied.

    Raises:
        _Unavailable: the database cannot be reached; nothing was written.
    """
    try:
        return _write(entries, engine)
    except SQLAlchemyError as error:
        if _unavailable(error):
            raise _Unavailable(str(error).splitlines()[0]) from error
        if len(entries) == 1:
            logger.error("The database refused a needs-log entry; it is kept in %s.bad: %s", spool.name, error)
            spool_file.set_aside(spool, entries)
            return 0
    written = 0
    for entry in entries:
        written += write_entries([entry], engine, spool)
    return written


def _write(entries: Sequence[dict[str, Any]], engine: Engine) -> int:
    written = 0
    with session_factory(engine).begin() as session:
        for table, model in TABLES.items():
            rows = [e["row"] for e in entries if e["op"] == "insert" and e.get("table") == table]
            if not rows:
                continue
            ids = [r["id"] for r in rows]
            present = set(session.scalars(sa.select(model.id).where(model.id.in_(ids))))
            for row in rows:
                if row["id"] in present:
                    continue
                present.add(row["id"])
                values = dict(row, created_at=datetime.fromisoformat(row["created_at"]))
                session.add(model(**values))
                written += 1
        session.flush()
        for entry in entries:
            if entry["op"] != "detail":
                continue
            need = session.get(UnmetNeed, entry["id"])
            if need is None:
                logger.warning("A detail for need %s arrived without its need; it is dropped.", entry["id"])
                continue
            if need.detail != entry["detail"]:
                need.detail = entry["detail"]
                written += 1
    return written
