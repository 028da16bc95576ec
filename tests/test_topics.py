""" "Did you mean" suggestions: ranking maths and the topics file."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.topics import (
    MIN_ANSWER_CONFIDENCE,
    MIN_ANSWER_RATIO,
    SURE_ANSWER_CONFIDENCE,
    Button,
    Topic,
    answer_is_unsure,
    load_other_button,
    load_topics,
    suggest_topics,
    suggestion_buttons,
)

TOPICS = {
    "faq/what_is_mvp": Topic("faq/what_is_mvp", "What is an MNVP?"),
    "faq/join_mvp": Topic("faq/join_mvp", "How do I join?"),
    "faq/activity_fish_bowl": Topic("faq/activity_fish_bowl", "What is Fish Bowl?"),
    "human_handoff": Topic("human_handoff", "Talk to a person"),
}


def test_suggest_topics_splits_the_retrieval_intent_by_response_ranking() -> None:
    intents = [
        {"name": "nlu_fallback", "confidence": 0.55},
        {"name": "faq", "confidence": 0.5},
        {"name": "human_handoff", "confidence": 0.3},
    ]
    responses = [
        {"intent_response_key": "faq/join_mvp", "confidence": 0.7},
        {"intent_response_key": "faq/what_is_mvp", "confidence": 0.2},
        {"intent_response_key": "faq/activity_fish_bowl", "confidence": 0.1},
    ]
    got = suggest_topics(intents, responses, topics=TOPICS)
    # 0.5*0.7=0.35 > human_handoff 0.3 > 0.5*0.2=0.10; fish bowl 0.05 is the 4th and cut by the limit
    assert [t.intent for t in got] == ["faq/join_mvp", "human_handoff", "faq/what_is_mvp"]


def test_suggest_topics_skips_intents_without_topics_and_weak_guesses() -> None:
    intents = [{"name": "nlu_fallback", "confidence": 0.55}, {"name": "greet", "confidence": 0.4}]
    responses = [{"intent_response_key": "faq/join_mvp", "confidence": 1.0}]
    assert suggest_topics([*intents, {"name": "faq", "confidence": 0.01}], responses, topics=TOPICS) == []


@pytest.mark.parametrize("ranking", [None, [], [{"name": None}], [{"name": "", "confidence": 0.9}]])
def test_suggest_topics_accepts_missing_rankings(ranking) -> None:
    assert suggest_topics(ranking, None, topics=TOPICS) == []


def test_suggestion_buttons_send_their_titles_then_the_other_button() -> None:
    buttons = suggestion_buttons([TOPICS["faq/join_mvp"]], Button("Something else", "help"))
    assert buttons == [
        {"title": "How do I join?", "payload": "How do I join?"},
        {"title": "Something else", "payload": "help"},
    ]


def test_load_topics_rejects_a_topic_without_a_title(tmp_path: Path) -> None:
    bad = tmp_path / "topics.yml"
    bad.write_text("topics:\n  - intent: faq/x\n", encoding="utf-8")
    with pytest.raises(ValueError, match="topic 1 needs"):
        load_topics(bad)


def test_load_topics_rejects_a_repeated_intent(tmp_path: Path) -> None:
    bad = tmp_path / "topics.yml"
    bad.write_text("topics:\n  - {intent: a, title: A}\n  - {intent: a, title: B}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="repeats"):
        load_topics(bad)


def test_project_topics_file_loads_with_an_other_button() -> None:
    topics = load_topics()
    assert len(topics) >= 30
    assert all(len(t.title) <= 45 for t in topics.values())
    other = load_other_button()
    assert other.title
    assert other.payload


@pytest.mark.parametrize(
    ("intent", "confidence", "runner_up", "unsure"),
    [
        ("faq", MIN_ANSWER_CONFIDENCE - 0.01, 0.0, True),
        ("faq", MIN_ANSWER_CONFIDENCE, 0.0, False),
        ("faq", MIN_ANSWER_CONFIDENCE, MIN_ANSWER_CONFIDENCE / MIN_ANSWER_RATIO, False),
        ("faq", MIN_ANSWER_CONFIDENCE, MIN_ANSWER_CONFIDENCE / MIN_ANSWER_RATIO + 0.01, True),
        ("faq", SURE_ANSWER_CONFIDENCE - 0.01, 0.3, True),
        ("faq", SURE_ANSWER_CONFIDENCE, 0.3, False),
        ("faq", 0.95, 0.02, False),
        ("faq", None, 0.0, False),
        ("greet", 0.1, 0.0, False),
        (None, 0.1, 0.0, False),
    ],
)
def test_answer_is_unsure_only_for_a_weak_knowledge_answer(intent, confidence, runner_up, unsure) -> None:
    assert answer_is_unsure(intent, confidence, runner_up) is unsure


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("hey whats a mnvp", "faq/what_is_mvp"),
        ("mnvp wat is it in simple words", "faq/what_is_mvp"),
        ("what are MVPs?", "faq/what_is_mvp"),
        ("what does MNVP stand for", "faq/what_is_mvp"),
        ("whats nmv", "faq/what_is_nmv"),
        ("wot is coproduction", "faq/what_is_coproduction"),
        ("whats an ICB pls", "faq/what_is_icb"),
        ("what is the ladder of co-production?", "faq/ladder_of_coproduction"),
        ("what is an mnvp workplan", "faq/mnvp_workplan"),
    ],
)
def test_a_bare_what_is_question_finds_the_answer_whose_title_asks_it(text: str, key: str) -> None:
    from bot.topics import answer_titled

    assert answer_titled(text) == key


@pytest.mark.parametrize(
    "text",
    [
        "what is it",
        "whats a mnvp and how do i join",
        "what is the mnvp guidance for",
        "what is an mnvp chair paid",
        "what is the weather",
        "tell me about mnvps",
    ],
)
def test_anything_more_than_a_bare_what_is_is_left_to_the_classifier(text: str) -> None:
    from bot.topics import answer_titled

    assert answer_titled(text) is None
