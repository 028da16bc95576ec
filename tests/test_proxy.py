"""The production layout's nginx configuration and start-up checks (no servers started)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from bot.ops.proxy import ProxyLayout, find_nginx, nginx_config, write_config
from bot.ops.serve import ServeOptions, health_urls, production_problem
from bot.settings import load_settings

LAYOUT = ProxyLayout(listen_port=18080, rasa_ports=(15005, 15006), web_port=18000, run_dir=Path("/tmp/x"))


def test_config_routes_rest_round_robin_socketio_sticky_and_the_rest_to_the_web_process() -> None:
    config = nginx_config(LAYOUT)
    assert "listen 18080;" in config
    assert config.count("server 127.0.0.1:15005") == 2  # in both upstreams
    assert "ip_hash;" in config.split("upstream rasa_sticky")[1].split("}")[0]
    assert "location /socket.io/" in config
    assert "proxy_pass http://rasa_sticky;" in config
    assert "proxy_pass http://web;" in config
    assert "client_max_body_size 32k;" in config
    assert "limit_req_status 429;" in config


def test_the_generated_config_is_valid_for_nginx(tmp_path: Path) -> None:
    nginx = find_nginx()
    if nginx is None:
        pytest.fail("nginx is needed: run `scripts/system-packages nginx`")
    config = write_config(ProxyLayout(18080, (15005, 15006), 18000, tmp_path / "nginx"))
    result = subprocess.run([nginx, "-t", "-p", str(config.parent), "-c", str(config)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_replicas_need_postgresql_and_redis(monkeypatch: pytest.MonkeyPatch) -> None:
    options = ServeOptions(rasa_port=5005, action_port=5055, web_port=8000, replicas=2, proxy_port=8080)
    monkeypatch.setenv("DATABASE_URL", "sqlite:///x.db")
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/0")
    assert "PostgreSQL" in production_problem(options, load_settings())
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg2://postgres@127.0.0.1/x")
    monkeypatch.setenv("REDIS_URL", "")
    assert "Redis" in production_problem(options, load_settings())
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/0")
    assert production_problem(options, load_settings()) is None


def test_every_replica_and_the_proxy_are_waited_for() -> None:
    options = ServeOptions(rasa_port=5005, action_port=5055, web_port=8000, replicas=2, proxy_port=8080)
    assert health_urls(options) == [
        "http://localhost:5055/health",
        "http://localhost:5005/",
        "http://localhost:5056/health",
        "http://localhost:5006/",
        "http://localhost:8000/health",
        "http://localhost:8080/health",
    ]
