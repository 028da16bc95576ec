"""The production layout: two Rasa replicas (each with its action server) behind nginx, on a
private PostgreSQL server that the tests stop and start, started by
the same `python -m bot serve --replicas 2 --proxy-port …` that `make run-prod` runs.
Redis is a private server too, since a test stops it.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
import sqlalchemy as sa

from tests.conftest import ROOT, load_yaml
from tests.tools.private_postgres import PrivatePostgres
from tests.tools.private_redis import PrivateRedis

pytestmark = [pytest.mark.model, pytest.mark.postgres]


@dataclass
class Layout:
    rasa: tuple[int, int]
    proxy: int
    database: str
    process: subprocess.Popen
    log: Path
    postgres: PrivatePostgres
    redis: PrivateRedis

    def say(self, port: int, sender: str, text: str) -> list[str]:
        reply = requests.post(
            f"http://localhost:{port}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=60
        )
        assert reply.status_code == 200, reply.text
        return [m.get("text", "") for m in reply.json()]


def _ports() -> tuple[int, int, int, int]:
    """Rasa and action base ports (each with the next one free too), web and proxy: all different.

    Below Linux's range for outgoing connections (32768 up): a port picked from that range can be
    taken by any outgoing connection in the minute the servers take to start (seen in CI: the
    second replica's action port was taken).
    """
    taken: set[int] = set()
    chooser = random.Random()

    def pick(pair: bool) -> int:
        while True:
            port = chooser.randrange(20000, 32000)
            wanted = {port, port + 1} if pair else {port}
            if not wanted & taken and all(_is_free(p) for p in wanted):
                taken.update(wanted)
                return port

    return pick(True), pick(True), pick(False), pick(False)


def _is_free(port: int) -> bool:
    """Nobody listens on the port, and it can be bound."""
    import socket

    with socket.socket() as s:
        if s.connect_ex(("127.0.0.1", port)) == 0:
            return False
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _listener_pid(port: int) -> int:
    """The process listening on `port` (from `ss`)."""
    out = subprocess.run(["ss", "-ltnpH", f"sport = :{port}"], capture_output=True, text=True, check=True).stdout
    return int(out.split("pid=")[1].split(",")[0])


@pytest.fixture(scope="module")
def layout(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Layout]:
    postgres = PrivatePostgres()
    postgres.start()
    redis = PrivateRedis()
    redis.start()
    database = postgres.url
    tmp = tmp_path_factory.mktemp("prod")
    rasa, action, web, proxy = _ports()
    env = dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        DATABASE_URL=database,
        REDIS_URL=redis.url,
        ALLOWED_ORIGINS=f"http://localhost:{proxy}",
        WIDGET_SERVER_URL=f"http://localhost:{proxy}",
        NEEDS_SPOOL=str(tmp / "spool.jsonl"),
    )
    command = [sys.executable, "-m", "bot", "serve", "--replicas", "2", "--proxy-port", str(proxy)]
    command += ["--rasa-port", str(rasa), "--action-port", str(action), "--web-port", str(web)]
    log = tmp / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 420
        while b"Ready." not in log.read_bytes():
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the production layout did not start:\n{log.read_text(errors='replace')[-4000:]}")
            time.sleep(1)
        yield Layout((rasa, rasa + 1), proxy, database, process, log, postgres, redis)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
        postgres.destroy()
        redis.destroy()


def _response(name: str) -> str:
    return load_yaml(ROOT / "domain.yml")["responses"][name][0]["text"].strip()


def test_a_half_filled_form_carries_on_when_turns_alternate_between_replicas(layout: Layout) -> None:
    first, second = layout.rasa
    assert layout.say(first, "alternate-1", "which activity should I use?") == [_response("utter_ask_activity_purpose")]
    # The next turn reaches the other replica: it knows the form is half filled.
    assert layout.say(second, "alternate-1", "to come up with new ideas") == [_response("utter_ask_group_size")]
    assert layout.say(first, "alternate-1", "about 12") != [_response("utter_ask_group_size")]


def test_show_more_on_the_other_replica_continues_the_last_search(layout: Layout) -> None:
    first, second = layout.rasa
    results = layout.say(first, "alternate-2", "have you got any co-production guides")
    assert "Show more" in " ".join(results) or len(results) >= 3
    more = layout.say(second, "alternate-2", "show me more")
    assert any(t.startswith("1.") for t in results)
    assert any(t.startswith("4.") for t in more)  # the next results, not the first ones again


def test_with_redis_down_turns_still_alternate_between_replicas_and_keep_their_state(layout: Layout) -> None:
    first, second = layout.rasa
    layout.redis.stop()
    # The locks fall back to each replica's memory (an error in the log); the conversation is in
    # PostgreSQL, so each replica still knows where it was.
    assert layout.say(first, "no-redis", "which activity should I use?") == [_response("utter_ask_activity_purpose")]
    assert layout.say(second, "no-redis", "to come up with new ideas") == [_response("utter_ask_group_size")]
    assert b"Redis lock store unavailable" in layout.log.read_bytes()
    layout.redis.start()
    time.sleep(6)  # the replicas try Redis again 5 s after it failed
    assert layout.say(first, "no-redis", "stop") == [_response("utter_activity_stopped")]
    assert layout.say(second, "after-redis", "which activity should I use?") == [
        _response("utter_ask_activity_purpose")
    ]


def test_nginx_limits_message_size_and_rate_per_address(layout: Layout) -> None:
    url = f"http://localhost:{layout.proxy}/webhooks/rest/webhook"
    big = requests.post(url, json={"sender": "big", "message": "a" * 40_000}, timeout=30)
    assert big.status_code == 413
    codes = [requests.get(f"http://localhost:{layout.proxy}/health", timeout=10).status_code for _ in range(80)]
    assert 429 in codes
    assert codes[0] == 200


def test_a_killed_replica_leaves_the_conversation_to_the_other_and_loses_no_need(layout: Layout) -> None:
    time.sleep(3)  # let the rate limit of the previous test drain
    url = f"http://localhost:{layout.proxy}/webhooks/rest/webhook"

    def say(text: str) -> list[str]:
        reply = requests.post(url, json={"sender": "survivor", "message": text}, timeout=60)
        assert reply.status_code == 200, reply.text
        return [m.get("text", "") for m in reply.json()]

    assert say("which activity should I use?") == [_response("utter_ask_activity_purpose")]
    os.kill(_listener_pid(layout.rasa[0]), signal.SIGKILL)  # one Rasa replica dies mid-conversation
    # The other replica takes the next turns, and knows where the form was.
    assert say("to come up with new ideas") == [_response("utter_ask_group_size")]
    assert say("stop") == [_response("utter_activity_stopped")]
    assert say("is there wifi on the postnatal ward")[0] == _response("utter_out_of_scope")
    engine = sa.create_engine(layout.database, future=True)
    deadline = time.monotonic() + 10
    texts: list[str] = []
    while time.monotonic() < deadline and "is there wifi on the postnatal ward" not in texts:
        with engine.connect() as connection:
            texts = list(connection.execute(sa.text("SELECT text FROM unmet_needs")).scalars())
        time.sleep(0.5)
    engine.dispose()
    assert "is there wifi on the postnatal ward" in texts
    assert layout.process.poll() is None  # the layout keeps running on the other replica
    assert b"the others go on" in layout.log.read_bytes()
    # The supervisor starts the killed server again, as a service manager would.
    _wait_until_answering(layout.rasa[0], timeout=240)
    assert f"Starting the Rasa server :{layout.rasa[0]} again.".encode() in layout.log.read_bytes()


def _wait_until_answering(port: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            if requests.get(f"http://localhost:{port}/", timeout=2).ok:
                return
        except requests.RequestException:
            pass
        assert time.monotonic() < deadline, f"the Rasa server on :{port} did not come back"
        time.sleep(1)


def _socket_holder(layout: Layout) -> int | None:
    """The Rasa port that nginx holds an open connection to (the widget's websocket), if one."""
    out = subprocess.run(["ss", "-tnH", "state", "established"], capture_output=True, text=True, check=True).stdout
    held = {int(line.split()[-1].rsplit(":", 1)[1]) for line in out.splitlines() if line.strip()}
    holders = [port for port in layout.rasa if port in held]
    return holders[0] if len(holders) == 1 else None


def test_the_widget_reconnects_through_nginx_to_the_other_replica_and_carries_on(layout: Layout) -> None:
    from tests.test_widget import CHROMIUM, CHROMIUM_ARGS, REPLY_TIMEOUT_MS

    for port in layout.rasa:  # both replicas up (the previous test killed one)
        _wait_until_answering(port, timeout=240)
    time.sleep(3)  # let the rate limit of an earlier test drain
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page()
            page.goto(f"http://localhost:{layout.proxy}/")
            page.locator(".cpc-launcher").click()
            page.locator(".cpc-input").fill("which activity should I use?")
            page.keyboard.press("Enter")
            first_question = _response("utter_ask_activity_purpose").splitlines()[0]
            page.locator(".cpc-bot .cpc-text", has_text=first_question).wait_for(timeout=REPLY_TIMEOUT_MS)
            holder = None
            deadline = time.monotonic() + 10
            while holder is None and time.monotonic() < deadline:
                holder = _socket_holder(layout)
                time.sleep(0.2)
            assert holder is not None, "no websocket from nginx to a replica"
            os.kill(_listener_pid(holder), signal.SIGKILL)  # the replica holding the socket dies
            page.locator(".cpc-status", has_text="Connected again").wait_for(timeout=REPLY_TIMEOUT_MS)
            page.locator(".cpc-input").fill("to come up with new ideas")
            page.keyboard.press("Enter")
            # The other replica carries on the same conversation: the form's next question.
            next_question = _response("utter_ask_group_size").splitlines()[0]
            page.locator(".cpc-bot .cpc-text", has_text=next_question).wait_for(timeout=REPLY_TIMEOUT_MS)
            assert _socket_holder(layout) == next(port for port in layout.rasa if port != holder)
        finally:
            browser.close()


def test_postgresql_restarted_mid_run_loses_no_need_and_conversations_recover(layout: Layout) -> None:
    time.sleep(3)  # let the rate limit of an earlier test drain
    url = f"http://localhost:{layout.proxy}/webhooks/rest/webhook"
    layout.postgres.stop()
    # The database is down: the assistant still answers, one message at a time, and the needs
    # it could not meet wait in the spool.
    for text in ("will it rain tomorrow in leeds", "give me a recipe for banana bread"):
        reply = requests.post(url, json={"sender": "pg-down", "message": text}, timeout=60)
        assert reply.status_code == 200
        assert reply.json()[0]["text"] == _response("utter_out_of_scope")
    layout.postgres.start()
    deadline = time.monotonic() + 60
    while True:  # conversations recover: stored again, and the spool is written on the next need
        reply = requests.post(
            url, json={"sender": "pg-after", "message": "what is the premier league table"}, timeout=60
        )
        if reply.status_code == 200 and reply.json():
            break
        assert time.monotonic() < deadline, reply.text
        time.sleep(1)
    # The spool is written on the next need once the database is back (after the action server's
    # few seconds of not retrying), or at start-up.
    time.sleep(6)
    requests.post(url, json={"sender": "pg-after", "message": "tell me a joke"}, timeout=60)
    engine = sa.create_engine(layout.database, future=True)
    texts: list[str] = []
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with engine.connect() as connection:
            texts = list(connection.execute(sa.text("SELECT text FROM unmet_needs")).scalars())
        if "give me a recipe for banana bread" in texts:
            break
        time.sleep(0.5)
    engine.dispose()
    for text in ("will it rain tomorrow in leeds", "give me a recipe for banana bread"):
        assert texts.count(text) == 1  # written once, not lost, not twice
    assert layout.process.poll() is None
