"""The ``hrkg`` command line: one sub-command per module in ``hrkg.commands``."""

from __future__ import annotations

import argparse
import importlib
import sys

from hrkg import __version__
from hrkg.core.errors import HrkgError

# name -> one-line help. Each name is a module in hrkg.commands whose docstring is the
# command's --help text and which exposes add_arguments(parser) and run(args) -> int.
COMMANDS: dict[str, str] = {
    "build": "build the graph (Turtle, TriG, store, map, report) from documents",
    "validate": "check a built graph against the SHACL shapes of the graph contract",
    "evaluate": "score the graph against gold annotations (P/R/F1, misses, false alarms)",
    "query": "run a SPARQL query (text, .rq file or canned query name) on the built graph",
    "serve": "serve the graph as a read-only SPARQL 1.1 endpoint with a query page",
    "map": "draw an interactive HTML map (overview, --focus ENTITY, or --doc FILE)",
    "export": "export a built graph: N-Quads, JSON-LD, GraphML, GEXF, CSV, VoID + ontology",
}


def chosen_command(argv: list[str]) -> str | None:
    """The sub-command named in ``argv`` (the first non-option word), if any."""
    for word in argv:
        if not word.startswith("-"):
            return word if word in COMMANDS else None
    return None


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser, with the options of command ``only`` (no command: none).

    Importing a command pulls in its libraries (spaCy, pyshacl, Flask…), so the parser
    loads only the command being run; the others are listed by name and help line, which
    keeps ``hrkg --help`` and ``hrkg --version`` instant.
    """
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
    for name, help_line in COMMANDS.items():
        if name != only:
            sub.add_parser(name, help=help_line)
            continue
        module = importlib.import_module(f"hrkg.commands.{name}")
        command = sub.add_parser(
            name, help=help_line, description=module.__doc__,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        module.add_arguments(command)
        command.set_defaults(run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(only=chosen_command(argv))
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
