"""The link checker, against a local HTTP server (never the internet)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.catalogue.links import check_links, check_url, format_link_report
from bot.catalogue.loader import load_catalogue
from bot.catalogue.model import Resource, ResourceInfo
from bot.db import get_engine, session_factory, upgrade


class Handler(BaseHTTPRequestHandler):
    """/ok 200, /missing 404, /moved → /ok, /slow waits, /no-head answers HEAD with 405."""

    def _answer(self, body: bool) -> None:
        if self.path == "/slow":
            time.sleep(2)
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
            self.end_headers()
            return
        if self.path == "/no-head" and self.command == "HEAD":
            self.send_response(405)
            self.end_headers()
            return
        status = 404 if self.path == "/missing" else 200
        self.send_response(status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        if body:
            self.wfile.write(b"ok")

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def do_GET(self) -> None:
        self._answer(body=True)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_check_url_outcomes(server: str) -> None:
    assert check_url(f"{server}/ok")[0] == 200
    assert check_url(f"{server}/missing")[0] == 404
    status, final_url, error = check_url(f"{server}/moved")
    assert (status, error) == (200, None)
    assert final_url == f"{server}/ok"
    assert check_url(f"{server}/no-head")[0] == 200  # HEAD refused, GET works
    assert check_url(f"{server}/slow", timeout=0.5) == (None, None, "timed out after 0.5 s")
    assert check_url(f"http://127.0.0.1:{_closed_port()}/") == (None, None, "could not connect")


def _resource(resource_id: str, url: str) -> ResourceInfo:
    return ResourceInfo(resource_id, resource_id, url, True, "p", "s.", "staff", "guide", ("t",))


def test_check_links_records_each_result_and_deletes_nothing(server: str, tmp_path: Path) -> None:
    engine = get_engine(f"sqlite:///{tmp_path / 'links.db'}")
    upgrade(engine)
    paths = {"fine": "/ok", "gone": "/missing", "moved": "/moved", "slow": "/slow"}
    resources = [_resource(k, server + v) for k, v in paths.items()]
    resources.append(_resource("refused", f"http://127.0.0.1:{_closed_port()}/"))
    load_catalogue(tmp_path, engine=engine, resources=resources)
    results = {r.resource_id: r for r in check_links(engine=engine, timeout=0.5, workers=4)}
    assert {k for k, r in results.items() if r.ok} == {"fine", "moved"}
    with session_factory(engine)() as session:
        rows = {row.id: row for row in session.scalars(sa.select(Resource))}
    assert set(rows) == set(results)  # broken links are flagged, not deleted
    assert (rows["gone"].link_ok, rows["gone"].link_status, rows["gone"].link_error) == (False, 404, "HTTP 404")
    assert rows["slow"].link_error == "timed out after 0.5 s"
    assert rows["refused"].link_error == "could not connect"
    assert rows["fine"].link_ok is True
    assert all(row.link_checked_at is not None for row in rows.values())
    report = format_link_report(list(results.values()))
    assert "BROKEN  gone" in report
    assert "MOVED   moved" in report
    assert report.endswith("5 links checked: 2 working, 3 broken.")


def test_a_reload_keeps_link_results(server: str, tmp_path: Path) -> None:
    engine = get_engine(f"sqlite:///{tmp_path / 'links.db'}")
    upgrade(engine)
    resources = [_resource("fine", f"{server}/ok")]
    load_catalogue(tmp_path, engine=engine, resources=resources)
    check_links(engine=engine, timeout=2)
    load_catalogue(tmp_path, engine=engine, resources=resources)
    with session_factory(engine)() as session:
        assert session.get(Resource, "fine").link_status == 200
