"""A bereaved parent hears "I'm so sorry" first: the words that tell of a baby's death, and the turn."""

from __future__ import annotations

import pytest

from bot import flows
from bot.replies import Turn, message
from bot.text import tells_of_a_loss


@pytest.mark.parametrize(
    "text",
    [
        "our baby died on the neonatal unit last month. i want to help other parents",
        "my daughter was stillborn in march and the care was awful. can the mvp do anything with my story",
        "we lost our son at 20 weeks, can i still join",
        "we lost him at 22 weeks",
        "I had a miscarriage last year, can I still be part of the MNVP?",
        "after the loss of our twins I want to help",
        "our little girl passed away at 3 days old",
        "bereaved mum here, can i join",
        "my baby was born sleeping in 2023",
        "our son didnt survive",
    ],
)
def test_a_loss_told_is_heard(text: str) -> None:
    assert tells_of_a_loss(text)


@pytest.mark.parametrize(
    "text",
    [
        "im scared my baby will die",
        "i'm worried i might lose the baby",
        "my baby nearly died because nobody listened",
        "our MNVP lost its chair last year",
        "i lost my notes and my job after the birth",
        "lost them in the car park",
        "she died",
        "how do i join the mnvp",
        "",
    ],
)
def test_a_fear_or_another_loss_is_not_a_bereavement(text: str) -> None:
    assert not tells_of_a_loss(text)


def test_the_condolence_comes_first_and_only_once() -> None:
    answer = Turn((message("utter_faq/share_experience"),), {"subject": "answer|faq/share_experience"})
    told = flows.with_condolence("our baby died last month, can I share our story?", answer)
    assert [m.response for m in told.messages] == ["utter_sorry_for_loss", "utter_faq/share_experience"]
    assert told.slots == answer.slots
    assert flows.with_condolence("our baby died last month", told) == told
    assert flows.with_condolence("how do I share my story?", answer) == answer


def _tracker(latest_message: dict):  # type: ignore[no-untyped-def]
    from rasa_sdk import Tracker

    return Tracker("user-1", {}, latest_message, [], False, None, {}, "action_listen")


def test_a_bereaved_parents_story_is_thanked_after_sorry() -> None:
    from rasa_sdk.executor import CollectingDispatcher

    from actions.conversation import ActionThankStory

    for text, expected in [
        ("Our son was stillborn at 38 weeks. " + "Nobody listened when I said something was wrong. " * 10, True),
        ("We had our baby in March and the postnatal ward was awful. " * 10, False),
    ]:
        dispatcher = CollectingDispatcher()
        ActionThankStory().run(dispatcher, _tracker({"text": text}), {})
        sent = [m["response"] for m in dispatcher.messages]
        assert sent == (["utter_sorry_for_loss"] if expected else []) + ["utter_story_thanks"]


def test_a_bereaved_parent_the_classifier_could_not_place_hears_sorry_first() -> None:
    from rasa_sdk.executor import CollectingDispatcher

    from actions.conversation import ActionSuggestTopics

    latest = {
        "text": "our baby died on the neonatal unit last month. i want to help other parents",
        "intent": {"name": "nlu_fallback", "confidence": 0.4},
        "intent_ranking": [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "faq", "confidence": 0.4}],
        "response_selector": {"faq": {"ranking": [{"intent_response_key": "faq/neonatal_parents", "confidence": 0.3}]}},
        "handed_on": "faq/neonatal_parents",
    }
    dispatcher = CollectingDispatcher()
    ActionSuggestTopics().run(dispatcher, _tracker(latest), {})
    sent = [m["response"] for m in dispatcher.messages]
    assert sent[0] == "utter_sorry_for_loss"
    assert "utter_faq/neonatal_parents" in sent
    # With nothing else to answer, how their story can help comes after it, not "did you mean".
    dispatcher = CollectingDispatcher()
    unplaced = {**latest, "handed_on": None, "text": "we lost our baby. hmm", "response_selector": {}}
    ActionSuggestTopics().run(dispatcher, _tracker(unplaced), {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_sorry_for_loss", "utter_faq/share_experience"]
