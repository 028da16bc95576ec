"""The urgent routes, in priority order, with their rules and the situations they describe.

Priority when several routes match, highest first (`CATEGORIES` is in this order):

1. `EMERGENCY`: 999 is the most immediate action, and it is also the right route for a
   crisis where someone has already been harmed ("I've taken an overdose"), as FACTS 8.5 says.
2. `MENTAL_HEALTH`: a risk to the person's own life comes before a call to the maternity
   unit; its answer still offers 999 when life is at risk.
3. `BABY_MOVEMENTS`: reduced or changed movements are a common, time-critical sign that is
   often left until the next day, so they get their own, specific wording.
4. `MATERNITY_TRIAGE`: everything else that needs a call to the maternity unit now.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.safety import baby_movements, emergency, maternity_triage, mental_health
from bot.safety.rules import Rule

EMERGENCY = "emergency"
MENTAL_HEALTH = "mental_health"
BABY_MOVEMENTS = "baby_movements"
MATERNITY_TRIAGE = "maternity_triage"

#: Every category, in priority order (first wins when several match).
CATEGORIES: tuple[str, ...] = (EMERGENCY, MENTAL_HEALTH, BABY_MOVEMENTS, MATERNITY_TRIAGE)

RULES_BY_CATEGORY: tuple[tuple[str, tuple[Rule, ...]], ...] = (
    (EMERGENCY, emergency.RULES),
    (MENTAL_HEALTH, mental_health.RULES),
    (BABY_MOVEMENTS, baby_movements.RULES),
    (MATERNITY_TRIAGE, maternity_triage.RULES),
)

#: For each category: (rule name, the match's sentence up to its end) -> situation.
SITUATIONS: dict[str, Callable[[str, str], str]] = {
    EMERGENCY: emergency.situation,
    MENTAL_HEALTH: mental_health.situation,
    BABY_MOVEMENTS: baby_movements.situation,
    MATERNITY_TRIAGE: maternity_triage.situation,
}
