"""The intent classifier's model: TF-IDF features and a linear classifier (scikit-learn).

Word unigrams and bigrams plus character n-grams inside word boundaries (tolerant of typos),
each TF-IDF weighted with sub-linear term frequency, feed a class-balanced logistic regression.
On this project's small, varied training set it beats DIET in 5-fold cross-validation and is
less over-confident when it is wrong, so the FallbackClassifier catches more of its mistakes
(numbers in docs/benchmarks.md). The Rasa wrapper is bot/rasa_ext/intent_classifier.py.
"""

from __future__ import annotations

import pickle
from collections.abc import Sequence
from pathlib import Path
from typing import Any

DEFAULT_C = 20.0
MODEL_FILE = "intent_model.pkl"


class IntentModel:
    """Learns intents from example texts and ranks the intents for a new text."""

    def __init__(self, c: float = DEFAULT_C, random_state: int = 42) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_pipeline, make_union

        features = make_union(
            TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True),
        )
        classifier = LogisticRegression(C=c, max_iter=5000, class_weight="balanced", random_state=random_state)
        self._pipeline: Any = make_pipeline(features, classifier)
        self.intents: tuple[str, ...] = ()

    def fit(self, texts: Sequence[str], intents: Sequence[str]) -> IntentModel:
        """Trains on example texts and their intents (at least two different intents)."""
        if len(set(intents)) < 2:
            raise ValueError("The intent classifier needs examples of at least two intents.")
        self._pipeline.fit(list(texts), list(intents))
        self.intents = tuple(str(c) for c in self._pipeline.classes_)
        return self

    def rank(self, text: str, limit: int = 10) -> list[tuple[str, float]]:
        """The intents for `text`, most likely first, with probabilities that sum to 1."""
        if not self.intents:
            return []
        probabilities = self._pipeline.predict_proba([text])[0]
        ranked = sorted(zip(self.intents, probabilities, strict=True), key=lambda p: (-p[1], p[0]))
        return [(intent, float(p)) for intent, p in ranked[:limit]]

    def save(self, directory: Path) -> None:
        """Writes the trained model into `directory`."""
        directory.mkdir(parents=True, exist_ok=True)
        with (directory / MODEL_FILE).open("wb") as file:
            pickle.dump(self, file)

    @staticmethod
    def load(directory: Path) -> IntentModel:
        """Reads a model written by `save` (only ever from a model this project trained)."""
        with (directory / MODEL_FILE).open("rb") as file:
            model = pickle.load(file)  # noqa: S301 - our own trained model archive
        if not isinstance(model, IntentModel):
            raise TypeError(f"{directory / MODEL_FILE} does not hold an IntentModel")
        return model
