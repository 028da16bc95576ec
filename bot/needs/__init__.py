"""The unmet-needs log: what the assistant could not answer, recorded safely, and its report.

Outsiders import from here.
"""

from bot.needs.dialogue import (
    GAP_ANSWERS,
    NEED_ACTIONS,
    OFFER_ACTION,
    Answer,
    answer_from_slot,
    answer_just_given,
    answers_a_gap,
    best_guess,
    detail_turn,
    feedback_turn,
    log_failed_action,
    log_known_gap,
    log_no_search_result,
    log_unmet,
    offer_due,
    offer_turn,
    previous_action,
    turns_since_offer,
)
from bot.needs.model import REASON_LABELS
from bot.needs.record import Source, replay_spool
from bot.needs.report import Report, build_report, day_range, export_needs, format_report, purge

__all__ = [
    "GAP_ANSWERS",
    "NEED_ACTIONS",
    "OFFER_ACTION",
    "REASON_LABELS",
    "Answer",
    "Report",
    "Source",
    "answer_from_slot",
    "answer_just_given",
    "answers_a_gap",
    "best_guess",
    "build_report",
    "day_range",
    "detail_turn",
    "export_needs",
    "feedback_turn",
    "format_report",
    "log_failed_action",
    "log_known_gap",
    "log_no_search_result",
    "log_unmet",
    "offer_due",
    "offer_turn",
    "previous_action",
    "purge",
    "replay_spool",
    "turns_since_offer",
]
