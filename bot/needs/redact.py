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

EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
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
    rf"(?i)\b(?:(?:flat|apartment|apt|unit)\s*\d+[a-z]?,?\s+)?\d{{1,4}}[a-z]?,?\s+(?:[a-z][a-z'-]+\s+){{1,3}}{_STREET}\b"
    r"(?-i:(?:,\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)?)"
)
_NAME = r"[A-Za-z][A-Za-z'-]+(?:\s+[A-Z][A-Za-z'-]+)?"
NAMED = re.compile(
    rf"(?i)\b(?:my name is|my name's|name's|call me|this is|it's|it is|i'm called|i am called)\s+(?P<name>{_NAME})"
    r"(?=\s+(?:here|from|and|speaking)\b|[,.!?]|\s*$)"
)
NAMED_ALWAYS = re.compile(
    r"(?i)\b(?:my name is|my name's|my names|name is|name:|call me|i'm called|i am called|(?:was|is|were) called|"
    rf"regards|thanks,?|cheers,?)\s+(?P<name>{_NAME})"
)
THIS_IS_FROM = re.compile(r"(?i)\bthis is (?P<name>[a-z][a-z'-]+)(?=\s+(?:from|here)\b)")
# A full date with a year, anywhere in a message that talks about dates of birth.
ANY_DATE = re.compile(rf"(?i)\b{_DATE}")
BIRTH_CONTEXT = re.compile(r"(?i)\b(?:d\.?o\.?b|date of birth|birth ?date|born|birthday)\b")
# "Ben here", "- Rob Green" at the end, "Dr Fatima Khan".
OPENING_NAME = re.compile(r"^(?:hi,?\s+|hello,?\s+)?(?P<name>[A-Z][a-z]+)\s+here\b")
SIGN_OFF = re.compile(r"(?:[-–,]\s*)(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s*[.!]?\s*$")
TITLED = re.compile(r"\b(?:Dr|Mr|Mrs|Ms|Miss|Prof)\.?\s+(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)")
CAPITALISED = re.compile(r"(?<![.!?]\s)(?<!^)\b(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\b")
SELF_INTRO = re.compile(rf"(?i)\b(?:i'm|im|i am)\s+(?P<name>{_NAME})(?=\s+(?:and|from|here)\b|,)")

# Words that follow "I'm" or "it's" without being a name.
NOT_NAMES = frozenset(
    """
    a an the not so very really just also still now here there pregnant worried scared new sure looking trying
    going wondering happy sad fine okay ok well good tired struggling interested unsure confused ready due
    currently expecting planning hoping writing asking calling emailing a-midwife midwife mum dad parent nurse
    doctor volunteer member chair lead student staff back done glad sorry afraid about at in on from with this that
    it what who how why when where urgent important late early only all me back on in of for to the my your
    our their again here there feedback
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
    from bot.nlp import load_pipeline

    lemmatizer = load_pipeline().get_pipe("lemmatizer")
    table = lemmatizer.lookups.get_table("lemma_lookup")
    return frozenset(str(v).lower() for v in table.values())


def _looks_like_a_name(word: str) -> bool:
    first = word.split()[0]
    lowered = first.lower()
    if lowered in NOT_NAMES or any(c.isdigit() for c in first):
        return False
    return first[0].isupper() or lowered not in _english_words()


def redact(text: str) -> Redaction:
    """Replaces personal details in `text` with placeholders.

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
    text = sub(ADDRESS, "[address]", "address", text)
    text = sub(POSTCODE, "[postcode]", "postcode", text)

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
    for pattern in (TITLED, OPENING_NAME, SIGN_OFF):
        text = sub(pattern, "[name]", "name", text, "name")
    text = CAPITALISED.sub(_unknown_capitalised, text)
    if "[name]" in text and "name" not in kinds:
        kinds.append("name")
    return Redaction(text, tuple(dict.fromkeys(kinds)))


def _unknown_capitalised(match: re.Match[str]) -> str:
    """A capitalised word in mid-sentence that is not an English or project word is taken for a name."""
    from bot.language import vocabulary

    words = match.group("name").split()
    if words[0].lower() in vocabulary() or words[0].lower() in NOT_NAMES:
        return match.group(0)
    return "[name]"
