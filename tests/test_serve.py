"""Starting the servers: command lines, the generated endpoints file, settings."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.serve import ServeOptions, commands, write_endpoints
from bot.settings import DEFAULT_CONTACT_ROUTE, load_settings


def _options(tmp_path: Path) -> ServeOptions:
    return ServeOptions(rasa_port=6105, action_port=6155, model=tmp_path / "m.tar.gz", run_dir=tmp_path)


def test_write_endpoints_points_rasa_at_the_chosen_action_port(tmp_path: Path) -> None:
    path = write_endpoints(_options(tmp_path))
    endpoints = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert endpoints["action_endpoint"]["url"] == "http://localhost:6155/webhook"
    assert endpoints["tracker_store"]["type"] == "bot.rasa_ext.tracker_store.DatabaseUrlTrackerStore"


def test_api_is_off_without_a_token(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RASA_API_TOKEN", raising=False)
    _, rasa = commands(_options(tmp_path), load_settings())
    assert "--enable-api" not in rasa
    assert rasa[rasa.index("--port") + 1] == "6105"


def test_api_is_on_and_guarded_with_a_token(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RASA_API_TOKEN", "s3cret")
    _, rasa = commands(_options(tmp_path), load_settings())
    assert "--enable-api" in rasa
    assert rasa[rasa.index("--auth-token") + 1] == "s3cret"


def test_cors_origins_come_from_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALLOWED_ORIGINS", "https://a.example, https://b.example")
    _, rasa = commands(_options(tmp_path), load_settings())
    cors = rasa[rasa.index("--cors") + 1 :]
    assert cors[:2] == ["https://a.example", "https://b.example"]
    assert "*" not in rasa


def test_action_server_gets_its_port(tmp_path: Path) -> None:
    actions, _ = commands(_options(tmp_path), load_settings())
    assert actions[1:3] == ["run", "actions"]
    assert actions[actions.index("--port") + 1] == "6155"


def test_settings_defaults_and_bad_port(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DATABASE_URL", "CONTACT_ROUTE", "RASA_PORT"):
        monkeypatch.delenv(name, raising=False)
    settings = load_settings()
    assert settings.database_url.startswith("sqlite:///")
    assert settings.contact_route == DEFAULT_CONTACT_ROUTE
    assert settings.rasa_port == 5005
    monkeypatch.setenv("RASA_PORT", "five")
    with pytest.raises(ValueError, match="RASA_PORT must be a whole number"):
        load_settings()
