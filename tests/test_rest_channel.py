"""The REST channel's input checks, Twilio's replay guard and the action guard's rules, without servers."""

from __future__ import annotations

import asyncio
import json

import aiohttp
import pytest
from rasa.shared.exceptions import RasaException

from bot.rasa_ext.action_guard import _unreachable, safe_entities
from bot.rasa_ext.channels import RestMessage, SeenMessages, clean_text, read_rest_message
from bot.rasa_ext.launch import authorised


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"[]", "JSON object"),
        (b'"x"', "JSON object"),
        (b"null", "JSON object"),
        (b"not json", "not JSON"),
        (b"\xff\xfe", "not JSON"),
        (b"[" * 50_000 + b"]" * 50_000, "not JSON"),
        (b'{"sender": "s", "message": 5}', '"message" must be text'),
        (b'{"sender": "s"}', '"message" must be text'),
        (b'{"sender": {"$ne": 1}, "message": "hi"}', '"sender" must be text'),
        (b'{"sender": true, "message": "hi"}', '"sender" must be text'),
        (b'{"sender": "", "message": "hi"}', '"sender" must be 1 to'),
        (b'{"sender": "s", "message": "hi", "metadata": "x"}', '"metadata" must be a JSON object'),
    ],
)
def test_what_cannot_be_read_gets_its_reason(body: bytes, reason: str) -> None:
    answer = read_rest_message(body)
    assert isinstance(answer, str)
    assert reason in answer


def test_a_good_message_is_read_and_the_client_cannot_choose_the_channel() -> None:
    body = {"sender": 42, "message": "hi \ud800 there", "metadata": {"a": 1}, "input_channel": "twilio"}
    message = read_rest_message(json.dumps(body).encode())
    assert message == RestMessage("42", "hi \ufffd there", {"a": 1})
    assert clean_text("plain") == "plain"


def test_a_twilio_message_id_is_answered_once(monkeypatch: pytest.MonkeyPatch) -> None:
    seen = SeenMessages(keep_seconds=60, max_ids=3)
    assert seen.first_time("SM1")
    assert not seen.first_time("SM1")
    assert seen.first_time("")  # no id: nothing to compare
    assert seen.first_time("")
    for sid in ("SM2", "SM3", "SM4"):
        assert seen.first_time(sid)
    assert seen.first_time("SM1")  # forgotten when the memory is full


@pytest.mark.postgres
def test_twilio_message_ids_are_shared_through_redis() -> None:
    import uuid

    sid = f"SM{uuid.uuid4().hex}"
    one, two = SeenMessages("redis://127.0.0.1:6379/0"), SeenMessages("redis://127.0.0.1:6379/0")
    assert one.first_time(sid)
    assert not two.first_time(sid)  # another replica knows it


def test_non_text_entities_are_dropped() -> None:
    entities = [
        {"entity": "topic", "value": {"$ne": 1}},
        {"entity": "topic", "value": "parking"},
        {"entity": "resource_id", "value": [1, 2]},
        {"entity": "resource_id", "value": 7},
        "not even a dict",
    ]
    assert safe_entities(entities) == [{"entity": "topic", "value": "parking"}]
    assert safe_entities("nonsense") == []


def _raised(cause: BaseException) -> RasaException:
    try:
        try:
            raise cause
        except BaseException as error:
            raise RasaException("Failed to execute custom action") from error
    except RasaException as wrapped:
        return wrapped


def test_the_breaker_opens_only_when_the_action_server_cannot_be_reached() -> None:
    refused = aiohttp.ClientConnectorError(connection_key=None, os_error=OSError(111, "refused"))  # type: ignore[arg-type]
    assert _unreachable(_raised(refused))
    assert _unreachable(_raised(aiohttp.ServerDisconnectedError()))
    assert _unreachable(asyncio.TimeoutError())
    # The action server answered: the action failed for this message alone.
    failed = aiohttp.ClientResponseError(request_info=None, history=(), status=500)  # type: ignore[arg-type]
    assert not _unreachable(_raised(failed))
    assert not _unreachable(RasaException("no endpoint"))


@pytest.mark.parametrize(
    ("header", "token", "allowed"),
    [("Bearer s3cret", "s3cret", True), ("Bearer wrong", "s3cret", False), ("", "s3cret", False), ("", "", True)],
)
def test_the_action_server_takes_only_calls_with_the_shared_token(header: str, token: str, allowed: bool) -> None:
    assert authorised(header, token) is allowed
