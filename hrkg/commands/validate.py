"""Check a built graph against the graph contract (SHACL shapes and the ontology's terms).

DIR is an output folder of 'hrkg build' (its graph.trig is read, as the union of its
graphs; default: ./out), or a .ttl, .trig, .nt, .nq or .jsonld file. Prints one line
per violation and a summary.

Exit status: 0 the graph conforms (warnings allowed), 1 it has violations,
2 the graph or the shapes cannot be read.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from hrkg.core.errors import HrkgError
from hrkg.core.paths import DEFAULT_OUT
from hrkg.graph.files import open_built_graph
from hrkg.graph.validate import default_shapes_path, validate_graph
from hrkg.graph.violations import ValidationReport, format_report

EXIT_CONFORMS, EXIT_VIOLATIONS, EXIT_UNREADABLE = 0, 1, 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("target", nargs="?", type=Path, default=DEFAULT_OUT, metavar="DIR",
                        help="output folder or RDF file to check (default: ./out)")
    parser.add_argument("--shapes", type=Path, metavar="FILE",
                        help="SHACL shapes in Turtle (default: the bundled ontology/shapes.ttl)")
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="print only the violations and the summary line")


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    try:
        graph = open_built_graph(args.target)
        report = validate_graph(graph, shapes=args.shapes)
    except HrkgError as error:
        print(f"hrkg validate: error: {error}", file=sys.stderr)
        return EXIT_UNREADABLE
    print(format_report(report))
    if not args.quiet:
        shapes = args.shapes or default_shapes_path()
        print_summary(report, args.target, shapes, time.perf_counter() - started)
    return EXIT_CONFORMS if report.conforms else EXIT_VIOLATIONS


def print_summary(report: ValidationReport, target: Path, shapes: Path, seconds: float) -> None:
    console = Console(stderr=True, highlight=False)
    table = Table(title="hrkg validate", show_header=False, title_justify="left")
    table.add_column(style="bold")
    table.add_column()
    table.add_row("graph", str(target))
    table.add_row("shapes", str(shapes))
    table.add_row("triples", f"{report.triples:,}")
    for severity, style in (("Violation", "red"), ("Warning", "yellow"), ("Info", "cyan")):
        count = report.count(severity)
        table.add_row(f"{severity.lower()}s", f"[{style}]{count:,}[/]" if count else "0")
    table.add_row("time", f"{seconds:.2f} s")
    verdict = "[green]conforms[/]" if report.conforms else "[red]does not conform[/]"
    table.add_row("result", verdict)
    console.print(table)
