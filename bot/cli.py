"""The `bot` command line (`python -m bot …`)."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from bot.settings import load_settings

# Features are imported by the commands that use them, so each command loads only what it needs.


def _cmd_nlp_build(args: argparse.Namespace) -> int:
    from bot.text import pipeline as nlp

    path = nlp.save_pipeline(force=args.force)
    print(f"spaCy pipeline ready at {path}")
    return 0


def _cmd_db_upgrade(args: argparse.Namespace) -> int:
    from bot.db import get_engine, upgrade

    upgrade()
    print(f"Database schema is up to date ({get_engine().url.render_as_string(hide_password=True)}).")
    return 0


def _cmd_db_create(args: argparse.Namespace) -> int:
    from bot.db import create_database, get_engine

    created = create_database()
    where = get_engine().url.render_as_string(hide_password=True)
    print(f"Database created: {where}." if created else f"Database already there (or a SQLite file): {where}.")
    return 0


def _cmd_catalogue_load(args: argparse.Namespace) -> int:
    from bot.catalogue import CatalogueError, load_catalogue

    try:
        report = load_catalogue(Path(args.dir))
    except CatalogueError as error:
        print(f"The catalogue was NOT loaded ({len(error.problems)} problems); the previous one is unchanged:")
        for problem in error.problems:
            print(f"  {problem}")
        return 1
    print(
        f"Catalogue loaded: {report.added} added, {report.updated} updated, "
        f"{report.removed} removed, {report.unchanged} unchanged."
    )
    return 0


def _cmd_catalogue_list(args: argparse.Namespace) -> int:
    from bot.catalogue import list_resources

    resources = list_resources()
    if args.json:
        print(json.dumps([r.as_dict() for r in resources], indent=2, ensure_ascii=False))
        return 0
    for r in resources:
        print(f"{r.id:40} {r.type:9} {r.audience:8} {r.title}")
    print(f"{len(resources)} resources.")
    return 0


def _cmd_catalogue_search(args: argparse.Namespace) -> int:
    from bot.catalogue import search_resources

    result = search_resources(args.query, audience=args.audience, type_=args.type, limit=args.limit)
    if args.json:
        hits = [
            {"rank": i, "score": h.score, "coverage": h.coverage, **h.resource.as_dict()}
            for i, h in enumerate(result.hits, 1)
        ]
        print(json.dumps({"query": args.query, "good": result.good, "hits": hits}, indent=2, ensure_ascii=False))
        return 0
    if not result.hits:
        print("No matches.")
        return 0
    if not result.good:
        print("No good match; the closest are:")
    for i, hit in enumerate(result.hits, 1):
        print(f"{i:2}. {hit.score:7.3f}  {hit.resource.title}  <{hit.resource.url}>  [{hit.resource.id}]")
    return 0


def _cmd_catalogue_check_links(args: argparse.Namespace) -> int:
    from bot.catalogue import check_links, format_link_report

    results = check_links(timeout=args.timeout, workers=args.workers)
    print(format_link_report(results))
    return 0 if all(r.ok for r in results) else 1


def _needs_range(args: argparse.Namespace) -> tuple[datetime | None, datetime | None] | None:
    from bot.needs import day_range

    try:
        return day_range(args.since, args.until)
    except ValueError as error:
        print(error, file=sys.stderr)
        return None


def _cmd_needs_report(args: argparse.Namespace) -> int:
    from bot.needs import build_report, format_report

    period = _needs_range(args)
    if period is None:
        return 2
    print(format_report(build_report(*period, themes=args.themes)))
    return 0


def _cmd_needs_export(args: argparse.Namespace) -> int:
    from bot.needs import export_needs

    period = _needs_range(args)
    if period is None:
        return 2
    text = export_needs(args.format, *period)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        rows = text.count("\n") - 1 if args.format == "csv" else len(json.loads(text))
        print(f"{rows} needs written to {args.output}.")
    else:
        sys.stdout.write(text)
    return 0


def _cmd_needs_purge(args: argparse.Namespace) -> int:
    from bot.needs import purge

    days = load_settings().needs_retention_days if args.older_than is None else args.older_than
    try:
        result = purge(days)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    print(f"Removed {result.needs} needs and {result.feedback} feedback answers older than {days} days.")
    return 0


def _cmd_needs_replay(args: argparse.Namespace) -> int:
    from bot.needs import replay_spool

    try:
        result = replay_spool()
    except ConnectionError as error:
        print(f"The database is still unavailable; the spool is kept: {error}", file=sys.stderr)
        return 1
    print(f"Spool: {result.read} read, {result.written} written, {result.bad} unreadable (set aside).")
    return 0


def _cmd_web(args: argparse.Namespace) -> int:
    from bot.web.app import run

    run(args.port)
    return 0


def _cmd_server(args: argparse.Namespace) -> int:
    from bot.ops.serve import exec_server

    exec_server(args.command, args.port)


def _cmd_serve(args: argparse.Namespace) -> int:
    from bot.ops.serve import ServeOptions, serve

    settings = load_settings()
    options = ServeOptions(
        rasa_port=args.rasa_port or settings.rasa_port,
        action_port=args.action_port or settings.action_port,
        web_port=args.web_port or settings.web_port,
        replicas=max(1, args.replicas),
        proxy_port=args.proxy_port,
    )
    return serve(options)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with one sub-command per task."""
    parser = argparse.ArgumentParser(prog="bot", description="The co-production signposting assistant.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    nlp_parser = commands.add_parser("nlp", help="the spaCy pipeline")
    nlp_commands = nlp_parser.add_subparsers(dest="nlp_command", required=True, metavar="COMMAND")
    build = nlp_commands.add_parser("build", help="build the blank English + lookup lemmatiser pipeline")
    build.add_argument("--force", action="store_true", help="rebuild even when it is up to date")
    build.set_defaults(func=_cmd_nlp_build)

    db_parser = commands.add_parser("db", help="the database schema (our tables)")
    db_commands = db_parser.add_subparsers(dest="db_command", required=True, metavar="COMMAND")
    upgrade = db_commands.add_parser("upgrade", help="apply the migrations (creates our tables)")
    upgrade.set_defaults(func=_cmd_db_upgrade)
    create = db_commands.add_parser("create", help="create the PostgreSQL database in DATABASE_URL if it is missing")
    create.set_defaults(func=_cmd_db_create)

    from bot.catalogue import CATALOGUE_DIR, TYPES

    cat_parser = commands.add_parser("catalogue", help="the resource catalogue")
    cat_commands = cat_parser.add_subparsers(dest="catalogue_command", required=True, metavar="COMMAND")
    load = cat_commands.add_parser("load", help="validate data/catalogue/*.yml and load it into the database")
    load.add_argument("--dir", default=str(CATALOGUE_DIR), help="folder of catalogue YAML files")
    load.set_defaults(database=True, func=_cmd_catalogue_load)
    listing = cat_commands.add_parser("list", help="list the resources in the database")
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    listing.set_defaults(database=True, func=_cmd_catalogue_list)
    search = cat_commands.add_parser("search", help="search the catalogue as the assistant does")
    search.add_argument("query", help="the words to search for")
    search.add_argument("--audience", choices=["families", "staff"], help="keep resources for this audience")
    search.add_argument("--type", choices=TYPES, help="keep resources of this type")
    search.add_argument("--limit", type=int, default=5, help="how many hits (default 5)")
    search.add_argument("--json", action="store_true", help="print JSON with scores")
    search.set_defaults(database=True, func=_cmd_catalogue_search)
    links = cat_commands.add_parser("check-links", help="check every link, record its status (exit 1 if any is broken)")
    links.add_argument("--timeout", type=float, default=10.0, help="seconds per request (default 10)")
    links.add_argument("--workers", type=int, default=8, help="requests at once (default 8)")
    links.set_defaults(database=True, func=_cmd_catalogue_check_links)

    needs_parser = commands.add_parser("needs", help="the unmet-needs log: report, export, purge")
    needs_commands = needs_parser.add_subparsers(dest="needs_command", required=True, metavar="COMMAND")
    report = needs_commands.add_parser("report", help="needs by reason and channel, themes, and feedback rates")
    export = needs_commands.add_parser("export", help="the needs as CSV or JSON (standard output by default)")
    for sub in (report, export):
        sub.add_argument("--since", help="first day included (YYYY-MM-DD)")
        sub.add_argument("--until", help="last day included (YYYY-MM-DD)")
    report.add_argument("--themes", type=int, default=10, help="at most how many themes (default 10)")
    report.set_defaults(database=True, func=_cmd_needs_report)
    export.add_argument("--format", choices=["csv", "json"], default="csv", help="csv (default) or json")
    export.add_argument("--output", help="write to this file instead of standard output")
    export.set_defaults(database=True, func=_cmd_needs_export)
    purge = needs_commands.add_parser("purge", help="delete needs and feedback older than the retention period")
    purge.add_argument(
        "--older-than", type=int, metavar="DAYS", help="days to keep (default NEEDS_RETENTION_DAYS, 365)"
    )
    purge.set_defaults(database=True, func=_cmd_needs_purge)
    replay = needs_commands.add_parser("replay", help="write needs waiting in the spool to the database")
    replay.set_defaults(database=True, func=_cmd_needs_replay)

    web_parser = commands.add_parser("web", help="start the web process alone (the staff page)")
    web_parser.add_argument("--port", type=int, help="port (default WEB_PORT or 8000)")
    web_parser.set_defaults(database=True, func=_cmd_web)

    for kind, what, default in (
        ("rasa", "the Rasa server alone, as a container runs it (actions at ACTION_SERVER_URL)", "RASA_PORT or 5005"),
        ("actions", "the action server alone, as a container runs it", "ACTION_PORT or 5055"),
    ):
        server_parser = commands.add_parser(kind, help=f"start {what}")
        server_parser.add_argument("--port", type=int, help=f"port (default {default})")
        server_parser.set_defaults(func=_cmd_server)

    serve_parser = commands.add_parser(
        "serve", help="start the Rasa server, the action server and the web process (Ctrl-C stops them)"
    )
    serve_parser.add_argument("--rasa-port", type=int, help="Rasa server port (default RASA_PORT or 5005)")
    serve_parser.add_argument("--action-port", type=int, help="action server port (default ACTION_PORT or 5055)")
    serve_parser.add_argument("--web-port", type=int, help="web process port (default WEB_PORT or 8000)")
    serve_parser.add_argument(
        "--replicas", type=int, default=1, help="Rasa servers, each with its own action server (default 1)"
    )
    serve_parser.add_argument("--proxy-port", type=int, help="put nginx in front of everything on this port")
    serve_parser.set_defaults(func=_cmd_serve)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Runs the command line and returns its exit code."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    if getattr(args, "database", False):
        # Migrations run here, at the start of each command that uses the database, never lazily
        # inside a feature (the servers run them in `bot serve`, containers in their migration job).
        from bot.db import upgrade

        upgrade()
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
