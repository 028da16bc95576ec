"""The paragraph of a knowledge answer a question's everyday words point to (bot/passages.py)."""

from __future__ import annotations

from collections import Counter

from bot import flows
from bot.passages import ANYWHERE_SCORE, Index, Passage, anywhere, asks_for_more, in_context


def _index() -> Index:
    return Index(
        [
            Passage("faq/funding", "short", Counter({"commissioner": 1, "fund": 1, "team": 1})),
            Passage("faq/funding", "more", Counter({"fund": 1, "sit": 1, "bank": 1, "account": 1, "team": 1})),
            Passage("faq/steps", "short", Counter({"team": 1, "walk": 1, "unit": 1})),
            Passage("faq/patch", "short", Counter({"visit": 1, "ward": 1, "volunteer": 1})),
            Passage("faq/patch", "more", Counter({"visit": 1, "ward": 1, "check": 1})),
        ]
    )


def test_a_word_few_passages_hold_counts_for_more_than_a_common_one() -> None:
    index = _index()
    rare = index.score(Counter({"bank": 1}), index.passages[1])
    common = index.score(Counter({"fund": 1}), index.passages[1])
    assert rare > common > 0


def test_the_answer_in_play_is_favoured_over_the_ones_it_offers() -> None:
    index = _index()
    # Without favour, "visit" (rarer) beats "team"; the answer in play counts twice.
    assert index.best("who should be on the visiting team", ["faq/steps", "faq/patch"]).key == "faq/patch"
    assert index.best("who should be on the visiting team", ["faq/steps", "faq/patch"], favoured="faq/steps").key == (
        "faq/steps"
    )


def test_a_question_sharing_no_word_finds_nothing() -> None:
    assert _index().best("hello there") is None
    assert in_context("hello there", "faq/funding", index=_index()) is None


def test_a_follow_up_in_everyday_words_finds_the_longer_part_of_the_answer_in_play() -> None:
    found = in_context("where should the money actually sit", "faq/mvp_funding")
    assert (found.key, found.part) == ("faq/mvp_funding", "more")


def test_a_clear_question_anywhere_finds_its_paragraph_and_a_vague_one_does_not() -> None:
    found = anywhere("As a head of midwifery, who in the trust should I be connecting our MNVP with?")
    assert found is not None
    assert (found.key, found.part) == ("faq/mnvp_governance", "more")
    assert found.score >= ANYWHERE_SCORE
    assert anywhere("is there any research on what difference it makes?") is None
    assert anywhere("ok thanks") is None


def _responses(turn) -> list[str]:
    return [m.response for m in turn.messages]


def test_a_follow_up_the_classifier_cannot_place_gets_the_paragraph_not_the_short_part_again() -> None:
    # "where" finds a place in the short part just read; the longer part's paragraph about where
    # the money sits is what the question's words point to.
    slots = {"subject": "answer|faq/mvp_funding"}
    turn = flows.not_understood_answer("where should the money actually sit", slots, [])
    assert _responses(turn) == ["utter_more_mvp_funding"]
    # A kind of fact the short part holds, with no word of the longer part, stays the short part.
    turn = flows.not_understood_answer("which countries were involved?", {"subject": "answer|faq/ccw_project"}, [])
    assert _responses(turn) == ["utter_faq/ccw_project"]


def test_the_classifiers_sure_answer_repeated_gives_its_longer_part() -> None:
    ranking = [{"intent_response_key": "faq/mvp_funding", "confidence": 0.9}]
    intents = [{"name": "faq", "confidence": 0.4}, {"name": "nlu_fallback", "confidence": 0.3}]
    turn = flows.not_understood_answer("and who decides that", {"subject": "answer|faq/mvp_funding"}, ranking, intents)
    assert _responses(turn) == ["utter_more_mvp_funding"]


def test_a_question_anywhere_in_everyday_words_gets_the_answer_and_its_paragraph() -> None:
    turn = flows.not_understood_answer(
        "As a head of midwifery, who in the trust should I be connecting our MNVP with?", {}
    )
    assert _responses(turn) == ["utter_faq/mnvp_governance", "utter_more_mnvp_governance"]
    assert turn.slots["subject"] == "answer|faq/mnvp_governance"


def test_a_placed_question_whose_words_point_to_the_longer_part_asks_for_it() -> None:
    assert asks_for_more(
        "As a head of midwifery, who in the trust should I be connecting our MNVP with?", "faq/mnvp_governance"
    )
    assert asks_for_more("who from the MVP side sits on the LMS board?", "faq/mnvp_governance")
    assert not asks_for_more("who chairs an mnvp", "faq/mvp_chair")
    assert not asks_for_more("what is an mnvp", "faq/what_is_mvp")
    # Handed on by the answer guard, both parts are given.
    turn = flows.not_understood_answer(
        "who from the MVP side sits on the LMS board?", {}, handed_on="faq/mnvp_governance"
    )
    assert _responses(turn) == ["utter_faq/mnvp_governance", "utter_more_mnvp_governance"]


def test_only_a_clear_match_overrules_the_classifier() -> None:
    from bot.passages import clearly_about

    assert clearly_about("do i need any checks or anything first", "faq/walk_the_patch")
    assert not clearly_about("how many statements should I use", "faq/what_is_mvp")


def test_a_button_question_a_bare_list_or_an_activity_keeps_its_answer_as_written() -> None:
    # A button's own question gets the answer as written, its longer part one tap away.
    assert not asks_for_more("How often do MNVPs meet?", "faq/mnvp_meetings")
    assert asks_for_more("how can the money be held?", "faq/mvp_funding")
    # A bare list of topics is not a question about a detail.
    assert not asks_for_more("the 2019 webinars and the summit blog", "faq/cocreation_summit")
    # An activity has its own ways to its parts (steps, size, time).
    assert not asks_for_more("How do I run a fish bowl?", "faq/activity_fish_bowl")


def test_one_word_is_a_topic_to_offer_not_a_question_to_answer() -> None:
    assert anywhere("south") is None
    ranking = [{"intent_response_key": "faq/south_east_resources", "confidence": 0.68}]
    intents = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "faq", "confidence": 0.5}]
    assert flows.not_understood_answer("south", {}, ranking, intents) is None


def test_a_close_second_answer_that_tells_the_same_fact_does_not_stop_the_first() -> None:
    def index(extra_word: str | None) -> Index:
        second = Counter({"sure": 1, "area": 1, "work": 1, "mvp": 1, "pack": 1, "filler": 2})
        if extra_word:
            second[extra_word] = 1
        return Index(
            [
                Passage("faq/mslc", "more", Counter({"sure": 1, "area": 1, "work": 1, "mvp": 1, "pack": 1})),
                Passage("faq/births", "more", second),
                *(Passage(f"faq/other{n}", "short", Counter({"other": 1, f"word{n}": 1})) for n in range(80)),
            ]
        )

    question = "who makes sure every area has a working mvp under the pack"
    same = anywhere(question, index(None))
    assert same is not None
    assert same.key == "faq/mslc"
    assert same.score < 1.5 * same.runner_up  # close: only the same fact lets it through
    # A second answer that holds a word of the question the first lacks is a real alternative.
    assert anywhere(question + " funding", index("fund")) is None


def test_a_question_naming_its_answer_in_the_singular_does_not_ask_for_the_longer_part() -> None:
    # The short part says "MSLCs"; "what was an MSLC?" names what the answer is about.
    assert not asks_for_more("what was an MSLC", "faq/what_is_mslc")


def test_among_the_answers_naming_an_entry_the_one_the_words_point_to() -> None:
    from bot.details import answers_mentioning_names
    from bot.passages import among

    question = "What skills was the Co-Creating Welfare training trying to build?"
    keys = answers_mentioning_names(question)
    assert {"faq/ccw_project", "faq/cocreation_summit"} <= set(keys)
    found = among(question, keys)
    assert found is not None
    assert (found.key, found.part) == ("faq/ccw_project", "more")
    # Close scores between answers: no choice made.
    vague = "Can we adapt the Co-Creating Welfare training materials for our own volunteers?"
    assert among(vague, answers_mentioning_names(vague)) is None


def test_an_entry_named_gives_way_to_the_paragraph_of_an_answer_about_it() -> None:
    question = "What skills was the Co-Creating Welfare training trying to build?"
    turn = flows.not_understood_answer(question, {}, [], [], resource="co-creating-welfare-project")
    assert turn is not None
    assert [m.response for m in turn.messages] == ["utter_faq/ccw_project", "utter_more_ccw_project"]


def test_one_common_word_is_not_a_pointer_to_the_longer_part() -> None:
    # "pay" is in three of the funding answer's paragraphs: the short answer says who funds it.
    assert not asks_for_more("who pays for the MVP", "faq/mvp_funding")
