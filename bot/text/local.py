"""Questions about one local MNVP's own details, or figures and names, which the assistant cannot know.

"What's the phone number for the maternity voices partnership at Royal Stoke?", "who is the
chair of the Sheffield MVP", "when is the next coffee morning in Hull": the facts it holds are
national; each MNVP's contacts, people and dates are on its own pages. Such a question gets a
kind "I don't know that" with where to find it, and is logged, instead of a general answer that
looks like a reply but is not one. So does a question for a figure or a name the facts never
hold: pay rates, budgets and grant amounts, how many MNVPs there are, who holds a post now, the
titles of past events ("How much is the MNVP lead in Kent paid per hour?").
"""

from __future__ import annotations

import re

# Contact details of a place or group.
_CONTACT = re.compile(
    r"\b(?:phone|telephone|tel|mobile|contact|whatsapp) (?:number|no|details)\b"
    r"|\b(?:number|email|e mail|email address|postal address|address) (?:for|of) (?:the|their|our|my|your|a|an)?\b"
    r"|\b(?:whats|what is|what are|give me|got|have you got|do you have|can i have)(?: the| their| its| his| her)? "
    r"(?:number|phone number|email|email address|address|contact details)\b(?= for| of| to| at|$)"
    r"|\bhow (?:do|can) i (?:ring|phone|call|email|text) (?:them|the \w+ mvp|the \w+ mnvp|the chair|the lead)\b"
)
# A named person in one group ("who is the chair of the Sheffield MVP"), not who leads MNVPs in general.
_PERSON = re.compile(
    r"\b(?:who is|whos|who are|name of|names of|what is the name of|whats the name of) (?:the|our|their|my) "
    r"(?:current )?(?:chair|chairs|chairperson|lead|leads|coordinator|co ordinator|secretary|manager|"
    r"head of midwifery|contact)\b(?: (?:of|for|at|in) \w+| now| at the moment| currently)"
)
# A date or time: the next meeting, when they meet next, what time it starts.
_WHEN = re.compile(
    r"\b(?:when|what time|what date|which day|what day)(?: is| are| does| do| will| s)? (?:the |their |our |its )?"
    r"(?:next|they meet next|it meet next|they next meet|we meet next)\b"
    r"|\b(?:when|what time|what date|which day)(?: is| are| does| do| will)?(?: \w+){0,3} next "
    r"(?:meeting|coffee morning|"
    r"meet up|meetup|event|session|drop in|walk|get together)\b"
    r"|\bnext (?:meeting|coffee morning|meet up|meetup|event|drop in|get together)(?: \w+){0,4} (?:when|date|time)\b"
    r"|\b(?:what|which) (?:time|times|day|days|dates) (?:do|does|is|are) (?:the|they|it|their|our) "
    r"(?:meet|meeting|meetings|mvp|mnvp|coffee mornings?)\b"
)

# A figure or name the facts never hold (docs/sources.md has no pay rates, budgets, grant
# amounts, counts of MNVPs, post-holders or event titles).
_FIGURE = re.compile(
    r"\bhow much (?:is|was|are|were|does|do|did|will|would|money)\b(?: \w+){0,8}? "
    r"(?:paid|get paid|earn|earns|budget|grant|worth|salary|wage|wages)\b"
    r"|\b(?:per hour|an hour rate|hourly rate|salary|day rate)\b"
    r"|\b(?:cash|monetary|money|exact) value\b|\bannual budget\b|\bhow big (?:is|was) the (?:budget|grant)\b"
    r"|\bhow many (?:mnvps|mvps|maternity voices partnerships|maternity and neonatal voices partnerships)\b"
    r"(?: \w+){0,3} (?:are there|in england|altogether|in total|exist|in the country)"
    r"|\bwho (?:is|s) (?:currently|now|the current)\b"
    r"|\bwhat (?:were|are|was) the (?:exact )?titles? of\b"
    r"|\bwhat (?:score|rating|grade|mark)\b"
    # Attendance and league tables: "how many people went to the coffee morning in Stoke?",
    # "what percentage of trusts met Safety Action 7 last year?".
    r"|\bhow many (?:people|parents|families|mums|dads|women|volunteers|members)(?: \w+){0,2} "
    r"(?:went|came|attended|turned up|showed up|joined|took part|signed up|responded|replied)\b"
    r"|\b(?:what|which) (?:percentage|percent|proportion|share|fraction) of (?:the )?(?:trusts|mnvps|mvps|"
    r"services|units|hospitals|icbs|lmnss|lmns|boards|women|families|parents)\b"
    r"|\bhow many (?:trusts|hospitals|units|icbs|mnvps|mvps)\b(?: \w+){0,5} (?:met|passed|failed|achieved|complied|"
    r"completed|done|used|signed up|have|had)\b"
    # Dates and versions the facts never hold: "the submission deadline for this year's CNST",
    # "is there an Urdu version of the MNVP survey?".
    r"|\b(?:submission )?deadlines?\b|\bclosing date\b"
    r"|\b(?:urdu|polish|arabic|bengali|punjabi|romanian|somali|portuguese|turkish|gujarati|tamil|chinese|"
    r"mandarin|cantonese|french|spanish|lithuanian|farsi|pashto|tigrinya|ukrainian|russian|welsh) "
    r"(?:version|versions|translation|translations|leaflet|leaflets|form|forms|survey|surveys|speaker|interpreter)\b"
    r"|\battendance (?:figures|numbers|rate|rates)\b"
    # Money and membership of one body: "how much funding does the Kent MNVP get a year?",
    # "what is NHS England's budget for MNVPs?", "how many members does the Birmingham MNVP have?".
    r"|\bhow much (?:funding|money|cash) (?:does|did|do|will|has|have) (?:the |our |their )?(?!an? |mnvps|mvps)\w+"
    r"|\b(?:the |their |its |our )?budget (?:of|for) (?:nhs england|the \w+|our|their|each|every)\b"
    r"|\bhow many (?:members|volunteers|people|staff|reps) (?:does|has) (?:the |our |their )?(?!an? )\w+"
    # One hospital's own information: visiting or opening hours, its inspection report or rating.
    # Asked for, not mentioned: "we keep clashing over visiting hours" is a topic for a session.
    r"|\b(?:what|whats|when|which|are|know) (?:are |is |r )?(?:the |their |its )?(?:visiting|opening) (?:hours|times)\b"
    r"|\b(?:visiting|opening) (?:hours|times) (?:at|for|in|on) (?:the )?\w+"
    r"|\bwhat time (?:is|does|do) (?:visiting|the \w+ (?:open|close))\b"
    r"|\b(?:cqc|inspection) (?:report|rating|result)s?\b(?: \w+){0,4} (?:my|our|the) (?:hospital|trust|unit)\b"
    r"|\b(?:report|rating|rated)(?: \w+){0,3} (?:about|for|of) (?:my|our) (?:hospital|trust|unit|maternity)\b"
)


def asks_local_detail(text: str) -> bool:
    """Whether the message asks for one MNVP's contact details, a named person in it, or a date,
    or for a figure or name the facts never hold (`_FIGURE`).

    Args:
        text: the message as the assistant reads it (lower case, apostrophes removed, text-message
            spellings spelled out).
    """
    words = re.sub(r"[^a-z0-9 ]+", " ", text.lower().replace("'", "").replace("’", ""))
    words = re.sub(r"\s+", " ", words).strip()
    return bool(_CONTACT.search(words) or _PERSON.search(words) or _WHEN.search(words) or _FIGURE.search(words))


# "im in gloucestershire if that helps", "we're near Leeds", "live in york btw": where someone is.
_WHERE = re.compile(
    r"^\W*(?:(?:ok|okay|oh|and|btw|sorry|also|well)\W+)*(?:i'?m|im|i am|we'?re|were|we are|i live|we live|live|"
    r"based|i'?m based|we'?re based|from)\s+(?:(?:just|right|up|down|over)\s+)?(?:in|near|at|from|around|outside)"
    r"\s+(?P<place>[a-z][a-z' -]{1,40}?)"
    r"(?:\s+(?:if (?:that|it) helps|btw|by the way|area|way|x+|thanks|thx|pls|please|lol))*\W*$",
    re.IGNORECASE,
)
# What follows "I'm in" that is not a place: a state, a stage, a room.
_NOT_A_PLACE = re.compile(
    r"^(?:a|an|the|my|so|such|too|really|bits|pieces|labour|labor|pain|agony|tears|bed|hospital|hosp|a and e|a&e|"
    r"shock|love|trouble|crisis|despair|danger|debt|care|work|school|uni|college|the same|two minds|charge|"
    r"touch|town|the area|the uk|england|the nicu|nicu|scbu|triage|theatre|recovery|a state|bits)\b",
    re.IGNORECASE,
)


def place_named(text: str) -> str | None:
    """The place a short message says someone is in ("im in gloucestershire if that helps":
    "gloucestershire"), or None when it names none, or something that is not a place ("I'm in labour")."""
    match = _WHERE.match((text or "")[:120])
    if match is None:
        return None
    place = " ".join(match.group("place").split())
    if _NOT_A_PLACE.match(place) or len(place.split()) > 3:
        return None
    return place
