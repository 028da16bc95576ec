"""Options as numbers on channels without buttons."""

from __future__ import annotations

from bot.numbered import REPLY_HINT, OptionMemory, numbered_text

BUTTONS = [{"title": "Yes", "payload": "/helpful"}, {"title": "No", "payload": "/not_helpful"}]


def test_buttons_become_a_numbered_list_under_the_text() -> None:
    assert numbered_text("Was this helpful?", BUTTONS) == f"Was this helpful?\n\n1. Yes\n2. No\n{REPLY_HINT}"
    assert numbered_text("", BUTTONS) == f"1. Yes\n2. No\n{REPLY_HINT}"
    assert numbered_text("Plain", []) == "Plain"


def test_a_number_sends_what_the_button_would_have_sent() -> None:
    memory = OptionMemory()
    memory.remember("+447700900123", BUTTONS)
    assert memory.resolve("+447700900123", "2") == "/not_helpful"
    assert memory.resolve("+447700900123", " 1. ") == "/helpful"
    assert memory.resolve("+447700900123", "3") == "3"
    assert memory.resolve("+447700900123", "0") == "0"
    assert memory.resolve("+447700900123", "20 weeks") == "20 weeks"
    assert memory.resolve("someone else", "1") == "1"


def test_options_are_forgotten_after_a_while_and_memory_stays_bounded() -> None:
    memory = OptionMemory(max_senders=2, keep_seconds=0.0)
    memory.remember("a", BUTTONS)
    assert memory.resolve("a", "1") == "1"  # expired at once
    memory = OptionMemory(max_senders=2)
    for sender in ("a", "b", "c"):
        memory.remember(sender, BUTTONS)
    assert memory.resolve("a", "1") == "1"  # the oldest sender was dropped
    assert memory.resolve("c", "1") == "/helpful"
