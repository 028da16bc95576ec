"""Hostile input over REST and socket.io: no 5xx, no silence, no crash, no leak, no stalling others.

Over 2,000 messages reach one assistant (`python -m bot serve`): a fixed corpus
(tests/tools/hostile.py: odd Unicode, control characters, injection strings, slash commands with
odd entities, long and regex-hostile shapes, JSON of the wrong shape) and Hypothesis's own
(any text, any JSON, any bytes). Every request must get a reply or a 400 with its reason. Then:
another user's "hello" is answered while the largest message is handled, and no planted
e-mail address reaches the servers' log. Speed is measured in benchmarks/hostile.py.

Needs the trained model; run by `make e2e` / `make test`.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.tools.assistant import STAFF_TOKEN, Servers, start_assistant, stop_assistant
from tests.tools.hostile import PLANTED, bodies, corpus

pytestmark = pytest.mark.model

SENT: Counter[str] = Counter()
PROBLEMS: list[str] = []
_COUNTING = threading.Lock()  # the corpus and socket.io tests send from several threads


def _count(kind: str) -> None:
    with _COUNTING:
        SENT[kind] += 1


ACTION_TOKEN = "hostile-test-action-token"
HYPOTHESIS = settings(
    deadline=None, database=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow], print_blob=False
)


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Servers]:
    started = start_assistant(
        tmp_path_factory.mktemp("hostile"), {"STAFF_TOKEN": STAFF_TOKEN, "ACTION_SERVER_TOKEN": ACTION_TOKEN}
    )
    try:
        yield started
    finally:
        stop_assistant(started)


def _check(kind: str, sent: object, status: int, body: str) -> None:
    """Records a problem unless the answer is a reply (200, non-empty) or a refusal with a reason."""
    _count(kind)
    label = repr(sent)[:80]
    if status >= 500:
        PROBLEMS.append(f"{kind}: HTTP {status} for {label}")
        return
    try:
        answer = json.loads(body)
    except ValueError:
        answer = None
    if status == 200:
        if not isinstance(answer, list) or not answer:
            PROBLEMS.append(f"{kind}: silent reply ({body[:60]!r}) to {label}")
        elif not all(isinstance(m, dict) and (m.get("text") or m.get("buttons")) for m in answer):
            PROBLEMS.append(f"{kind}: an empty message in the reply to {label}")
    elif status in (400, 413):
        if status == 400 and not (isinstance(answer, dict) and answer.get("error")):
            PROBLEMS.append(f"{kind}: 400 without a reason for {label}")
    else:
        PROBLEMS.append(f"{kind}: HTTP {status} for {label}")


def _post(servers: Servers, kind: str, body: bytes, label: object) -> None:
    try:
        reply = requests.post(
            f"{servers.base}/webhooks/rest/webhook",
            data=body,
            headers={"Content-Type": "application/json"},
            timeout=60,
        )
    except requests.RequestException as error:
        _count(kind)
        PROBLEMS.append(f"{kind}: no answer ({type(error).__name__}) to {repr(label)[:80]}")
        return
    _check(kind, label, reply.status_code, reply.text)


def _say(servers: Servers, kind: str, text: str) -> None:
    body = json.dumps({"sender": f"{kind}-{uuid.uuid4().hex[:8]}", "message": text}).encode()
    _post(servers, kind, body, text)


def test_the_fixed_corpus_over_rest_gets_a_reply_every_time(servers: Servers) -> None:
    messages = corpus()
    assert len(messages) >= 450
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda text: _say(servers, "rest corpus", text), messages))
    for body in bodies():
        _post(servers, "rest bodies", body, body[:60])
    assert [p for p in PROBLEMS if p.startswith("rest")] == []


@settings(HYPOTHESIS, max_examples=200)
@given(text=st.text(st.characters(blacklist_categories=()), max_size=400))
def test_any_text_over_rest_gets_a_reply(servers: Servers, text: str) -> None:
    _say(servers, "rest text", text)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=10,
)
SHAPED = st.fixed_dictionaries({"sender": JSON_VALUES, "message": JSON_VALUES}, optional={"metadata": JSON_VALUES})


@settings(HYPOTHESIS, max_examples=900)
@given(body=st.one_of(JSON_VALUES, SHAPED))
def test_any_json_over_rest_gets_a_reply_or_a_reason(servers: Servers, body: object) -> None:
    _post(servers, "rest json", json.dumps(body).encode(), body)


@settings(HYPOTHESIS, max_examples=200)
@given(body=st.binary(max_size=300))
def test_any_bytes_over_rest_get_a_reply_or_a_reason(servers: Servers, body: bytes) -> None:
    _post(servers, "rest bytes", body, body)


def test_hypothesis_found_no_5xx_and_no_silence_over_rest(servers: Servers) -> None:
    assert SENT["rest text"] >= 200
    assert SENT["rest json"] >= 900
    assert [p for p in PROBLEMS if p.startswith("rest")] == []


SOCKET_SHAPES: list[object] = [
    "a plain string, not an object",
    ["a", "list"],
    12345,
    None,
    {"message": None},
    {"message": ["x", PLANTED]},
    {"message": {"$ne": 1}},
    {"message": "hello", "customData": "not an object"},
    {"message": "hello", "customData": {"ip": "203.0.113.9", "name": "Priya Shah"}},
    {"message": "/search_resources" + json.dumps({"topic": {"$ne": 1}})},
]


def _socket_client(servers: Servers, payloads: list[object]) -> None:
    """One browser-like client: a session, then each payload, waiting for its reply."""
    import socketio

    replies: list[dict] = []
    arrived = threading.Event()
    client = socketio.Client(reconnection=False)

    @client.on("bot_uttered")
    def on_reply(data: dict) -> None:
        replies.append(data)
        arrived.set()

    confirmed = threading.Event()
    client.on("session_confirm", lambda _data: confirmed.set())
    session = f"hostile-{uuid.uuid4().hex}"
    client.connect(
        servers.base, transports=["polling"], socketio_path="/socket.io", headers={"Origin": "http://localhost:8000"}
    )
    try:
        client.emit("session_request", {"session_id": session})
        assert confirmed.wait(60), "no session_confirm"
        for payload in payloads:
            # Objects carry the session; anything else is sent as it is (the reply then goes to
            # this connection's own id).
            data = dict(payload, session_id=session) if isinstance(payload, dict) else payload
            arrived.clear()
            before = len(replies)
            client.emit("user_uttered", data)
            _count("socket.io")
            if not arrived.wait(30):
                PROBLEMS.append(f"socket.io: silence after {repr(payload)[:80]}")
                continue
            # The rest of the turn's messages, before the next message is sent.
            while True:
                count = len(replies)
                time.sleep(0.3)
                if len(replies) == count:
                    break
            if not any(r.get("text") or r.get("quick_replies") for r in replies[before:]):
                PROBLEMS.append(f"socket.io: an empty reply to {repr(payload)[:80]}")
    finally:
        client.disconnect()


def test_the_corpus_and_odd_shapes_over_socketio_get_a_reply_every_time(servers: Servers) -> None:
    messages = [m for m in corpus() if len(m) < 20_000][::2]
    shaped = [{"message": m} for m in messages] + SOCKET_SHAPES
    clients = 8
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(lambda i: _socket_client(servers, shaped[i::clients]), range(clients)))
    assert SENT["socket.io"] >= 240
    assert [p for p in PROBLEMS if p.startswith("socket.io")] == []


def test_another_users_hello_is_answered_while_the_largest_message_is_handled(servers: Servers) -> None:
    # The largest message a server takes (64 kB, bot/rasa_ext/launch.py), in the shape that
    # once took 24 s to redact at 40,000 characters and stalled every conversation.
    hostile = ("Xq Zv " * 11_000)[:63_000]
    result: dict[str, int] = {}

    def attack() -> None:
        reply = requests.post(
            f"{servers.base}/webhooks/rest/webhook", json={"sender": "attacker", "message": hostile}, timeout=120
        )
        result["status"] = reply.status_code

    thread = threading.Thread(target=attack)
    thread.start()
    time.sleep(0.1)
    started = time.monotonic()
    hello = servers.say("bystander", "hello")
    waited = time.monotonic() - started
    thread.join()
    assert hello
    assert result["status"] == 200
    # A generous margin on this shared machine (measured: 0.05–0.15 s; before the fix: 24–30 s).
    assert waited < 2.0


def test_nothing_crashed_and_no_planted_address_reached_the_log(servers: Servers) -> None:
    # More error paths with the address planted: a wrong staff token, a Twilio post while
    # Twilio is off, a request over the size cap.
    web = f"http://localhost:{servers.web_port}"
    requests.post(f"{web}/staff/login", data={"token": PLANTED}, timeout=30)
    requests.post(
        f"{servers.base}/webhooks/twilio/webhook", data={"Body": PLANTED, "From": "+447700900000"}, timeout=30
    )
    too_big = requests.post(
        f"{servers.base}/webhooks/rest/webhook", json={"sender": "big", "message": PLANTED * 10_000}, timeout=30
    )
    assert too_big.status_code == 413  # every server caps its request bodies (bot/rasa_ext/launch.py)
    actions = f"http://localhost:{servers.action_port}/webhook"
    signed = {"Authorization": f"Bearer {ACTION_TOKEN}"}
    assert requests.post(actions, data=b"x" * 5_000_000, headers=signed, timeout=30).status_code == 413
    # Without the token it is refused before its body is even read.
    assert requests.post(actions, data=b"x" * 5_000_000, timeout=30).status_code == 401
    # A forged call straight to the action server (it once stored a need): refused without the token.
    forged = {
        "next_action": "action_log_unmet_need",
        "sender_id": "forger",
        "tracker": {"sender_id": "forger", "latest_message": {"text": PLANTED, "intent": {"name": "out_of_scope"}}},
        "domain": {},
        "version": "3.6.2",
    }
    assert requests.post(actions, json=forged, timeout=30).status_code == 401
    for url in (f"{servers.base}/", f"http://localhost:{servers.action_port}/health", f"{web}/health"):
        assert requests.get(url, timeout=30).ok, url
    assert servers.process.poll() is None
    log = servers.log.read_text(errors="replace")
    assert "stopped (exit" not in log  # no server died and was restarted
    assert PLANTED not in log
    assert max(len(line) for line in log.splitlines()) < 5_000
    assert sum(SENT.values()) >= 2_000, SENT
    assert PROBLEMS == []
