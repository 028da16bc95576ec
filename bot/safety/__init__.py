"""The safety guard: spots messages that need urgent help, before anything else answers.

This package owns one decision: does a message suggest that someone may be in danger, and if
so, which urgent route fits, what situation it describes, and is it the writer or someone
they are helping (docs/sources.md, "Urgent and safety signposting")? It is plain Python
(standard library only, no Rasa, no spaCy), so it is fast, testable on its own and loaded by
the NLU component in `bot/rasa_ext/safety_guard.py`.

It is tuned for recall. Families write in a hurry, at night, on a phone: lower case, no
punctuation, typos ("bleading", "suicidle"), text-speak ("bby", "ur"), indirect wording
("I don't want to be here anymore"), and text pasted with hidden or look-alike characters.
So a message is first normalised (`normalise`) and then matched against each route's rules.

Where things are, for a reviewer:

- `emergency`, `mental_health`, `baby_movements`, `maternity_triage`: one module per urgent
  route, its rules and the situation each rule describes;
- `low_mood`: feelings after a birth that are not a crisis (a kind answer, not a refusal);
- `context`: when a match is set aside (a mention of the topic, a story from the past) and
  who it is about;
- `spellings`, `lexicon`, `normalise`, `prepare`: how a message becomes the words the rules match;
- `routes`: the routes in priority order; `engine`: the matching;
- `replies`: which answer each route, situation and person gets.
"""

from bot.safety.clinical import asks_about_movements, asks_clinical
from bot.safety.engine import SafetyMatch, assess, assess_all
from bot.safety.lexicon import unfold_message
from bot.safety.low_mood import assess_low_mood, is_about_taking_part
from bot.safety.normalise import normalise
from bot.safety.replies import (
    LOW_MOOD_INTENT,
    URGENT_INTENT_PREFIX,
    is_low_mood_answer,
    is_support_answer,
    is_support_intent,
    no_call_answer,
    refuses_a_call,
    support_plan,
    urgent_answer_in_play,
)
from bot.safety.routes import BABY_MOVEMENTS, CATEGORIES, EMERGENCY, MATERNITY_TRIAGE, MENTAL_HEALTH

__all__ = [
    "asks_about_movements",
    "asks_clinical",
    "is_low_mood_answer",
    "is_support_answer",
    "LOW_MOOD_INTENT",
    "URGENT_INTENT_PREFIX",
    "assess_low_mood",
    "is_about_taking_part",
    "is_support_intent",
    "no_call_answer",
    "refuses_a_call",
    "support_plan",
    "urgent_answer_in_play",
    "BABY_MOVEMENTS",
    "CATEGORIES",
    "EMERGENCY",
    "MATERNITY_TRIAGE",
    "MENTAL_HEALTH",
    "SafetyMatch",
    "assess",
    "assess_all",
    "normalise",
    "unfold_message",
]
