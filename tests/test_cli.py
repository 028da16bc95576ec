"""The `bot` command line: what every command does before its own work."""

from __future__ import annotations


def test_a_command_that_uses_the_database_migrates_it_first(tmp_path, monkeypatch, capsys) -> None:
    from bot.cli import main

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'new.db'}")
    assert main(["needs", "report"]) == 0
    assert "needs" in capsys.readouterr().out.lower()
