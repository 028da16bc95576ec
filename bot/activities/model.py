"""The activities and goals from data/activities.yml, as frozen values (read once per process)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from bot.settings import PROJECT_ROOT

ACTIVITIES_FILE = PROJECT_ROOT / "data" / "activities.yml"
ONLINE_LEVELS = ("good", "possible", "poor")
# What an activity may name its own page for (`sources` in data/activities.yml).
SOURCE_ASPECTS = ("steps", "materials", "online", "cautions", "size", "time")


@dataclass(frozen=True)
class Range:
    """An inclusive range; `estimate` when the source gives no figure (present it as guidance).

    `max` is None when the sources give no upper limit (Pecha Kucha: any audience).
    """

    min: int
    max: int | None
    estimate: bool = False

    def contains(self, value: float) -> bool:
        """Whether `value` is inside the range."""
        return self.min <= value and (self.max is None or value <= self.max)

    def describe(self, unit: str, phrases: dict[str, str]) -> str:
        """ "4 to 12 people", or "any number of people" when there is no upper limit.

        Args:
            unit: "people" or "minutes" (the phrases are `range_<unit>` and `range_open_<unit>`).
            phrases: the phrases from data/activities.yml.
        """
        key = f"range_{unit}" if self.max is not None else f"range_open_{unit}"
        return phrases[key].format(min=self.min, max=self.max)


@dataclass(frozen=True)
class Link:
    """A video, handout or worksheet; `url_confirmed` is False when the URL is the page listing it."""

    title: str
    url: str
    url_confirmed: bool


@dataclass(frozen=True)
class Purpose:
    """A goal a session can have, with the words people use for it."""

    id: str
    label: str
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class Activity:
    """One co-creation activity."""

    id: str
    name: str
    aliases: tuple[str, ...]
    cues: tuple[str, ...]
    avoid_when: tuple[str, ...]
    summary: str
    purposes: tuple[str, ...]
    also_fits: tuple[str, ...]
    also_fits_source: str
    steps: tuple[str, ...]
    group_size: Range
    minutes: Range
    materials: tuple[str, ...]
    online: str
    online_note: str
    cautions: tuple[str, ...]
    families_note: str
    families_caution: bool
    links: tuple[Link, ...]
    source: str
    # What one round of it takes, when that is not the session's length ("each talk is 6 minutes
    # 40 seconds"): said with the time it takes.
    time_note: str = ""
    # The page that holds one aspect ("steps", "materials", "online", "cautions", "size", "time"),
    # when it is not `source`: "how many statements?" cites the page that says under about 40.
    sources: tuple[tuple[str, str], ...] = ()

    def source_for(self, aspect: str) -> str:
        """The page that says this about the activity: its own, or else the activity's source."""
        return dict(self.sources).get(aspect, self.source)


@dataclass(frozen=True)
class ActivityData:
    """All activities (in file order) and goals."""

    activities: tuple[Activity, ...]
    purposes: tuple[Purpose, ...]

    def activity(self, activity_id: str) -> Activity | None:
        """The activity with this id, if any."""
        return next((a for a in self.activities if a.id == activity_id), None)

    def purpose(self, purpose_id: str) -> Purpose | None:
        """The goal with this id, if any."""
        return next((p for p in self.purposes if p.id == purpose_id), None)


def _range(raw: dict[str, Any]) -> Range:
    top = raw.get("max")
    return Range(int(raw["min"]), None if top is None else int(top), bool(raw.get("estimate", False)))


def parse_activities(data: dict[str, Any]) -> ActivityData:
    """Builds the values from the parsed YAML, checking what the recommender relies on.

    Raises:
        ValueError: a field is missing or inconsistent.
    """
    purposes = tuple(
        Purpose(p["id"], p["label"], tuple(k.lower() for k in p.get("keywords", []))) for p in data["purposes"]
    )
    known = {p.id for p in purposes}
    activities = []
    for raw in data["activities"]:
        activity = Activity(
            id=raw["id"],
            name=raw["name"],
            aliases=tuple(a.lower() for a in raw.get("aliases", [])),
            cues=tuple(c.lower() for c in raw.get("cues", [])),
            avoid_when=tuple(c.lower() for c in raw.get("avoid_when") or ()),
            summary=" ".join(raw["summary"].split()),
            purposes=tuple(raw["purposes"]),
            also_fits=tuple(raw.get("also_fits") or ()),
            also_fits_source=str(raw.get("also_fits_source") or ""),
            steps=tuple(" ".join(s.split()) for s in raw["steps"]),
            group_size=_range(raw["group_size"]),
            minutes=_range(raw["minutes"]),
            materials=tuple(raw.get("materials") or ()),
            online=raw["online"],
            online_note=" ".join(str(raw.get("online_note", "")).split()),
            cautions=tuple(" ".join(c.split()) for c in raw.get("cautions") or ()),
            families_note=" ".join(str(raw.get("families_note") or "").split()),
            families_caution=bool(raw.get("families_caution", False)),
            links=tuple(Link(k["title"], k["url"], bool(k["url_confirmed"])) for k in raw.get("links") or ()),
            source=raw["source"],
            time_note=" ".join(str(raw.get("time_note") or "").split()),
            sources=tuple((str(k), str(v)) for k, v in (raw.get("sources") or {}).items()),
        )
        unknown = set(activity.purposes + activity.also_fits) - known
        if unknown:
            raise ValueError(f"activity {activity.id}: unknown purposes {sorted(unknown)}")
        if activity.also_fits and not activity.also_fits_source.startswith("https://"):
            raise ValueError(f"activity {activity.id}: also_fits needs also_fits_source, the page that says so")
        odd = sorted(set(dict(activity.sources)) - set(SOURCE_ASPECTS))
        if odd or not all(url.startswith(("https://", "http://")) for _, url in activity.sources):
            raise ValueError(f"activity {activity.id}: sources are addresses for {SOURCE_ASPECTS}, not {odd}")
        if activity.online not in ONLINE_LEVELS:
            raise ValueError(f"activity {activity.id}: online must be one of {ONLINE_LEVELS}")
        if any(r.max is not None and r.min > r.max for r in (activity.group_size, activity.minutes)):
            raise ValueError(f"activity {activity.id}: a range has min above max")
        activities.append(activity)
    return ActivityData(tuple(activities), purposes)


@lru_cache(maxsize=4)
def load_activities(path: Path = ACTIVITIES_FILE) -> ActivityData:
    """The activities from `path`, read once per process."""
    return parse_activities(yaml.safe_load(path.read_text(encoding="utf-8")))
