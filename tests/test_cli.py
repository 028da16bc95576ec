"""The `bot` command line: what every command does before its own work."""

from __future__ import annotations


def test_a_command_that_uses_the_database_migrates_it_first(tmp_path, monkeypatch, capsys) -> None:
    from bot.cli import main

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'new.db'}")
    assert main(["needs", "report"]) == 0
    assert "needs" in capsys.readouterr().out.lower()


def test_the_newest_migration_is_read_from_the_files_as_alembic_reads_it(root) -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from bot.db import MIGRATIONS_DIR, latest_revision

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    assert [latest_revision()] == ScriptDirectory.from_config(config).get_heads()


def test_an_unclear_set_of_migrations_leaves_the_decision_to_alembic(tmp_path) -> None:
    from bot.db import latest_revision

    (tmp_path / "0001_a.py").write_text('revision = "0001"\ndown_revision = None\n')
    (tmp_path / "0002_b.py").write_text('revision = "0002"\ndown_revision = "0001"\n')
    assert latest_revision(tmp_path) == "0002"
    (tmp_path / "0003_c.py").write_text('revision = "0003"\ndown_revision = "0001"\n')  # two newest
    assert latest_revision(tmp_path) is None
    (tmp_path / "0003_c.py").write_text('revision: str = "0003"\n')  # no down_revision line
    assert latest_revision(tmp_path) is None


def test_a_current_database_is_not_migrated_again_and_an_old_one_is(tmp_path, monkeypatch) -> None:
    import sqlalchemy as sa

    from bot.db import get_engine, is_current, latest_revision, upgrade

    engine = get_engine(f"sqlite:///{tmp_path / 'db.db'}")
    assert not is_current(engine)
    upgrade(engine)
    assert is_current(engine)
    with engine.begin() as connection:
        connection.execute(sa.text("UPDATE alembic_version SET version_num = '0001'"))
        connection.execute(sa.text("DROP TABLE unmet_needs"))
        connection.execute(sa.text("DROP TABLE feedback"))
        connection.execute(sa.text("DROP TABLE staff_sessions"))
    assert not is_current(engine)
    upgrade(engine)
    with engine.connect() as connection:
        assert connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one() == latest_revision()
        connection.execute(sa.text("SELECT count(*) FROM unmet_needs")).scalar_one()
        connection.execute(sa.text("SELECT count(*) FROM staff_sessions")).scalar_one()


def test_the_command_line_does_not_load_tensorflow(root, tmp_path) -> None:
    # spaCy's thinc imports TensorFlow whenever it is installed: seconds before any answer.
    import os
    import subprocess
    import sys

    code = (
        "import runpy, sys; sys.argv = ['bot', 'catalogue', 'search', 'fish bowl'];\n"
        "try:\n    runpy.run_module('bot', run_name='__main__')\nexcept SystemExit:\n    pass\n"
        "print('tensorflow loaded' if sys.modules.get('tensorflow') else 'no tensorflow', file=sys.stderr)"
    )
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{tmp_path / 'cli.db'}", PYTHONPATH=str(root))
    done = subprocess.run([sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().endswith("no tensorflow")
