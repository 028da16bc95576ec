"""Medical questions the classifier could not place: they get the medical refusal and where to
ask (midwife, GP, 111), never "did you mean".

The safety guard (bot/rasa_ext/safety_guard.py) asks this only about a message the classifier
gave up on. A question naming a medicine, a dose, a test result or a check on the baby is a
clinical question whatever else it says: "my bp was 140/90, is that high?", "what's the loading
dose of magnesium sulphate?", "how many kicks should I count?", "is a home doppler a good idea?".
"""

from __future__ import annotations

import re

from bot.safety.normalise import normalise

_MEDICAL = re.compile(
    r"\b(?:bp|blood pressure|dose|doses|dosage|mg|mcg|ml|medication|medicines?|tablets?|pills?|paracetamol|"
    r"ibuprofen|aspirin|codeine|antibiotics?|antidepressants?|sertraline|folic acid|vitamins?|iron levels?|"
    r"magnesium|sulphate|sulfate|steroids?|insulin|glucose|blood sugars?|gestational diabetes|pre ?eclampsia|"
    r"doppler|heart ?beat|heart rate|kick counts?|count(?:ing)? (?:the )?kicks|how many kicks|"
    r"kicks (?:a|per|each) (?:day|hour)|"
    r"blood tests?|scan results?|test results?|symptoms?|rash|temperature|fever|jaundice|mastitis|thrush|"
    r"stitches|epidural|induction dose|contractions?|discharge|haemoglobin|platelets|cervix|dilated|"
    r"is (?:that|it|this) (?:high|low|normal|safe|ok to take)|safe to take|can i take|should i take)\b",
    re.IGNORECASE,
)


def asks_clinical(text: str) -> bool:
    """Whether a message names a medical matter (a medicine, a dose, a result, a check on the baby)."""
    return bool(_MEDICAL.search(normalise(text or "")))


# A question about baby movements that says nothing urgent ("how many kicks should I count?",
# "I'm 22 weeks and haven't felt the baby move yet, is that bad?", "is a home doppler a good idea?"):
# the facts' public advice on movements, not a refusal.
_MOVEMENTS_QUESTION = re.compile(
    r"\b(?:how many|how often|count|counting|number of) (?:\w+ ){0,2}(?:kicks|movements|moves)\b"
    r"|\bkick counts?\b|\bdopplers?\b|\bheart ?beat (?:monitor|listener|machine|thing)s?\b"
    r"|\b(?:havent|haven t|not|never|dont|didnt|cant) (?:felt|feel|feeling) (?:the |my |our )?"
    r"(?:baby|bump|them|him|her)(?: \w+)? (?:move|moving|kick|kicking)(?: at all)? yet\b"
    r"|\bwhen (?:will|should|do|does|can) (?:i|you|u|we|she|people|most people)(?: usually| normally| first)? "
    r"(?:start )?(?:to )?(?:feel|feeling) (?:the |any |your |their )?(?:baby|kicks|movements|anything|it)\b"
    r"|\b(?:not|havent|haven t|never) (?:felt|feel|feeling) (?:anything|any movements?|any kicks|a thing)"
    r"(?: \w+)? yet\b"
    r"|\b(?:why|y|wy) (?:do|does|are|is) (?:\w+ ){0,3}(?:go on about|so worried about|bang on about|"
    r"always ask about|care about|keep asking about|obsessed with) (?:the |baby |babys )?(?:movements|kicks|moving)\b"
    r"|\b(?:felt|feel|feeling) (?:the |my |our )?(?:baby|bump|them|him|her)(?: \w+)? (?:move|moving|kick|kicking)"
    r"(?: at all)? yet\b"
    r"|\bwhen (?:are|r|am|is) (?:you|u|i|we|she) (?:supposed|meant|expected|going) to (?:start )?(?:feel|feeling)\b"
    r"|\b(?:if|when) (?:she|he|baby|the baby|they|bump|my baby|the bump) (?:goes|go|gets|get|went|seems|is|are) "
    r"(?:quiet|quieter|still|less active)\b",
    re.IGNORECASE,
)


# The myths the public advice answers ("does ice cold water make the baby kick?", "is it true they
# move less near the end cos there's no room?"), asked with a word for movements.
_MOVEMENTS_MYTH = re.compile(
    r"\b(?:cold|ice|iced|icy|fizzy|sugary|sweet) (?:\w+ )?(?:water|drinks?|juice|coke|pop)\b"
    r"|\bwake (?:the |my |our )?(?:baby|bump|them|him|her)(?: up)?\b|\b(?:less|no|not much|not enough) room\b"
    r"|\bless (?:\w+ )?(?:near|towards|toward|at|by) the end\b",
    re.IGNORECASE,
)
_MOVEMENT_WORD = re.compile(r"\b(?:kick\w*|mov\w*|wriggl\w*|quiet|still)\b", re.IGNORECASE)


def asks_about_movements(text: str) -> bool:
    """Whether a message asks about baby movements without describing an urgent change."""
    normalised = normalise(text or "")
    if _MOVEMENTS_QUESTION.search(normalised):
        return True
    return bool(_MOVEMENTS_MYTH.search(normalised) and _MOVEMENT_WORD.search(normalised))
