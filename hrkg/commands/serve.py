"""Serve the built graph as a read-only SPARQL 1.1 endpoint, with a query page.

Standard clients (YASGUI, SPARQLWrapper, Jena, rasqal's roqet, notebooks) talk to
http://HOST:PORT/sparql: GET ?query=, POST application/sparql-query or a form;
results as SPARQL JSON, XML, CSV or TSV (Turtle, JSON-LD, N-Triples or RDF/XML
for CONSTRUCT/DESCRIBE) by content negotiation. http://HOST:PORT/ is a page to
type a query and read the table; it works offline.

SPARQL Update is refused; federated SERVICE queries are refused unless
--allow-service; each query runs in a worker process limited to --memory MB and
stopped at --timeout seconds; a query that has used --slow-after seconds of CPU
moves to the slow lane (at most --slow-workers at once, at low CPU priority), so
the other workers keep answering quick queries; an answer over --max-rows rows
is an error (422). Only /sparql runs queries. The server listens on loopback only
unless --host says otherwise, answers only requests whose Host header names it
(--allowed-host adds a name), and sends no CORS headers unless --cors ORIGIN.
Port 0 picks a free port.
"""

from __future__ import annotations

import argparse
import ipaddress
import re
import signal
from pathlib import Path

from rich.console import Console

from hrkg.core.errors import HrkgError
from hrkg.core.paths import DEFAULT_OUT
from hrkg.maps.serve import map_blueprint
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
    parser.add_argument("--workers", type=int, default=6, metavar="N",
                        help="queries evaluated at the same time (default: 6)")
    parser.add_argument("--slow-workers", type=int, metavar="N",
                        help="of these, how many may run slow queries (default: 2, "
                             "fewer than --workers; 1 with a single worker)")
    parser.add_argument("--slow-after", type=float, default=0.25, metavar="SECONDS",
                        help="a query that used this much CPU time is slow (default: 0.25)")
    parser.add_argument("--memory", type=int, default=2048, metavar="MB",
                        help="address space of each query worker (default: 2048)")
    parser.add_argument("--cors", metavar="ORIGIN",
                        help="let web pages from ORIGIN (e.g. http://localhost:3000) read "
                             "answers; default: no cross-origin reads")
    parser.add_argument("--allowed-host", action="append", default=[], metavar="NAME",
                        help="a further name clients may use in the Host header (repeatable)")


def run(args: argparse.Namespace) -> int:
    slow_workers = (max(1, min(2, args.workers - 1)) if args.slow_workers is None
                    else args.slow_workers)
    if min(args.timeout, args.max_rows, args.workers, slow_workers, args.slow_after) <= 0:
        raise HrkgError("--timeout, --max-rows, --workers, --slow-workers and --slow-after "
                        "must be greater than 0")
    if args.workers > 1 and slow_workers >= args.workers:
        raise HrkgError(f"--slow-workers ({args.slow_workers}) must be fewer than --workers "
                        f"({args.workers}): the others answer quick queries")
    if args.memory < 256:
        raise HrkgError("--memory must be at least 256 (MB)")
    if args.cors and not re.match(r"^https?://[^/\s]+$", args.cors):
        raise HrkgError(f"--cors wants an origin such as http://localhost:3000, got {args.cors!r}")
    if not 0 <= args.port <= 65535:
        raise HrkgError(f"--port {args.port} is not a TCP port")
    open_store(args.graph)  # a clear error now rather than in every worker
    from waitress import create_server

    config = EndpointConfig(args.graph, timeout=args.timeout, max_rows=args.max_rows,
                            allow_service=args.allow_service, workers=args.workers,
                            memory_mb=args.memory, slow_after=args.slow_after,
                            slow_slots=slow_workers, host=args.host,
                            allowed_hosts=tuple(args.allowed_host), cors=args.cors)
    app = create_app(config)
    app.register_blueprint(map_blueprint(args.graph))  # /map: overview and ego maps (pages link)
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
