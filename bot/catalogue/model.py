"""The catalogue's tables and the plain value that the rest of the project sees (`ResourceInfo`)."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from bot.db import Base

AUDIENCES = ("families", "staff", "both")
TYPES = ("guide", "tool", "video", "webinar", "worksheet", "handout", "report", "model", "service")


class Resource(Base):
    """One row of `resources` (created by migration 0001)."""

    __tablename__ = "resources"

    id = sa.Column(sa.String(100), primary_key=True)
    title = sa.Column(sa.String(300), nullable=False)
    url = sa.Column(sa.String(1000), nullable=False)
    url_confirmed = sa.Column(sa.Boolean(), nullable=False)
    publisher = sa.Column(sa.String(300), nullable=False)
    summary = sa.Column(sa.Text(), nullable=False)
    audience = sa.Column(sa.String(20), nullable=False)
    type = sa.Column(sa.String(20), nullable=False)
    topics = sa.Column(sa.Text(), nullable=False)  # a JSON list of strings
    region = sa.Column(sa.String(100), nullable=True)
    date = sa.Column(sa.String(10), nullable=True)
    link_status = sa.Column(sa.Integer(), nullable=True)
    link_ok = sa.Column(sa.Boolean(), nullable=True)
    link_error = sa.Column(sa.String(300), nullable=True)
    link_checked_at = sa.Column(sa.DateTime(timezone=True), nullable=True)


class CatalogueVersion(Base):
    """A single row whose `version` goes up whenever a load changes the catalogue."""

    __tablename__ = "catalogue_versions"

    id = sa.Column(sa.Integer(), primary_key=True)
    version = sa.Column(sa.Integer(), nullable=False)
    loaded_at = sa.Column(sa.DateTime(timezone=True), nullable=False)


@dataclass(frozen=True)
class ResourceInfo:
    """A catalogue entry as the rest of the project sees it (never an ORM object)."""

    id: str
    title: str
    url: str
    url_confirmed: bool
    publisher: str
    summary: str
    audience: str
    type: str
    topics: tuple[str, ...] = field(default_factory=tuple)
    region: str | None = None
    date: str | None = None

    @classmethod
    def from_row(cls, row: Resource) -> ResourceInfo:
        """Converts a row."""
        return cls(
            id=row.id,
            title=row.title,
            url=row.url,
            url_confirmed=bool(row.url_confirmed),
            publisher=row.publisher,
            summary=row.summary,
            audience=row.audience,
            type=row.type,
            topics=tuple(json.loads(row.topics or "[]")),
            region=row.region,
            date=row.date,
        )

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {**dataclasses.asdict(self), "topics": list(self.topics)}

    def column_values(self) -> dict[str, Any]:
        """The values of the source columns, as stored (everything but the id; topics as JSON)."""
        values = self.as_dict()
        del values["id"]
        values["topics"] = json.dumps(values["topics"])
        return values
