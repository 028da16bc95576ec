"""The blind conversation sets stay unseen by the classifier: no training example is one of their messages."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
BLIND_SETS = sorted((ROOT / "tests" / "data").glob("conversations_blind*.yml"))


def _plain(text: str) -> str:
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # Rasa entity mark-up: [words](entity)
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def _training_examples() -> set[str]:
    found = set()
    for path in sorted((ROOT / "data" / "nlu").glob("*.yml")):
        for item in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu") or []:
            for line in str(item.get("examples") or "").splitlines():
                if line.strip().startswith("- "):
                    found.add(_plain(line.strip()[2:]))
    return found


def _blind_messages() -> dict[str, str]:
    found = {}
    for path in BLIND_SETS:
        for conversation in yaml.safe_load(path.read_text(encoding="utf-8"))["conversations"]:
            for turn in conversation["turns"]:
                found[_plain(turn["user"])] = f"{path.name} {conversation['id']}"
    return found


def test_there_are_thirteen_blind_sets() -> None:
    assert len(BLIND_SETS) >= 13


def test_no_training_example_is_a_message_of_a_blind_set() -> None:
    examples = _training_examples()
    assert len(examples) > 1000
    blind = _blind_messages()
    # Short questions ("what is walk the patch", "how do i run it") are everyone's words; a longer
    # message is its author's own sentence.
    copied = {text: where for text, where in blind.items() if text in examples and len(text.split()) > 7}
    assert not copied, f"training examples copied from the blind sets: {copied}"
