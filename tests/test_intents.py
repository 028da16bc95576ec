"""The intent classifier: the scikit-learn model (bot/intents.py) and its Rasa component."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.intents import IntentModel
from bot.rasa_ext.intent_classifier import LinearIntentClassifier

EXAMPLES = {
    "greet": ["hello", "hi there", "good morning", "hiya", "hey"],
    "goodbye": ["bye", "see you later", "goodbye", "cheerio", "bye for now"],
    "faq": [
        "what is an mnvp",
        "what is co-production",
        "how do i join the mvp",
        "what is a q sort",
        "who chairs an mvp",
    ],
}


def _texts_and_intents() -> tuple[list[str], list[str]]:
    pairs = [(text, intent) for intent, texts in EXAMPLES.items() for text in texts]
    return [t for t, _ in pairs], [i for _, i in pairs]


def test_model_ranks_the_right_intent_first_with_probabilities() -> None:
    model = IntentModel().fit(*_texts_and_intents())
    ranking = model.rank("hello there")
    assert ranking[0][0] == "greet"
    assert [i for i, _ in ranking] == sorted(model.intents, key=lambda i: -dict(ranking)[i])
    assert sum(p for _, p in ranking) == pytest.approx(1.0)
    assert model.rank("what is an mvp chair")[0][0] == "faq"
    assert len(model.rank("bye", limit=2)) == 2


def test_model_survives_a_save_and_load(tmp_path: Path) -> None:
    model = IntentModel().fit(*_texts_and_intents())
    model.save(tmp_path)
    loaded = IntentModel.load(tmp_path)
    assert loaded.rank("see ya") == model.rank("see ya")


def test_model_needs_two_intents() -> None:
    with pytest.raises(ValueError, match="at least two intents"):
        IntentModel().fit(["hi", "hello"], ["greet", "greet"])


def test_untrained_model_ranks_nothing() -> None:
    assert IntentModel().rank("hello") == []


def _component(tmp_path: Path) -> tuple[LinearIntentClassifier, LocalModelStorage, Resource, ExecutionContext]:
    storage = LocalModelStorage(tmp_path)
    resource = Resource("intent_classifier")
    context = ExecutionContext(GraphSchema({}), "test")
    config = LinearIntentClassifier.get_default_config()
    return LinearIntentClassifier.create(config, storage, resource, context), storage, resource, context


def test_component_trains_persists_loads_and_predicts(tmp_path: Path) -> None:
    component, storage, resource, context = _component(tmp_path)
    messages = [Message(data={"text": t, "intent": i}) for t, i in zip(*_texts_and_intents(), strict=True)]
    component.train(TrainingData(training_examples=messages))
    loaded = LinearIntentClassifier.load(LinearIntentClassifier.get_default_config(), storage, resource, context)
    [message] = loaded.process([Message(data={"text": "good morning all"})])
    assert message.get("intent")["name"] == "greet"
    assert 0 < message.get("intent")["confidence"] <= 1
    assert message.get("intent_ranking")[0]["name"] == "greet"
    assert "intent" in message.output_properties


@pytest.mark.parametrize("text", ["", None])
def test_component_sets_no_intent_for_an_empty_message(tmp_path: Path, text: str | None) -> None:
    component, *_ = _component(tmp_path)
    [message] = component.process([Message(data={"text": text} if text is not None else {})])
    assert message.get("intent") == {"name": None, "confidence": 0.0}
    assert message.get("intent_ranking") == []


def test_component_without_a_trained_model_loads_and_predicts_nothing(tmp_path: Path) -> None:
    _, storage, resource, context = _component(tmp_path)
    loaded = LinearIntentClassifier.load(LinearIntentClassifier.get_default_config(), storage, resource, context)
    [message] = loaded.process([Message(data={"text": "hello"})])
    assert message.get("intent")["name"] is None


def test_fingerprint_follows_the_model_code(monkeypatch: pytest.MonkeyPatch) -> None:
    # Rasa fingerprints only the component class's source; the model code must count too.
    import inspect

    import bot.intents

    before = LinearIntentClassifier.fingerprint_addon({})
    source = inspect.getsource(bot.intents)
    monkeypatch.setattr(inspect, "getsource", lambda obj: source + "# changed" if obj is bot.intents else "")
    assert LinearIntentClassifier.fingerprint_addon({}) != before


# --- the answer selector --------------------------------------------------------------------


def _answer_selector(tmp_path: Path):
    from bot.rasa_ext.answer_selector import LinearAnswerSelector

    storage = LocalModelStorage(tmp_path)
    resource = Resource("answer_selector")
    context = ExecutionContext(GraphSchema({}), "test")
    config = LinearAnswerSelector.get_default_config()
    return LinearAnswerSelector, config, storage, resource, context


def test_answer_selector_ranks_answers_in_the_shape_rasa_expects(tmp_path: Path) -> None:
    cls, config, storage, resource, context = _answer_selector(tmp_path)
    examples = {
        "faq/fifteen_steps": ["15 steps", "what is 15 steps for maternity", "fifteen steps visit"],
        "faq/c4cc_steps": ["7 steps", "what are the seven steps", "c4cc steps"],
    }
    messages = [
        Message(data={"text": t, "intent": "faq", "intent_response_key": key})
        for key, texts in examples.items()
        for t in texts
    ]
    messages.append(Message(data={"text": "hello", "intent": "greet"}))
    responses = {"utter_faq/fifteen_steps": [{"text": "15 Steps…"}], "utter_faq/c4cc_steps": [{"text": "Seven steps…"}]}
    cls.create(config, storage, resource, context).train(TrainingData(training_examples=messages, responses=responses))
    selector = cls.load(config, storage, resource, context)
    [message] = selector.process([Message(data={"text": "the 15 steps visit"})])
    faq = message.get("response_selector")["faq"]
    assert faq["response"]["intent_response_key"] == "faq/fifteen_steps"
    assert faq["response"]["utter_action"] == "utter_faq/fifteen_steps"
    assert faq["response"]["responses"] == [{"text": "15 Steps…"}]
    assert faq["ranking"][0]["intent_response_key"] == "faq/fifteen_steps"
    assert message.get("response_selector")["all_retrieval_intents"] == ["faq"]
    assert "response_selector" in message.output_properties


def test_answer_selector_without_a_model_leaves_messages_alone(tmp_path: Path) -> None:
    cls, config, storage, resource, context = _answer_selector(tmp_path)
    [message] = cls.load(config, storage, resource, context).process([Message(data={"text": "hi"})])
    assert message.get("response_selector") is None
