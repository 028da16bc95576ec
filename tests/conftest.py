"""Shared fixtures: project paths, YAML loading, a PostgreSQL database per test run."""

from __future__ import annotations

import contextlib
import os
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "docs" / "sources.md"
POSTGRES_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg2://postgres@127.0.0.1:5432/postgres")


# Tests never read a developer's .env: settings come from the test's own environment.
os.environ["BOT_ENV_FILE"] = ""
# The needs log's salt and spool: the tests' own, never the project's var/ files.
os.environ.setdefault("NEEDS_SALT", "test-salt")
os.environ.setdefault("NEEDS_SPOOL", str(Path(tempfile.mkdtemp(prefix="bot-test-spool-")) / "needs-spool.jsonl"))


def load_yaml(path: Path) -> Any:
    """Reads one YAML file."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@contextlib.contextmanager
def temporary_database(prefix: str) -> Iterator[str]:
    """A new database on the machine's PostgreSQL, dropped afterwards (tests and benchmarks)."""
    import sqlalchemy as sa

    admin = sa.create_engine(POSTGRES_ADMIN_URL, future=True, isolation_level="AUTOCOMMIT")
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    try:
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    except sa.exc.OperationalError as error:  # pragma: no cover - only when the server is missing
        admin.dispose()
        raise RuntimeError(f"PostgreSQL is not reachable at {POSTGRES_ADMIN_URL}: {error}") from error
    try:
        yield POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(
                sa.text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n"), {"n": name}
            )
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A PostgreSQL database of this test run's own, dropped afterwards."""
    with temporary_database("bot_test") as url:
        yield url
