"""Choosing a co-creation activity: the session extractor, the recommender and its explanations.

Outsiders import from here.
"""

from bot.activities.dialogue import (
    FORM_SLOTS,
    compare_turn,
    read_cues,
    read_slot,
    recommendation_turn,
    runner_up_turn,
    steps_turn,
)

__all__ = [
    "FORM_SLOTS",
    "compare_turn",
    "read_cues",
    "read_slot",
    "recommendation_turn",
    "runner_up_turn",
    "steps_turn",
]
