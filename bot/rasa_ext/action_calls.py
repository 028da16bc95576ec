"""How Rasa calls the action server: no check made twice, and no call whose answer is known.

`install()` changes two things in Rasa's `RemoteAction`, once per process. The project's tracker
store (bot/rasa_ext/tracker_store.py), which every Rasa server of this project creates at start,
calls it, as it installs the action guard.

- Rasa 3.6 checks each reply of the action server with `jsonschema.validate`, which first checks
  the schema itself against JSON Schema's meta-schema, on every call: half of the Rasa server's
  CPU time under load (docs/benchmarks.md). The schema never changes, so it is checked once and
  its validator kept; a reply that does not fit fails with the same error as before.
- "Was this helpful?" (`action_offer_feedback`) follows every knowledge answer, search and
  recommendation (data/rules/), but asks at most once in three messages. When the conversation
  shows that it would say nothing (`bot.needs.offer_due`), Rasa records what the action would
  return, `feedback_for` emptied, without calling the action server.
"""

from __future__ import annotations

import logging
from typing import Any

from bot.flows import subject_after
from bot.needs import OFFER_ACTION, answer_just_given, answers_a_gap, offer_due, previous_action, turns_since_offer
from bot.topics import RETRIEVAL_INTENT

logger = logging.getLogger(__name__)

_validators: dict[type, Any] = {}
_installed = False


def _validator(action_class: type) -> Any:
    """The validator of `action_class`'s reply schema, its schema checked once."""
    validator = _validators.get(action_class)
    if validator is None:
        from jsonschema import validators

        schema = action_class.action_response_format_spec()  # type: ignore[attr-defined]
        cls = validators.validator_for(schema)
        cls.check_schema(schema)
        validator = _validators[action_class] = cls(schema)
    return validator


def validate_action_result(action: Any, result: dict[str, Any]) -> bool:
    """Rasa's check of an action server reply (`jsonschema.validate`), without re-checking the schema.

    Raises:
        jsonschema.ValidationError: the reply does not fit, with Rasa's own explanation added.
    """
    from jsonschema.exceptions import best_match
    from rasa.shared.constants import DOCS_BASE_URL

    error = best_match(_validator(type(action)).iter_errors(result))
    if error is None:
        return True
    error.message += (
        f". Failed to validate Action server response from API, "
        f"make sure your response from the Action endpoint is valid. "
        f"For more information about the format visit "
        f"{DOCS_BASE_URL}/custom-actions"
    )
    raise error


def silent_offer(tracker: Any) -> dict[str, object] | None:
    """The slots `action_offer_feedback` would set when it would say nothing for this Rasa tracker
    (actions/needs.py), or None when it would ask."""
    from rasa.shared.core.events import ActionExecuted, SlotSet

    newest_first = list(reversed(tracker.events))
    parse_data = tracker.latest_message.parse_data if tracker.latest_message else {}
    selector = (parse_data.get("response_selector") or {}).get(RETRIEVAL_INTENT) or {}
    previous = previous_action(e.action_name for e in newest_first if isinstance(e, ActionExecuted))
    key = (selector.get("response") or {}).get("intent_response_key") or ""
    answer = answer_just_given(previous, key, tracker.get_slot("feedback_for"))
    since = turns_since_offer(
        ("slot", e.key, e.value) if isinstance(e, SlotSet) else (e.type_name, None, None) for e in newest_first
    )
    # An answer that says it does not know logs the question (the action does it): never skipped.
    if offer_due(answer, since) or answers_a_gap(previous, key):
        return None
    # As the action: feedback_for emptied, and a knowledge answer kept as the subject.
    return {"feedback_for": None, **subject_after(previous, key)}


def offer_says_nothing(tracker: Any) -> bool:
    """True when `action_offer_feedback` would say nothing for this Rasa tracker (actions/needs.py)."""
    return silent_offer(tracker) is not None


def install() -> None:
    """Replaces RemoteAction's reply check and answers a silent "Was this helpful?" in process, once."""
    global _installed
    if _installed:
        return
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.core.events import SlotSet

    original_run = RemoteAction.run

    async def run(self: Any, output_channel: Any, nlg: Any, tracker: Any, domain: Any) -> list:
        slots = silent_offer(tracker) if self.name() == OFFER_ACTION else None
        if slots is not None:
            logger.debug("'%s' would say nothing: answered without calling the action server.", OFFER_ACTION)
            return [SlotSet(name, value) for name, value in slots.items()]
        return await original_run(self, output_channel, nlg, tracker, domain)

    RemoteAction._validate_action_result = validate_action_result
    RemoteAction.run = run
    _installed = True
