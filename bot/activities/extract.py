"""What a user says about their session: group size, length, online or in person, who, and the goal.

Our own small extractor (no Duckling server): numbers in digits or words ("a dozen", "20ish",
"8-10"), durations ("45 mins", "an hour and a half", "1h30", "half a day"), "on Teams" / "face
to face", families / staff / a mix, the goal from the keywords in data/activities.yml, and
"not sure". Each function returns None when the text says nothing about that detail.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.activities.model import Activity, Purpose
from bot.text import WORD_NUMBERS

NOT_SURE = "unknown"
MAX_CUES = 3  # cue words counted for one activity in one message

_NUMBER_WORD = "|".join(sorted((re.escape(w) for w in WORD_NUMBERS), key=len, reverse=True))
_NUMBER = rf"(?:\d{{1,4}}|{_NUMBER_WORD})"

_PEOPLE = (
    r"(?:people|persons?|parents?|mums?|mothers?|dads?|fathers?|families|family|women|partners|"
    r"service users?|birthing people|members?|participants?|attendees|volunteers?|staff|midwives|midwife|"
    r"doctors?|obstetricians?|clinicians?|nurses?|colleagues|managers?|of us|folks?|bods|adults|users|"
    r"reps?|representatives|commissioners?|leads?|students?|team members|delegates|guests|ppl|peeps)"
)
_SIZE_PATTERNS = [
    re.compile(rf"\bbetween\s+(?P<a>{_NUMBER})\s+and\s+(?P<b>{_NUMBER})\s+(?:\w+\s+){{0,2}}{_PEOPLE}\b"),
    re.compile(rf"\b(?:about|around|roughly|approx\.?|approximately|maybe|up to|max(?:imum)?|over|nearly)?\s*"
               rf"(?P<a>{_NUMBER})(?:\s*(?:-|to|–|or)\s*(?P<b>{_NUMBER}))?\s*(?:ish|\+)?\s+(?:\w+\s+){{0,2}}{_PEOPLE}\b"),
    re.compile(rf"\b(?:group|team|room|panel|circle|session|meeting) of\s+(?:about\s+|around\s+)?(?P<a>{_NUMBER})"
               rf"(?:\s*(?:-|to|–)\s*(?P<b>{_NUMBER}))?\b"),
    re.compile(r"\b(?P<a>\d{1,4})ish\b"),
]  # fmt: skip
_BARE_SIZE = re.compile(
    rf"^\s*(?:about|around|roughly|approx\.?|maybe|up to|nearly|over)?\s*(?P<a>{_NUMBER})"
    rf"(?:\s*(?:-|to|–|or)\s*(?P<b>{_NUMBER}))?\s*(?:ish)?\s*(?:{_PEOPLE})?\s*[.!?]*\s*$"
)

_ANY_SIZE = re.compile(
    rf"\b(?:about|around|roughly|approx\.?|maybe|up to|nearly|over)?\s*(?P<a>{_NUMBER})"
    rf"(?:\s*(?:-|to|–|or)\s*(?P<b>{_NUMBER}))?\s*(?:ish)?\b"
)

_DURATIONS: list[tuple[re.Pattern[str], object]] = [
    (re.compile(r"\b(?:an?|one)?\s*hours? and a half\b"), 90),
    (re.compile(r"\bhalf (?:a|one) day\b|\bhalf[- ]day\b|\ban? (?:morning|afternoon)\b"), 180),
    (re.compile(r"\ball (?:morning|afternoon|evening)\b"), 180),
    (re.compile(r"\b(?:a |the )?(?:whole|full|all) day\b|\ba day\b"), 360),
    (re.compile(r"\b(?:3/4|three quarters) of an hour\b"), 45),
    (re.compile(r"\bhalf an? hour\b|\bhalf hour\b"), 30),
    (re.compile(r"\b(?:a )?quarter of an hour\b"), 15),
    (re.compile(r"\b(?:a )?couple (?:of )?hours\b"), 120),
    (re.compile(r"\b(?P<h>\d{1,2})\s*h(?:ours?|rs?)?\s*(?:and\s*)?(?P<m>\d{1,2})\s*m(?:in(?:ute)?s?)?\b"), "hm"),
    (re.compile(r"\b(?P<h>\d{1,2})h(?P<m>\d{2})\b"), "hm"),
    (re.compile(r"\b(?P<h>\d{1,2}(?:\.\d+)?|an?|one|two|three|four|five|six)\s*(?:-|\s)?(?:hours?|hrs?|h)\b"), "h"),
    (re.compile(r"\b(?P<m>\d{1,3}|ten|fifteen|twenty|thirty|forty|forty five|fifty|sixty|ninety)\s*"
                r"(?:-|\s)?(?:minutes?|mins?|m)\b"), "m"),
]  # fmt: skip
_BARE_MINUTES = re.compile(r"^\s*(?:about|around|roughly|maybe|up to)?\s*(?P<m>\d{2,3})\s*[.!?]*\s*$")

_ONLINE = re.compile(
    r"\b(?:online|on-?line|virtual(?:ly)?|remote(?:ly)?|zoom|"
    r"(?:on|via|over|using|through|in|by) (?:ms |microsoft )?teams|ms teams|microsoft teams|teams (?:call|meeting)|"
    r"google meet|"
    r"video call|video|webinar|hybrid|on a call|over the internet|skype|webex)\b"
)
_IN_PERSON = re.compile(
    r"\b(?:in person|in-person|face to face|face-to-face|f2f|in the room|in a room|same room|"
    r"at the hospital|on site|onsite|on the ward|in real life|irl|physically|venue|community cent(?:re|er)|"
    r"children'?s cent(?:re|er)|family hub|church hall|meeting room|round a table|around a table)\b"
)
_FAMILIES = re.compile(
    r"\b(?:parents?|mums?|mothers?|dads?|fathers?|famil(?:y|ies)|women|service users?|birthing people|"
    r"new parents|expectant|pregnant|partners|carers|users of the service|mnvp volunteers|lay members?)\b"
)
_STAFF = re.compile(
    r"\b(?:staff|midwi(?:fe|ves)|doctors?|obstetricians?|consultants?|clinicians?|clinical|nurses?|"
    r"colleagues|managers?|commissioners?|professionals|health visitors?|hcas?|maternity support workers?|"
    r"team|teams of staff|board|lmns|icb|trust)\b"
)
_MIXED = re.compile(
    r"\b(?:mixed|mix|both|everyone|a bit of both|all sorts|families and staff|staff and families|"
    r"parents and staff|staff and parents|service users and staff)\b"
)
_NOT_SURE = re.compile(
    r"\b(?:not sure|unsure|don'?t know|do not know|dunno|no idea|not decided|undecided|haven'?t decided|"
    r"tbc|tbd|not yet|doesn'?t matter|does not matter|either|any|whatever|no preference|depends|"
    r"can'?t say|skip|idk|dk|no clue|not a clue|no idea yet|unknown|pass|not certain|hard to say|who knows|"
    r"not decided yet|dont mind|don'?t mind|not bothered)\b|^\s*\?+\s*$"
)


def _number(token: str) -> int:
    token = token.strip().lower()
    if token.isdigit():
        return int(token)
    return WORD_NUMBERS[" ".join(token.split())]


def _size_from(match: re.Match[str]) -> int | None:
    first = _number(match.group("a"))
    second = match.groupdict().get("b")
    value = max(first, _number(second)) if second else first
    return value if 1 <= value <= 1000 else None


def _without_durations(text: str) -> str:
    for pattern, _ in _DURATIONS:
        text = pattern.sub(" ", text)
    return text


def is_not_sure(text: str) -> bool:
    """Whether the text says the user does not know or does not mind."""
    return bool(_NOT_SURE.search(text.lower()))


# "The same two people always dominate": some of the group, not its size.
_SAME_FEW = re.compile(r"\b(?:the |those )?same (?:\d+|[a-z]+) (?=(?:people|ppl|voices|members|parents|mums|staff)\b)")


def extract_group_size(text: str, asked: bool = False) -> int | None:
    """The number of people ("about 8 parents", "a dozen of us", "8-10 people"; "10" when `asked`)."""
    text = _SAME_FEW.sub("the same ", _without_durations(text.lower()))
    # The largest mention is the group ("a couple of people always dominate ... 25 of us").
    sizes = [size for pattern in _SIZE_PATTERNS for match in pattern.finditer(text) if (size := _size_from(match))]
    if sizes:
        return max(sizes)
    if asked:
        # Answering "how many people?": the first number counts ("about 30, on teams").
        match = _BARE_SIZE.match(text) or _ANY_SIZE.search(text)
        if match:
            return _size_from(match)
    return None


def extract_minutes(text: str, asked: bool = False) -> int | None:
    """The session's length in minutes ("45 mins", "an hour and a half", "1h30"; "90" when `asked`)."""
    text = text.lower().replace("½", ".5")
    for pattern, kind in _DURATIONS:
        match = pattern.search(text)
        if not match:
            continue
        if isinstance(kind, int):
            return kind
        if kind == "hm":
            return int(match.group("h")) * 60 + int(match.group("m"))
        if kind == "h":
            raw = match.group("h")
            hours = 1.0 if raw in ("a", "an", "one") else float(WORD_NUMBERS.get(raw, raw))
            return round(hours * 60) or None
        raw = match.group("m")
        minutes = int(raw) if raw.isdigit() else WORD_NUMBERS.get(raw, 0)
        return minutes or None
    if asked:
        match = _BARE_MINUTES.match(text)
        if match:
            return int(match.group("m"))
    return None


def extract_mode(text: str) -> str | None:
    """ "online" or "in_person" (None when the text says neither, or both)."""
    text = text.lower()
    online, in_person = bool(_ONLINE.search(text)), bool(_IN_PERSON.search(text))
    if online == in_person:
        return None
    return "online" if online else "in_person"


def extract_participants(text: str) -> str | None:
    """ "families", "staff" or "mixed" (families and staff together)."""
    text = text.lower()
    if _MIXED.search(text):
        return "mixed"
    families, staff = bool(_FAMILIES.search(text)), bool(_STAFF.search(text))
    if families and staff:
        return "mixed"
    if families:
        return "families"
    if staff:
        return "staff"
    return None


# Words that only add weight ("views really differ" says "views differ").
_INTENSIFIERS = re.compile(
    r" (?:really|very|so|quite|totally|completely|genuinely|actually|just|pretty|super|massively|hugely|proper) "
)
# What the organiser rules out ("we dont do presentations!!"): not a goal.
_RULED_OUT = re.compile(
    r" (?:dont|don't|do not|not|no|never|hate|without|avoid|rather not)(?: (?:do|want|like|any|more|doing|have))*"
    r" (?:presentations?|presenting|slides|talks|speeches|role ?play|acting|games?|brainstorm\w*)(?= )"
)


def _purpose_scores(text: str, purposes: tuple[Purpose, ...]) -> list[tuple[int, str]]:
    """(score, goal id) for every goal the text mentions, highest first (a phrase scores its word count).

    Intensifiers are read past ("views really differ"), and what the organiser rules out ("we
    dont do presentations!!") is not a goal."""
    plain = _RULED_OUT.sub(" ", _words(text))
    while _INTENSIFIERS.search(plain):
        plain = _INTENSIFIERS.sub(" ", plain)
    lemmas = _lemmas(plain)
    scores = []
    for purpose in purposes:
        phrases = {purpose.label.lower(), *purpose.keywords}
        score = sum(len(p.split()) for p in phrases if _words(p) in plain or _lemmas(p) in lemmas)
        if score:
            scores.append((score, purpose.id))
    return sorted(scores, key=lambda item: -item[0])


def extract_purpose(text: str, purposes: tuple[Purpose, ...]) -> str | None:
    """The goal whose label or keywords the text mentions most.

    On a tie, the first of the tied goals in data/activities.yml; extract_cues then favours an
    activity made for all of them ("brainstorm ideas with a new group": CUbe).
    """
    scores = _purpose_scores(text, purposes)
    if not scores:
        return None
    tied = {goal for score, goal in scores if score == scores[0][0]}
    return next(p.id for p in purposes if p.id in tied)


def _made_for_several(text: str, purposes: tuple[Purpose, ...], activities: tuple[Activity, ...]) -> list[str]:
    """Activities made for two or more of the goals the text mentions."""
    mentioned = {goal for _, goal in _purpose_scores(text, purposes)}
    return [a.id for a in activities if len(mentioned & set(a.purposes)) >= 2] if len(mentioned) >= 2 else []


def _words(text: str) -> str:
    # Quotes around a name are not part of it ("we r doing a 'Q sort'"); "don't" keeps its apostrophe.
    words = (w.strip("'") for w in re.findall(r"[a-z0-9']+", text.lower().replace("-", " ").replace("’", "'")))
    return " " + " ".join(w for w in words if w) + " "


@lru_cache(maxsize=4096)
def _lemmas(text: str) -> str:
    """The text as space-separated lemmas ("already knows" → " already know "), for keyword matching."""
    from bot.text import load_pipeline

    words = _words(text).strip()
    if not words:
        return " "
    return " " + " ".join(t.lemma_.lower() for t in load_pipeline()(words)) + " "


def mentioned_activities(text: str, activities: tuple[Activity, ...]) -> tuple[str, ...]:
    """Activities named in the text ("fish bowl", "the cube"), longest names first, in text order."""
    words = _words(text)
    names = sorted(
        ((alias, a.id) for a in activities for alias in (a.name.lower(), *a.aliases)), key=lambda p: -len(p[0])
    )
    found: list[tuple[int, str]] = []
    for alias, activity_id in names:
        phrase = _words(alias)
        position = words.find(phrase)
        if position >= 0 and activity_id not in [f for _, f in found]:
            found.append((position, activity_id))
            words = words[:position] + " " * len(phrase) + words[position + len(phrase) :]
    return tuple(activity_id for _, activity_id in sorted(found))


def _says(phrase: str, words: str, lemmas: str) -> bool:
    return _words(phrase) in words or _lemmas(phrase) in lemmas


def extract_cues(text: str, activities: tuple[Activity, ...], purposes: tuple[Purpose, ...] = ()) -> tuple[str, ...]:
    """Activities the text points to: named, described by one of their cue words, or made for
    two of the goals it mentions."""
    words, lemmas = _words(text), _lemmas(text)
    named = mentioned_activities(text, activities)
    cued = []
    for activity in activities:
        if activity.id not in named:
            # Each cue the text says counts (up to three): a description of how it runs points hard.
            said = sum(_says(c, words, lemmas) for c in activity.cues)
            cued += [activity.id] * min(said, MAX_CUES)
    several = [a for a in _made_for_several(text, purposes, activities) if a not in named and a not in cued]
    return named + tuple(cued) + tuple(several)


def extract_avoid(text: str, activities: tuple[Activity, ...]) -> tuple[str, ...]:
    """Activities the text rules out ("nobody will have time to prepare": not Pecha Kucha)."""
    words, lemmas = _words(text), _lemmas(text)
    return tuple(a.id for a in activities if any(_says(p, words, lemmas) for p in a.avoid_when))


@dataclass(frozen=True)
class SessionDetails:
    """What one message says about the session (None: not mentioned)."""

    purpose: str | None = None
    group_size: int | None = None
    minutes: int | None = None
    mode: str | None = None
    participants: str | None = None
    cues: tuple[str, ...] = ()
    avoid: tuple[str, ...] = ()


def extract_details(text: str, purposes: tuple[Purpose, ...], activities: tuple[Activity, ...] = ()) -> SessionDetails:
    """Everything one free-text message says about the session."""
    return SessionDetails(
        purpose=extract_purpose(text, purposes),
        group_size=extract_group_size(text),
        minutes=extract_minutes(text),
        mode=extract_mode(text),
        participants=extract_participants(text),
        cues=extract_cues(text, activities, purposes) if activities else (),
        avoid=extract_avoid(text, activities),
    )


# Words that make a message a request for something to do in a session ("any ideas for an
# icebreaker?", "which co-creation tool would you use?").
_ASKS_FOR_ACTIVITY = re.compile(
    r"\b(?:activit(?:y|ies)|exercises?|icebreakers?|ice breakers?|break the ice|tools?|session|workshop|"
    r"away day|co-?creation|something to|something for|any ideas|suggest|recommend|what would work|"
    r"what should we (?:do|use|run)|which (?:one|format|method)|(?:what|wat|wot) (?:can|could|should) (?:i|we) "
    r"(?:do|use|run|try))\b",
    re.IGNORECASE,
)
# "Which of the seven tools fits?", "what activity would work best?": a choice asked for.
_WHICH_FITS = re.compile(
    r"\b(?:which|what) (?:of (?:the|these|those|your) )?(?:\w+ ){0,2}?(?:tools?|activit(?:y|ies)|exercises?|"
    r"methods?|games?|ones?|formats?)\b(?: \w+){0,3}? (?:fits?|suits?|would (?:work|suit|fit|be best|help)|"
    r"works? best|is best|is right|should (?:we|i) (?:use|try|do|pick|choose|go for)|(?:do|would) you "
    r"(?:suggest|recommend))\b",
    re.IGNORECASE,
)


def asks_which_activity_fits(text: str, purposes: tuple[Purpose, ...]) -> bool:
    """Whether a message describes a session and asks which activity fits it ("I have under 7
    minutes at trust board to present what we did. Which of the seven tools fits?")."""
    return bool(_WHICH_FITS.search(text or "")) and describes_a_session(text, purposes)


# "Will that work?", "is 6 enough?", "too small?": whether a plan for one activity fits.
_WILL_IT_WORK = re.compile(
    r"\b(?:will|would|does|can|could) (?:that|it|this|one) (?:still )?work\b|\bis (?:that|it|this) (?:ok|okay|enough|"
    r"too (?:small|big|many|few|short|long))\b|\btoo (?:small|few|many|big) (?:a group|people|for)\b"
    r"|\benough (?:people|time)\b|\bwork (?:with|for) (?:only |just )?\d+\b",
    re.IGNORECASE,
)
_OR = re.compile(r"\bor\b|\bvs\.?\b|\bversus\b", re.IGNORECASE)


def asks_if_it_fits(text: str, activities: tuple[Activity, ...]) -> bool:
    """Whether a message names one activity with a plan for it and asks if that will work ("I want
    to run a Fish Bowl with 6 people. Will that work?")."""
    if len(mentioned_activities(text or "", activities)) != 1 or not _WILL_IT_WORK.search(text or ""):
        return False
    return extract_group_size(text) is not None or extract_minutes(text) is not None


def asks_to_choose_between(text: str, purposes: tuple[Purpose, ...], activities: tuple[Activity, ...]) -> bool:
    """Whether a message asks which of two or more named activities suits a goal ("fish bowl or q
    sort for a group who need to work out what's actually wrong?")."""
    text = text or ""
    if len(mentioned_activities(text, activities)) < 2 or not _OR.search(text):
        return False
    return extract_purpose(text, purposes) is not None


def asks_for_an_activity(text: str, purposes: tuple[Purpose, ...], activities: tuple[Activity, ...]) -> bool:
    """Whether a message the classifier could not place asks for an activity for a session: it
    names a goal or an activity's cue, and asks for something to do."""
    if not _ASKS_FOR_ACTIVITY.search(text or ""):
        return False
    if asks_about_one_activity(text, activities):
        return False  # "wat is q sort, i saw it on a poster for a workshop": what it is, not a choice
    return extract_purpose(text, purposes) is not None or bool(extract_cues(text, activities, purposes))


# "What is Q Sort?", "explain fish bowl", "Sticky Notes - how do I run it?": about one activity.
_ABOUT_ONE = re.compile(
    r"\b(?:what|wat|wot) (?:is|are|s)\b|\b(?:whats|wats)\b|\bexplain\b|\btell me (?:about|more about)\b"
    r"|\bhow (?:does|do) (?:it|a|the|\w+) (?:\w+ )?work\b",
    re.IGNORECASE,
)


def asks_about_one_activity(text: str, activities: tuple[Activity, ...]) -> bool:
    """Whether a message names one activity and asks what it is or how to run it."""
    if len(mentioned_activities(text or "", activities)) != 1:
        return False
    return bool(_ABOUT_ONE.search(text or "")) or asks_how_to_run(text, activities)


def purpose_from_cues(text: str, purposes: tuple[Purpose, ...], activities: tuple[Activity, ...]) -> str | None:
    """The goal of the one activity the text's cues point to most, when they name no goal
    ("surface what motivates people and what gets in the way": CUbe, so warming up)."""
    named = set(mentioned_activities(text, activities))  # "what is a Fish Bowl?" names no goal
    cues = [c for c in extract_cues(text, activities, purposes) if c not in named]
    if not cues:
        return None
    counts = sorted(((cues.count(a), a) for a in set(cues)), reverse=True)
    if len(counts) > 1 and counts[0][0] == counts[1][0]:
        return None
    activity = next(a for a in activities if a.id == counts[0][1])
    return activity.purposes[0] if activity.purposes else None


# "How do we run it?", "how to set up a Fish Bowl": a question about running a named activity.
_HOW_TO_RUN = re.compile(
    r"\bhow (?:do|would|should|can|could) (?:we|i|you|they) (?:run|do|use|set up|organise|organize|facilitate|"
    r"lead|plan|prepare)\b|\bhow to (?:run|do|use|set up|organise|organize|facilitate)\b|\bwhat are the steps\b"
    r"|\b(?:what|wat|wot) (?:do|would|will|should|shall|am|are) (?:i|we|you) "
    r"(?:actually |really |have to |need to |be )*(?:do|doing)\b"
    r"|\bwhat does it (?:actually )?involve\b|\bhow does it (?:actually )?work\b",
    re.IGNORECASE,
)


def asks_how_to_run(text: str, activities: tuple[Activity, ...]) -> bool:
    """Whether a message asks how to run one activity it names ("we're thinking of using Role
    Play at our next session, how do we run it?"), not for a choice of activity."""
    return len(mentioned_activities(text, activities)) == 1 and bool(_HOW_TO_RUN.search(text or ""))


def names_a_goal(text: str, purposes: tuple[Purpose, ...]) -> bool:
    """Whether a message names a session's goal (`extract_purpose`)."""
    return extract_purpose(text, purposes) is not None


# A parent telling their own story ("we lost our daughter at 38 weeks", "my birth"), and words
# only someone planning a session uses ("workshop", "10 people", "45 minutes", "Fish Bowl").
_FAMILY_VOICE = re.compile(
    r"\b(?:my|our) (?:baby|babies|daughter|son|birth|labour|labor|pregnancy|twins|little one|newborn|section|"
    r"c section|caesarean|induction|miscarriage|stillbirth|loss)\b"
    r"(?! (?:group|groups|club|clubs|class|classes|café|cafe))"
    r"|\b(?:i|we) (?:lost|gave birth|had (?:a|my|our) (?:\w+ )?"
    r"(?:baby|birth|section|c section|caesarean|miscarriage))\b",
    re.IGNORECASE,
)
_ORGANISER = re.compile(
    r"\b(?:session|sessions|workshop|workshops|activity|activities|exercise|exercises|tools?|icebreaker|"
    r"ice breaker|warm ?up|away day|event|agenda|facilitat\w*|brainstorm\w*|participants|attendees|delegates|"
    r"minutes|mins|hours?|online|zoom|teams|in person|face to face|group of|small groups?|big group|"
    r"\d+ (?:people|ppl|parents|staff|of us|mums|members|volunteers)|(?:i am|im|i'm) a volunteer|"
    r"(?:run|hold|organise|organize) (?:something|sumthing|summat|an? \w+ session))\b",
    re.IGNORECASE,
)


def reads_as_a_family(text: str, activities: tuple[Activity, ...]) -> bool:
    """Whether a message is a parent speaking of their own care with no sign of planning a session
    ("we lost our daughter last year. i want to help other families but couldn't face a big
    meeting"): never a request for a co-creation activity, whatever the classifier leant to."""
    return (
        _FAMILY_VOICE.search(text or "") is not None
        and _ORGANISER.search(text or "") is None
        and not mentioned_activities(text or "", activities)
    )


def describes_a_session(text: str, purposes: tuple[Purpose, ...]) -> bool:
    """Whether a message describes a session to plan: it names a goal, or gives both how many
    people and how long ("30 minutes, maybe 20 parents"). An activity's cue alone is not enough:
    "can two people share the chair role?" has Role Play's "role"."""
    if names_a_goal(text, purposes):
        return True
    return extract_group_size(text) is not None and extract_minutes(text) is not None


# Someone planning a session says what they want people to do: "I want it snappy", "we'd like
# families to piece together…", "I want us to work out what the real problem is first".
_PLANNING_VOICE = re.compile(
    r"\b(?:i|we)(?: would|'d|d)? (?:want|wanna|need|like|love|plan|hope|am hoping|are hoping|am planning|"
    r"are planning|am trying|are trying)\b(?! to (?:know|find out|learn|understand|join|complain|"
    r"give feedback|share my|share our|tell|talk|speak|ask|get involved|help other|make a complaint|read))"
    r"|\b(?:wants?|needs?|has|have) to (?:show|present|share their|report|tell their|build|piece|work out|"
    r"explore|hear)\b"
    r"|\b(?:want|wanna|need|planning|hoping) to (?:run|hold|organise|organize|put on|plan)\b"
    # "want a fun thing so mums can share…", "is there a format that keeps them short and equal?"
    r"|\b(?:want|wanna|need|looking for|after) (?:a|an|some) (?:\w+ ){0,2}?(?:thing|idea|way|activity|game|"
    r"exercise|format|method|approach)\b"
    r"|\bis there a (?:\w+ )?(?:format|way|method|activity|game|exercise|technique)\b"
    # "want them all to put ideas up", "how do we keep it engaging?"
    r"|\b(?:want|need|get|getting) (?:them|everyone|every1|people|the group|the mums|the dads|mums|dads|staff|"
    r"families|parents)(?: all)? to\b"
    r"|\bhow (?:do|can|could|should) (?:we|i) (?:keep|make) (?:it|them|people|everyone|the group)\b",
    re.IGNORECASE,
)
# Words that put a group in the picture: a gathering, or people the organiser wants to do something.
_GATHERING = re.compile(
    r"\b(?:session|sessions|workshop|workshops|meeting|meetings|agm|conference|get together|away day|event|"
    r"webinar|training day|coffee morning|drop in|night|evening|"
    r"group|groups|board|forum|delegates|attendees|participants|volunteers?|workstreams?|leads|reps|"
    r"(?:families|parents|people|everyone|every1|them|us|members|staff|midwives|mums|dads|the group) to|"
    r"each (?:volunteer|lead|team|member|of (?:us|them))|we all|all of us|discussion|"
    r"\d+ (?:people|of us|staff|parents|families|mums|women|delegates|volunteers))\b",
    re.IGNORECASE,
)
PLAN_MAX_CHARS = 400
# A question about facts ("what is…", "who funds…") is never a session plan.
_FACT_QUESTION = re.compile(
    r"^\s*(?:what|wat|who|whos|why|where|when|is|are|does|do|did|can|could|"
    r"how (?:do|does|did|can|is|are|much|many|often))\b",
    re.IGNORECASE,
)


def plans_a_session(text: str, purposes: tuple[Purpose, ...], activities: tuple[Activity, ...]) -> bool:
    """Whether a message plans a session without asking for an activity in so many words: it says
    what the organiser wants a group to do, and that names a goal or an activity's cue ("Each of our
    four workstream leads has to report back at the AGM. I want it snappy")."""
    text = (text or "").replace("\u2019", "'")
    if len(text) > PLAN_MAX_CHARS:
        return False  # a story of someone's care, not a plan
    if _FACT_QUESTION.search(text) or not _PLANNING_VOICE.search(text) or not _GATHERING.search(_words(text)):
        return False
    if reads_as_a_family(text, activities) or asks_about_one_activity(text, activities):
        return False
    return extract_purpose(text, purposes) is not None or bool(extract_cues(text, activities, purposes))
