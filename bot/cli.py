"""The `bot` command line (`python -m bot …`)."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from bot import nlp
from bot.serve import ServeOptions, serve
from bot.settings import load_settings


def _cmd_nlp_build(args: argparse.Namespace) -> int:
    path = nlp.save_pipeline(force=args.force)
    print(f"spaCy pipeline ready at {path}")
    return 0


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
