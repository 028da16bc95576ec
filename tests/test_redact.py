"""Redaction before anything is stored: the judged set in tests/data/redaction.yml and unit cases."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.needs.redact import nhs_number_is_valid, redact

SET = Path(__file__).resolve().parent / "data" / "redaction.yml"
MESSAGES = yaml.safe_load(SET.read_text(encoding="utf-8"))["messages"]


def test_the_set_is_big_enough_and_has_near_misses() -> None:
    assert len(MESSAGES) >= 150
    assert sum(1 for m in MESSAGES if not m["personal"]) >= 40


def test_every_personal_detail_is_removed() -> None:
    # Recall must be 100%: list every miss, so a failure shows them all at once.
    missed = [(m["text"], p) for m in MESSAGES for p in m["personal"] if p in redact(m["text"]).text]
    assert missed == []


def test_what_is_not_personal_stays_readable() -> None:
    lost = [
        (m["text"], k, redact(m["text"]).text) for m in MESSAGES for k in m["keep"] if k not in redact(m["text"]).text
    ]
    assert lost == []


def test_the_need_survives_and_placeholders_name_the_kind() -> None:
    result = redact("my email is x@y.com, can you send the parking rules")
    assert result.text == "my email is [email], can you send the parking rules"
    assert result.kinds == ("email",)


@pytest.mark.parametrize(("number", "valid"), [("9434765919", True), ("9434765918", False), ("1234567890", False)])
def test_nhs_number_checksum(number: str, valid: bool) -> None:
    assert nhs_number_is_valid(number) is valid


@pytest.mark.parametrize("text", ["", "   ", "🙂" * 20, "a" * 10_000, "%_'; DROP TABLE x; --"])
def test_odd_input_is_returned_unharmed(text: str) -> None:
    assert redact(text).text == text
