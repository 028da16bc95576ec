"""Turns written for channels without buttons: one numbered list per turn, parts split at sentence ends."""

from __future__ import annotations

import re

import pytest

from bot.numbered import (
    REPLY_HINT,
    SMS_PART_CHARS,
    WHATSAPP_PART_CHARS,
    OptionMemory,
    compose_turn,
    numbered_text,
    part_limit,
    split_text,
)

BUTTONS = [{"title": "Yes", "payload": "/helpful"}, {"title": "No", "payload": "/not_helpful"}]

# What the assistant sends after a search, message by message, as Rasa's channels hand it over.
SEARCH_TURN = [
    {"text": "Here's what I found. The closest match is first."},
    {
        "text": "1. Gap analysis tool\nA tool to compare your MNVP with the guidance.\nhttps://example.org/gap",
        "buttons": [{"title": "More about 1", "payload": '/resource_details{"resource_id": "gap"}'}],
    },
    {
        "text": "2. Q Sort worksheet\nA worksheet for the Q Sort activity.\nhttps://example.org/qsort",
        "buttons": [{"title": "More about 2", "payload": '/resource_details{"resource_id": "qsort"}'}],
    },
    {"text": "Would you like to see more?", "buttons": [{"title": "Show more", "payload": "/search_more"}]},
    {"text": "Was this helpful?", "buttons": BUTTONS},
]


def test_buttons_become_a_numbered_list_under_the_text() -> None:
    assert numbered_text("Was this helpful?", BUTTONS) == f"Was this helpful?\n\n1. Yes\n2. No\n{REPLY_HINT}"
    assert numbered_text("", BUTTONS) == f"1. Yes\n2. No\n{REPLY_HINT}"
    assert numbered_text("Plain", []) == "Plain"


def test_a_turn_is_one_text_with_one_numbered_list_in_the_order_shown() -> None:
    turn = compose_turn(SEARCH_TURN, limit=WHATSAPP_PART_CHARS)
    [text] = turn.parts
    assert text.startswith("Here's what I found.")
    # Each message once, in order, and one list at the end with every option of the turn.
    assert text.index("1. Gap analysis tool") < text.index("2. Q Sort worksheet") < text.index("Was this helpful?")
    assert text.endswith("1. More about 1\n2. More about 2\n3. Show more\n4. Yes\n5. No\n" + REPLY_HINT)
    assert text.count(REPLY_HINT) == 1
    assert turn.payloads == (
        '/resource_details{"resource_id": "gap"}',
        '/resource_details{"resource_id": "qsort"}',
        "/search_more",
        "/helpful",
        "/not_helpful",
    )


def test_replying_1_after_a_search_picks_the_first_result() -> None:
    # The bug this replaces: each result was its own text with its own "1.", and "1" picked the last.
    memory = OptionMemory()
    turn = compose_turn(SEARCH_TURN)
    memory.remember("+447700900123", turn.payloads)
    assert memory.resolve("+447700900123", "1") == '/resource_details{"resource_id": "gap"}'
    assert memory.resolve("+447700900123", "2") == '/resource_details{"resource_id": "qsort"}'
    assert memory.resolve("+447700900123", "5") == "/not_helpful"


def test_quick_replies_and_images_are_kept_and_unknown_kinds_left_out() -> None:
    turn = compose_turn(
        [
            {"text": "Pick one", "quick_replies": [{"title": "A", "payload": "/a"}]},
            {"image": "https://example.org/picture.png"},
            {"custom": {"anything": 1}},
        ]
    )
    assert turn.parts == (f"Pick one\n\nhttps://example.org/picture.png\n\n1. A\n{REPLY_HINT}",)
    assert turn.payloads == ("/a",)
    assert compose_turn([]).parts == ()


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if s]


def test_a_long_answer_is_split_at_sentence_ends_and_labelled() -> None:
    answer = (
        "Co-production means working together as equal partners. "
        "Families, staff and commissioners share power and decide together. "
        "It starts at the beginning of a piece of work, not at the end. "
        "Everyone's experience counts, and nobody's voice is worth more. "
        "An MNVP brings these people together to improve maternity and neonatal care. "
        "You can join your local MNVP, give feedback, or come to a meeting.\n"
        "Source: https://nationalmaternityvoices.org.uk/toolkit-for-mvps/mvps-in-action/co-production-resources/"
    )
    turn = compose_turn([{"text": answer, "buttons": BUTTONS}], limit=SMS_PART_CHARS)
    assert len(turn.parts) >= 2
    total = len(turn.parts)
    for index, part in enumerate(turn.parts, 1):
        assert len(part) <= SMS_PART_CHARS
        assert part.endswith(f" ({index}/{total})")
    bodies = [re.sub(r" \(\d+/\d+\)$", "", part) for part in turn.parts]
    # Nothing lost or changed: the parts put back together are the whole answer and its options.
    assert " ".join(" ".join(b.split()) for b in bodies) == " ".join(f"{answer}\n\n1. Yes\n2. No\n{REPLY_HINT}".split())
    # The first part is whole sentences from the start of the answer: it reads on its own.
    first = bodies[0]
    assert answer.startswith(first)
    assert first.endswith((".", "!", "?"))
    assert all(sentence in _sentences(answer) for sentence in _sentences(first))
    # The address is never cut, and the options stay together, at the end.
    assert any("https://nationalmaternityvoices.org.uk/toolkit-for-mvps/" in b for b in bodies)
    assert bodies[-1].endswith(f"1. Yes\n2. No\n{REPLY_HINT}")


def test_split_text_keeps_paragraphs_whole_when_they_fit() -> None:
    text = "First paragraph, short.\n\nSecond paragraph. It has two sentences.\n\nThird."
    assert split_text(text, 1000) == [text]
    assert split_text(text, 45) == ["First paragraph, short.", "Second paragraph. It has two sentences.", "Third."]
    # One sentence longer than a part is split between words, never inside one.
    words = split_text("word " * 30, 22)
    assert all(len(w) <= 22 for w in words)
    assert " ".join(words).split() == ["word"] * 30
    assert split_text("   ", 10) == []


@pytest.mark.parametrize(
    ("recipient", "limit"),
    [("+447700900123", SMS_PART_CHARS), ("whatsapp:+447700900123", WHATSAPP_PART_CHARS)],
)
def test_sms_parts_are_shorter_than_whatsapp_parts(recipient: str, limit: int) -> None:
    assert part_limit(recipient) == limit


def test_a_number_sends_what_the_button_would_have_sent() -> None:
    memory = OptionMemory()
    memory.remember("+447700900123", ["/helpful", "/not_helpful"])
    assert memory.resolve("+447700900123", "2") == "/not_helpful"
    assert memory.resolve("+447700900123", " 1. ") == "/helpful"
    assert memory.resolve("+447700900123", "2)") == "/not_helpful"
    assert memory.resolve("+447700900123", "3") == "3"
    assert memory.resolve("+447700900123", "0") == "0"
    assert memory.resolve("+447700900123", "20 weeks") == "20 weeks"
    assert memory.resolve("someone else", "1") == "1"


def test_a_turn_without_options_forgets_the_old_ones() -> None:
    memory = OptionMemory()
    memory.remember("+447700900123", ["/helpful"])
    memory.remember("+447700900123", [])
    assert memory.resolve("+447700900123", "1") == "1"  # "1" is now just what they typed


def test_options_are_forgotten_after_a_while_and_memory_stays_bounded() -> None:
    memory = OptionMemory(max_senders=2, keep_seconds=0.0)
    memory.remember("a", ["/helpful"])
    assert memory.resolve("a", "1") == "1"  # expired at once
    memory = OptionMemory(max_senders=2)
    for sender in ("a", "b", "c"):
        memory.remember(sender, ["/helpful"])
    assert memory.resolve("a", "1") == "1"  # the oldest sender was dropped
    assert memory.resolve("c", "1") == "/helpful"


# --- the shared store (REDIS_URL): any replica can answer "2" --------------------------------

MACHINE_REDIS = "redis://127.0.0.1:6379/0"


def test_options_remembered_by_one_replica_are_resolved_by_another() -> None:
    import uuid

    import redis

    from bot.numbered import RedisOptionStore

    sender = f"+4477009{uuid.uuid4().int % 10**6:06d}"
    first, second = RedisOptionStore(MACHINE_REDIS), RedisOptionStore(MACHINE_REDIS)
    first.remember(sender, ["What is co-production?", "/not_helpful"])
    assert second.resolve(sender, "2") == "/not_helpful"
    assert second.resolve(sender, "my baby hasnt moved") == "my baby hasnt moved"
    # The sender's number is never a key: only its salted hash is.
    keys = [k.decode() for k in redis.Redis.from_url(MACHINE_REDIS).keys(f"{RedisOptionStore.KEY_PREFIX}*")]
    assert keys
    assert not any(sender in key for key in keys)
    first.remember(sender, [])
    assert second.resolve(sender, "2") == "2"


def test_with_redis_down_options_live_in_memory_and_redis_is_used_again_later(caplog) -> None:
    from bot.numbered import RedisOptionStore
    from tests.tools.private_redis import PrivateRedis

    server = PrivateRedis()
    server.start()
    try:
        store = RedisOptionStore(server.url, retry_after_seconds=0.0)
        store.remember("sender", ["a", "b"])
        server.stop()
        store.remember("sender", ["c", "d"])  # Redis is down: kept in memory, an error logged
        assert store.resolve("sender", "2") == "d"
        assert "Redis option store unavailable" in caplog.text
        server.start()
        store.remember("sender", ["e", "f"])
        assert RedisOptionStore(server.url).resolve("sender", "1") == "e"
    finally:
        server.destroy()


def test_the_store_is_redis_only_when_redis_url_is_set() -> None:
    from bot.numbered import OptionMemory, RedisOptionStore, option_store

    assert isinstance(option_store(""), OptionMemory)
    assert isinstance(option_store(MACHINE_REDIS), RedisOptionStore)
