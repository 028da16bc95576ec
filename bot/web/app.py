"""The web process (port 8000): the demo page with the chat widget, the widget's files, and the staff page.

The widget's greeting and its menu buttons come from the assistant's own `utter_greet` in
domain.yml, served as `/widget/config.js`, so the menu shows the moment the chat opens and the
words live in one place. The demo page carries the host's name and logo from the settings
(`BRAND_NAME`, `BRAND_LOGO_URL`), and no NHS logo unless the host sets one.

`create_app()` builds an aiohttp application; `python -m bot web` runs it, and `bot serve`
(so `make run`) starts it beside the Rasa and action servers.

The staff page is protected by `STAFF_TOKEN`. With no token configured the page is off (404).
Staff type the token into a form once; the page then keeps a session cookie (HttpOnly,
SameSite=Strict) that holds an HMAC of the token, never the token itself. Scripts may send
`Authorization: Bearer <token>` instead. Every page is rendered with Jinja2 autoescaping, since
the needs are the public's words.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import jinja2
import yaml
from aiohttp import web

from bot.catalogue import link_health
from bot.needs import REASON_LABELS, Report, build_report, day_range, export_needs
from bot.settings import PROJECT_ROOT, Settings, load_settings

logger = logging.getLogger(__name__)

TEMPLATES = Path(__file__).resolve().parent / "templates"
STATIC = Path(__file__).resolve().parent / "static"
NODE_MODULES = PROJECT_ROOT / "node_modules"
NHSUK_DIST = NODE_MODULES / "nhsuk-frontend" / "dist" / "nhsuk"
SOCKETIO_CLIENT = NODE_MODULES / "socket.io-client" / "dist" / "socket.io.min.js"
MISSING_ASSETS = "The front-end packages are not installed: run `make install` (npm ci)."
COOKIE = "staff_session"
DEFAULT_DAYS = 90
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
DOMAIN_FILE = PROJECT_ROOT / "domain.yml"
SETTINGS_KEY = web.AppKey("settings", Settings)
TEMPLATES_KEY = web.AppKey("templates", jinja2.Environment)
WIDGET_CONFIG_KEY = web.AppKey("widget_config", str)


def _session_value(token: str) -> str:
    return hmac.new(token.encode("utf-8"), b"coprod-bot staff session", hashlib.sha256).hexdigest()


def is_staff(request: web.Request) -> bool:
    """True when the request carries the staff token (header) or a valid session cookie."""
    token = request.app[SETTINGS_KEY].staff_token
    if not token:
        return False
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer ") and hmac.compare_digest(header[7:].strip().encode(), token.encode()):
        return True
    cookie = request.cookies.get(COOKIE, "")
    return bool(cookie) and hmac.compare_digest(cookie.encode(), _session_value(token).encode())


def _render(request: web.Request, template: str, status: int = 200, **context: Any) -> web.Response:
    html = request.app[TEMPLATES_KEY].get_template(template).render(**context)
    return web.Response(text=html, content_type="text/html", status=status, headers=SECURITY_HEADERS)


def _period(request: web.Request) -> tuple[datetime | None, datetime | None, str, str]:
    today = datetime.now(timezone.utc).date()
    since = request.query.get("since", "").strip() or (today - timedelta(days=DEFAULT_DAYS)).isoformat()
    until = request.query.get("until", "").strip() or today.isoformat()
    start, end = day_range(since, until)
    return start, end, since, until


def chart(report: Report, since: date, until: date, width: int = 720, height: int = 160) -> dict[str, Any]:
    """Bars of needs per day (per week when the period is longer than 10 weeks), ready for the template."""
    days = (until - since).days + 1
    step = 7 if days > 70 else 1
    counts = dict(report.by_day)
    bars: list[dict[str, Any]] = []
    start = since
    while start <= until:
        end = min(start + timedelta(days=step - 1), until)
        total = sum(n for d, n in counts.items() if start <= d <= end)
        bars.append({"start": start, "end": end, "count": total})
        start = end + timedelta(days=1)
    top = max([b["count"] for b in bars] + [1])
    slot = width / max(len(bars), 1)
    for i, bar in enumerate(bars):
        bar_height = round(bar["count"] / top * (height - 20), 1)
        bar.update(
            x=round(i * slot + 1, 1), w=round(max(slot - 2, 1), 1), h=bar_height, y=round(height - bar_height, 1)
        )
    return {"bars": bars, "width": width, "height": height, "top": top, "per": "week" if step == 7 else "day"}


async def staff_page(request: web.Request) -> web.Response:
    """The report, the chart and the CSV link; or the sign-in form."""
    settings = request.app[SETTINGS_KEY]
    if not settings.staff_token:
        return _render(request, "off.html", status=404)
    if not is_staff(request):
        return _render(request, "login.html", status=401, error=None)
    try:
        start, end, since, until = _period(request)
    except ValueError as error:
        return _render(request, "error.html", status=400, message=str(error))
    report = build_report(start, end)
    links = link_health()
    first = start.date() if start else (report.by_day[0][0] if report.by_day else datetime.now(timezone.utc).date())
    last = (end - timedelta(days=1)).date() if end else datetime.now(timezone.utc).date()
    return _render(
        request,
        "staff.html",
        report=report,
        since=since,
        until=until,
        chart=chart(report, first, last),
        reasons=REASON_LABELS,
        links=links,
    )


async def login(request: web.Request) -> web.Response:
    """Checks the token typed into the form and sets the session cookie."""
    settings = request.app[SETTINGS_KEY]
    if not settings.staff_token:
        return _render(request, "off.html", status=404)
    form = await request.post()
    typed = str(form.get("token", "")).strip()
    if not typed or not hmac.compare_digest(typed.encode(), settings.staff_token.encode()):
        logger.warning("A wrong staff token was typed.")
        return _render(request, "login.html", status=401, error="That token is not right. Please try again.")
    response = web.HTTPSeeOther("/staff", headers=SECURITY_HEADERS)
    response.set_cookie(
        COOKIE,
        _session_value(settings.staff_token),
        httponly=True,
        samesite="Strict",
        path="/staff",
        secure=request.secure,
        max_age=8 * 3600,
    )
    raise response


async def logout(request: web.Request) -> web.Response:
    """Forgets the session cookie."""
    response = web.HTTPSeeOther("/staff", headers=SECURITY_HEADERS)
    response.del_cookie(COOKIE, path="/staff")
    raise response


async def needs_csv(request: web.Request) -> web.Response:
    """The needs of the period as a CSV download."""
    if not request.app[SETTINGS_KEY].staff_token:
        return _render(request, "off.html", status=404)
    if not is_staff(request):
        return _render(request, "login.html", status=401, error=None)
    try:
        start, end, since, until = _period(request)
    except ValueError as error:
        return _render(request, "error.html", status=400, message=str(error))
    headers = dict(SECURITY_HEADERS)
    headers["Content-Disposition"] = f'attachment; filename="unmet-needs-{since}-to-{until}.csv"'
    return web.Response(text=export_needs("csv", start, end), content_type="text/csv", charset="utf-8", headers=headers)


async def health(request: web.Request) -> web.Response:
    """For `bot serve` and load balancers."""
    return web.json_response({"status": "ok"})


def widget_server_url(request: web.Request) -> str:
    """The Rasa server the widget talks to: WIDGET_SERVER_URL, else this host on the Rasa port."""
    settings = request.app[SETTINGS_KEY]
    if settings.widget_server_url:
        return settings.widget_server_url.rstrip("/")
    host = request.host or "localhost"
    hostname = host[: host.index("]") + 1] if host.startswith("[") else host.split(":", 1)[0]
    return f"{request.scheme}://{hostname}:{settings.rasa_port}"


def greeting_config(domain_file: Path = DOMAIN_FILE) -> dict[str, Any]:
    """The greeting and its menu buttons, from the first `utter_greet` response in domain.yml.

    Returns:
        {"greeting": text, "menu": [{"title", "payload"}]}, or {} when the file cannot be read
        (the widget then greets with its own words and no menu).
    """
    try:
        domain = yaml.safe_load(domain_file.read_text(encoding="utf-8")) or {}
        greet = domain["responses"]["utter_greet"][0]
    except (OSError, yaml.YAMLError, KeyError, IndexError, TypeError) as error:
        logger.warning("The widget's greeting could not be read from %s: %s", domain_file, error)
        return {}
    menu = [
        {"title": str(b["title"]), "payload": str(b["payload"])}
        for b in greet.get("buttons") or []
        if isinstance(b, dict) and b.get("title") and b.get("payload")
    ]
    return {"greeting": str(greet.get("text") or "").strip(), "menu": menu}


def widget_config_script(config: dict[str, Any]) -> str:
    """`config` as a script that sets `window.__coprodChatConfig` (safe inside any page)."""
    data = json.dumps(config, ensure_ascii=True).replace("<", "\\u003c").replace(">", "\\u003e")
    return f"window.__coprodChatConfig = {data};\n"


async def widget_config(request: web.Request) -> web.Response:
    """The widget's greeting and menu (`/widget/config.js`), loaded beside widget.js on any site."""
    return web.Response(
        text=request.app[WIDGET_CONFIG_KEY],
        content_type="text/javascript",
        headers={"Cache-Control": "public, max-age=300", "X-Content-Type-Options": "nosniff"},
    )


def brand_logo(settings: Settings) -> str:
    """The logo's address for the demo page: an https:// or http:// address, or a path; else none."""
    logo = settings.brand_logo_url
    if logo.startswith(("https://", "http://")) or (logo.startswith("/") and not logo.startswith("//")):
        return logo
    if logo:
        logger.warning("BRAND_LOGO_URL must be an http(s) address or a path on this server; no logo shown.")
    return ""


async def demo_page(request: web.Request) -> web.Response:
    """A demonstration page with the chat widget on it, branded with the host's name and logo."""
    settings = request.app[SETTINGS_KEY]
    server = widget_server_url(request)
    websocket = "ws" + server[len("http") :] if server.startswith("http") else server
    logo = brand_logo(settings)
    logo_origin = ""
    if logo.startswith(("https://", "http://")):
        logo_origin = " " + "/".join(logo.split("/", 3)[:3])
    headers = dict(SECURITY_HEADERS)
    headers["Content-Security-Policy"] = (
        f"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:{logo_origin}; "
        f"font-src 'self' https://assets.nhs.uk; "
        f"connect-src 'self' {server} {websocket}; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    )
    headers["Cache-Control"] = "no-cache"
    html = (
        request.app[TEMPLATES_KEY]
        .get_template("demo.html")
        .render(
            server_url=server,
            widget_url=f"{request.scheme}://{request.host}/widget/widget.js",
            brand_name=settings.brand_name,
            brand_logo=logo,
        )
    )
    return web.Response(text=html, content_type="text/html", headers=headers)


async def socketio_client(request: web.Request) -> web.StreamResponse:
    """The socket.io client the widget loads beside itself (from npm, socket.io-client)."""
    if not SOCKETIO_CLIENT.is_file():
        return web.Response(status=503, text=MISSING_ASSETS)
    return web.FileResponse(SOCKETIO_CLIENT, headers={"Cache-Control": "public, max-age=3600"})


async def missing_assets(request: web.Request) -> web.Response:
    """Stands in for the NHS.UK styles when npm packages are missing, with the fix."""
    return web.Response(status=503, text=MISSING_ASSETS)


@web.middleware
async def friendly_errors(request: web.Request, handler: Any) -> web.StreamResponse:
    """No stack trace ever reaches a browser: unexpected errors get a plain page and a log line."""
    try:
        return await handler(request)
    except web.HTTPException:
        raise
    except Exception:
        logger.exception("The web process failed on %s", request.path)
        return _render(request, "error.html", status=500, message="Something went wrong. Please try again later.")


def create_app(settings: Settings | None = None) -> web.Application:
    """The web application (the settings default to the environment's)."""
    app = web.Application(middlewares=[friendly_errors], client_max_size=64 * 1024)
    app[SETTINGS_KEY] = settings or load_settings()
    app[WIDGET_CONFIG_KEY] = widget_config_script(greeting_config())
    app[TEMPLATES_KEY] = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined
    )
    app.add_routes(
        [
            web.get("/", demo_page),
            web.get("/widget/socket.io.min.js", socketio_client),
            web.get("/widget/config.js", widget_config),
            web.get("/health", health),
            web.get("/staff", staff_page),
            web.post("/staff/login", login),
            web.post("/staff/logout", logout),
            web.get("/staff/needs.csv", needs_csv),
        ]
    )
    # The widget is loaded by other sites' pages: its files are public and cacheable.
    app.router.add_static("/widget/", STATIC, name="widget", append_version=False)
    if NHSUK_DIST.is_dir():
        app.router.add_static("/vendor/nhsuk/", NHSUK_DIST, name="nhsuk")
    else:
        app.router.add_get("/vendor/nhsuk/{path:.*}", missing_assets)
    return app


def run(port: int | None = None) -> None:
    """Runs the web process in the foreground."""
    settings = load_settings()
    # All interfaces, as Rasa's servers: a widget's page must reach it; the staff page has its token.
    host = "0.0.0.0"  # noqa: S104
    web.run_app(create_app(settings), host=host, port=port or settings.web_port, print=None, access_log=None)
