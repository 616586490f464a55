"""The ``hrkg`` command line: one sub-command per module in ``hrkg.commands``."""

from __future__ import annotations

import argparse
import importlib
import sys

from . import __version__
from .errors import HrkgError

# name -> module in hrkg.commands exposing HELP, add_arguments(parser) and run(args) -> int
COMMANDS = ("build", "validate", "evaluate", "query", "serve", "map")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hrkg",
        description=(
            "Build and explore a knowledge graph of United Nations human-rights documents: "
            "extract actors, instruments, resolutions, UN documents, SDGs, rights and their "
            "relations, write RDF (Turtle, TriG), query it with SPARQL and draw maps."
        ),
        epilog="Run 'hrkg COMMAND --help' for the options of each command.",
    )
    parser.add_argument("--version", action="version", version=f"hrkg {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(f"hrkg.commands.{name}")
        command = sub.add_parser(
            name, help=module.HELP, description=module.__doc__,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        module.add_arguments(command)
        command.set_defaults(run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    try:
        return int(args.run(args) or 0)
    except HrkgError as error:
        print(f"hrkg {args.command}: error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
