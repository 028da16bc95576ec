"""Undoing disguises in typed text, before anything matches words in it.

Text pasted from web pages, some keyboards and people who want to get past a filter carry
characters that look like letters but are not: zero-width spaces and soft hyphens inside a
word, Cyrillic or Greek look-alikes ("bleеding" with a Cyrillic е), full-width and
"mathematical" letters, a capital I or a 1 for an l ("bIeeding", "b1eeding"), a 0 for an o,
and letter spacing ("b l e e d i n g"). `fold` turns all of these back into plain letters,
so the safety guard, the language guard and the classifier see the words people meant.

It changes nothing in ordinary text: every step only acts on characters that do not belong
in plain English words, or on a token that becomes a known word once folded.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

#: A test for "is this a word" (lower case).
IsWord = Callable[[str], bool]
#: How unlikely a word is (e.g. minus its log probability), or None for no word at all.
WordCost = Callable[[str], "float | None"]
# The cost of a run of letters that is no known word (plus two for each letter).
_UNKNOWN_WORD_COST = 20.0
_LONE_LETTER_COST = 6.0

# Letters that look like Latin letters, from scripts a plain English message would not use.
# Small capitals are Latin already, but NFKC leaves them alone.
_LOOK_ALIKES = {
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c",
    "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ї": "i", "ј": "j", "ԁ": "d", "һ": "h", "ӏ": "l",
    "ԛ": "q", "ԝ": "w", "ь": "b", "ɡ": "g",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T",
    "Х": "X", "У": "Y", "Ѕ": "S", "І": "I", "Ј": "J", "Ӏ": "l",
    # Greek
    "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t",
    "υ": "u", "χ": "x", "γ": "y", "ω": "w",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O",
    "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
}  # fmt: skip
# Latin small capitals and other Latin look-alikes that NFKC keeps: always folded.
_LATIN_LOOK_ALIKES = {
    "ᴀ": "a", "ʙ": "b", "ᴄ": "c", "ᴅ": "d", "ᴇ": "e", "ꜰ": "f", "ɢ": "g", "ʜ": "h", "ɪ": "i", "ᴊ": "j",
    "ᴋ": "k", "ʟ": "l", "ᴍ": "m", "ɴ": "n", "ᴏ": "o", "ᴘ": "p", "ʀ": "r", "ꜱ": "s", "ᴛ": "t", "ᴜ": "u",
    "ᴠ": "v", "ᴡ": "w", "ʏ": "y", "ᴢ": "z", "ı": "i", "ℓ": "l",
}  # fmt: skip
_LOOK_ALIKE_TABLE = str.maketrans(_LOOK_ALIKES)
_LATIN_LOOK_ALIKE_TABLE = str.maketrans(_LATIN_LOOK_ALIKES)

# Characters that stand in for letters inside a word ("b1eeding", "bl00d", "h3lp", "|").
_STAND_INS: dict[str, tuple[str, ...]] = {
    "1": ("l", "i"),
    "!": ("i", "l"),
    "|": ("l", "i"),
    "0": ("o",),
    "3": ("e",),
    "4": ("a",),
    "5": ("s",),
    "7": ("t",),
    "@": ("a",),
    "$": ("s",),
}
# A token with letters and stand-ins in it: at least two letters, and a stand-in or a capital I
# after a lower-case letter ("bIeeding").
_TOKEN = re.compile(r"[A-Za-z0-9!|@$]+")
_HAS_STAND_IN = re.compile(r"[A-Za-z][0-9!|@$]|[0-9!|@$][A-Za-z]|[a-z]I")
# Two-letter tokens are text-speak ("b4", "m8"), and numbers with a unit are numbers ("5th", "4am").
_MIN_STAND_IN_TOKEN = 3
_NUMBER_WITH_UNIT = re.compile(
    r"\d+(?:st|nd|rd|th|am|pm|s|k|m|kg|g|lb|lbs|oz|ml|mg|cm|mm|wk|wks|w|d|day|days|hr|hrs|h|min|mins|x)", re.IGNORECASE
)
_MAX_CANDIDATES = 256

# Letter spacing: three or more single letters, each after one separator ("b l e e d", "b.l.e.e.d").
_SPACED = re.compile(r"(?<![A-Za-z'’])[A-Za-z]([ .\-_*·•/])[A-Za-z](?![A-Za-z])(?:\1[A-Za-z](?![A-Za-z]))+")
# A whole part of letter-spaced text between wider gaps ("i  a m  b l e e d i n g").
_SPACED_PART = re.compile(r"[A-Za-z](?: [A-Za-z])*")
_WORD_GAP = re.compile(r"\s{2,}")
_MAX_SEGMENT = 60


def _strip_invisible(text: str) -> str:
    """Drops format characters (zero-width, soft hyphen, bidi controls) and decorations on Latin letters."""
    out: list[str] = []
    previous_latin = False
    for ch in text:
        category = unicodedata.category(ch)
        if category == "Cf":
            continue
        if category in ("Mn", "Me") and previous_latin:
            continue
        out.append(ch)
        previous_latin = ch.isascii() and ch.isalpha() or (previous_latin and category in ("Mn", "Me"))
    return "".join(out)


def _has_latin(token: str) -> bool:
    return any("a" <= ch.lower() <= "z" for ch in token)


def _fold_look_alikes(text: str) -> str:
    """Look-alike letters to Latin, in tokens that are mostly Latin already (not in Russian or Greek text)."""
    if not any(ch in _LOOK_ALIKES for ch in text):
        return text
    latin_tokens = sum(1 for token in text.split() if _has_latin(token))

    def fold_token(token: str) -> str:
        if not any(ch in _LOOK_ALIKES for ch in token):
            return token
        letters = [ch for ch in token if ch.isalpha()]
        all_look_alike = all(ch in _LOOK_ALIKES or ch.isascii() for ch in letters)
        if _has_latin(token) and all_look_alike or (all_look_alike and latin_tokens > 0):
            return token.translate(_LOOK_ALIKE_TABLE)
        return token

    return re.sub(r"\S+", lambda m: fold_token(m.group(0)), text)


def _candidates(token: str) -> list[str]:
    options: list[tuple[str, ...]] = []
    for index, ch in enumerate(token):
        if ch in _STAND_INS:
            options.append(_STAND_INS[ch])
        elif ch == "I" and index > 0 and token[index - 1].islower():
            options.append(("l", "i"))
        else:
            options.append((ch.lower(),))
    words = [""]
    for choice in options:
        words = [w + c for w in words for c in choice]
        if len(words) > _MAX_CANDIDATES:
            return []
    return words


def _fold_stand_ins(text: str, is_word: IsWord) -> str:
    def fold_token(match: re.Match[str]) -> str:
        token = match.group(0)
        if len(token) < _MIN_STAND_IN_TOKEN or not _HAS_STAND_IN.search(token) or sum(c.isalpha() for c in token) < 2:
            return token
        if _NUMBER_WITH_UNIT.fullmatch(token):
            return token
        if is_word(token.lower()):
            return token
        for candidate in _candidates(token):
            if is_word(candidate):
                return candidate
        return token

    return _TOKEN.sub(fold_token, text)


def _segment(letters: str, cost: WordCost, *, last: bool = False) -> list[str] | None:
    """Splits a run of letters into words: "helpme" -> help me, "seethepoint" -> see the point.

    The split with the lowest total cost wins (common words cost little, rare words much);
    the whole run as one unknown word is a candidate too, costing more the longer it is, so
    "perinatal" stays one word rather than "per i natal". When the run ends the text (`last`),
    it cannot end with the article "a" ("t h e s e a" there is "the sea", not "these a").
    """
    if len(letters) > _MAX_SEGMENT:
        return None
    best: list[tuple[float, list[str]] | None] = [None] * (len(letters) + 1)
    best[0] = (0.0, [])
    for end in range(1, len(letters) + 1):
        for start in range(max(0, end - 20), end):
            head = best[start]
            piece = letters[start:end]
            if head is None or (len(piece) == 1 and piece not in ("a", "i")):
                continue
            piece_cost = cost(piece)
            if piece_cost is None:
                continue
            if last and end == len(letters) and piece == "a":
                piece_cost += _UNKNOWN_WORD_COST
            elif len(piece) == 1 and start > 0:
                # A lone "i" or "a" inside a run is more often part of a longer word ("per i natal").
                piece_cost += _LONE_LETTER_COST
            candidate = (head[0] + piece_cost, [*head[1], piece])
            current = best[end]
            if current is None or candidate[0] < current[0]:
                best[end] = candidate
    found = best[-1]
    unknown_whole = _UNKNOWN_WORD_COST + 2.0 * len(letters)
    return found[1] if found is not None and found[0] < unknown_whole else None


def _join_spaced(text: str, cost: WordCost) -> str:
    def join(match: re.Match[str]) -> str:
        letters = "".join(ch for ch in match.group(0) if ch.isalpha())
        last = not re.search(r"[A-Za-z]", match.string[match.end() :])
        words = _segment(letters.lower(), cost, last=last)
        if words is None:
            # Neither a word nor words: leave it as written ("a b c" in a list stays).
            return match.group(0)
        return letters if len(words) == 1 else " ".join(words)

    parts = _WORD_GAP.split(text)
    spaced = [bool(_SPACED_PART.fullmatch(part)) for part in parts]
    if len(parts) > 1 and sum(spaced) >= 2:
        # Words are set apart by wider gaps: each part of single letters is one word.
        return " ".join(
            "".join(part.split()) if is_spaced else _SPACED.sub(join, part)
            for part, is_spaced in zip(parts, spaced, strict=False)
        )
    return _SPACED.sub(join, text)


def _cost_from(is_word: IsWord) -> WordCost:
    return lambda word: 1.0 if is_word(word) else None


# No word is this long. spaCy's tokenizer takes time proportional to the square of a token's
# length when it is made of punctuation or emoji (brackets, apostrophes): 8,000 apostrophes
# took 7.7 s, on the event loop that answers every user. Longer runs are broken into pieces.
LONGEST_RUN = 100
_LONG_RUN = re.compile(rf"\S{{{LONGEST_RUN + 1},}}")


def _break_long_runs(text: str) -> str:
    if len(text) <= LONGEST_RUN:
        return text
    return _LONG_RUN.sub(
        lambda m: " ".join(m.group(0)[i : i + LONGEST_RUN] for i in range(0, len(m.group(0)), LONGEST_RUN)), text
    )


def fold(text: str, is_word: IsWord | None = None, word_cost: WordCost | None = None) -> str:
    """The text with disguises undone: plain letters, as the writer meant them.

    Steps: runs of more than `LONGEST_RUN` characters without a space broken into pieces,
    Unicode NFKC (full-width and styled letters), format characters removed (zero-width
    spaces, soft hyphens, bidi controls) with decorations on Latin letters, look-alike letters
    from other scripts turned into Latin ones, stand-ins inside words ("b1eeding", "bl00d",
    "bIeeding") replaced when that makes a known word, and letter-spaced words joined
    ("b l e e d i n g").

    Args:
        text: The message as typed.
        is_word: Tells whether a lower-case string is a word. Without it, only the Unicode
            steps run: stand-ins and letter spacing need to know which words exist.
        word_cost: How unlikely each word is, to split letter-spaced text the likely way
            ("n o w a n d" is "now and", not "no wand"); by default every known word costs
            the same.

    Returns:
        The folded text; ordinary text comes back unchanged.
    """
    if not isinstance(text, str) or not text:
        return text
    text = _break_long_runs(text)
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
        text = _strip_invisible(text)
        text = text.translate(_LATIN_LOOK_ALIKE_TABLE)
        text = _fold_look_alikes(text)
    if is_word is None:
        return text
    text = _fold_stand_ins(text, is_word)
    return _join_spaced(text, word_cost or _cost_from(is_word))
