"""Choosing a co-creation activity: the session extractor, the recommender and its explanations.

Outsiders import from here.
"""

from bot.activities.dialogue import (
    FORM_SLOTS,
    NOT_SURE,
    activity_in_subject,
    asks_about_the_activity,
    carried_over,
    compare_turn,
    question_aspect,
    question_turn,
    read_cues,
    read_slot,
    recommendation_turn,
    runner_up_turn,
    slots_to_ask,
    steps_turn,
)
from bot.activities.extract import (
    asks_about_one_activity,
    asks_for_an_activity,
    asks_how_to_run,
    asks_if_it_fits,
    asks_to_choose_between,
    asks_which_activity_fits,
    describes_a_session,
    mentioned_activities,
    names_a_goal,
    plans_a_session,
    reads_as_a_family,
)
from bot.activities.model import load_activities

__all__ = [
    "FORM_SLOTS",
    "NOT_SURE",
    "activity_in_subject",
    "asks_about_one_activity",
    "asks_about_the_activity",
    "asks_for_an_activity",
    "asks_if_it_fits",
    "asks_to_choose_between",
    "asks_how_to_run",
    "asks_which_activity_fits",
    "describes_a_session",
    "plans_a_session",
    "mentioned_activities",
    "names_a_goal",
    "reads_as_a_family",
    "question_aspect",
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
