"""The database: one engine per URL, sessions, and our schema through Alembic migrations.

SQLAlchemy 1.4 used 2.0-style (`future=True`, `select()`, `Session.begin()`). SQLite file by
default, PostgreSQL through `DATABASE_URL` (bot/settings.py). Rasa's tracker store shares the
database but manages its own tables; ours (resources, …) are created and changed only by the
migrations in `migrations/`.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import declarative_base, sessionmaker

from bot.settings import PROJECT_ROOT, load_settings

logger = logging.getLogger(__name__)

MIGRATIONS_DIR = PROJECT_ROOT / "migrations"

Base = declarative_base()

_engines: dict[str, Engine] = {}
_lock = threading.Lock()


def _forget_pools_in_child() -> None:
    # A forked process must not use its parent's pooled connections: it opens its own.
    for engine in _engines.values():
        engine.dispose(close=False)


os.register_at_fork(after_in_child=_forget_pools_in_child)


def database_url(url: str | None = None) -> str:
    """The URL given, or the configured one."""
    return url or load_settings().database_url


def get_engine(url: str | None = None) -> Engine:
    """The engine for `url` (default: the configured database), created once per process."""
    url = database_url(url)
    with _lock:
        engine = _engines.get(url)
        if engine is None:
            engine = _create_engine(url)
            _engines[url] = engine
        return engine


def private_sqlite_file(url: str) -> None:
    """Creates a SQLite database file (and its folder) readable by its owner only, if it is missing.

    The file holds the conversations and the needs log: other local users must not read it.
    SQLite gives its journal files the database file's permissions.
    """
    if not url.startswith("sqlite"):
        return
    database = sa.engine.make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    path = Path(database)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.close(os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass


def _create_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        private_sqlite_file(url)
        # The action server answers from threads; SQLite waits for a writer instead of failing.
        return sa.create_engine(url, future=True, connect_args={"check_same_thread": False, "timeout": 30})
    # A database that does not answer fails in seconds, not after the system's TCP timeout.
    connect_args = {"connect_timeout": 5} if url.startswith("postgresql") else {}
    return sa.create_engine(url, future=True, pool_pre_ping=True, connect_args=connect_args)


def session_factory(engine: Engine | None = None) -> sessionmaker:
    """A 2.0-style session factory bound to `engine` (default: the configured database)."""
    return sessionmaker(engine or get_engine(), future=True, expire_on_commit=False)


# `revision = "0002"` and `down_revision = "0001"` (or None) in a migration file.
_REVISION = re.compile(r"""^(down_)?revision(?:: [^=]+)? = (?:["']([^"']+)["']|None)\s*$""", re.MULTILINE)


def latest_revision(directory: Path = MIGRATIONS_DIR / "versions") -> str | None:
    """The one newest migration, read from the files without Alembic; None when that is not clear.

    Each file must name one revision and the one before it (or None), and exactly one revision
    may be newest; anything else (a merge, an unusual file) means None and Alembic decides.
    """
    revisions, previous = set(), set()
    for path in sorted(directory.glob("*.py")):
        found = {bool(m.group(1)): m.group(2) for m in _REVISION.finditer(path.read_text(encoding="utf-8"))}
        if len(found) != 2 or not found[False]:
            return None
        revisions.add(found[False])
        if found[True]:
            previous.add(found[True])
    heads = revisions - previous
    return heads.pop() if len(heads) == 1 and previous <= revisions else None


def is_current(engine: Engine) -> bool:
    """True when our tables are at the newest migration (checked without loading Alembic)."""
    latest = latest_revision()
    if latest is None:
        return False
    try:
        with engine.connect() as connection:
            stored = connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalars().all()
    except sa.exc.DBAPIError:
        return False  # no table yet, or the database is not there: Alembic says what is wrong
    return stored == [latest]


def upgrade(engine: Engine | None = None) -> None:
    """Brings our tables up to the latest migration (a no-op when they are already there).

    When the database is already current (the usual case), Alembic is not even loaded: each
    command runs this first, and loading it takes longer than the command itself.
    """
    engine = engine or get_engine()
    if is_current(engine):
        return
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def create_database(url: str | None = None) -> bool:
    """Creates the PostgreSQL database named in `url` when it is missing (SQLite files need nothing).

    Returns:
        True when it was created, False when it was there already (or is SQLite).
    """
    url = database_url(url)
    parsed = sa.engine.make_url(url)
    if not parsed.get_backend_name().startswith("postgresql"):
        return False
    admin = sa.create_engine(parsed.set(database="postgres"), future=True, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            exists = connection.execute(
                sa.text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": parsed.database}
            ).first()
            if exists:
                return False
            quoted = connection.dialect.identifier_preparer.quote(parsed.database)
            connection.exec_driver_sql(f"CREATE DATABASE {quoted}")
            return True
    finally:
        admin.dispose()
