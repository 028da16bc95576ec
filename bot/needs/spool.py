"""The spool: an append-only file that keeps needs and feedback while the database is unavailable.

Each entry is one JSON line: `{"op": "insert", "table": …, "row": {…}}` or
`{"op": "detail", "id": …, "detail": …}`. Writers and the replayer take an exclusive `flock` on
the file, so entries from many threads and processes never interleave, and a replay never
truncates an entry it has not written.

Exactly once: every row carries its id from the start. Replay inserts only the ids the
database does not have, in one transaction, and empties the file only after the commit. A
crash after the commit and before the truncation replays rows that are already there, which
inserts nothing. A line that cannot be read (a crash in the middle of a write) is moved to
`<spool>.bad` for a person to look at, never dropped.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReplayResult:
    """What a replay did.

    Attributes:
        read: entries read from the spool.
        written: rows inserted or details applied (entries already in the database are not counted).
        bad: unreadable lines moved to the `.bad` file.
    """

    read: int = 0
    written: int = 0
    bad: int = 0


@contextmanager
def _locked(path: Path) -> Iterator[IO[bytes]]:
    path.parent.mkdir(parents=True, exist_ok=True)
    # Owner-only: the spool holds redacted text, but it is still the users' words.
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    with os.fdopen(fd, "r+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield handle
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def append(path: Path, entry: dict[str, Any]) -> None:
    """Adds one entry to the spool and makes sure it is on disk before returning."""
    line = (json.dumps(entry, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
    with _locked(path) as handle:
        end = handle.seek(0, os.SEEK_END)
        if end:
            # A write cut short by a crash left no newline: start a new line, so only that entry is bad.
            handle.seek(end - 1)
            if handle.read(1) != b"\n":
                line = b"\n" + line
            handle.seek(end)
        handle.write(line)
        handle.flush()
        os.fsync(handle.fileno())


def has_entries(path: Path) -> bool:
    """True when the spool holds something (a cheap check before taking the lock)."""
    try:
        return path.stat().st_size > 0
    except FileNotFoundError:
        return False


def pending(path: Path) -> int:
    """The number of entries waiting in the spool."""
    if not has_entries(path):
        return 0
    with _locked(path) as handle:
        return sum(1 for line in handle if line.strip())


def replay(path: Path, write: Any) -> ReplayResult:
    """Writes the spooled entries with `write(entries) -> int`, then empties the spool.

    Args:
        path: the spool file.
        write: writes every entry in one transaction, skipping rows that are already
            stored, and returns how many it wrote. If it raises, the spool is left as it was.

    Returns:
        What was read, written and set aside.
    """
    if not has_entries(path):
        return ReplayResult()
    with _locked(path) as handle:
        entries: list[dict[str, Any]] = []
        bad: list[str] = []
        for raw in handle:
            line = raw.decode("utf-8", "replace").strip()
            if not line:
                continue
            try:
                entry = json.loads(line)
                if not isinstance(entry, dict) or entry.get("op") not in ("insert", "detail"):
                    raise ValueError("not a spool entry")
                entries.append(entry)
            except ValueError:
                bad.append(line + "\n")
        written = write(entries) if entries else 0
        if bad:
            with (path.parent / (path.name + ".bad")).open("a", encoding="utf-8") as rejects:
                rejects.writelines(bad)
            logger.error("%d unreadable spool line(s) moved to %s.bad", len(bad), path.name)
        handle.seek(0)
        handle.truncate()
        handle.flush()
        os.fsync(handle.fileno())
    return ReplayResult(read=len(entries), written=written, bad=len(bad))


def set_aside(path: Path, entries: list[dict[str, Any]] | Any) -> None:
    """Keeps entries the database refused in `<spool>.bad`, for a person to look at."""
    bad = path.parent / (path.name + ".bad")
    bad.parent.mkdir(parents=True, exist_ok=True)
    with bad.open("a", encoding="utf-8") as handle:
        for entry in entries:
            handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
