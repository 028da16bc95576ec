"""Text-message spellings are read as the words they stand for, and nothing else changes."""

from __future__ import annotations

import pytest
import yaml

from bot.activities.extract import extract_group_size, extract_minutes
from bot.text import expand_txtspeak
from tests.conftest import ROOT


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("wat is an mnvp", "what is an mnvp"),
        ("wat happens 2 my feedback", "what happens to my feedback"),
        ("r u a bot", "are you a bot"),
        ("y that one", "why that one"),
        ("is it 4 me", "is it for me"),
        ("activity 4 20 ppl online 1hr", "activity for 20 people online 1hr"),
        ("mum n dad", "mum and dad"),
        ("im in leeds pls help", "i'm in leeds please help"),
        ("hw do i join b4 the meeting", "how do i join before the meeting"),
        ("WAT IS IT", "what IS IT"),
    ],
)
def test_text_message_spellings_are_spelled_out(typed: str, read: str) -> None:
    assert expand_txtspeak(typed) == read


@pytest.mark.parametrize(
    "text", ["2", "4 parents", "about 2 hours", "bleeding for 2 days", "Q Sort", "n", "y", "what's a q sort"]
)
def test_numbers_and_ordinary_words_are_left_alone(text: str) -> None:
    assert expand_txtspeak(text) == text


def test_session_details_read_the_same_after_expansion() -> None:
    # The activity form reads sizes and lengths from the text NLU passes on: "4 parents" must stay 4.
    texts = []
    for name in ("activity_requests.yml", "activity_requests_holdout.yml", "activity_requests_blind_2.yml"):
        texts += [r["text"] for r in yaml.safe_load((ROOT / "tests" / "data" / name).read_text())["requests"]]
    assert len(texts) > 100
    for text in texts:
        assert extract_group_size(expand_txtspeak(text)) == extract_group_size(text), text
        assert extract_minutes(expand_txtspeak(text)) == extract_minutes(text), text
