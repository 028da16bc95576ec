"""Numbers written as words: "a dozen", "twenty five", "the second one".

One table for every reader: the activity form's group sizes and lengths, and picking a result
by its place in a list.
"""

from __future__ import annotations

#: Counts as people write them ("a couple of", "a dozen", "twenty five").
WORD_NUMBERS: dict[str, int] = {
    "a couple of": 2, "couple of": 2, "a couple": 2, "a few": 4, "a handful of": 5, "handful of": 5,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "a dozen": 12, "dozen": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "twenty five": 25, "thirty": 30, "forty": 40, "forty five": 45, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "a hundred": 100, "hundred": 100, "two dozen": 24,
}  # fmt: skip

_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
}  # fmt: skip
_SUFFIX = {1: "st", 2: "nd", 3: "rd"}

#: A place in a list as people write it: "second", "2nd", or the number word "two".
ORDINALS: dict[str, int] = {
    **_ORDINAL_WORDS,
    **{f"{n}{_SUFFIX.get(n if n < 4 else 0, 'th')}": n for n in range(1, 13)},
    **{word: n for word, n in WORD_NUMBERS.items() if " " not in word and n <= 12 and word not in ("dozen",)},
}
