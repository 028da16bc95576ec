"""Text-message spellings read as the words they stand for ("wat r u" → "what are you").

Families type as they text. The classifier learnt from ordinary spellings, so "wat is an mnvp"
scored as unsure; spelling these words out first lets it read them as it reads anything else.
Only whole words change, and the ambiguous ones ("2", "4", "y", "r", "n") only where the next
word shows what they mean ("wat happens 2 my feedback", "y that one", "mum n dad").
"""

from __future__ import annotations

import re

# Whole words, whatever their case.
WORDS = {
    "wat": "what",
    "wot": "what",
    "wht": "what",
    "wats": "what's",
    "wots": "what's",
    "u": "you",
    "ya": "you",
    "ur": "your",
    "pls": "please",
    "plz": "please",
    "plse": "please",
    "thx": "thanks",
    "thnx": "thanks",
    "thanx": "thanks",
    "im": "i'm",
    "ive": "i've",
    "dont": "don't",
    "cant": "can't",
    "doesnt": "doesn't",
    "isnt": "isn't",
    "didnt": "didn't",
    "wasnt": "wasn't",
    "arent": "aren't",
    "havent": "haven't",
    "shouldnt": "shouldn't",
    "wouldnt": "wouldn't",
    "couldnt": "couldn't",
    "b4": "before",
    "bc": "because",
    "bcos": "because",
    "bcoz": "because",
    "cos": "because",
    "coz": "because",
    "cuz": "because",
    "tho": "though",
    "abt": "about",
    "hw": "how",
    "wen": "when",
    "wer": "where",
    "wher": "where",
    "ppl": "people",
    "peeps": "people",
    "sum1": "someone",
    "some1": "someone",
    "any1": "anyone",
    "every1": "everyone",
    "ne1": "anyone",
    "2day": "today",
    "2moro": "tomorrow",
    "2morrow": "tomorrow",
    "tmrw": "tomorrow",
    "gonna": "going to",
    "wanna": "want to",
    "gotta": "have to",
    "msg": "message",
    "txt": "text",
    "appt": "appointment",
    "hosp": "hospital",
    "info": "information",
    "qs": "questions",
    "q's": "questions",
    "def": "definitely",
    "prob": "probably",
    "probs": "probably",
    "bout": "about",
    "smth": "something",
    "sth": "something",
    "w/": "with",
    "w/o": "without",
}
_WORD = re.compile(
    r"(?<![\w'/])(" + "|".join(re.escape(w) for w in sorted(WORDS, key=len, reverse=True)) + r")(?![\w'/])",
    re.IGNORECASE,
)
# Stand-ins that only count before a word that shows what they mean.
_NEXT = r"(?=\s+(?:{}))\b"
_TO = (
    r"my|me|the|a|an|do|be|go|get|see|ask|join|find|you|u|your|ur|them|us|it|talk|speak|tell|say|send|help|know|"
    r"share|give|make|meet|come|contact|reach|work|take"
)
_FOR = r"my|me|the|a|an|you|u|your|ur|it|this|that|us|them|free"  # not "people": "4 parents" is a group size
_WHY = r"that|this|is|do|does|did|not|would|should|are|can|cant|can't|was|were|have|has|u|you|we|they|it|them"
_ARE = r"u|you|we|they|there|the|these|those|mvps|mnvps|meetings|families"
_CONTEXT = [
    (re.compile(r"\b2" + _NEXT.format(_TO), re.IGNORECASE), "to"),
    (re.compile(r"\b4" + _NEXT.format(_FOR), re.IGNORECASE), "for"),
    # "activity 4 20 ppl": a number of people after it.
    (
        re.compile(
            r"\b4(?=\s+\d+\s*(?:ppl|people|of us|parents|families|staff|mums|members|participants|attendees)\b)",
            re.IGNORECASE,
        ),
        "for",
    ),
    (re.compile(r"(?:^|(?<=[\s,.!?]))y" + _NEXT.format(_WHY), re.IGNORECASE), "why"),
    (re.compile(r"(?:^|(?<=\s))r" + _NEXT.format(_ARE), re.IGNORECASE), "are"),
    (re.compile(r"(?<=\w\s)n" + _NEXT.format(r"\w+"), re.IGNORECASE), "and"),
]


def expand_txtspeak(text: str) -> str:
    """The text with text-message spellings spelled out (ordinary text comes back unchanged)."""
    for pattern, word in _CONTEXT:
        text = pattern.sub(word, text)
    return _WORD.sub(lambda m: WORDS[m.group(1).lower()], text)
