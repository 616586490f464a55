"""Build the knowledge graph from UN documents.

Reads .txt/.md (UTF-8, UTF-16, GB18030 or Big5), .pdf and .docx files (folders
are searched recursively), extracts entities and relations, and writes to the
output folder: graph.ttl (all triples, sorted), graph.trig (named graphs),
store/ (SPARQL store), map.html (network map) and report.json.
With no PATH, builds the bundled sample corpus.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from hrkg.build import Builder
from hrkg.core.paths import DEFAULT_OUT, corpus_dir
from hrkg.exports.summary import print_summary


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help="files or folders to read (default: the bundled corpus)")
    parser.add_argument("-o", "--out", type=Path, default=DEFAULT_OUT,
                        help="output folder (default: ./out)")
    parser.add_argument("--no-map", action="store_true", help="do not draw map.html")
    parser.add_argument("--no-store", action="store_true", help="do not write the SPARQL store")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")


def run(args: argparse.Namespace) -> int:
    console = Console(stderr=True, quiet=args.quiet)
    inputs = args.paths or [corpus_dir()]
    with Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.fields[file]}"), TimeElapsedColumn(),
                  console=console, transient=True, disable=args.quiet) as progress:
        task = progress.add_task("extracting", total=None, file="")

        def advance(path: Path, error: str | None) -> None:
            progress.update(task, advance=1, file=path.name)

        builder = Builder(args.out, write_map=not args.no_map, write_store=not args.no_store,
                          on_document=advance,
                          on_start=lambda total: progress.update(task, total=total))
        result = builder.run(inputs)
    if not args.quiet:
        print_summary(result, console)
    for error in result.errors:
        print(f"hrkg build: error: {error.path}: {error.reason}", file=sys.stderr)
    for name in ("turtle", "map"):
        if name in result.outputs:
            print(f"{name}: {result.outputs[name]}")
    if not result.results:
        print("hrkg build: error: no document could be read; nothing written", file=sys.stderr)
    return 0 if result.ok else 1
