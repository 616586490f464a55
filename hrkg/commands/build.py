"""Build the knowledge graph from UN documents.

Reads .txt/.md (UTF-8, UTF-16, GB18030 or Big5), .pdf and .docx files (folders
are searched recursively), extracts entities and relations, and writes to the
output folder: graph.ttl (all triples, sorted), graph.trig (named graphs),
graph.nq (N-Quads), store/ (SPARQL store), map.html (network map) and report.json.
From 1,000 input files (or with --layout shards) the graph is written as quads/
instead: one sorted N-Quads file per named graph, of which a rebuild rewrites only
what changed ('hrkg export --format nq' makes the three files from it).
With no PATH, builds the bundled sample corpus.
Only regular files are read, each up to --max-size (default 50 MB); a file that
cannot be read is reported in one line and the others are built. Files read despite
a problem (bad bytes replaced, control characters removed) are reported as warnings.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from hrkg.build import Builder
from hrkg.core.errors import HrkgError
from hrkg.core.paths import DEFAULT_OUT, corpus_dir
from hrkg.engine import Engine
from hrkg.exports.registry import SHARDS_FROM, WRITERS
from hrkg.exports.summary import print_summary
from hrkg.extract.reading.limits import DEFAULT_LIMITS, human_size, parse_size


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help="files or folders to read (default: the bundled corpus)")
    parser.add_argument("-o", "--out", type=Path, default=DEFAULT_OUT,
                        help="output folder (default: ./out)")
    parser.add_argument("--no-map", action="store_true", help="do not draw map.html")
    parser.add_argument("--no-store", action="store_true", help="do not write the SPARQL store")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
    parser.add_argument("--formats", type=_formats, default=[], metavar="LIST",
                        help="more formats beside the graph, comma-separated: "
                             "jsonld, graphml, gexf, csv, void, all (as 'hrkg export')")
    parser.add_argument("--max-size", type=_size, default=DEFAULT_LIMITS.max_bytes, metavar="SIZE",
                        help="largest input file read, e.g. 50M, 1.5G, 800K "
                             f"(default: {human_size(DEFAULT_LIMITS.max_bytes)})")
    parser.add_argument("--workers", type=_workers, default=1, metavar="N",
                        help="extract on a local Dask cluster of N worker processes "
                             "(default: 1, in this process, no cluster)")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="extract on an existing Dask cluster, e.g. tcp://10.0.0.5:8786 "
                             "(its workers need hrkg and the input files at the same paths)")
    parser.add_argument("--lang", choices=("zh", "en"),
                        help="read every file as this language instead of detecting it "
                             "(a catalog.json entry's \"language\" still wins for its file)")
    parser.add_argument("--layout", choices=("auto", "files", "shards"), default="auto",
                        help="how the graph is written: files = graph.ttl, graph.trig and "
                             "graph.nq; shards = quads/, one N-Quads file a named graph, "
                             "rewritten only where documents changed (for large corpora; "
                             f"'hrkg export' makes the other files); auto (default) = "
                             f"shards from {SHARDS_FROM} input files")
    parser.add_argument("--force", action="store_true",
                        help="extract every file again, ignoring the cache in OUT/.cache")


def _workers(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not a number of workers: {text!r}")
    return int(text)


def _formats(text: str) -> list[str]:
    from hrkg.commands.export import EXPORT_FORMATS, chosen_formats

    try:
        return [name for name in chosen_formats([text]) if name in EXPORT_FORMATS]
    except HrkgError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _size(text: str) -> int:
    try:
        return parse_size(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def check_out_dir(out: Path) -> None:
    """Refuse an output folder that is a file or cannot be written, before extraction."""
    if out.exists() and not out.is_dir():
        raise HrkgError(f"--out {out}: is a file, not a folder")
    existing = out
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise HrkgError(f"--out {out}: {existing} is a file, not a folder")
    try:
        handle, probe = tempfile.mkstemp(dir=existing, prefix=".hrkg-write-test-")
        os.close(handle)
        os.unlink(probe)
    except OSError as error:
        raise HrkgError(f"--out {out}: cannot write in {existing} "
                        f"({error.strerror or error})") from None


def run(args: argparse.Namespace) -> int:
    check_out_dir(args.out)
    console = Console(stderr=True, quiet=args.quiet)
    inputs = args.paths or [corpus_dir()]
    with Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.fields[counts]}"), TextColumn("{task.fields[file]}"),
                  TimeElapsedColumn(), console=console, transient=True,
                  disable=args.quiet) as progress:
        task = progress.add_task("extracting", total=None, file="", counts="")
        started = time.perf_counter()

        def advance(path: Path, error: str | None) -> None:
            counts = builder.counts
            rate = counts.get("characters", 0) / max(time.perf_counter() - started, 1e-9)
            text = (f"{counts.get('done', 0)} done, {counts.get('cached', 0)} cached, "
                    f"{counts.get('failed', 0)} failed, {rate:,.0f} chars/s")
            progress.update(task, advance=1, file=path.name, counts=text)

        engine = Engine(workers=args.workers, scheduler=args.scheduler)
        builder = Builder(args.out, write_map=not args.no_map, write_store=not args.no_store,
                          outputs=[*WRITERS, *args.formats],
                          on_document=advance,
                          on_start=lambda total: progress.update(task, total=total),
                          limits=replace(DEFAULT_LIMITS, max_bytes=args.max_size),
                          engine=engine, force=args.force, language=args.lang,
                          layout=args.layout)
        result = builder.run(inputs)
    if not args.quiet:
        print_summary(result, console)
    for index, row in sorted(result.totals.rows.items()):
        for warning in row["warnings"]:
            print(f"hrkg build: warning: {result.totals.paths[index]}: {warning}",
                  file=sys.stderr)
    for error in result.errors:
        print(f"hrkg build: error: {error.path}: {error.reason}", file=sys.stderr)
    for name in ("turtle", "quads", "map"):
        if name in result.outputs:
            print(f"{name}: {result.outputs[name]}")
    if not result.totals.rows:
        print("hrkg build: error: no document could be read; nothing written", file=sys.stderr)
    return 0 if result.ok else 1
