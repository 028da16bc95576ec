"""The action server warms up before it takes requests (bot/flows.py, bot/rasa_ext/launch.py)."""

from __future__ import annotations

from bot.flows import warm_up
from bot.privacy.redact import word_lists_loaded


def test_warm_up_loads_the_word_lists_and_never_raises() -> None:
    # A first need with a capital letter once took 6-10 s while the word lists loaded, longer
    # than Rasa waits for an action, and opened the breaker for everyone.
    seconds = warm_up()  # no catalogue here: that step fails, is logged, and the rest still load
    assert seconds >= 0
    assert word_lists_loaded()
