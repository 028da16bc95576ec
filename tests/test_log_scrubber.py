"""Log records cut and redacted, whichever library logs (bot/privacy/logs.py)."""

from __future__ import annotations

import logging

import pytest

from bot.privacy import scrub
from bot.privacy.logs import LOG_MESSAGE_LIMIT, scrub_record
from bot.privacy.redact import load_word_lists

load_word_lists()  # the servers load them when they install the scrubber


def _record(name: str, level: int, message: str, *args: object, exc_info: object = None) -> logging.LogRecord:
    return logging.LogRecord(name, level, __file__, 1, message, args, exc_info)


@pytest.mark.parametrize(
    "path",
    [
        "An exception occured while handling user message '%s'.",
        'Failed to parse arguments in line \'/search_resources{"topic": "%s"\'.',
        "%s",
    ],
)
def test_users_words_logged_by_a_library_lose_contacts_and_names(path: str) -> None:
    text = "my name is Priya Shah, email priya.shah@example.com or call 07700 900123"
    record = scrub_record(_record("rasa.core.channels", logging.ERROR, path, text))
    message = record.getMessage()
    for secret in ("priya.shah@example.com", "07700 900123", "Priya", "Shah"):
        assert secret not in message


def test_a_huge_message_is_cut_to_one_short_line() -> None:
    record = scrub_record(_record("sanic.error", logging.ERROR, "body: %s", "x " * 5_000_000))
    assert len(record.getMessage()) < LOG_MESSAGE_LIMIT + 100
    assert "more characters not stored" in record.getMessage()


def test_a_traceback_keeps_its_frames_but_loses_the_users_words() -> None:
    try:
        raise ValueError("could not handle jo@example.com")
    except ValueError:
        import sys

        record = scrub_record(_record("rasa.server", logging.ERROR, "failed", exc_info=sys.exc_info()))
    assert record.exc_info is None
    assert "jo@example.com" not in record.exc_text
    assert "ValueError" in record.exc_text
    assert "test_log_scrubber.py" in record.exc_text
    formatted = logging.Formatter().format(record)
    assert "jo@example.com" not in formatted


def test_ordinary_lines_stay_readable() -> None:
    # Our own lines and information lines keep capitalised words: only contacts go.
    assert scrub("Starting Rasa server on http://127.0.0.1:5005", names=False) == (
        "Starting Rasa server on http://127.0.0.1:5005"
    )
    record = scrub_record(_record("bot.ops.serve", logging.WARNING, "Catalogue loaded: %d added", 3))
    assert record.getMessage() == "Catalogue loaded: 3 added"
