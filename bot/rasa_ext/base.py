"""What the project's untrained NLU components share: stateless steps with no options."""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from typing_extensions import Self


class StatelessComponent(GraphComponent):
    """An untrained component with no options and no state; subclasses define `process`.

    Each subclass registers itself with `@DefaultV1Recipe.register(...)`; this base does not.
    """

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """No options."""
        return {}

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> Self:
        """Creates the component."""
        return cls()


class MessageGuard(StatelessComponent, IntentClassifier):
    """A step after the classifiers that adjusts their output; subclasses define `process`."""

    @classmethod
    def required_components(cls) -> list[type]:
        """Needs an intent classifier before it."""
        return [IntentClassifier]
