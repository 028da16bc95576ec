"""A message made ready for the rules: disguises undone, normalised, split into sentences."""

from __future__ import annotations

from bot.safety.normalise import SENTENCE_BREAK, normalise, unfold

# Very long messages are cut, because regex time grows with length. The cut is generous:
# chat messages are short, and the start and the end are kept, since an urgent line is
# usually the first thing said or the last.
MAX_CHARS = 20_000
_KEEP_HEAD = 12_000


def _sentence_spans(normalised_parts: list[str]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    position = 0
    for part in normalised_parts:
        spans.append((position, position + len(part)))
        position += len(part) + 1
    return spans


def prepare(text: object) -> tuple[str, list[tuple[int, int]]]:
    """The normalised message and where each of its sentences starts and ends.

    Returns:
        ("", []) for anything that is not a non-empty string.
    """
    if not isinstance(text, str) or not text.strip():
        return "", []
    if len(text) > MAX_CHARS:
        text = text[:_KEEP_HEAD] + "\n" + text[-(MAX_CHARS - _KEEP_HEAD) :]
    # Disguises first: "b.l.e.e.d" must not be split at its dots.
    parts = [normalise(part) for part in SENTENCE_BREAK.split(unfold(text))]
    parts = [part for part in parts if part]
    return " ".join(parts), _sentence_spans(parts)


def sentence_bounds(spans: list[tuple[int, int]], text: str, start: int, end: int) -> tuple[int, int]:
    """The start and end of the sentences that the span text[start:end] touches."""
    covering = [(s, e) for s, e in spans if s < end and e > start]
    if not covering:
        return 0, len(text)
    return covering[0][0], covering[-1][1]
