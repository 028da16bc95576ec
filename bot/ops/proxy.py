"""The nginx front for the production layout (`make run-prod`): one port for everything.

nginx listens on the proxy port and sends:
- `/webhooks/` (REST, Twilio, callback) to the Rasa replicas in turn: they share the
  PostgreSQL tracker store and the Redis lock store, so any replica can take any message;
- `/socket.io/` to one replica per client address (sticky), since a socket.io session lives in
  one process; if that replica dies, the client reconnects and lands on another;
- everything else (demo page, widget files, staff page) to the web process.

It limits the request size and the request rate per client address, and tries the next replica
when one fails. `nginx_config` writes the file; `nginx_command` runs nginx in the foreground with
its files under `run_dir`, so no system configuration is touched.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

NGINX_CANDIDATES = ("nginx", "/usr/sbin/nginx", "/usr/local/sbin/nginx")
MAX_BODY = "32k"  # a chat message is at most 5,000 characters (up to 4 bytes each); Twilio posts are small
BURST = 30  # requests a client address may send at once above its steady rate


@dataclass(frozen=True)
class ProxyLayout:
    """Where nginx listens and what it sends where.

    Attributes:
        listen_port: the public port.
        rasa_ports: one per Rasa replica.
        web_port: the web process.
        run_dir: nginx's config, pid, logs and temporary files.
        rate: requests per second allowed per client address (PROXY_RATE_PER_SECOND).
    """

    listen_port: int
    rasa_ports: tuple[int, ...]
    web_port: int
    run_dir: Path
    rate: int = 10


def find_nginx() -> str | None:
    """The nginx binary, or None when it is not installed."""
    for candidate in NGINX_CANDIDATES:
        found = shutil.which(candidate) or (candidate if Path(candidate).is_file() else None)
        if found:
            return found
    return None


TEMPLATE = Path(__file__).with_name("nginx.conf.j2")


def nginx_config(layout: ProxyLayout) -> str:
    """The nginx configuration for `layout` (from the template bot/ops/nginx.conf.j2)."""
    from jinja2 import Environment, StrictUndefined

    # An nginx file, not HTML: nothing to escape, and every value comes from our own settings.
    environment = Environment(undefined=StrictUndefined, keep_trailing_newline=True, autoescape=False)  # noqa: S701
    template = environment.from_string(TEMPLATE.read_text(encoding="utf-8"))
    return template.render(layout=layout, MAX_BODY=MAX_BODY, BURST=BURST)


def write_config(layout: ProxyLayout) -> Path:
    """Writes the configuration and the folders nginx needs; returns the config file."""
    layout.run_dir.mkdir(parents=True, exist_ok=True)
    for folder in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (layout.run_dir / folder).mkdir(exist_ok=True)
        if os.geteuid() == 0:  # nginx's workers run as nobody when started by root
            shutil.chown(layout.run_dir / folder, user="nobody")
    path = layout.run_dir / "nginx.conf"
    path.write_text(nginx_config(layout), encoding="utf-8")
    return path


def nginx_command(nginx: str, config: Path) -> list[str]:
    """nginx in the foreground with `config` (its prefix is the config's folder)."""
    return [nginx, "-p", str(config.parent), "-c", str(config)]
