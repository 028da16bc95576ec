"""Consistency of the project's files: domain, responses, data, actions, config and docs."""

from __future__ import annotations

import importlib.metadata
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from rasa_sdk.executor import ActionExecutor

from bot.cli import build_parser
from tests.conftest import ROOT, SOURCES, load_yaml

URL = re.compile(r"https?://[^\s)>\]]+")
WELL_FORMED_URL = re.compile(r"^https?://[a-z0-9.-]+\.[a-z]{2,}(/[\w\-./?%&=#~+:,;@!*'()]*)?$", re.IGNORECASE)


def _domain() -> dict:
    return load_yaml(ROOT / "domain.yml")


def _faq_responses() -> dict:
    return load_yaml(ROOT / "data" / "responses" / "faq.yml")["responses"]


def _more_responses() -> dict:
    return load_yaml(ROOT / "data" / "responses" / "more.yml")["responses"]


def _all_responses() -> dict:
    return {**_domain()["responses"], **_faq_responses(), **_more_responses()}


def _response_texts() -> list[tuple[str, str]]:
    return [(name, v.get("text", "")) for name, variants in _all_responses().items() for v in variants]


ENTITY = re.compile(r"\[([^\]]+)\]\([^)]+\)")


def _nlu_examples() -> dict[str, list[str]]:
    examples: dict[str, list[str]] = {}
    for path in sorted((ROOT / "data" / "nlu").glob("*.yml")):
        for item in load_yaml(path).get("nlu", []):
            if "intent" in item:
                lines = [
                    ENTITY.sub(r"\1", line[2:].strip())
                    for line in item["examples"].splitlines()
                    if line.startswith("- ")
                ]
                examples.setdefault(item["intent"], []).extend(lines)
    return examples


def test_every_domain_action_is_registered_by_the_action_server() -> None:
    executor = ActionExecutor()
    executor.register_package("actions")
    assert set(_domain()["actions"]) <= set(executor.actions)


def test_every_registered_action_is_in_the_domain() -> None:
    executor = ActionExecutor()
    executor.register_package("actions")
    assert set(executor.actions) <= set(_domain()["actions"])


def test_every_link_in_responses_is_well_formed() -> None:
    links = [(name, url) for name, text in _response_texts() for url in URL.findall(text)]
    assert links
    bad = [(name, url) for name, url in links if not WELL_FORMED_URL.match(url) or url.endswith((".", ","))]
    assert bad == []


def test_every_link_in_responses_comes_from_the_sources_page() -> None:
    facts = SOURCES.read_text(encoding="utf-8")
    # Whole URLs only: a truncated link must not pass because it is the start of a real one.
    known = set(URL.findall(facts))
    invented = [(name, url) for name, text in _response_texts() for url in URL.findall(text) if url not in known]
    assert invented == []


def test_every_knowledge_answer_ends_with_its_source_link() -> None:
    for name, variants in {**_faq_responses(), **_more_responses()}.items():
        for variant in variants:
            last = variant["text"].strip().splitlines()[-1]
            assert re.fullmatch(r"Source: https?://\S+", last), name


def test_every_faq_answer_has_training_examples_and_a_topic() -> None:
    answers = {name.removeprefix("utter_") for name in _faq_responses()}
    examples = {intent for intent in _nlu_examples() if intent.startswith("faq/")}
    topics = {t["intent"] for t in load_yaml(ROOT / "data" / "topics.yml")["topics"]}
    assert answers == examples
    assert answers <= topics
    # 34 knowledge answers; "which activity should I use?" became the activity form (choose_activity).
    assert len(answers) >= 34
    assert "faq/choose_activity" not in answers
    assert "choose_activity" in _domain()["intents"]
    assert "choose_activity" in topics


def test_tell_me_more_leads_to_the_rest_of_each_knowledge_answer() -> None:
    # Short first, more on request (issue 15): an answer with a longer part offers "Tell me more",
    # whose payload is a `tell_more` example, and every longer part belongs to an answer.
    faq = _faq_responses()
    more = _more_responses()
    tell_more = {" ".join(e.lower().split()) for e in _nlu_examples()["tell_more"]}
    assert set(more) <= {f"utter_more_{name.removeprefix('utter_faq/')}" for name in faq}
    offered = set()
    for name, variants in faq.items():
        buttons = variants[0].get("buttons", [])
        payloads = [b["payload"] for b in buttons if b["title"] == "Tell me more"]
        if payloads:
            assert " ".join(payloads[0].lower().split()) in tell_more, name
            assert buttons[0]["title"] == "Tell me more", name  # first, where a small screen shows it
            offered.add(f"utter_more_{name.removeprefix('utter_faq/')}")
    assert offered == set(more)
    assert len(more) >= 40


GUARD_INTENTS = {"too_long", "share_story", "local_details", "movements_info"}


def test_every_domain_intent_has_enough_examples() -> None:
    examples = _nlu_examples()
    for intent in _domain()["intents"]:
        if intent == "faq" or intent.startswith("urgent_") or intent in GUARD_INTENTS:
            continue
        assert len(examples.get(intent, [])) >= 12, intent


def test_intents_set_by_a_guard_are_never_learnt() -> None:
    # `too_long`, `share_story` and `local_details` are decided by the message's length and shape
    # (bot/rasa_ext/language_guard.py), not learnt from examples.
    assert GUARD_INTENTS <= set(_domain()["intents"])
    assert not GUARD_INTENTS & set(_nlu_examples())


def test_urgent_intents_are_left_to_the_safety_guard() -> None:
    # Trained into DIET, urgent examples made it route ordinary messages ("that story was
    # really moving") to 999. Only the guard sets urgent_* intents.
    assert not [intent for intent in _nlu_examples() if intent.startswith("urgent_")]
    assert [i for i in _domain()["intents"] if i.startswith("urgent_")]


def test_no_training_example_is_under_two_intents() -> None:
    seen: dict[str, str] = {}
    clashes = []
    for intent, lines in _nlu_examples().items():
        for line in lines:
            key = " ".join(line.lower().split())
            if key in seen and seen[key] != intent:
                clashes.append((line, seen[key], intent))
            seen[key] = intent
    assert clashes == []


def test_button_payloads_are_training_examples() -> None:
    # A button sends its payload as a message: it must be text the NLU was trained on.
    all_examples = {" ".join(e.lower().split()) for lines in _nlu_examples().values() for e in lines}
    payloads = {
        b["payload"] for _, variants in _all_responses().items() for v in variants for b in v.get("buttons", [])
    }
    assert payloads
    # "/intent{...}" payloads trigger an intent directly (no NLU): the intent must be in the domain.
    triggers = {p for p in payloads if p.startswith("/")}
    assert {p[1:].split("{")[0] for p in triggers} <= set(_domain()["intents"])
    texts = payloads - triggers
    assert {p for p in texts if " ".join(p.lower().split()) not in all_examples} == set()


@pytest.mark.parametrize(
    ("response", "must_say"),
    [
        ("utter_urgent_emergency", ["999"]),
        # Issue 13: an urgent answer carries the route for what was described, not the others.
        ("utter_urgent_baby_movements", ["maternity unit", "now", "Don't wait until tomorrow", "night"]),
        ("utter_urgent_maternity_triage", ["maternity unit", "now", "999"]),
        ("utter_urgent_mental_health", ["111", "mental health option", "116 123", "SHOUT", "85258", "999"]),
        ("utter_clinical_referral", ["can't give medical advice", "midwife", "111", "999"]),
        ("utter_greet", ["automated assistant", "can't give medical advice"]),
    ],
)
def test_safety_responses_give_the_right_routes(response: str, must_say: list[str]) -> None:
    text = _domain()["responses"][response][0]["text"]
    for phrase in must_say:
        assert phrase in text, (response, phrase)


@pytest.mark.parametrize("name", ["credentials.yml", "endpoints.yml"])
def test_default_rasa_files_have_no_environment_placeholders(name: str) -> None:
    # Rasa aborts at start-up on an unset ${VAR} and has no default syntax.
    assert "${" not in (ROOT / name).read_text(encoding="utf-8")


def test_socketio_keeps_session_persistence_and_the_working_python_socketio() -> None:
    socketio = load_yaml(ROOT / "credentials.yml")["bot.rasa_ext.channels.SocketIOChannel"]
    assert socketio["session_persistence"] is True
    # 5.10+ makes enter_room a coroutine Rasa 3.6 does not await: replies never arrive.
    assert importlib.metadata.version("python-socketio") == "5.9.0"
    assert "python-socketio==5.9.0" in (ROOT / "requirements.txt").read_text(encoding="utf-8")


def test_credentials_name_our_channels_and_hold_no_secrets_or_placeholders() -> None:
    from bot.rasa_ext.channels import CallbackChannel, SocketIOChannel, TwilioChannel

    credentials = load_yaml(ROOT / "credentials.yml")
    for channel in (SocketIOChannel, TwilioChannel, CallbackChannel):
        assert f"{channel.__module__}.{channel.__name__}" in credentials
    text = (ROOT / "credentials.yml").read_text(encoding="utf-8")
    assert "${" not in text  # Rasa aborts on an unset placeholder
    assert "auth_token" not in text


def test_requirements_are_all_pinned() -> None:
    for name in ("requirements.txt", "requirements.in"):
        for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
            line = line.split("#")[0].strip()
            if line:
                assert re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[\w.+\-]+", line), (name, line)


def _cli_commands() -> list[list[str]]:
    parser = build_parser()
    found = []

    def walk(p, prefix):
        for action in p._actions:
            if action.__class__.__name__ == "_SubParsersAction":
                for name, sub in action.choices.items():
                    walk(sub, [*prefix, name])
                return
        found.append(prefix)

    walk(parser, [])
    return found


def test_every_cli_command_has_help_and_is_in_the_readme(capsys: pytest.CaptureFixture[str]) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = _cli_commands()
    assert ["serve"] in commands
    for command in commands:
        with pytest.raises(SystemExit) as done:
            build_parser().parse_args([*command, "--help"])
        assert done.value.code == 0
        assert "usage:" in capsys.readouterr().out
        assert f"python -m bot {' '.join(command)}" in readme, command


def test_readme_shows_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(r"^make run$", readme, re.MULTILINE)
    assert re.search(r"^make test$", readme, re.MULTILINE)


def test_env_example_lists_every_setting() -> None:
    settings_source = (ROOT / "bot" / "settings.py").read_text(encoding="utf-8")
    names = set(re.findall(r'_(?:get|int_from_env|float_from_env)\((?:_get, )?"([A-Z_]+)"', settings_source))
    assert {"RASA_PORT", "ACTION_TIMEOUT_SECONDS"} <= names  # the numeric ones too
    assert {"DATABASE_URL", "RASA_API_TOKEN", "CONTACT_ROUTE"} <= names
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in names:
        assert re.search(rf"^#?\s*{name}=", example, re.MULTILINE), name
        assert f"`{name}`" in readme, name


def test_topics_file_is_not_rasa_training_data() -> None:
    data = yaml.safe_load((ROOT / "data" / "topics.yml").read_text(encoding="utf-8"))
    assert not {"nlu", "responses", "stories", "rules"} & set(data)


# What the project makes or downloads: never in git (models, databases, caches, environments).
GENERATED = re.compile(
    r"(^|/)(\.venv|var|models|node_modules|\.hypothesis|\.pytest_cache|\.ruff_cache|\.mypy_cache|__pycache__|"
    r"results|\.rasa)/|\.(pyc|db|sqlite3|tar\.gz)$|(^|/)\.env$"
    # A worktree's .venv may be a link to another's: a file, not a folder, and never tracked either.
    r"|(^|/)\.venv$"
)


def test_nothing_generated_is_tracked() -> None:
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert [path for path in tracked.splitlines() if GENERATED.search(path)] == []
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").split()
    for entry in (".venv", "var/", "models/", "node_modules/", ".env", ".hypothesis/"):
        assert entry in ignored


# Shapes of real credentials: Twilio account SIDs, private keys, cloud and chat tokens, and a
# value assigned to a password/secret/token setting (tests use short made-up ones).
SECRET_SHAPES = re.compile(
    r"AC[0-9a-f]{32}|-----BEGIN [A-Z ]*PRIVATE KEY-----|AKIA[0-9A-Z]{16}|ghp_[A-Za-z0-9]{36}|xox[abp]-[0-9A-Za-z-]{10,}"
    r"|(?:PASSWORD|SECRET|TOKEN|SALT|AUTH_TOKEN|ACCOUNT_SID)=\S{12,}"
)


def test_no_secret_is_tracked_in_git() -> None:
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    found = []
    for name in files.split():
        path = ROOT / name
        if name.endswith(("package-lock.json", ".png")) or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        found += [f"{name}: {match.group(0)[:24]}…" for match in SECRET_SHAPES.finditer(text)]
    assert found == []
    assert SECRET_SHAPES.search("TWILIO_AUTH_TOKEN=" + "0123456789abcdef0123")  # the check itself works


def test_bot_imports_rasa_only_in_rasa_ext() -> None:
    offenders = []
    for path in (ROOT / "bot").rglob("*.py"):
        if "rasa_ext" in path.parts:
            continue
        if re.search(r"^\s*(from|import)\s+rasa(_sdk)?\b", path.read_text(encoding="utf-8"), re.MULTILINE):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_actions_never_import_rasa_ext() -> None:
    for path in Path(ROOT / "actions").glob("*.py"):
        assert "rasa_ext" not in path.read_text(encoding="utf-8"), path


def test_every_response_the_code_sends_is_in_the_domain() -> None:
    from tests.tools.validate import responses_used_by_actions

    used = responses_used_by_actions()
    assert {"utter_search_results", "utter_search_hit", "utter_resource_details"} <= used
    assert used - set(_all_responses()) == set()
