"""End to end: `python -m bot serve` starts both servers; we talk to them as clients do.

Needs the trained model (`make train`); run by `make e2e` / `make test`.
"""

from __future__ import annotations

import re
import socket
import threading
from collections.abc import Iterator

import pytest
import requests
import sqlalchemy as sa

from bot.privacy import conversation_key
from tests.conftest import ROOT, load_yaml
from tests.tools.assistant import STAFF_TOKEN, Servers, start_assistant, stop_assistant

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Servers]:
    started = start_assistant(
        tmp_path_factory.mktemp("e2e"), {"RASA_API_TOKEN": "test-token", "STAFF_TOKEN": STAFF_TOKEN}
    )
    try:
        yield started
    finally:
        code = stop_assistant(started)
        assert code == 0, started.log.read_text(errors="replace")[-4000:]
        for port in (started.rasa_port, started.action_port, started.web_port):
            with socket.socket() as s:
                assert s.connect_ex(("127.0.0.1", port)) != 0, f"port {port} still open after Ctrl-C"


def _texts(messages: list[dict]) -> list[str]:
    return [m.get("text", "") for m in messages]


def test_greeting_says_it_is_automated_and_offers_the_menu(servers: Servers) -> None:
    messages = servers.say("greeter", "hello")
    assert "automated assistant" in messages[0]["text"]
    assert "medical advice" in messages[0]["text"]
    assert len(messages[0]["buttons"]) >= 4


def test_knowledge_answer_ends_with_its_source(servers: Servers) -> None:
    message, question = servers.say("learner", "what is an MNVP?")
    assert "Maternity and Neonatal Voices Partnership" in message["text"]
    assert message["text"].strip().splitlines()[-1].startswith("Source: https://")
    assert question["text"] == _response_text("utter_ask_helpful")


def test_a_knowledge_answer_is_short_first_and_tell_me_more_gives_the_rest(servers: Servers) -> None:
    # Issue 15: the first reply fits two SMS segments (its source line aside) and offers "Tell me more".
    first = servers.say("shortfirst", "how do i give feedback about my care?")[0]
    body, source = first["text"].strip().rsplit("\n", 1)
    assert len(body.strip()) <= 320
    assert source.startswith("Source: https://")
    assert first["buttons"][0] == {"title": "Tell me more", "payload": "Tell me more"}
    more = servers.say("shortfirst", "Tell me more")
    longer = load_yaml(ROOT / "data" / "responses" / "more.yml")["responses"]["utter_more_give_feedback"][0]["text"]
    assert more[0]["text"].strip() == longer.strip()
    assert more[0]["text"].strip().splitlines()[-1].startswith("Source: https://")


def _response_text(name: str) -> str:
    return load_yaml(ROOT / "domain.yml")["responses"][name][0]["text"].strip()


@pytest.mark.parametrize(
    ("text", "response"),
    [
        ("theres so much blood and its not stopping", "utter_urgent_emergency_bleeding"),
        ("baby not moved all day im 36 weeks", "utter_urgent_baby_movements"),
        ("my waters have gone and they're green", "utter_urgent_maternity_triage_labour"),
        ("i want to end it all", "utter_urgent_mental_health"),
        # Someone else at risk: worded for the person helping.
        ("my sister keeps saying she wants to hurt the baby", "utter_urgent_mental_health_baby_other"),
        ("my wife is bleeding heavily, shes 30 weeks", "utter_urgent_emergency_bleeding_other"),
        # Disguised: a zero-width space, a Cyrillic look-alike, letter spacing.
        ("my baby hasn\u200bt m\u043eved all day", "utter_urgent_baby_movements"),
        ("im b l e e d i n g really heavily", "utter_urgent_emergency_bleeding"),
    ],
)
def test_urgent_message_gets_its_urgent_route_first(servers: Servers, text: str, response: str) -> None:
    messages = servers.say(f"urgent-{response}", text)
    assert messages[0]["text"].strip() == _response_text(response)
    assert messages[-1]["text"].strip() == _response_text("utter_after_urgent")


UNCLEAR = [
    "chair or funding??",
    "funding chair join",
    "voices?",
    "activity thing",
    "south",
    "tools?",
    "meeting",
    "volunteer chair funding",
    "stuff about things",
    "the thing",
]


def test_unclear_messages_offer_did_you_mean_buttons(servers: Servers) -> None:
    # Which vague message the model is unsure of shifts when it is retrained, so the server's own
    # parse decides: every message NLU is unsure of (nlu_fallback) must get "did you mean" (or the
    # menu when nothing is close), never a guess and never silence; a sure one gets an answer.
    # Most of these vague messages must be unsure, so the path is really exercised.
    titles = {t["title"] for t in load_yaml(ROOT / "data" / "topics.yml")["topics"]}
    unsure_replies = (_response_text("utter_did_you_mean"), _response_text("utter_default"))
    unsure = did_you_mean = 0
    for number, text in enumerate(UNCLEAR):
        parse = requests.post(
            f"{servers.base}/model/parse", params={"token": "test-token"}, json={"text": text}, timeout=30
        ).json()
        messages = servers.say(f"unsure-{number}", text)
        assert messages, f"silence for {text!r}"
        first = messages[0]["text"].strip()
        if parse["intent"]["name"] != "nlu_fallback":
            assert first not in unsure_replies, (text, parse["intent"])
            continue
        unsure += 1
        assert first in unsure_replies, (text, first)
        if first == _response_text("utter_did_you_mean"):
            did_you_mean += 1
            offered = [b["title"] for b in messages[0]["buttons"]]
            assert len(offered) >= 2
            assert offered[0] in titles
    assert unsure > len(UNCLEAR) // 2
    assert did_you_mean >= unsure - 1


def test_search_finds_a_resource_shows_more_and_tells_about_one(servers: Servers) -> None:
    messages = servers.say("searcher", "have you got the gap analysis tool")
    texts = _texts(messages)
    assert texts[0].strip() == _response_text("utter_search_results")
    assert texts[1].startswith("1. NHS South East co-production gap analysis tool")
    assert "https://" in texts[1]
    payload = messages[1]["buttons"][0]["payload"]
    assert payload == '/resource_details{"resource_id": "nhs-south-east-gap-analysis-tool"}'
    button = _texts(servers.say("searcher", payload))
    assert button[0].startswith("NHS South East co-production gap analysis tool")
    worksheets = _texts(servers.say("searcher", "where can i find the co-creation worksheets"))
    assert worksheets[-1].strip() == _response_text("utter_search_more_offer")
    more = _texts(servers.say("searcher", "show me more"))
    assert more[0].startswith("4. ")
    details = _texts(servers.say("searcher", "tell me more about the second one"))
    assert worksheets[2].startswith("2. ")
    second_title = worksheets[2].splitlines()[0][3:]
    assert details[0].startswith(second_title)


def test_activity_from_one_message(servers: Servers) -> None:
    texts = _texts(servers.say("planner-1", "we want to brainstorm with about 8 parents in person for an hour"))
    assert texts[0].startswith("I suggest ")
    assert "8 people" in texts[0]
    assert texts[1].startswith("Videos, handouts and worksheets for ")


def test_activity_form_asks_only_what_is_missing_and_allows_a_digression(servers: Servers) -> None:
    def ask(name: str) -> str:
        return _response_text(f"utter_ask_{name}")

    assert _texts(servers.say("planner-2", "Which activity suits my session?"))[0] == ask("activity_purpose")
    assert _texts(servers.say("planner-2", "solving a problem together"))[0] == ask("group_size")
    digression = _texts(servers.say("planner-2", "what is a fish bowl activity?"))
    # The knowledge answer with its source (one message now that it offers "Tell me more").
    assert any(t.strip().splitlines()[-1].startswith("Source: https://") for t in digression[:-1])
    assert digression[-1] == ask("group_size")
    # 30 people online: neither the length (a rough guide) nor who takes part can change the
    # choice, so neither is asked.
    recommendation = _texts(servers.say("planner-2", "about 30, on teams"))
    assert recommendation[0].startswith("I suggest Fish Bowl")
    steps = _texts(servers.say("planner-2", "how do i run it"))
    assert steps[0].startswith("How to run Fish Bowl:")


def test_activity_form_can_be_stopped(servers: Servers) -> None:
    servers.say("planner-3", "Which activity suits my session?")
    assert _texts(servers.say("planner-3", "stop"))[0] == _response_text("utter_activity_stopped")


def test_search_for_something_missing_says_so(servers: Servers) -> None:
    texts = _texts(servers.say("missing", "where can i find the parking permit form"))
    assert texts[0].strip() in (
        _response_text("utter_search_none"),
        _response_text("utter_search_closest"),
        _response_text("utter_out_of_scope"),
    )


def test_talk_to_a_person_uses_the_configured_contact_route(servers: Servers) -> None:
    messages = servers.say("handoff", "can I talk to a real person")
    assert any("https://example.org/contact" in t for t in _texts(messages))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "🙂🙂🙂",
        "<img src=x onerror=alert(1)>",
        "<script>alert('x')</script> what is an mvp",
        "co-production " * 700,
        "Beth yw partneriaeth lleisiau mamolaeth?",
        "¿Qué es una asociación de voces de maternidad?",
        '{"json": "not really"}',
        "\x00\x01 control characters \u202e",
    ],
)
def test_odd_input_gets_a_sensible_reply(servers: Servers, text: str) -> None:
    messages = servers.say(f"odd-{abs(hash(text))}", text)
    assert messages, f"no reply to {text[:40]!r}"
    assert all(m.get("text") for m in messages)


def test_conversations_are_stored_in_the_configured_database(servers: Servers) -> None:
    servers.say("stored-user", "hi")
    engine = sa.create_engine(f"sqlite:///{servers.database}", future=True)
    with engine.connect() as conn:
        count = conn.execute(
            sa.text("SELECT count(*) FROM events WHERE sender_id = :key"), {"key": conversation_key("stored-user")}
        ).scalar_one()
        raw = conn.execute(sa.text("SELECT count(*) FROM events WHERE sender_id = 'stored-user'")).scalar_one()
    engine.dispose()
    assert count > 0
    assert raw == 0  # stored under a salted hash, never the raw sender id


def test_http_api_needs_the_token(servers: Servers) -> None:
    assert requests.get(f"{servers.base}/status", timeout=10).status_code == 401
    assert requests.get(f"{servers.base}/status", params={"token": "wrong"}, timeout=10).status_code == 401
    assert requests.get(f"{servers.base}/status", params={"token": "test-token"}, timeout=10).status_code == 200


def test_socketio_with_session_persistence_gets_a_reply(servers: Servers) -> None:
    # The known trap: python-socketio >= 5.10 makes this silent (DESIGN.md).
    import socketio

    received: list[dict] = []
    got_reply = threading.Event()
    client = socketio.Client(reconnection=False)

    @client.on("bot_uttered")
    def on_bot_uttered(data: dict) -> None:
        # Rasa's socket.io channel sends each paragraph as its own message.
        received.append(data)
        # Addresses arrive as Markdown links named by their resource: "Source: [title](https://…)".
        if re.search(r"Source: \[[^\]]+\]\(https://", data.get("text", "")):
            got_reply.set()

    session_ready = threading.Event()

    @client.on("session_confirm")
    def on_session_confirm(_data: object) -> None:
        session_ready.set()

    # As the widget on the demo page: the browser sends its Origin, which must be an allowed one.
    # (Polling: websocket-client adds an Origin of its own beside ours.)
    client.connect(
        servers.base, transports=["polling"], socketio_path="/socket.io", headers={"Origin": "http://localhost:8000"}
    )
    try:
        client.emit("session_request", {"session_id": "socket-session-1"})
        assert session_ready.wait(60), "no session_confirm"
        client.emit("user_uttered", {"message": "what is co-production", "session_id": "socket-session-1"})
        assert got_reply.wait(60), f"no complete bot reply over socket.io: {received}"
    finally:
        client.disconnect()
    assert "co-production" in received[0]["text"].lower()


def _needs(servers: Servers) -> list[dict]:
    engine = sa.create_engine(f"sqlite:///{servers.database}", future=True)
    with engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(sa.text("SELECT * FROM unmet_needs ORDER BY created_at"))]
    engine.dispose()
    return rows


def test_unmet_needs_are_logged_redacted_and_shown_on_the_staff_page(servers: Servers) -> None:
    servers.say("needs-1", "is there wifi on the postnatal ward? my email is jo.bloggs@example.com")
    servers.say("needs-2", "where can i find the parking permit form")
    texts = [n["text"] for n in _needs(servers)]
    assert "is there wifi on the postnatal ward? my email is [email]" in texts
    assert all("jo.bloggs" not in t for t in texts)
    staff = f"http://localhost:{servers.web_port}/staff"
    assert requests.get(staff, timeout=30).status_code == 401
    page = requests.get(staff, headers={"Authorization": f"Bearer {STAFF_TOKEN}"}, timeout=30)
    assert page.status_code == 200
    assert "is there wifi on the postnatal ward" in page.text
    assert "jo.bloggs" not in page.text
    download = requests.get(f"{staff}/needs.csv", headers={"Authorization": f"Bearer {STAFF_TOKEN}"}, timeout=30)
    assert download.status_code == 200
    assert "parking permit" in download.text


def test_a_familys_long_story_is_thanked_routed_and_kept_redacted(servers: Servers) -> None:
    story = (
        "We had our baby in March. The labour itself went well and the midwives in the birth centre were lovely, "
        "but the postnatal ward was another story. I was left for hours without anyone checking on me, "
        "my partner was sent home at 8pm and I could not lift the baby after my stitches. "
        "When I pressed the buzzer nobody came for forty minutes. I felt invisible and I cried most of the night. "
        "My name is Jo Bloggs and you can email me at jo.bloggs@example.com."
    )
    assert len(story) > 400
    texts = _texts(servers.say("story-1", story))
    assert texts == [_response_text("utter_story_thanks")]
    assert "PALS" in texts[0]
    [need] = [n for n in _needs(servers) if n["reason"] == "story"]
    assert "postnatal ward" in need["text"]
    assert "jo.bloggs" not in need["text"]
    assert "Bloggs" not in need["text"]
    # An urgent story still gets urgent help first.
    urgent = story + " I am still bleeding heavily and feel faint right now."
    assert _texts(servers.say("story-2", urgent))[0] == _response_text("utter_urgent_emergency_bleeding")


def test_a_question_about_one_mnvps_own_details_gets_i_dont_know_and_is_logged(servers: Servers) -> None:
    texts = _texts(
        servers.say("local-1", "What's the phone number for the maternity voices partnership at Royal Stoke?")
    )
    assert texts == [_response_text("utter_local_details")]
    assert "don't know" in texts[0]
    [need] = [n for n in _needs(servers) if n["reason"] == "local_detail"]
    assert "Royal Stoke" in need["text"]


def test_was_this_helpful_and_no_records_what_was_missing(servers: Servers) -> None:
    answer = servers.say("feedback-1", "what is an MNVP?")
    assert answer[-1]["text"] == _response_text("utter_ask_helpful")
    assert [b["payload"] for b in answer[-1]["buttons"]] == ["/helpful", "/not_helpful"]
    asked = servers.say("feedback-1", "/not_helpful")
    assert _texts(asked)[0].startswith("Sorry it didn't help.")
    done = servers.say("feedback-1", "which MNVP covers Leeds, call me on 07700 900123")
    assert _texts(done)[0] == _response_text("utter_feedback_passed_on")
    [need] = [n for n in _needs(servers) if n["text"] == "what is an MNVP?"]
    assert need["reason"] == "negative_feedback"
    assert need["answer_type"] == "knowledge"
    assert need["detail"] == "which MNVP covers Leeds, call me on [phone]"


def test_the_conversation_store_keeps_the_words_redacted(servers: Servers) -> None:
    servers.say("private-user", "my name is Priya Shah and my number is 07700 900789, where is the gap analysis tool")
    follow_up = servers.say("private-user", "show me more")
    assert follow_up  # the conversation carries on from the redacted store
    engine = sa.create_engine(f"sqlite:///{servers.database}", future=True)
    with engine.connect() as conn:
        data = " ".join(
            conn.execute(
                sa.text("SELECT data FROM events WHERE sender_id = :key"), {"key": conversation_key("private-user")}
            ).scalars()
        )
    engine.dispose()
    assert "gap analysis tool" in data
    for secret in ("Priya", "Shah", "07700 900789"):
        assert secret not in data


@pytest.mark.parametrize(("origin", "allowed"), [("http://localhost:8000", True), ("http://evil.example", False)])
def test_socketio_accepts_only_the_configured_origins(servers: Servers, origin: str, allowed: bool) -> None:
    import socketio

    client = socketio.Client(reconnection=False)
    try:
        client.connect(servers.base, transports=["polling"], socketio_path="/socket.io", headers={"Origin": origin})
        connected = client.connected
    except socketio.exceptions.ConnectionError:
        connected = False
    finally:
        client.disconnect()
    assert connected is allowed


def test_http_cors_is_limited_to_the_configured_origins(servers: Servers) -> None:
    url = f"{servers.base}/webhooks/rest/webhook"
    good = requests.options(url, headers={"Origin": "http://localhost:8000", "Access-Control-Request-Method": "POST"})
    bad = requests.options(url, headers={"Origin": "http://evil.example", "Access-Control-Request-Method": "POST"})
    assert good.headers.get("Access-Control-Allow-Origin") == "http://localhost:8000"
    assert bad.headers.get("Access-Control-Allow-Origin") in (None, "")


def test_an_over_long_message_gets_a_friendly_answer_but_urgent_ones_still_come_first(servers: Servers) -> None:
    long_question = "I would like to know about co-production in our area and how to get involved. " * 70
    assert _texts(servers.say("long-1", long_question)) == [_response_text("utter_too_long")]
    urgent = "I have a question about the MNVP meeting next week and also. " * 90 + "I'm bleeding heavily right now"
    texts = _texts(servers.say("long-2", urgent))
    assert texts[0] == _response_text("utter_urgent_emergency_bleeding")


def test_an_urgent_message_while_the_form_waits_stops_it_and_offers_to_carry_on(servers: Servers) -> None:
    sender = "mid-form"
    servers.say(sender, "which activity suits my session?")
    assert "how many people" in servers.say(sender, "we want to brainstorm ideas")[0]["text"].lower()
    messages = servers.say(sender, "sorry cant think about this my baby hasnt moved all day")
    assert messages[0]["text"].strip() == _response_text("utter_urgent_baby_movements")
    assert messages[-1]["text"].strip() == _response_text("utter_after_urgent_form")
    [carry_on] = messages[-1]["buttons"]
    # Carrying on keeps what was said: the next question is the group size again, not the goal.
    assert "how many people" in servers.say(sender, carry_on["payload"])[0]["text"].lower()


@pytest.mark.parametrize(
    ("urgent", "then", "response"),
    [
        # Found by blind set 9: "That's fine" was all someone in crisis heard.
        (
            "i cant do this anymore. everyone wud be better off without me and the baby",
            "i dont want to ring anyone",
            "utter_urgent_mental_health_no_call",
        ),
        ("i want to end it all", "no", "utter_urgent_mental_health_no_call"),
        # Whatever the classifier makes of it ("talk on the phone" reads like asking for a person).
        ("i want to end it all", "i cant talk on the phone", "utter_urgent_mental_health_no_call"),
        ("my sister says she wants to die", "she won't phone anyone", "utter_urgent_mental_health_no_call_other"),
        (
            "baby not moved all day im 36 weeks",
            "i dont want to ring them at this time of night",
            "utter_urgent_baby_movements",
        ),
    ],
)
def test_someone_who_will_not_ring_anyone_after_urgent_help_is_not_left_there(
    servers: Servers, urgent: str, then: str, response: str
) -> None:
    sender = f"no-call-{response}-{len(then)}"
    assert (
        servers.say(sender, urgent)[0]["text"].strip().startswith(_response_text(response.replace("_no_call", ""))[:20])
    )
    assert _texts(servers.say(sender, then))[0].strip() == _response_text(response)


def test_no_on_its_own_is_fine(servers: Servers) -> None:
    assert _texts(servers.say("plain-no", "no thanks")) == [_response_text("utter_deny")]


def test_low_mood_gets_a_kind_answer_not_a_refusal(servers: Servers) -> None:
    messages = servers.say("low-mood", "is it normal to feel this low after having a baby")
    assert _texts(messages) == [_response_text("utter_low_mood")]


def test_a_question_about_taking_part_gets_an_mnvp_answer(servers: Servers) -> None:
    text = servers.say("taking-part", "can i bring my baby to mnvp meetings")[0]["text"]
    assert "medical advice" not in text
    assert "MNVP" in text
    assert "Source: https://" in text
