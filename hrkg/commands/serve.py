"""Serve the built graph as a read-only SPARQL 1.1 endpoint, with a query page.

Standard clients (YASGUI, SPARQLWrapper, Jena, rasqal's roqet, notebooks) talk to
http://HOST:PORT/sparql: GET ?query=, POST application/sparql-query or a form;
results as SPARQL JSON, XML, CSV or TSV (Turtle, JSON-LD, N-Triples or RDF/XML
for CONSTRUCT/DESCRIBE) by content negotiation. http://HOST:PORT/ is a page to
type a query and read the table; it works offline.

SPARQL Update is refused; federated SERVICE queries are refused unless
--allow-service; each query is stopped at --timeout seconds; at most --max-rows
rows are returned. The server listens on loopback only unless --host says
otherwise. Port 0 picks a free port.
"""

from __future__ import annotations

import argparse
import ipaddress
import signal
from pathlib import Path

from rich.console import Console

from hrkg.core.errors import HrkgError
from hrkg.core.paths import DEFAULT_OUT
from hrkg.sparql.endpoint import EndpointConfig, create_app
from hrkg.sparql.store import open_store


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-g", "--graph", type=Path, default=DEFAULT_OUT, metavar="DIR",
                        help="output folder of `hrkg build` holding store/ (default: out/)")
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default: 127.0.0.1, this machine only)")
    parser.add_argument("--port", type=int, default=8000,
                        help="port to listen on (default: 8000; 0 picks a free one)")
    parser.add_argument("--timeout", type=float, default=10.0, metavar="SECONDS",
                        help="time limit of each query (default: 10)")
    parser.add_argument("--max-rows", type=int, default=10_000, metavar="N",
                        help="most rows (or triples) one answer returns (default: 10000)")
    parser.add_argument("--allow-service", action="store_true",
                        help="allow federated SERVICE queries (the server then fetches URLs)")
    parser.add_argument("--workers", type=int, default=2, metavar="N",
                        help="queries evaluated at the same time (default: 2)")


def run(args: argparse.Namespace) -> int:
    if args.timeout <= 0 or args.max_rows <= 0 or args.workers <= 0:
        raise HrkgError("--timeout, --max-rows and --workers must be greater than 0")
    if not 0 <= args.port <= 65535:
        raise HrkgError(f"--port {args.port} is not a TCP port")
    open_store(args.graph)  # a clear error now rather than in every worker
    from waitress import create_server

    config = EndpointConfig(args.graph, timeout=args.timeout, max_rows=args.max_rows,
                            allow_service=args.allow_service, workers=args.workers)
    app = create_app(config)
    pool = app.extensions["hrkg_query_pool"]
    try:
        server = create_server(app, host=args.host, port=args.port, threads=args.workers + 2,
                               ident="hrkg")
    except OSError as error:
        pool.close()
        raise HrkgError(f"cannot listen on {args.host}:{args.port}: {error.strerror}") from None
    if not _is_loopback(args.host):
        Console(stderr=True).print(f"[yellow]warning: listening on {args.host}: other machines "
                                   "can reach this endpoint[/yellow]")
    host = f"[{server.effective_host}]" if ":" in str(server.effective_host) else \
        server.effective_host
    base = f"http://{host}:{server.effective_port}"
    print(f"SPARQL endpoint: {base}/sparql")
    print(f"query page:      {base}/")
    print(f"graph: {args.graph} · timeout {args.timeout:g} s · max rows {args.max_rows} · "
          f"SERVICE {'allowed' if args.allow_service else 'refused'} · Ctrl-C stops", flush=True)
    signal.signal(signal.SIGTERM, _stop)
    try:
        server.run()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        server.close()
        pool.close()
    return 0


def _stop(signum: int, frame: object) -> None:
    raise SystemExit(0)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
