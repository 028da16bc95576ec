"""The trained model's NLU pipeline (classifier + language guard + safety guard) on held-out sets.

The safety sets in tests/data are not training data: every urgent message must reach its urgent
intent through the whole pipeline, and no ordinary message may be routed to an urgent one.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from tests.conftest import ROOT, load_yaml

pytestmark = pytest.mark.model

MODEL = ROOT / "models" / "current.tar.gz"


@pytest.fixture(scope="module")
def parse():
    from rasa.core.agent import Agent

    if not MODEL.is_file():
        pytest.fail(f"No trained model at {MODEL}: run `make train` first")
    agent = Agent.load(str(MODEL))
    loop = asyncio.new_event_loop()

    def _parse(text: str) -> dict[str, Any]:
        return loop.run_until_complete(agent.parse_message(text))

    yield _parse
    loop.close()


URGENT = load_yaml(ROOT / "tests" / "data" / "safety_urgent.yml")["urgent"]
ORDINARY = load_yaml(ROOT / "tests" / "data" / "safety_ordinary.yml")["ordinary"]


def test_every_urgent_message_reaches_its_urgent_intent(parse) -> None:
    wrong = []
    for case in URGENT:
        intent = parse(case["text"])["intent"]["name"]
        if intent != f"urgent_{case['category']}":
            wrong.append((case["text"], case["category"], intent))
    assert wrong == [], f"{len(wrong)} of {len(URGENT)} urgent messages misrouted"


def test_no_ordinary_message_is_routed_as_urgent(parse) -> None:
    wrong = [(text, parse(text)["intent"]["name"]) for text in ORDINARY]
    wrong = [(t, i) for t, i in wrong if i.startswith("urgent_")]
    assert wrong == [], f"{len(wrong)} of {len(ORDINARY)} ordinary messages routed as urgent"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("¿Dónde puedo encontrar información sobre el embarazo?", "nlu_fallback"),
        ("Beth yw partneriaeth lleisiau mamolaeth?", "nlu_fallback"),
        ("what is an mnvp", "faq"),
    ],
)
def test_other_languages_are_not_understood_but_english_is(parse, text: str, intent: str) -> None:
    assert parse(text)["intent"]["name"] == intent


def test_every_topic_title_is_understood_as_its_topic(parse) -> None:
    # "Did you mean" buttons send their titles: each must come back to its own answer.
    wrong = []
    for topic in load_yaml(ROOT / "data" / "topics.yml")["topics"]:
        result = parse(topic["title"])
        got = result["intent"]["name"]
        if got == "faq":
            got = result["response_selector"]["faq"]["response"]["intent_response_key"]
        if got != topic["intent"]:
            wrong.append((topic["title"], topic["intent"], got))
    assert wrong == []


def _story_turns() -> list[tuple[str, str, str]]:
    turns = []
    for path in sorted((ROOT / "tests" / "stories").glob("*.yml")):
        for story in load_yaml(path)["stories"]:
            turns += [(story["story"], s["user"].strip(), s["intent"]) for s in story["steps"] if "user" in s]
    return turns


def test_every_story_turn_is_understood_as_its_story_says(parse) -> None:
    # `rasa test core` takes the intent written in the story as given and checks only the
    # dialogue; this checks that the trained NLU (with both guards) gets each turn right,
    # down to the knowledge answer chosen for `faq/...` turns.
    turns = _story_turns()
    assert len(turns) >= 60
    wrong = []
    for story, text, expected in turns:
        result = parse(text)
        got = result["intent"]["name"]
        if got == "faq" and expected.startswith("faq/"):
            got = result["response_selector"]["faq"]["response"]["intent_response_key"]
        if got != expected:
            wrong.append((story, text, expected, got))
    assert wrong == []


@pytest.mark.parametrize(("text", "key"), [("hey whats a mnvp", "faq/what_is_mvp"), ("whats nmv", "faq/what_is_nmv")])
def test_a_bare_what_is_question_reaches_the_answer_its_title_asks(parse, text: str, key: str) -> None:
    # Found by blind set 10: "hey whats a mnvp" got "did you mean", the selector wavering
    # between the many answers that mention MNVPs.
    result = parse(text)
    chosen = result["response_selector"]["faq"]["response"]["intent_response_key"]
    assert (result["intent"]["name"], chosen) == ("faq", key) or (
        result["intent"]["name"] == "nlu_fallback" and result.get("handed_on") == key
    )
