"""Ask the built graph a SPARQL question.

QUERY is SPARQL text, a .rq file, the name of a canned query from the library
(see --list), or - to read the query from standard input. The default graph is
the union of all named graphs, so no GRAPH clause is needed (GRAPH still works).
Declare the prefixes you use (PREFIX hr: <https://w3id.org/hrkg/ontology#>), as on
every SPARQL engine; --show prints a canned query with its parameters bound, a
self-contained query that gives the same rows on any store. Entity IRIs contain
'/', which SPARQL does not allow in a prefixed name: write
<https://w3id.org/hrkg/id/instrument/udhr> or hrid:instrument\\/udhr. Parameters of
canned queries that name an entity accept its Chinese or English name, a short form,
its identifier (symbol, SDG number) or IRI.

Examples:
  hrkg query --list
  hrkg query document-instruments --param document=A/HRC/44/28
  hrkg query document-instruments --param document=A/HRC/44/28 --show
  hrkg query 'PREFIX hr: <https://w3id.org/hrkg/ontology#>
    SELECT ?i WHERE { ?i a hr:Instrument }' --limit 5
  hrkg query my-question.rq --format csv > answers.csv
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from hrkg.core.errors import HrkgError
from hrkg.core.paths import DEFAULT_OUT
from hrkg.sparql.errors import QuerySyntaxError
from hrkg.sparql.formats import GRAPH_FORMATS, RESULTS_FORMATS, display, serialize
from hrkg.sparql.library import CannedQuery, load_library, read_query_file
from hrkg.sparql.parameters import bind_parameters, names_of
from hrkg.sparql.run import ASK, GRAPH, QueryResult, execute
from hrkg.sparql.store import open_store

FORMATS = ("table", *RESULTS_FORMATS, *GRAPH_FORMATS)
PIPED_WIDTH = 1000
_NAME = re.compile(r"^[A-Za-z0-9_-]+$")
_BREAKS = re.compile(r"\s*[\r\n]\s*")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", nargs="?", metavar="QUERY",
                        help="SPARQL text, a .rq file, a canned query name, or - for stdin")
    parser.add_argument("-g", "--graph", type=Path, default=DEFAULT_OUT, metavar="DIR",
                        help="output folder of `hrkg build` holding store/ (default: out/)")
    parser.add_argument("-f", "--format", choices=FORMATS, default="table",
                        help="table (default), SPARQL results as json, xml, csv or tsv; "
                             "CONSTRUCT/DESCRIBE results as ttl, jsonld, nt or rdfxml")
    parser.add_argument("-p", "--param", action="append", default=[], metavar="NAME=VALUE",
                        help="value of a query parameter (a label, symbol, number or URI); "
                             "repeatable")
    parser.add_argument("-n", "--limit", type=int, metavar="N",
                        help="keep at most N rows (or triples)")
    parser.add_argument("--list", action="store_true", help="list the canned queries and exit")
    parser.add_argument("--show", action="store_true",
                        help="print the query text, its parameters bound, instead of running it")
    parser.add_argument("--allow-service", action="store_true",
                        help="allow federated SERVICE clauses (they fetch other URLs)")


def run(args: argparse.Namespace) -> int:
    console = Console(highlight=False, soft_wrap=False)
    if not console.is_terminal:  # piped: keep each row on one line, cells unwrapped
        console = Console(highlight=False, soft_wrap=False, width=PIPED_WIDTH)
    if args.list:
        console.print(library_table(load_library()))
        return 0
    if not args.query:
        raise HrkgError("give a query: SPARQL text, a .rq file, or a name from `hrkg query --list`")
    if args.limit is not None and args.limit < 0:
        raise HrkgError("--limit must be 0 or more")
    query = resolve_query(args.query)
    params = parse_params(args.param)
    arguments = query.arguments(params) if query.params else params
    store = open_store(args.graph) if (arguments or not args.show) else None
    if args.show:
        text = query.text
        if arguments and store is not None:
            text = bind_parameters(text, arguments, query.kinds, names_of(store)).text
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return 0
    assert store is not None
    started = time.perf_counter()
    try:
        result = execute(store, query.text, params=arguments, kinds=query.kinds,
                         limit=args.limit, allow_service=args.allow_service)
    except QuerySyntaxError as error:
        print(f"hrkg query: error: {query.name}: {error}\n{error.pointer()}", file=sys.stderr)
        return 1
    seconds = time.perf_counter() - started
    if args.format == "table":
        print_table(console, result, seconds)
    else:
        payload = serialize(result, args.format)
        sys.stdout.buffer.write(payload if payload.endswith(b"\n") else payload + b"\n")
        sys.stdout.flush()
    for note in result.notes:
        Console(stderr=True).print(f"[yellow]{note}[/yellow]", markup=True, highlight=False)
    if result.truncated:
        noun = "triples" if result.kind == GRAPH else "rows"
        Console(stderr=True).print(f"[yellow]only the first {args.limit} {noun} (--limit)[/yellow]")
    return 0


def resolve_query(argument: str) -> CannedQuery:
    """The query named by the QUERY argument: stdin, a file, a canned name, or inline text."""
    if argument == "-":
        return CannedQuery("<stdin>", Path("-"), "", "", (), sys.stdin.read())
    path = Path(argument)
    if "\n" not in argument and (path.suffix == ".rq" or _is_file(path)):
        if not path.is_file():
            raise HrkgError(f"{argument}: no such query file")
        return read_query_file(path)
    if _NAME.match(argument):
        library = load_library()
        if argument in library:
            return library[argument]
        close = difflib.get_close_matches(argument, list(library), n=3)
        hint = f"; did you mean {' or '.join(close)}?" if close else ""
        raise HrkgError(f"no canned query named {argument!r}{hint} (see `hrkg query --list`)")
    return CannedQuery("<query>", Path("-"), "", "", (), argument)


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # query text too long to be a file name
        return False


def parse_params(pairs: list[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip().lstrip("?$")
        if not sep or not _NAME.match(name):
            raise HrkgError(f"--param wants NAME=VALUE, got {pair!r}")
        params[name] = value
    return params


def library_table(library: dict[str, CannedQuery]) -> Table:
    table = Table(title="Canned queries (run: hrkg query NAME [--param NAME=VALUE])",
                  title_justify="left", show_lines=False)
    table.add_column("name", style="bold", no_wrap=True)
    table.add_column("title")
    table.add_column("parameters")
    for name, query in library.items():
        params = "\n".join(
            (f"{p.name} ({p.kind})" if p.kind else p.name)
            + (f" = {p.default!r}" if p.default is not None else " (required)")
            for p in query.params)
        table.add_row(Text(name), Text(query.title), Text(params))
    return table


def result_table(result: QueryResult, seconds: float) -> Table:
    count = len(result)
    unit = "triple" if result.kind == GRAPH else "row"
    caption = f"{count} {unit}{'' if count == 1 else 's'} in {seconds * 1000:.1f} ms"
    table = Table(caption=caption, caption_justify="left")
    if result.kind == GRAPH:
        for name in ("subject", "predicate", "object"):
            table.add_column(name, overflow="fold")
        for triple in result.triples:
            table.add_row(*(Text(one_line(display(term))) for term in triple))
        return table
    for name in result.variables:
        table.add_column(name, overflow="fold")
    for row in result.rows:
        table.add_row(*(Text(one_line(display(term))) for term in row))
    return table


def one_line(text: str) -> str:
    """Line breaks (PDF text keeps them inside sentences) shown as one space in a table."""
    return _BREAKS.sub(" ", text)


def print_table(console: Console, result: QueryResult, seconds: float) -> None:
    if result.kind == ASK:
        console.print("yes" if result.boolean else "no")
        return
    console.print(result_table(result, seconds))
