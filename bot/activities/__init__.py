"""Choosing a co-creation activity: the session extractor, the recommender and its explanations.

Outsiders import from here.
"""

from bot.activities.dialogue import (
    FORM_SLOTS,
    NOT_SURE,
    carried_over,
    compare_turn,
    question_turn,
    read_cues,
    read_slot,
    recommendation_turn,
    runner_up_turn,
    slots_to_ask,
    steps_turn,
)
from bot.activities.model import load_activities

__all__ = [
    "FORM_SLOTS",
    "NOT_SURE",
    "carried_over",
    "compare_turn",
    "load_activities",
    "question_turn",
    "read_cues",
    "read_slot",
    "recommendation_turn",
    "runner_up_turn",
    "slots_to_ask",
    "steps_turn",
]
