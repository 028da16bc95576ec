"""Choosing an activity: score all seven against the session, rank them, and say why.

Pure and deterministic. Group size, session length and online use are constraints when the
user gave them; the goal, who takes part and the words that describe an activity only change the
order, and an activity the user's words rule out comes last. When no activity meets
every known constraint, the least important are relaxed, in this order: session length, then
online, then group size (so an activity too small or too big for the group never comes first
while one that fits exists), and the result says which were relaxed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import combinations
from typing import Any

from bot.activities.model import Activity

CONSTRAINTS = ("group_size", "mode", "minutes")  # most important first
BEST_PURPOSE = 3.0
ALSO_PURPOSE = 1.5
ONLINE_BONUS = {"good": 0.5, "possible": 0.0, "poor": -1.0}
FAMILIES_CAUTION_PENALTY = 0.5
CUE_BONUS = 1.0


@dataclass(frozen=True)
class SessionRequest:
    """What the user told us. None means not given or "not sure"."""

    purpose: str | None = None
    group_size: int | None = None
    minutes: int | None = None
    mode: str | None = None  # "online" or "in_person"
    participants: str | None = None  # "families", "staff" or "mixed"
    cues: tuple[str, ...] = ()  # activities the user named or described
    avoid: tuple[str, ...] = ()  # activities the user's words rule out (data/activities.yml avoid_when)


@dataclass(frozen=True)
class Reason:
    """One way an activity fits or misses the request.

    Attributes:
        detail: purpose, group_size, minutes, mode or participants.
        code: what was found, e.g. "purpose_best", "size_fits", "size_too_big", "online_poor".
        fits: whether this counts for (True) or against (False) the activity.
    """

    detail: str
    code: str
    fits: bool


@dataclass(frozen=True)
class ScoredActivity:
    """An activity with its score, its reasons and whether it meets every known constraint."""

    activity: Activity
    score: float
    reasons: tuple[Reason, ...]
    meets_constraints: bool

    def misses(self) -> tuple[Reason, ...]:
        """The reasons that count against it."""
        return tuple(r for r in self.reasons if not r.fits)


@dataclass(frozen=True)
class Recommendation:
    """All seven activities, best first, and the constraints relaxed to choose the first."""

    ranked: tuple[ScoredActivity, ...]
    relaxed: tuple[str, ...]

    @property
    def best(self) -> ScoredActivity:
        """The recommended activity."""
        return self.ranked[0]

    @property
    def runner_up(self) -> ScoredActivity:
        """The second choice."""
        return self.ranked[1]


def _meets(activity: Activity, request: SessionRequest, constraint: str) -> bool:
    if constraint == "group_size":
        return request.group_size is None or activity.group_size.contains(request.group_size)
    if constraint == "minutes":
        return request.minutes is None or request.minutes >= activity.minutes.min
    return request.mode != "online" or activity.online != "poor"


def _fits_purpose(activity: Activity, purpose: str) -> bool:
    return purpose in activity.purposes or purpose in activity.also_fits


def _reasons(activity: Activity, request: SessionRequest) -> tuple[float, tuple[Reason, ...]]:
    score = 0.0
    reasons: list[Reason] = []
    if request.purpose:
        if request.purpose in activity.purposes:
            score += BEST_PURPOSE
            reasons.append(Reason("purpose", "purpose_best", True))
        elif request.purpose in activity.also_fits:
            score += ALSO_PURPOSE
            reasons.append(Reason("purpose", "purpose_also", True))
        else:
            reasons.append(Reason("purpose", "purpose_other", False))
    if request.group_size is not None:
        size = activity.group_size
        if size.contains(request.group_size):
            reasons.append(Reason("group_size", "size_fits", True))
        else:
            code = "size_too_small" if request.group_size < size.min else "size_too_big"
            reasons.append(Reason("group_size", code, False))
    if request.minutes is not None:
        if request.minutes < activity.minutes.min:
            reasons.append(Reason("minutes", "time_too_short", False))
        else:
            reasons.append(Reason("minutes", "time_fits", True))
            # Comfortably inside the usual length scores a little more than "more time than needed".
            score += 0.25 if activity.minutes.contains(request.minutes) else 0.0
    if request.mode == "online":
        score += ONLINE_BONUS[activity.online]
        reasons.append(Reason("mode", f"online_{activity.online}", activity.online != "poor"))
    elif request.mode == "in_person":
        reasons.append(Reason("mode", "in_person", True))
    if activity.id in request.cues:
        score += CUE_BONUS * request.cues.count(activity.id)
        reasons.append(Reason("cues", "cue", True))
    if activity.id in request.avoid:
        reasons.append(Reason("cues", "avoid", False))
    if request.participants in ("families", "mixed") and activity.families_caution:
        score -= FAMILIES_CAUTION_PENALTY
        reasons.append(Reason("participants", "families_care", False))
    return score, tuple(reasons)


def _constraint_sets(request: SessionRequest) -> list[tuple[str, ...]]:
    known = [c for c in CONSTRAINTS if getattr(request, c) is not None and (c != "mode" or request.mode == "online")]
    subsets = [s for k in range(len(known), -1, -1) for s in combinations(known, k)]
    # Keep the most important constraints longest: compare subsets by which constraints they keep.
    return sorted(subsets, key=lambda s: tuple(c not in s for c in CONSTRAINTS))


def recommend(activities: tuple[Activity, ...], request: SessionRequest) -> Recommendation:
    """Ranks the activities for the request.

    Args:
        activities: the activities, in their fixed order (ties keep this order).
        request: what the user told us; None fields are ignored.

    Returns:
        Every activity, best first, and the constraints that had to be relaxed for the first.
    """
    if len(activities) < 2:
        raise ValueError("The recommender needs at least two activities.")
    scored = []
    for position, activity in enumerate(activities):
        score, reasons = _reasons(activity, request)
        meets = all(_meets(activity, request, c) for c in CONSTRAINTS)
        scored.append((position, ScoredActivity(activity, round(score, 3), reasons, meets)))
    fits_goal = {p for p, s in scored if request.purpose and _fits_purpose(s.activity, request.purpose)}
    counted: tuple[str, ...] = CONSTRAINTS
    for kept in _constraint_sets(request):
        eligible = {p for p, s in scored if all(_meets(s.activity, request, c) for c in kept)}
        if eligible and fits_goal and not eligible & fits_goal and "minutes" in kept:
            # Lengths are a rough guide: one made for the goal that may run long beats one that
            # is not made for it ("15 minutes where everyone chucks in ideas": not Pecha Kucha).
            longer = tuple(c for c in kept if c != "minutes")
            stretched = {p for p, s in scored if all(_meets(s.activity, request, c) for c in longer)}
            if stretched & fits_goal:
                kept, eligible = longer, stretched
                counted = tuple(c for c in CONSTRAINTS if c != "minutes")
        if eligible:
            break
    relaxed = tuple(c for c in CONSTRAINTS if c not in kept and getattr(request, c) is not None)
    if request.mode != "online":
        relaxed = tuple(c for c in relaxed if c != "mode")

    def order(item: tuple[int, ScoredActivity]) -> tuple[bool, bool, int, float, int]:
        position, candidate = item
        missed = sum(not _meets(candidate.activity, request, c) for c in counted)
        # What the user's words rule out comes last ("nobody has time to prepare": not Pecha Kucha).
        return (candidate.activity.id in request.avoid, position not in eligible, missed, -candidate.score, position)

    ordered = sorted(scored, key=order)
    return Recommendation(tuple(s for _, s in ordered), relaxed)


def _answers(activities: tuple[Activity, ...], detail: str) -> tuple[object, ...]:
    """The answers to one question that could matter: none, and each side of every activity's limits."""
    if detail == "mode":
        return (None, "online", "in_person")
    if detail == "participants":
        return (None, "families", "staff", "mixed")
    if detail == "purpose":
        return (None, *dict.fromkeys(p for a in activities for p in (*a.purposes, *a.also_fits)))
    ranges = [a.group_size if detail == "group_size" else a.minutes for a in activities]
    edges = {n for r in ranges for n in (r.min - 1, r.min, r.max, (r.max or 0) + 1) if n is not None and n > 0}
    return (None, *sorted(edges))


# What a co-production session plausibly has: 3 to 60 people, 20 minutes to a day.
PLAUSIBLE: dict[str, tuple[int | None, int | None]] = {"group_size": (3, 60), "minutes": (20, 480)}


@lru_cache(maxsize=1024)
def questions_that_matter(
    activities: tuple[Activity, ...], request: SessionRequest, unanswered: tuple[str, ...]
) -> tuple[str, ...]:
    """Of the details not yet given, those whose answer alone could still change the first choice.

    Each unanswered detail is tried on its own, the others left unknown: no answer, or either
    side of each activity's limits within what a session plausibly has (`PLAUSIBLE`). A detail
    matters when one of its answers changes the first choice. A change that needs two unusual
    answers at once (a 10-minute online session) is not worth two questions to everyone: the
    recommendation says what it assumed, and the user can say more. When none matters, the form
    stops asking.

    Args:
        activities: the activities.
        request: what the user has told us so far.
        unanswered: SessionRequest field names not yet asked or given, in asking order.

    Returns:
        The fields of `unanswered` that matter, in the same order.
    """
    first = recommend(activities, request).best.activity.id
    matter = []
    for detail in unanswered:
        low, high = PLAUSIBLE.get(detail, (None, None))
        for answer in _answers(activities, detail):
            if isinstance(answer, int) and ((low is not None and answer < low) or (high is not None and answer > high)):
                continue
            changes: dict[str, Any] = {detail: answer}
            if answer is not None and recommend(activities, replace(request, **changes)).best.activity.id != first:
                matter.append(detail)
                break
    return tuple(matter)
