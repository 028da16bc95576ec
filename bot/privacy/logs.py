"""Log records that cannot leak what users typed: cut, and redacted.

Rasa logs the text of a message it fails on ("An exception occurred while handling user
message '…'", "Failed to parse intent message '…'"), and one 10 MB request wrote a 10 MB log
line. `install_log_scrubber()` changes how this process makes log records, whichever library
logs: each message is cut to `LOG_MESSAGE_LIMIT` characters and its traceback to
`LOG_TRACEBACK_LIMIT`, then redacted (`bot.privacy.redact`); Python warnings go through logging.
Records from other libraries at warning level or above, where users' words turn up, lose names
too; the rest lose contacts, numbers, postcodes and addresses, so ordinary log lines stay
readable.
"""

from __future__ import annotations

import logging
import threading
import traceback
from typing import Any

from bot.privacy.events import cut
from bot.privacy.redact import load_word_lists, redact, word_lists_loaded

LOG_MESSAGE_LIMIT = 1000
LOG_TRACEBACK_LIMIT = 4000
_installed = False
_busy = threading.local()


def scrub(text: str, names: bool = True, limit: int = LOG_MESSAGE_LIMIT) -> str:
    """`text` cut to `limit` characters (with a marker) and redacted."""
    return redact(cut(text, limit), names=names).text


def scrub_record(record: logging.LogRecord) -> logging.LogRecord:
    """The record with its message (and traceback) cut and redacted, in place."""
    try:
        message = record.getMessage()
    except Exception:  # a bad format string must not lose the record
        message = str(record.msg)
    # Names need the word lists (loaded by `install_log_scrubber`); without them, or while they
    # load (spaCy's import warns), a record makes do without rather than load them half-way.
    names = record.levelno >= logging.WARNING and not record.name.startswith("bot.") and word_lists_loaded()
    record.msg = scrub(message, names)
    record.args = None
    if record.exc_info:
        text = "".join(traceback.format_exception(*record.exc_info)).rstrip()
        record.exc_text = scrub(text, names, LOG_TRACEBACK_LIMIT)
        record.exc_info = None
    return record


def install_log_scrubber(names: bool = True) -> None:
    """Makes every log record of this process pass through `scrub_record` (once per process).

    Args:
        names: load the word lists now (before any record needs them), so names are found too;
            False keeps a small process (the web process) small: contacts and numbers only.
    """
    global _installed
    if _installed:
        return
    if names:
        load_word_lists()
    make = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = make(*args, **kwargs)
        if getattr(_busy, "on", False):  # a record logged while scrubbing (loading word lists)
            return record
        _busy.on = True
        try:
            return scrub_record(record)
        finally:
            _busy.on = False

    logging.setLogRecordFactory(factory)
    # Rasa reports some problems with a message (a malformed slash command) as Python warnings,
    # printed with the message's text: through logging, they are scrubbed too.
    logging.captureWarnings(True)
    _installed = True
