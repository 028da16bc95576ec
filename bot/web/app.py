"""The web process (port 8000): the demo page with the chat widget, the widget's files, and the staff page.

The widget's greeting and its menu buttons come from the assistant's own `utter_greet` in
domain.yml, served as `/widget/config.js`, so the menu shows the moment the chat opens and the
words live in one place. The demo page carries the host's name and logo from the settings
(`BRAND_NAME`, `BRAND_LOGO_URL`), and no NHS logo unless the host sets one.

`create_app()` builds an aiohttp application; `python -m bot web` runs it, and `bot serve`
(so `make run`) starts it beside the Rasa and action servers.

The staff page is protected by `STAFF_TOKEN`. With no token configured the page is off (404).
Staff type the token into a form once; the page then keeps a session cookie (HttpOnly,
SameSite=Strict, Secure over TLS) holding a random session id, checked, expired and revoked on
the server (bot/web/sessions.py). Every form carries a CSRF token. Scripts may send
`Authorization: Bearer <token>` instead. Dates in the address are checked and kept within
`EARLIEST_DAY` and a year from today. Every page is rendered with Jinja2 autoescaping, since
the needs are the public's words. Responses name no server software.
"""

from __future__ import annotations

import hmac
import json
import logging
import secrets
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import jinja2
import yaml
from aiohttp import web

from bot.catalogue import link_health
from bot.needs import REASON_LABELS, Report, build_report, day_range, export_needs
from bot.privacy import install_log_scrubber
from bot.settings import PROJECT_ROOT, Settings, load_settings
from bot.web.sessions import Session, close_session, find_session, open_session, same_token

logger = logging.getLogger(__name__)

TEMPLATES = Path(__file__).resolve().parent / "templates"
STATIC = Path(__file__).resolve().parent / "static"
NODE_MODULES = PROJECT_ROOT / "node_modules"
NHSUK_DIST = NODE_MODULES / "nhsuk-frontend" / "dist" / "nhsuk"
SOCKETIO_CLIENT = NODE_MODULES / "socket.io-client" / "dist" / "socket.io.min.js"
MISSING_ASSETS = "The front-end packages are not installed: run `make install` (npm ci)."
COOKIE = "staff_session"
LOGIN_COOKIE = "staff_login_csrf"
DEFAULT_DAYS = 90
# The needs log began long after this; earlier dates are read as this day.
EARLIEST_DAY = date(2020, 1, 1)
# The chart draws at most this many bars (days, weeks, or longer steps).
MAX_BARS = 120
SERVER_NAME = "coprod-assistant"
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


def _bearer(request: web.Request, token: str) -> bool:
    header = request.headers.get("Authorization", "")
    return header.startswith("Bearer ") and hmac.compare_digest(header[7:].strip().encode(), token.encode())


def staff_session(request: web.Request) -> Session | None:
    """The signed-in session the request's cookie names, if any."""
    token = request.app[SETTINGS_KEY].staff_token
    return find_session(request.cookies.get(COOKIE, ""), token) if token else None


def is_staff(request: web.Request) -> bool:
    """True when the request carries the staff token (header) or a live session cookie."""
    token = request.app[SETTINGS_KEY].staff_token
    if not token:
        return False
    return _bearer(request, token) or staff_session(request) is not None


def is_secure(request: web.Request) -> bool:
    """HTTPS here, or behind a TLS proxy whose X-Forwarded-Proto is trusted (TRUST_FORWARDED_PROTO)."""
    if request.secure:
        return True
    trusted = request.app[SETTINGS_KEY].trust_forwarded_proto
    return trusted and request.headers.get("X-Forwarded-Proto", "").split(",")[0].strip().lower() == "https"


def _same_origin(request: web.Request) -> bool:
    # Browsers send Origin on cross-site POSTs; when it is there it must be this site.
    origin = request.headers.get("Origin")
    if not origin:
        return True
    return origin.split("://", 1)[-1].rstrip("/") == request.host


def _login_form(request: web.Request, status: int, error: str | None) -> web.Response:
    csrf = secrets.token_urlsafe(32)
    response = _render(request, "login.html", status=status, error=error, csrf=csrf)
    response.set_cookie(
        LOGIN_COOKIE, csrf, httponly=True, samesite="Strict", path="/staff", secure=is_secure(request), max_age=3600
    )
    return response


def _render(request: web.Request, template: str, status: int = 200, **context: Any) -> web.Response:
    html = request.app[TEMPLATES_KEY].get_template(template).render(**context)
    return web.Response(text=html, content_type="text/html", status=status, headers=SECURITY_HEADERS)


def _period(request: web.Request) -> tuple[datetime | None, datetime | None, str, str]:
    today = datetime.now(timezone.utc).date()
    since = request.query.get("since", "").strip() or (today - timedelta(days=DEFAULT_DAYS)).isoformat()
    until = request.query.get("until", "").strip() or today.isoformat()
    since, until = (
        _clamp(since, EARLIEST_DAY, today + timedelta(days=366)),
        _clamp(until, EARLIEST_DAY, today + timedelta(days=366)),
    )
    start, end = day_range(since, until)
    return start, end, since, until


def _clamp(day: str, earliest: date, latest: date) -> str:
    """A YYYY-MM-DD day kept between `earliest` and `latest`; anything else is returned for day_range to refuse."""
    try:
        parsed = date.fromisoformat(day)
    except ValueError:
        return day
    return min(max(parsed, earliest), latest).isoformat()


def chart(report: Report, since: date, until: date, width: int = 720, height: int = 160) -> dict[str, Any]:
    """Bars of needs per day (per week when the period is longer than 10 weeks), ready for the template."""
    days = (until - since).days + 1
    step = 7 if days > 70 else 1
    if days > MAX_BARS * 7:  # a long period: longer steps, so the chart never has more than MAX_BARS bars
        step = -(-days // MAX_BARS)
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
    per = {1: "day", 7: "week"}.get(step, f"{step} days")
    return {"bars": bars, "width": width, "height": height, "top": top, "per": per}


async def staff_page(request: web.Request) -> web.Response:
    """The report, the chart and the CSV link; or the sign-in form."""
    settings = request.app[SETTINGS_KEY]
    if not settings.staff_token:
        return _render(request, "off.html", status=404)
    session = staff_session(request)
    if session is None and not _bearer(request, settings.staff_token):
        return _login_form(request, 401, None)
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
        csrf=session.csrf if session else "",
    )


async def login(request: web.Request) -> web.Response:
    """Checks the token typed into the form (and the form's CSRF token) and opens a session."""
    settings = request.app[SETTINGS_KEY]
    if not settings.staff_token:
        return _render(request, "off.html", status=404)
    form = await request.post()
    if not _same_origin(request) or not same_token(str(form.get("csrf", "")), request.cookies.get(LOGIN_COOKIE, "")):
        logger.warning("A staff sign-in without this page's form was refused.")
        return _login_form(request, 403, "Please sign in from this page.")
    typed = str(form.get("token", "")).strip()
    if not typed or not hmac.compare_digest(typed.encode(), settings.staff_token.encode()):
        logger.warning("A wrong staff token was typed.")
        return _login_form(request, 401, "That token is not right. Please try again.")
    session = open_session(settings.staff_token)
    response = web.HTTPSeeOther("/staff", headers=SECURITY_HEADERS)
    response.set_cookie(
        COOKIE,
        session.cookie,
        httponly=True,
        samesite="Strict",
        path="/staff",
        secure=is_secure(request),
        max_age=8 * 3600,
    )
    response.del_cookie(LOGIN_COOKIE, path="/staff")
    raise response


async def logout(request: web.Request) -> web.Response:
    """Ends the session on the server and forgets the cookie (only from the page's own form)."""
    session = staff_session(request)
    form = await request.post()
    if session is not None:
        if not _same_origin(request) or not same_token(str(form.get("csrf", "")), session.csrf):
            logger.warning("A staff sign-out without this page's form was refused.")
            return _render(request, "error.html", status=403, message="Please sign out from the staff page.")
        close_session(session.cookie)
    response = web.HTTPSeeOther("/staff", headers=SECURITY_HEADERS)
    response.del_cookie(COOKIE, path="/staff")
    raise response


async def needs_csv(request: web.Request) -> web.Response:
    """The needs of the period as a CSV download."""
    if not request.app[SETTINGS_KEY].staff_token:
        return _render(request, "off.html", status=404)
    if not is_staff(request):
        return _login_form(request, 401, None)
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


async def _no_server_software(request: web.Request, response: web.StreamResponse) -> None:
    # aiohttp would name itself and its version.
    response.headers["Server"] = SERVER_NAME


def create_app(settings: Settings | None = None) -> web.Application:
    """The web application (the settings default to the environment's)."""
    app = web.Application(middlewares=[friendly_errors], client_max_size=64 * 1024)
    app.on_response_prepare.append(_no_server_software)  # type: ignore[arg-type]
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
    install_log_scrubber(names=False)  # no word lists in this small process: contacts and numbers
    # BIND_HOST: this machine only unless configured (nginx or a cluster's ingress is in front).
    web.run_app(
        create_app(settings), host=settings.bind_host, port=port or settings.web_port, print=None, access_log=None
    )
