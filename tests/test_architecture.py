"""The house's rules (docs/architecture.md), checked on the code's own imports.

- Only bot/rasa_ext/ imports Rasa; actions/ never imports bot/rasa_ext/.
- Each room (package) has one public face: outsiders import the package, not its modules.
- The ground floor (text, privacy, safety, and the shared modules) never imports a feature.
- Nothing in the project reads or points to the team's folder beside it (a user's clone has none).
"""

from __future__ import annotations

import ast
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT

ROOMS = ("catalogue", "activities", "needs", "safety", "privacy", "text")
FEATURES = {"catalogue", "activities", "needs", "flows", "web", "ops", "rasa_ext", "cli", "links"}
GROUND = {"text", "privacy", "safety", "settings", "db", "breaker", "replies", "intents", "topics", "numbered"}


def _imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.append(node.module)
    return found


def _room(path: Path) -> str:
    relative = path.relative_to(ROOT)
    if relative.parts[0] != "bot":
        return relative.parts[0]
    return relative.parts[1] if len(relative.parts) > 2 else relative.stem


SOURCES = sorted([*(ROOT / "bot").rglob("*.py"), *(ROOT / "actions").glob("*.py")])


def test_only_rasa_ext_imports_rasa_and_actions_never_import_it() -> None:
    for path in SOURCES:
        room = _room(path)
        for module in _imports(path):
            top = module.split(".")[0]
            if room not in ("rasa_ext", "actions"):
                assert top not in ("rasa", "rasa_sdk"), (path, module)
            if room == "actions":
                assert not module.startswith("bot.rasa_ext"), (path, module)


def test_outsiders_import_a_room_only_through_its_public_face() -> None:
    wrong = []
    for path in SOURCES:
        room = _room(path)
        for module in _imports(path):
            parts = module.split(".")
            if parts[0] == "bot" and len(parts) > 2 and parts[1] in ROOMS and parts[1] != room:
                wrong.append((str(path.relative_to(ROOT)), module))
    assert wrong == []


@pytest.mark.parametrize("room", sorted(GROUND))
def test_the_ground_floor_never_imports_a_feature(room: str) -> None:
    paths = [p for p in SOURCES if _room(p) == room]
    assert paths, room
    for path in paths:
        for module in _imports(path):
            parts = module.split(".")
            assert not (parts[0] == "bot" and len(parts) > 1 and parts[1] in FEATURES), (path, module)


def test_nothing_reads_or_points_to_the_team_folder() -> None:
    tracked = subprocess.run(
        # The pattern is built here so that this file does not match it.
        ["git", "grep", "-lE", "\\.\\./" + "shared|/work/" + "shared", "--", ".", ":!CHANGELOG.md"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.split()
    assert tracked == []
