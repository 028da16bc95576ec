"""One long conversation, told to two assistants: one reading back the smallest window, one
reading whole conversations as stock Rasa does. Every reply, and everything the needs log
records, must be the same.

Needs the trained model (`make train`); run by `make e2e` / `make test`.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from bot.settings import MIN_CONVERSATION_WINDOW
from tests.tools.assistant import Servers, start_assistant, stop_assistant

pytestmark = pytest.mark.model

# Crosses the window again and again: forms that run for several messages, with a knowledge
# question and a "not understood" in the middle; "Was this helpful?" answered yes, no and not at
# all; searches with "show more" and "the second one"; urgent messages inside a form; an offer
# of "Was this helpful?" at most once in three messages, over forty messages.
CONVERSATION = [
    "hello",
    "what is co-production?",
    "who can join an MNVP?",
    "yes",
    "what is an MNVP?",
    "how do I give feedback on my maternity care",
    "have you got any co-production guides",
    "show me more",
    "tell me about the second one",
    "which activity should I use?",
    "to come up with new ideas",
    "what is a fish bowl activity?",
    "about 10",
    "asdf qwerty zzz",
    "an hour",  # the goal and two details: a suggestion, and "Was this helpful?"
    "no",
    "it didn't say how long it takes",
    "in person",  # a detail changed right after a suggestion: suggested again
    "parents and staff",
    "how do i run it",
    "is there parking at the hospital",
    "who pays for the MVP",
    "what is co-production?",
    "that didn't help",
    "skip",
    "Which activity suits my session?",
    "solving a problem together",
    "my baby hasn't moved today",
    "carry on",
    "what is the 15 steps",
    "where is the gap analysis tool",
    "show me more",
    "can I take paracetamol when pregnant",
    "what is an MNVP?",
    "/helpful",
    "who can join an MNVP?",
    "what is co-production?",
    "thanks, bye",
    "hello again",
    "what is an MNVP?",
    # What was set long before the window: the recommended activity, the last search's results.
    "how do i run it",
    "show me more",
]


@pytest.fixture(scope="module")
def assistants(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Servers]]:
    started: dict[str, Servers] = {}
    try:
        for name, window in (("window", MIN_CONVERSATION_WINDOW), ("whole", 0)):
            started[name] = start_assistant(tmp_path_factory.mktemp(name), {"CONVERSATION_WINDOW": str(window)})
        yield started
    finally:
        for servers in started.values():
            stop_assistant(servers)


def _replies(messages: list[dict]) -> list[tuple]:
    return [(m.get("text"), tuple((b["title"], b["payload"]) for b in m.get("buttons") or [])) for m in messages]


def _rows(servers: Servers, query: str) -> list[tuple]:
    engine = sa.create_engine(f"sqlite:///{servers.database}", future=True)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(sa.text(query))]
    finally:
        engine.dispose()


def test_a_long_conversation_goes_the_same_whatever_the_window(assistants: dict[str, Servers]) -> None:
    for turn, text in enumerate(CONVERSATION, 1):
        replies = {name: _replies(servers.say("long-talk", text)) for name, servers in assistants.items()}
        assert replies["window"] == replies["whole"], (turn, text)
        assert replies["window"], (turn, text)
    needs = "SELECT reason, text, detail, intent, answer_type FROM unmet_needs ORDER BY created_at"
    feedback = "SELECT answer_type, answer, helpful FROM feedback ORDER BY created_at"
    assert _rows(assistants["window"], needs) == _rows(assistants["whole"], needs)
    assert _rows(assistants["window"], feedback) == _rows(assistants["whole"], feedback)
    # The conversation did exercise the needs log: offers, a yes, a no with its detail.
    assert len(_rows(assistants["window"], feedback)) >= 6
    assert any(row[0] == "negative_feedback" for row in _rows(assistants["window"], needs))
