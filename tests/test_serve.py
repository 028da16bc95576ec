"""Starting the servers: command lines, the generated endpoints file, settings."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from bot.ops.serve import ServeOptions, commands, stop, write_endpoints
from bot.settings import load_settings


def _options(tmp_path: Path) -> ServeOptions:
    return ServeOptions(rasa_port=6105, action_port=6155, model=tmp_path / "m.tar.gz", run_dir=tmp_path)


def test_write_endpoints_points_rasa_at_the_chosen_action_port(tmp_path: Path) -> None:
    path = write_endpoints(_options(tmp_path))
    endpoints = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert endpoints["action_endpoint"]["url"] == "http://localhost:6155/webhook"
    assert endpoints["tracker_store"]["type"] == "bot.rasa_ext.tracker_store.DatabaseUrlTrackerStore"


def test_api_is_off_without_a_token(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.rasa_ext.launch import rasa_argv

    monkeypatch.delenv("RASA_API_TOKEN", raising=False)
    _, rasa = commands(_options(tmp_path), load_settings())
    assert rasa[rasa.index("--port") + 1] == "6105"
    assert "--enable-api" not in rasa_argv(rasa[4:], load_settings())


def test_api_is_on_and_its_token_never_on_a_command_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.rasa_ext.launch import rasa_argv

    monkeypatch.setenv("RASA_API_TOKEN", "s3cret")
    _, rasa = commands(_options(tmp_path), load_settings())
    # `ps` shows command lines to every local user: the launcher reads the token from the environment.
    assert rasa[1:4] == ["-m", "bot.rasa_ext.launch", "rasa"]
    assert "s3cret" not in " ".join(rasa)
    inside = rasa_argv(rasa[4:], load_settings())
    assert "--enable-api" in inside
    assert inside[inside.index("--auth-token") + 1] == "s3cret"


@pytest.mark.parametrize(("value", "host"), [(None, "127.0.0.1"), ("0.0.0.0", "0.0.0.0")])
def test_servers_listen_on_this_machine_only_unless_configured(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str | None, host: str
) -> None:
    from bot.rasa_ext.launch import rasa_argv

    if value is None:
        monkeypatch.delenv("BIND_HOST", raising=False)
    else:
        monkeypatch.setenv("BIND_HOST", value)
    settings = load_settings()
    assert settings.bind_host == host
    _, rasa = commands(_options(tmp_path), settings)
    inside = rasa_argv(rasa[4:], settings)
    assert inside[inside.index("--interface") + 1] == host


def test_cors_origins_come_from_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALLOWED_ORIGINS", "https://a.example, https://b.example")
    _, rasa = commands(_options(tmp_path), load_settings())
    cors = rasa[rasa.index("--cors") + 1 :]
    assert cors[:2] == ["https://a.example", "https://b.example"]
    assert "*" not in rasa


def test_action_server_gets_its_port(tmp_path: Path) -> None:
    actions, _ = commands(_options(tmp_path), load_settings())
    assert actions[1:4] == ["-m", "bot.rasa_ext.launch", "actions"]
    assert actions[actions.index("--port") + 1] == "6155"


def test_settings_defaults_and_bad_port(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DATABASE_URL", "CONTACT_ROUTE", "RASA_PORT"):
        monkeypatch.delenv(name, raising=False)
    settings = load_settings()
    assert settings.database_url.startswith("sqlite:///")
    assert settings.contact_route == ""
    assert settings.rasa_port == 5005
    monkeypatch.setenv("RASA_PORT", "five")
    with pytest.raises(ValueError, match="RASA_PORT must be a whole number"):
        load_settings()


def test_env_file_fills_what_the_environment_leaves_unset(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text(
        '# comment\nRASA_PORT=6000\nCONTACT_ROUTE="the Kernow MNVP"\nDATABASE_URL=sqlite:///from-file.db\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("BOT_ENV_FILE", str(env_file))
    monkeypatch.delenv("RASA_PORT", raising=False)
    monkeypatch.delenv("CONTACT_ROUTE", raising=False)
    monkeypatch.setenv("DATABASE_URL", "sqlite:///from-environment.db")
    settings = load_settings()
    assert settings.rasa_port == 6000
    assert settings.contact_route == "the Kernow MNVP"
    assert settings.database_url == "sqlite:///from-environment.db"


def _child(code: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-c", code], start_new_session=True)


def test_stop_ends_processes_that_obey_ctrl_c() -> None:
    children = [_child("import time\ntime.sleep(60)") for _ in range(2)]
    stop(children, grace=20)
    # Ended by the SIGINT itself, or by Python's KeyboardInterrupt (exit 1): never killed.
    assert all(c.returncode in (1, -signal.SIGINT) for c in children), [c.returncode for c in children]


def test_stop_kills_a_process_that_ignores_ctrl_c() -> None:
    stubborn = _child("import signal, time\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\ntime.sleep(60)")
    time.sleep(0.5)  # let it install its handler
    stop([stubborn], grace=1)
    assert stubborn.returncode == -signal.SIGKILL


def test_make_run_restarts_every_server_and_shares_a_secret_token(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One replica (make run): a killed action server once took Rasa and the web process down.
    from bot.ops.serve import servers

    monkeypatch.delenv("ACTION_SERVER_TOKEN", raising=False)
    options = ServeOptions(rasa_port=6105, action_port=6155, web_port=6180, run_dir=tmp_path)
    children = servers(options, load_settings())
    assert [c.name for c in children] == ["action server :6155", "Rasa server :6105", "web process :6180"]
    assert all(c.restartable for c in children)
    tokens = {c.env["ACTION_SERVER_TOKEN"] for c in children if c.env}
    assert len(tokens) == 1
    assert len(tokens.pop()) >= 32
    again = servers(options, load_settings())
    assert again[0].env["ACTION_SERVER_TOKEN"] != children[0].env["ACTION_SERVER_TOKEN"]  # random per run
    for child in children:
        assert not any(part == child.env["ACTION_SERVER_TOKEN"] for part in child.command)
