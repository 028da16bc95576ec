"""Privacy: nothing personal is stored in clear, whichever feature stores it.

- `redact`: personal details (e-mail, phone and NHS numbers, postcodes, dates of birth,
  addresses, names) replaced with placeholders;
- `hashing`: conversation ids as salted hashes;
- `events`: Rasa's stored events with the user's words cut and redacted;
- `logs`: log records cut and redacted, whichever library logs.

The conversation store and the needs log both sit on this package. Outsiders import from here.
"""

from bot.privacy.events import STORED_TEXT_LIMIT, cut, redact_event
from bot.privacy.hashing import conversation_hash, conversation_key
from bot.privacy.logs import install_log_scrubber, scrub
from bot.privacy.redact import Redaction, load_word_lists, nhs_number_is_valid, redact

__all__ = [
    "STORED_TEXT_LIMIT",
    "Redaction",
    "conversation_hash",
    "conversation_key",
    "cut",
    "install_log_scrubber",
    "load_word_lists",
    "nhs_number_is_valid",
    "redact",
    "redact_event",
    "scrub",
]
