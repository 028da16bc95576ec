"""The `bot` command line (`python -m bot …`)."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from bot import nlp
from bot.serve import ServeOptions, serve
from bot.settings import load_settings


def _cmd_nlp_build(args: argparse.Namespace) -> int:
    path = nlp.save_pipeline(force=args.force)
    print(f"spaCy pipeline ready at {path}")
    return 0


def _cmd_db_upgrade(args: argparse.Namespace) -> int:
    from bot.db import get_engine, upgrade

    upgrade()
    print(f"Database schema is up to date ({get_engine().url.render_as_string(hide_password=True)}).")
    return 0


def _cmd_catalogue_load(args: argparse.Namespace) -> int:
    from bot.catalogue.loader import CatalogueError, load_catalogue

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
    from bot.catalogue.loader import list_resources

    resources = list_resources()
    if args.json:
        print(json.dumps([r.as_dict() for r in resources], indent=2, ensure_ascii=False))
        return 0
    for r in resources:
        print(f"{r.id:40} {r.type:9} {r.audience:8} {r.title}")
    print(f"{len(resources)} resources.")
    return 0


def _cmd_catalogue_search(args: argparse.Namespace) -> int:
    from bot.catalogue.search import search_resources

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
    from bot.catalogue.links import check_links, format_report

    results = check_links(timeout=args.timeout, workers=args.workers)
    print(format_report(results))
    return 0 if all(r.ok for r in results) else 1


def _cmd_serve(args: argparse.Namespace) -> int:
    settings = load_settings()
    options = ServeOptions(
        rasa_port=args.rasa_port or settings.rasa_port,
        action_port=args.action_port or settings.action_port,
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

    from bot.catalogue.loader import CATALOGUE_DIR
    from bot.catalogue.model import TYPES

    cat_parser = commands.add_parser("catalogue", help="the resource catalogue")
    cat_commands = cat_parser.add_subparsers(dest="catalogue_command", required=True, metavar="COMMAND")
    load = cat_commands.add_parser("load", help="validate data/catalogue/*.yml and load it into the database")
    load.add_argument("--dir", default=str(CATALOGUE_DIR), help="folder of catalogue YAML files")
    load.set_defaults(func=_cmd_catalogue_load)
    listing = cat_commands.add_parser("list", help="list the resources in the database")
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    listing.set_defaults(func=_cmd_catalogue_list)
    search = cat_commands.add_parser("search", help="search the catalogue as the assistant does")
    search.add_argument("query", help="the words to search for")
    search.add_argument("--audience", choices=["families", "staff"], help="keep resources for this audience")
    search.add_argument("--type", choices=TYPES, help="keep resources of this type")
    search.add_argument("--limit", type=int, default=5, help="how many hits (default 5)")
    search.add_argument("--json", action="store_true", help="print JSON with scores")
    search.set_defaults(func=_cmd_catalogue_search)
    links = cat_commands.add_parser("check-links", help="check every link, record its status (exit 1 if any is broken)")
    links.add_argument("--timeout", type=float, default=10.0, help="seconds per request (default 10)")
    links.add_argument("--workers", type=int, default=8, help="requests at once (default 8)")
    links.set_defaults(func=_cmd_catalogue_check_links)

    serve_parser = commands.add_parser("serve", help="start the Rasa server and the action server (Ctrl-C stops both)")
    serve_parser.add_argument("--rasa-port", type=int, help="Rasa server port (default RASA_PORT or 5005)")
    serve_parser.add_argument("--action-port", type=int, help="action server port (default ACTION_PORT or 5055)")
    serve_parser.set_defaults(func=_cmd_serve)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Runs the command line and returns its exit code."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
