"""Removing personal details from a message before anything is stored.

E-mail addresses, UK phone numbers, NHS numbers (10 digits passing the Modulus 11 check),
postcodes, dates of birth, street addresses and names the user gives ("my name is …", "I'm …
and") become placeholders such as "[email]", so the need stays readable: "my email is x@y.com,
can you send the parking rules" keeps "can you send the parking rules". Numbers that are not
personal ("20 weeks", "15 Steps", "0-19 service", "116 123") are left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# A match may start only where a run of address characters starts: tried from every position
# inside a long run, the pattern took time proportional to the square of its length.
EMAIL = re.compile(r"(?<![A-Za-z0-9._%+'-])[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# Spelled out to dodge filters: "jane dot doe at example dot com", "jo (at) mail [dot] co [dot] uk".
_AT = r"(?:\s*[(\[]\s*at\s*[)\]]\s*|\s+at\s+)"
_DOT = r"(?:\s*[(\[]\s*dot\s*[)\]]\s*|\s+dot\s+|\.)"
SPELLED_EMAIL = re.compile(
    rf"(?i)(?<![\w.])[a-z0-9][\w'-]{{0,63}}(?:{_DOT}[\w'-]{{1,63}}){{0,4}}{_AT}[a-z0-9][\w-]{{0,62}}"
    rf"(?:{_DOT}[a-z0-9][\w-]{{0,62}}){{0,3}}{_DOT}(?:com|org|net|uk|co|gov|nhs|ac|io|info|me|edu|ie)\b"
)
# Digits spaced out or dotted: "0 7 7 0 0 9 0 0 1 2 3", "07.700.900.123"; checked as a phone or NHS number.
SPACED_DIGITS = re.compile(r"(?<![\w+])(?:\+\s?4\s?4|\d)(?:[ .-]{1,2}\d|\d){8,12}(?![\w])")
TEN_DIGITS = re.compile(r"(?<![\w+])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\w])")
PHONE = re.compile(r"(?<![\w+])(?:\+44\s?(?:\(0\)\s?)?\d|\(0\d{1,4}\)|0\d)[\d\s()-]{7,14}\d(?![\w])")
POSTCODE = re.compile(r"\b(?:[A-Za-z]{1,2}\d[A-Za-z\d]?\s?\d[A-Za-z]{2})\b")
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DATE = (
    rf"(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|\d{{4}}[/.-]\d{{1,2}}[/.-]\d{{1,2}}|(?:the\s+)?"
    rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\.?,?\s+\d{{4}}|{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})"
)
DATE_OF_BIRTH = re.compile(
    r"(?i)\b(?:d\.?o\.?b\.?|date of birth|birth ?date|born(?: on)?|birthday(?: is)?)\s*(?:is|:|-|was)?\s*"
    rf"(?P<date>{_DATE})"
)
_STREET = (
    r"(?:street|st|road|rd|avenue|ave|lane|ln|close|cl|drive|dr|way|crescent|cres|court|ct|place|pl|terrace|"
    r"grove|gardens|gdns|hill|park|square|sq|row|walk|mews|rise|view|parade|green|cottages?|estate)"
)
ADDRESS = re.compile(
    rf"(?i)\b(?:(?:flat|apartment|apt|unit)\s*\d+[a-z]?,?\s+)?\d{{1,4}}[a-z]?,?\s+(?P<street>(?:[a-z][a-z'’-]+\s+){{1,3}})"
    rf"(?P<type>{_STREET})\b(?![-'’])"
    r"(?-i:(?:,\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)?)"
)
# Street types that are also everyday words ("2 buses each way", "a 10 minute walk") count only
# after a capitalised street name; words like "are" or "each" never start a street name.
STRONG_STREET_TYPES = frozenset(
    "street road rd avenue ave lane ln close drive crescent cres gardens gdns grove terrace mews".split()
)
NOT_STREET_WORDS = frozenset(
    "a an and or of to in on at for is are was were be each every per my our your their this that these those "
    "it its minute minutes hour hours mile miles min mins week weeks day days".split()
)
# After "my name is", a second word counts only when capitalised ("Hannah and" is not a surname);
# patterns that must be followed by "and", "from" or a comma take any second word ("im wei chen and").
_NAME_OPEN = r"[^\W\d_][\w'’-]*(?:\s+(?-i:[A-Z][\w'’-]+))?"
_NAME = r"[^\W\d_][\w'’-]*(?:\s+[^\W\d_][\w'’-]+)?"
NAMED = re.compile(
    rf"(?i)\b(?:my name is|my name's|name's|call me|this is|it's|it is|i'm called|i am called)\s+(?P<name>{_NAME})"
    r"(?=\s+(?:here|from|and|speaking)\b|[,.!?]|\s*$)"
)
NAMED_ALWAYS = re.compile(
    r"(?i)\b(?:my name is|my name's|my names|name is|name:|call me|i'm called|i am called|(?:was|is|were) called|"
    rf"regards|thanks,?|cheers,?)\s+(?P<name>{_NAME_OPEN})"
)
THIS_IS_FROM = re.compile(r"(?i)\bthis is (?P<name>[^\W\d_][\w'’-]*)(?=\s+(?:from|here)\b)")
# A full date with a year, anywhere in a message that talks about dates of birth.
ANY_DATE = re.compile(rf"(?i)\b{_DATE}")
BIRTH_CONTEXT = re.compile(r"(?i)\b(?:d\.?o\.?b|date of birth|birth ?date|born|birthday)\b")
# "Ben here", "- Rob Green" at the end, "Dr Fatima Khan".
_CAP = r"[A-Z][a-z]*(?:['’-][A-Z]?[a-z]+)*"
OPENING_NAME = re.compile(rf"^(?:hi,?\s+|hello,?\s+)?(?P<name>{_CAP})\s+here\b")
# "jane here, …" in lower case: a name only when it is not an English word.
LOWER_OPENING = re.compile(r"^(?:hi,?\s+|hello,?\s+)?(?P<name>[a-z][a-z'’-]{1,30})(?=\s+here\b)")
SIGN_OFF = re.compile(
    rf"(?:[-–—,]\s*|\bx\s+)(?P<name>{_CAP}(?:\s+{_CAP})?(?:\s*(?:&|and)\s*{_CAP})?)"
    r"(?:,\s*[\w\s]{1,40})?\s*[.!x]?\s*$"
)
SIGN_OFF_WINDOW = 300
# "- jane" or "thanks, jane x" typed in lower case: a name only when it is not an English word.
LOWER_SIGN_OFF = re.compile(r"(?:(?<!\S)[-–—]\s*|\bx\s+|,\s*)(?P<name>[a-z][a-z'’-]{1,30})\s*[.!x]?\s*$")
TITLED = re.compile(rf"\b(?:Dr|Mr|Mrs|Ms|Miss|Prof)\.?\s+(?P<name>{_CAP}(?:\s+{_CAP})?)")
CAPITALISED = re.compile(rf"(?<![.!?]\s)(?<!^)\b(?P<name>{_CAP}(?:\s+{_CAP})?)\b")
# The first word of a sentence is capitalised anyway: a name there only when it is no English or
# project word ("Sarah needs a leaflet", "Thanks. Priya asked…"). Followed by a space, so a lone
# capital at the start ("MNVP?") is left to the rules above.
SENTENCE_START = re.compile(rf"(?:^|(?<=[.!?]\s))(?P<name>{_CAP})(?=\s)")
PLACE_WINDOW = 40
# A capitalised word after these is a place ("in Luton", "at the Rosie", "St Thomas'") ...
PLACE_BEFORE = re.compile(r"(?i)\b(?:in|at|near|around|outside|across|covering|within|the|st\.?|saint)\s+$")
# ... and before these, part of an organisation's name ("Wolverhampton MNVP", "Princess Anne Hospital").
# Used with match() at the end of the word: a "^" here never matched at a start position.
ORGANISATION_AFTER = re.compile(
    r"\s+(?:MNVPs?|MVPs?|LMNS|ICBs?|NHS|Hospitals?|Trust|Royal|General|Infirmary|University|Council|Maternity|"
    r"Birth|Health|Medical|Community|Centre|Center|Unit|Ward|Clinic|Surgery|Practice|Library|Children's|Women's)\b"
)
# Languages and peoples: part of a need ("leaflets in Urdu", "Eastern European families"), never a name.
LANGUAGES_AND_PEOPLES = frozenset(
    """
    english welsh scottish irish british polish urdu punjabi bengali bangla hindi gujarati tamil arabic farsi
    persian dari pashto kurdish turkish romanian bulgarian lithuanian latvian russian ukrainian czech slovak
    hungarian portuguese spanish italian french german somali tigrinya amharic swahili yoruba igbo twi mandarin
    cantonese chinese vietnamese tagalog nepali sylheti albanian greek roma romani gypsy traveller travellers
    eastern western european asian african caribbean muslim hindu sikh jewish christian bsl makaton
    """.split()
)
SELF_INTRO = re.compile(rf"(?i)\b(?:i'm|im|i am)\s+(?P<name>{_NAME})(?=\s+(?:and|from|here)\b|,)")
# "i'm jane" at the very end: a name only when it is no English word at all ("i'm pregnant").
SELF_INTRO_END = re.compile(r"(?i)\b(?:i'm|im|i am)\s+(?P<name>[^\W\d_][\w'’-]*)(?=\s*[.!?]?\s*$)")

# Words that follow "I'm" or "it's" without being a name.
NOT_NAMES = frozenset(
    """
    a an the not so very really just also still now here there pregnant worried scared new sure looking trying
    going wondering happy sad fine okay ok well good tired struggling interested unsure confused ready due
    currently expecting planning hoping writing asking calling emailing a-midwife midwife mum dad parent nurse
    doctor volunteer member chair lead student staff back done glad sorry afraid about at in on from with this that
    it what who how why when where urgent important late early only all me back on in of for to the my your
    our their again here there feedback everyone everybody all team guys folks lots loads
    """.split()
)


@dataclass(frozen=True)
class Redaction:
    """The redacted text and the kinds of detail removed (e.g. ("email", "phone"))."""

    text: str
    kinds: tuple[str, ...]


def nhs_number_is_valid(digits: str) -> bool:
    """The NHS number Modulus 11 check on 10 digits."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


@lru_cache(maxsize=1)
def _english_words() -> frozenset[str]:
    from bot.text import lemma_table

    return frozenset(str(v).lower() for v in lemma_table().values())


def _looks_like_a_name(word: str) -> bool:
    first = word.split()[0]
    lowered = first.lower()
    if lowered in NOT_NAMES or any(c.isdigit() for c in first):
        return False
    return first[0].isupper() or lowered not in _english_words()


def load_word_lists() -> None:
    """Loads the word lists that name-finding needs (imports spaCy: seconds, once per process)."""
    from bot.text import vocabulary

    _english_words()
    vocabulary()


def word_lists_loaded() -> bool:
    """Whether the word lists that name-finding needs are loaded (loading them imports spaCy)."""
    from bot.text import vocabulary

    return _english_words.cache_info().currsize > 0 and vocabulary.cache_info().currsize > 0


def _unknown_word(word: str) -> bool:
    # Stricter than `_looks_like_a_name`, for names typed in lower case with no cue but their place.
    from bot.text import vocabulary

    lowered = word.lower()
    return lowered not in NOT_NAMES and lowered not in _english_words() and lowered not in vocabulary()


def redact(text: str, names: bool = True) -> Redaction:
    """Replaces personal details in `text` with placeholders.

    Args:
        text: the text.
        names: False leaves names alone and removes only contacts, numbers, postcodes,
            dates of birth and addresses (for log lines, full of capitalised words).

    Returns:
        The redacted text and which kinds of detail were found.
    """
    kinds: list[str] = []

    def sub(pattern: re.Pattern[str], placeholder: str, kind: str, value: str, group: str | int = 0) -> str:
        def replace(match: re.Match[str]) -> str:
            start, end = match.span(group)
            kinds.append(kind)
            whole_start, whole_end = match.span(0)
            return match.group(0)[: start - whole_start] + placeholder + match.group(0)[end - whole_start :]

        return pattern.sub(replace, value)

    text = sub(EMAIL, "[email]", "email", text)
    text = sub(SPELLED_EMAIL, "[email]", "email", text)
    text = sub(DATE_OF_BIRTH, "[date of birth]", "date_of_birth", text, "date")
    if BIRTH_CONTEXT.search(text):
        text = sub(ANY_DATE, "[date of birth]", "date_of_birth", text)

    def nhs(match: re.Match[str]) -> str:
        digits = "".join(match.groups())
        if nhs_number_is_valid(digits):
            kinds.append("nhs_number")
            return "[nhs number]"
        return match.group(0)

    text = TEN_DIGITS.sub(nhs, text)

    def phone(match: re.Match[str]) -> str:
        digits = re.sub(r"\D", "", match.group(0))
        if digits.startswith("44"):
            digits = "0" + digits[2:].removeprefix("0")
        if len(digits) in (10, 11) and digits.startswith("0"):
            kinds.append("phone")
            return "[phone]"
        return match.group(0)

    text = PHONE.sub(phone, text)

    def spaced(match: re.Match[str]) -> str:
        digits = re.sub(r"\D", "", match.group(0))
        if nhs_number_is_valid(digits):
            kinds.append("nhs_number")
            return "[nhs number]"
        return phone(match)

    text = SPACED_DIGITS.sub(spaced, text)

    def address(match: re.Match[str]) -> str:
        street = match.group("street").split()
        if any(w.lower() in NOT_STREET_WORDS for w in street) or (
            match.group("type").lower() not in STRONG_STREET_TYPES
            and not any(w[0].isupper() for w in street)
            and street[0].lower() != "the"
        ):
            return match.group(0)
        kinds.append("address")
        return "[address]"

    text = ADDRESS.sub(address, text)
    text = sub(POSTCODE, "[postcode]", "postcode", text)
    if not names:
        return Redaction(text, tuple(dict.fromkeys(kinds)))

    def name(match: re.Match[str]) -> str:
        value = match.group("name")
        always = NAMED_ALWAYS.match(match.group(0)) is not None
        if value.split()[0].lower() in NOT_NAMES or (not always and not _looks_like_a_name(value)):
            return match.group(0)
        kinds.append("name")
        start = match.start("name") - match.start(0)
        return match.group(0)[:start] + "[name]"

    text = NAMED_ALWAYS.sub(name, text)
    text = THIS_IS_FROM.sub(lambda m: m.group(0) if m.group("name").lower() in NOT_NAMES else "this is [name]", text)
    text = NAMED.sub(name, text)
    text = SELF_INTRO.sub(name, text)
    for pattern in (SELF_INTRO_END, LOWER_OPENING):
        match = pattern.search(text)
        if match and _unknown_word(match.group("name")):
            kinds.append("name")
            text = text[: match.start("name")] + "[name]" + text[match.end("name") :]
    for pattern in (TITLED, OPENING_NAME):
        text = sub(pattern, "[name]", "name", text, "name")
    text = _sign_off(text, kinds)
    text = CAPITALISED.sub(_unknown_capitalised, text)
    text = SENTENCE_START.sub(_unknown_capitalised, text)
    if "[name]" in text and "name" not in kinds:
        kinds.append("name")
    return Redaction(text, tuple(dict.fromkeys(kinds)))


def _sign_off(text: str, kinds: list[str]) -> str:
    # A sign-off ends the message: looked for in its last few hundred characters only, since
    # the pattern is anchored at the end and tried from every comma and dash before it.
    match = SIGN_OFF.search(text, max(0, len(text) - SIGN_OFF_WINDOW))
    if match is None:
        match = LOWER_SIGN_OFF.search(text, max(0, len(text) - SIGN_OFF_WINDOW))
        if match is None or not _unknown_word(match.group("name")):
            return text
    kinds.append("name")
    return text[: match.start("name")] + "[name]" + text[match.end("name") :]


def _unknown_capitalised(match: re.Match[str]) -> str:
    """A capitalised word in mid-sentence that is not an English or project word is taken for a name."""
    from bot.text import vocabulary

    words = match.group("name").split()
    first = words[0].lower().removesuffix("'s").removesuffix("’s")
    if first in vocabulary() or first in NOT_NAMES or first in LANGUAGES_AND_PEOPLES:
        return match.group(0)
    if (
        # Only the few words before it matter (searching the whole text before every word
        # took time proportional to the square of the text's length).
        PLACE_BEFORE.search(match.string, max(0, match.start() - PLACE_WINDOW), match.start())
        or ORGANISATION_AFTER.match(match.string, match.end())
        or ORGANISATION_AFTER.match(" " + " ".join(words[1:]))
    ):
        return match.group(0)
    return "[name]"
