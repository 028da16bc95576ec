"""What the two linear NLU components share: a `bot.intents.IntentModel`, saved in the Rasa model."""

from __future__ import annotations

import hashlib
import inspect
import json
import logging
import sys
from collections.abc import Sequence
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from typing_extensions import Self

import bot.intents
from bot.intents import IntentModel

logger = logging.getLogger(__name__)

EXTRA_FILE = "extra.json"


class LinearModelComponent(GraphComponent):
    """A trainable component around one `IntentModel` (plus optional JSON-ready extras).

    Subclasses register themselves with `@DefaultV1Recipe.register(...)` and define
    `get_default_config`, `train` (calling `_fit_and_save`) and `process`.
    """

    @staticmethod
    def required_packages() -> list[str]:
        """scikit-learn does the learning."""
        return ["sklearn"]

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str | None:
        """Retrain when the model code changes: Rasa itself only looks at the subclass's source."""
        sources = inspect.getsource(bot.intents) + inspect.getsource(sys.modules[__name__])
        return hashlib.sha256(sources.encode("utf-8")).hexdigest()

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        model: IntentModel | None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        self._config = config
        self._model_storage = model_storage
        self._resource = resource
        self._model = model
        self._extra = extra or {}

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> Self:
        """A new, untrained component."""
        return cls(config, model_storage, resource, None)

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> Self:
        """The component as trained; untrained (predicting nothing) if the model holds none."""
        try:
            with model_storage.read_from(resource) as directory:
                model = IntentModel.load(directory)
                extra_file = directory / EXTRA_FILE
                extra = json.loads(extra_file.read_text(encoding="utf-8")) if extra_file.is_file() else {}
        except (ValueError, FileNotFoundError, TypeError):
            logger.warning("%s: no trained model found; it will predict nothing.", cls.__name__)
            return cls(config, model_storage, resource, None)
        return cls(config, model_storage, resource, model, extra)

    def _fit_and_save(self, texts: Sequence[str], labels: Sequence[str], extra: dict[str, Any] | None = None) -> None:
        """Trains the model on `texts` and `labels` and writes it (and `extra`) to the model storage."""
        self._model = IntentModel(c=float(self._config["C"])).fit(texts, labels)
        self._extra = extra or {}
        with self._model_storage.write_to(self._resource) as directory:
            self._model.save(directory)
            (directory / EXTRA_FILE).write_text(json.dumps(self._extra), encoding="utf-8")
