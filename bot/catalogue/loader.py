"""Reads and validates `data/catalogue/*.yml`, and loads it into the `resources` table.

A load is all or nothing: any invalid entry fails it with the file, the entry and what is
wrong, and the catalogue already in the database stays as it was. A valid load adds new
entries, updates changed ones and removes those no longer in the source, in one transaction;
reloading an unchanged source changes nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import sqlalchemy as sa
import yaml
from sqlalchemy.engine import Engine

from bot.catalogue.model import AUDIENCES, TYPES, CatalogueVersion, Resource, ResourceInfo
from bot.db import get_engine, session_factory
from bot.settings import PROJECT_ROOT

CATALOGUE_DIR = PROJECT_ROOT / "data" / "catalogue"

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE_PATTERN = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
REQUIRED = ("id", "title", "url", "url_confirmed", "publisher", "summary", "audience", "type", "topics")
OPTIONAL = ("region", "date")
LIMITS = {"id": 100, "title": 300, "url": 1000, "publisher": 300, "region": 100}


class CatalogueError(ValueError):
    """The catalogue source is invalid; `problems` lists each one as "file: entry: what"."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class LoadReport:
    """What a load changed."""

    added: int
    updated: int
    removed: int
    unchanged: int

    @property
    def changed(self) -> bool:
        """Whether the load changed anything."""
        return bool(self.added or self.updated or self.removed)


def _is_url(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and " " not in value and "." in parts.netloc


def _check_entry(entry: Any, where: str) -> tuple[ResourceInfo | None, list[str]]:
    if not isinstance(entry, dict):
        return None, [f"{where}: is not a mapping of fields"]
    problems = [f"{where}: missing field '{name}'" for name in REQUIRED if entry.get(name) in (None, "", [])]
    unknown = sorted(set(entry) - set(REQUIRED) - set(OPTIONAL))
    problems += [f"{where}: unknown field '{name}'" for name in unknown]
    if problems:
        return None, problems
    for name in ("id", "title", "url", "publisher", "summary", "audience", "type"):
        if not isinstance(entry[name], str):
            problems.append(f"{where}: '{name}' must be text")
    if problems:
        return None, problems
    if not ID_PATTERN.match(entry["id"]):
        problems.append(f"{where}: bad id {entry['id']!r} (lower-case letters, digits and single hyphens)")
    if not _is_url(entry["url"]):
        problems.append(f"{where}: bad URL {entry['url']!r} (must be a whole http or https address)")
    if not isinstance(entry["url_confirmed"], bool):
        problems.append(f"{where}: 'url_confirmed' must be true or false")
    if entry["audience"] not in AUDIENCES:
        problems.append(f"{where}: unknown audience {entry['audience']!r} (one of: {', '.join(AUDIENCES)})")
    if entry["type"] not in TYPES:
        problems.append(f"{where}: unknown type {entry['type']!r} (one of: {', '.join(TYPES)})")
    topics = entry["topics"]
    if not isinstance(topics, list) or not all(isinstance(t, str) and t.strip() for t in topics):
        problems.append(f"{where}: 'topics' must be a list of words or phrases")
    date = entry.get("date")
    if isinstance(date, dt.date):
        date = date.isoformat()
    if date is not None and not (isinstance(date, str) and DATE_PATTERN.match(date)):
        problems.append(f"{where}: bad date {date!r} (YYYY, YYYY-MM or YYYY-MM-DD)")
    region = entry.get("region")
    if region is not None and not isinstance(region, str):
        problems.append(f"{where}: 'region' must be text")
    for name, limit in LIMITS.items():
        value = entry.get(name)
        if isinstance(value, str) and len(value) > limit:
            problems.append(f"{where}: '{name}' is longer than {limit} characters")
    if problems:
        return None, problems
    info = ResourceInfo(
        id=entry["id"],
        title=" ".join(entry["title"].split()),
        url=entry["url"].strip(),
        url_confirmed=entry["url_confirmed"],
        publisher=" ".join(entry["publisher"].split()),
        summary=" ".join(entry["summary"].split()),
        audience=entry["audience"],
        type=entry["type"],
        topics=tuple(" ".join(t.split()).lower() for t in topics),
        region=region,
        date=date,
    )
    return info, []


def read_catalogue(directory: Path = CATALOGUE_DIR) -> list[ResourceInfo]:
    """Reads and validates every `*.yml` file in `directory`.

    Raises:
        CatalogueError: listing every problem found, when any entry is invalid.
    """
    problems: list[str] = []
    resources: list[ResourceInfo] = []
    seen: dict[str, str] = {}
    files = sorted(directory.glob("*.yml")) + sorted(directory.glob("*.yaml"))
    if not files:
        raise CatalogueError([f"{directory}: no catalogue files (*.yml)"])
    for path in files:
        name = path.name
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as error:
            problems.append(f"{name}: cannot be read as YAML: {error}")
            continue
        entries = data.get("resources") if isinstance(data, dict) else None
        if not isinstance(entries, list):
            problems.append(f"{name}: needs a top-level 'resources:' list")
            continue
        for number, entry in enumerate(entries, start=1):
            label = entry.get("id") if isinstance(entry, dict) else None
            where = f"{name}: entry {number}" + (f" ({label})" if label else "")
            info, found = _check_entry(entry, where)
            problems += found
            if info is None:
                continue
            if info.id in seen:
                problems.append(f"{where}: duplicate id {info.id!r} (also in {seen[info.id]})")
                continue
            seen[info.id] = f"{name}: entry {number}"
            resources.append(info)
    if problems:
        raise CatalogueError(problems)
    return resources


def load_catalogue(
    directory: Path = CATALOGUE_DIR, engine: Engine | None = None, resources: Iterable[ResourceInfo] | None = None
) -> LoadReport:
    """Validates the source and makes the `resources` table match it, in one transaction.

    Args:
        directory: the folder of catalogue YAML files.
        engine: the database (default: the configured one).
        resources: entries to load instead of reading `directory` (benchmarks, tests).

    Returns:
        What changed.

    Raises:
        CatalogueError: the source is invalid; the database is left as it was.
    """
    wanted = {r.id: r for r in (read_catalogue(directory) if resources is None else resources)}
    engine = engine or get_engine()
    added = updated = unchanged = 0
    with session_factory(engine).begin() as session:
        existing = {row.id: row for row in session.scalars(sa.select(Resource))}
        for resource_id, info in wanted.items():
            values = info.column_values()
            row = existing.get(resource_id)
            if row is None:
                session.add(Resource(id=resource_id, **values))
                added += 1
            elif any(getattr(row, k) != v for k, v in values.items()):
                for key, value in values.items():
                    setattr(row, key, value)
                updated += 1
            else:
                unchanged += 1
        stale = [rid for rid in existing if rid not in wanted]
        if stale:
            session.execute(sa.delete(Resource).where(Resource.id.in_(stale)))
        report = LoadReport(added=added, updated=updated, removed=len(stale), unchanged=unchanged)
        if report.changed:
            _bump_version(session)
    return report


def _bump_version(session: Any) -> None:
    now = dt.datetime.now(dt.timezone.utc)
    row = session.get(CatalogueVersion, 1)
    if row is None:
        session.add(CatalogueVersion(id=1, version=1, loaded_at=now))
    else:
        row.version += 1
        row.loaded_at = now


def catalogue_version(engine: Engine | None = None) -> int:
    """The catalogue's version (0 when nothing was ever loaded)."""
    engine = engine or get_engine()
    with engine.connect() as connection:
        value = connection.execute(sa.select(CatalogueVersion.version).where(CatalogueVersion.id == 1)).scalar()
    return int(value or 0)


def list_resources(engine: Engine | None = None) -> list[ResourceInfo]:
    """Every resource in the database, by id."""
    engine = engine or get_engine()
    with session_factory(engine)() as session:
        return [ResourceInfo.from_row(row) for row in session.scalars(sa.select(Resource).order_by(Resource.id))]
