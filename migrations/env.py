"""Alembic environment: our tables only (Rasa creates and manages its own tracker tables).

Run through `python -m bot db upgrade` (bot.db.upgrade), which passes the connection in.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import engine_from_config, pool

# Importing the models registers their tables on Base.metadata.
import bot.catalogue.model
import bot.needs.model  # noqa: F401
from bot.db import Base, database_url

# Rasa's tables live in the same database; migrations must never touch them.
RASA_TABLES = {"events"}


def include_object(obj, name, type_, reflected, compare_to):
    if type_ == "table" and (name in RASA_TABLES or (reflected and compare_to is None)):
        return False
    return True


def run_migrations() -> None:
    config = context.config
    connection = config.attributes.get("connection")
    if connection is None:
        engine = engine_from_config(
            {"sqlalchemy.url": database_url()}, prefix="sqlalchemy.", poolclass=pool.NullPool, future=True
        )
        with engine.begin() as connection:
            _run(connection)
    else:
        _run(connection)


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        include_object=include_object,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
