"""Turning a recommendation into the values of the responses in domain.yml.

The wording of each reason lives in data/activities.yml (`phrases:`); this module only picks
and fills them, so what the assistant says stays in YAML.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from bot.activities.model import ACTIVITIES_FILE, Activity, ActivityData
from bot.activities.recommend import Reason, Recommendation, ScoredActivity, SessionRequest


@lru_cache(maxsize=4)
def load_phrases(path: Path = ACTIVITIES_FILE) -> dict[str, str]:
    """The reason phrases from data/activities.yml."""
    return {k: " ".join(str(v).split()) for k, v in yaml.safe_load(path.read_text(encoding="utf-8"))["phrases"].items()}


@dataclass(frozen=True)
class Explanation:
    """Values for `utter_activity_recommendation` and `utter_activity_links`."""

    activity_id: str
    name: str
    summary: str
    why: str
    links: str


def ranges(activity: Activity) -> dict[str, object]:
    """ "4 to 12 people" and "45 to 90 minutes" (or "at least ...") for the responses."""
    phrases = load_phrases()
    return {
        "sizes": activity.group_size.describe("people", phrases),
        "times": activity.minutes.describe("minutes", phrases),
        "min": activity.group_size.min,
        "max": activity.group_size.max,
        "tmin": activity.minutes.min,
    }


def estimate_note(activity: Activity) -> str:
    """The "rough guide" note when the activity's size or time is an estimate, else ""."""
    return load_phrases()["estimate_note"] if activity.group_size.estimate or activity.minutes.estimate else ""


def _values(activity: Activity, request: SessionRequest, data: ActivityData) -> dict[str, object]:
    purpose = data.purpose(request.purpose) if request.purpose else None
    return {
        "name": activity.name,
        "purpose": purpose.label if purpose else "",
        "size": request.group_size,
        "minutes": request.minutes,
        "families_note": activity.families_note,
        **ranges(activity),
    }


def reason_text(reason: Reason, activity: Activity, request: SessionRequest, data: ActivityData) -> str:
    """One reason in words."""
    return load_phrases()[reason.code].format(**_values(activity, request, data))


def explain(
    recommendation: Recommendation, request: SessionRequest, data: ActivityData, choice: int = 0
) -> Explanation:
    """The words for the activity at `choice` in the ranking (0: the recommendation, 1: the runner-up)."""
    phrases = load_phrases()
    scored: ScoredActivity = recommendation.ranked[choice]
    activity = scored.activity
    lines = [f"- {reason_text(r, activity, request, data)}" for r in scored.reasons]
    if choice == 0:
        lines += [phrases[f"relaxed_{c}"] for c in recommendation.relaxed]
    if estimate_note(activity):
        lines.append(estimate_note(activity))
    if not scored.reasons:
        lines.insert(0, phrases["no_details"])
    links = "\n".join(
        f"- {link.title}: {link.url}"
        + ("" if link.url_confirmed or "listed" in link.title.lower() else f" {phrases['listed_on_page']}")
        for link in activity.links
    )
    return Explanation(activity.id, activity.name, activity.summary, "\n".join(lines), links)


def steps_text(activity: Activity) -> dict[str, str]:
    """Values for `utter_activity_steps`."""
    phrases = load_phrases()
    steps = "\n".join(f"{n}. {step}" for n, step in enumerate(activity.steps, 1))
    extra = [phrases["materials"].format(materials=", ".join(activity.materials))] if activity.materials else []
    if activity.online_note:
        extra.append(activity.online_note)
    extra += activity.cautions
    if estimate_note(activity):
        extra.append(phrases["estimate_steps"].format(**ranges(activity)))
    return {"name": activity.name, "steps": steps, "extra": "\n".join(extra), "source": activity.source_for("steps")}


def compare_text(first: Activity, second: Activity) -> dict[str, str]:
    """Values for `utter_activity_compare`: the two side by side, one line per point."""
    phrases = load_phrases()

    def line(activity: Activity) -> str:
        return phrases["compare_line"].format(
            name=activity.name,
            summary=activity.summary,
            online=phrases[f"online_{activity.online}"],
            **ranges(activity),
        )

    note = estimate_note(first) or estimate_note(second)
    comparison = "\n".join(part for part in (line(first), line(second), note) if part)
    return {"first": first.name, "second": second.name, "comparison": comparison}
