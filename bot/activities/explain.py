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


def _values(activity: Activity, request: SessionRequest, data: ActivityData) -> dict[str, object]:
    purpose = data.purpose(request.purpose) if request.purpose else None
    return {
        "name": activity.name,
        "purpose": purpose.label if purpose else "",
        "size": request.group_size,
        "min": activity.group_size.min,
        "max": activity.group_size.max,
        "minutes": request.minutes,
        "tmin": activity.minutes.min,
        "tmax": activity.minutes.max,
        "families_note": activity.families_note,
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
    if activity.goal_inferred and request.purpose:
        lines.append(phrases["goal_inferred"])
    if activity.group_size.estimate or activity.minutes.estimate:
        lines.append(phrases["estimate_note"])
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
    return {"name": activity.name, "steps": steps, "extra": "\n".join(extra), "source": activity.source}


def compare_text(first: Activity, second: Activity) -> dict[str, str]:
    """Values for `utter_activity_compare`: the two side by side, one line per point."""
    phrases = load_phrases()

    def line(activity: Activity) -> str:
        return phrases["compare_line"].format(
            name=activity.name,
            summary=activity.summary,
            min=activity.group_size.min,
            max=activity.group_size.max,
            tmin=activity.minutes.min,
            tmax=activity.minutes.max,
            online=phrases[f"online_{activity.online}"],
        )

    return {"first": first.name, "second": second.name, "comparison": f"{line(first)}\n{line(second)}"}
