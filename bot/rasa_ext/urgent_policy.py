"""A dialogue policy that puts urgent answers first, in every state of the conversation.

Right after urgent help, it also answers a message that says the writer will not ring anyone
("i cant talk on the phone"), whatever intent the classifier gave it: `action_deny` sends the
ways of help that need no call (text Shout, email Samaritans), or that help again.

When the safety guard has set an urgent intent (or `low_mood`), this policy plays
`bot.safety.replies.support_plan`: stop any form that was waiting for an answer, send the
answer for what was described, then say the assistant is still there. It outranks every
other policy, including a form in the middle of asking its questions (Rasa's RulePolicy
predicts an active form before anything else), which is why it is a policy and not rules.
"""

from __future__ import annotations

from typing import Any

from rasa.core.constants import POLICY_PRIORITY
from rasa.core.policies.policy import Policy, PolicyPrediction
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, UserUttered
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

from bot.safety import is_support_intent, refuses_a_call, support_plan, urgent_answer_in_play

# Right after urgent help, "i cant phone them" (whatever the classifier made of it) gets the
# ways that need no call, or that help again (`bot.flows.deny_answer`).
REFUSAL_ACTION = "action_deny"
# Above RulePolicy (6), so a tie at full confidence goes to the urgent answer.
URGENT_POLICY_PRIORITY = 7
# Actions Rasa runs by itself after a message, which are not steps of the plan.
_NOT_STEPS = {ACTION_LISTEN_NAME, "action_extract_slots", "action_session_start"}


def _turn(tracker: DialogueStateTracker) -> tuple[UserUttered | None, str | None, list[str]]:
    """The latest user message, the form that was active when it came, and the actions run since."""
    user: UserUttered | None = None
    active: str | None = None
    loop_at_message: str | None = None
    done: list[str] = []
    for event in tracker.events:
        if isinstance(event, UserUttered):
            user, loop_at_message, done = event, active, []
        elif isinstance(event, ActiveLoop):
            active = event.name
        elif isinstance(event, ActionExecuted) and user is not None and event.action_name not in _NOT_STEPS:
            done.append(event.action_name or "")
    return user, loop_at_message, done


def _newest_first(tracker: DialogueStateTracker) -> list[tuple[str, str | None]]:
    """The events as (type, action name), newest first."""
    return [
        (event.type_name, event.action_name if isinstance(event, ActionExecuted) else None)
        for event in reversed(tracker.events)
    ]


def next_step(tracker: DialogueStateTracker) -> str | None:
    """The next action of the support plan for the latest message, or None when it does not apply."""
    user, loop, done = _turn(tracker)
    intent = (user.intent or {}).get("name") if user is not None else None
    if user is None:
        return None
    if is_support_intent(intent):
        plan = support_plan(str(intent), (user.parse_data or {}).get("safety"), loop)
    elif refuses_a_call(user.text or "") and urgent_answer_in_play(_newest_first(tracker)) is not None:
        plan = (REFUSAL_ACTION,)
    else:
        return None
    if list(plan[: len(done)]) != done:
        return None  # something else answered: leave the rest to the other policies
    return plan[len(done)] if len(done) < len(plan) else ACTION_LISTEN_NAME


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=False)
class UrgentPolicy(Policy):
    """Predicts the support plan's next step after an urgent or low-mood message."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """Its priority is above every other policy's."""
        return {POLICY_PRIORITY: URGENT_POLICY_PRIORITY}

    def train(self, training_trackers: list[TrackerWithCachedStates], domain: Domain, **kwargs: Any) -> Resource:
        """Nothing to learn."""
        return self._resource

    def predict_action_probabilities(
        self, tracker: DialogueStateTracker, domain: Domain, **kwargs: Any
    ) -> PolicyPrediction:
        """The next step of the plan, with full confidence; nothing when the plan does not apply."""
        step = next_step(tracker)
        if step is None or step not in domain.action_names_or_texts:
            return self._prediction(self._default_predictions(domain))
        probabilities = self._default_predictions(domain)
        probabilities[domain.index_for_action(step)] = 1.0
        # A "no user" prediction competes with a form's own prediction, which would otherwise win.
        return self._prediction(probabilities, is_no_user_prediction=True)
