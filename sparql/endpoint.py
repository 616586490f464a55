"""A read-only SPARQL 1.1 Protocol endpoint over the built graph (Flask, served by waitress).

``/sparql`` answers GET ``?query=``, POST ``application/sparql-query`` and POST
form-encoded queries, honouring ``default-graph-uri``/``named-graph-uri``, with the
result format chosen by the ``Accept`` header (or a ``format``/``output`` parameter).
``/`` is a plain HTML page to type a query (it runs queries on ``/sparql`` with
``format=html`` and reads the table; it needs no network); only ``/sparql`` runs
queries. SPARQL Update is refused (403), ``SERVICE`` is refused (400) unless allowed,
text too long or too deeply nested is refused before any parser (400), each query
runs in a limited worker process (see :mod:`hrkg.sparql.pool`: time limit and slow
lane 503, memory cap), and an answer longer than ``max_rows`` is an error (422, never
a silent cut; the HTML page shows the first rows and says so). The ``Host`` header
must name this server and CORS is off unless one origin is allowed (see
:mod:`hrkg.sparql.guard`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import pyoxigraph as ox
from flask import Flask, Response, redirect, render_template_string, request, send_from_directory
from flask.typing import ResponseReturnValue

from hrkg import __version__
from hrkg.core.errors import HrkgError
from hrkg.core.paths import resource_dir
from hrkg.sparql.errors import (
    QueryFailed,
    QueryRefused,
    QuerySyntaxError,
    QueryTimeout,
    ResultTooLarge,
)
from hrkg.sparql.formats import GRAPH_FORMATS, RESULTS_FORMATS, FormatUnavailable, compact_iri
from hrkg.sparql.guard import install_guards
from hrkg.sparql.library import load_library
from hrkg.sparql.limits import check_query_limits
from hrkg.sparql.ontology_page import ontology_blueprint
from hrkg.sparql.pages import pages_blueprint
from hrkg.sparql.parameters import bind_parameters, names_of
from hrkg.sparql.pool import PoolLimits, QueryJob, QueryPool
from hrkg.sparql.run import ASK, GRAPH
from hrkg.sparql.store import DEFAULT_PREFIXES, CurrentStore, OxTerm

ASSET_PREFIX = "sparql-"
PAGE_ROWS = 1000  # rows shown on the HTML page (downloads get max_rows)
MAX_REQUEST_BYTES = 1_000_000
XSD = "http://www.w3.org/2001/XMLSchema#"
# datatypes shown without a note: strings and the numbers and booleans the page reads plainly
PLAIN_DATATYPES = tuple(XSD + name for name in ("string", "integer", "decimal", "double",
                                                "boolean"))

# names clients pass in format=/output= -> (results format, graph format)
FORMAT_ALIASES = {
    "json": ("json", "jsonld"), "srj": ("json", "jsonld"),
    "xml": ("xml", "rdfxml"), "srx": ("xml", "rdfxml"),
    "csv": ("csv", None), "tsv": ("tsv", None),
    "turtle": (None, "ttl"), "ttl": (None, "ttl"), "n3": (None, "ttl"),
    "json-ld": (None, "jsonld"), "jsonld": (None, "jsonld"),
    "nt": (None, "nt"), "n-triples": (None, "nt"), "ntriples": (None, "nt"),
    "rdfxml": (None, "rdfxml"), "rdf+xml": (None, "rdfxml"), "rdf": (None, "rdfxml"),
}
# Accept media types -> format, in order of preference when the client accepts anything
RESULTS_MEDIA = {
    **{media: name for name, media in RESULTS_FORMATS.items()},
    "application/json": "json", "application/xml": "xml", "text/xml": "xml",
}
GRAPH_MEDIA = {
    **{media: name for name, media in GRAPH_FORMATS.items()},
    "application/x-turtle": "ttl", "text/n3": "ttl", "text/rdf+n3": "ttl",
    "application/json": "jsonld",
    "application/xml": "rdfxml", "text/xml": "rdfxml", "text/plain": "nt",
}
SERVICE_DESCRIPTION = """\
@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix formats: <http://www.w3.org/ns/formats/> .

<{endpoint}> a sd:Service ;
    sd:endpoint <{endpoint}> ;
    sd:supportedLanguage sd:SPARQL11Query ;
    sd:feature sd:UnionDefaultGraph ;
    sd:resultFormat formats:SPARQL_Results_JSON , formats:SPARQL_Results_XML ,
        formats:SPARQL_Results_CSV , formats:SPARQL_Results_TSV , formats:Turtle ,
        formats:JSON-LD , formats:N-Triples , formats:RDF_XML .
"""


class ProtocolError(HrkgError):
    """A request the protocol or this endpoint's policy rejects, with its HTTP status."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class EndpointConfig:
    graph_dir: Path
    timeout: float = 10.0
    max_rows: int = 10_000
    allow_service: bool = False
    workers: int = 6
    memory_mb: int = PoolLimits.memory_mb
    slow_after: float = PoolLimits.slow_after
    slow_slots: int = 2
    host: str = "127.0.0.1"  # the address the server listens on (Host headers must name it)
    allowed_hosts: tuple[str, ...] = ()
    cors: str | None = None  # the one origin allowed to read answers cross-origin

    def pool_limits(self) -> PoolLimits:
        return PoolLimits(timeout=self.timeout, memory_mb=self.memory_mb,
                          slow_after=self.slow_after, slow_slots=self.slow_slots)


def create_app(config: EndpointConfig, pool: QueryPool | None = None) -> Flask:
    """The Flask app; queries run in ``pool`` (a new :class:`QueryPool` if not given)."""
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES
    pool = pool or QueryPool(config.graph_dir, size=config.workers, limits=config.pool_limits())
    app.extensions["hrkg_query_pool"] = pool
    assets = resource_dir("hrkg.sparql") / "assets"
    page = (assets / f"{ASSET_PREFIX}page.html").read_text(encoding="utf-8")
    library = load_library()
    store = CurrentStore(config.graph_dir)  # canned queries shown with their defaults bound
    app.register_blueprint(ontology_blueprint())  # /ontology, /shapes at their IRIs' paths
    app.register_blueprint(pages_blueprint(store))  # /id/… entity pages, /search

    install_guards(app, bound=config.host, allowed_hosts=config.allowed_hosts, cors=config.cors)

    def render_page(text: str | None, run: bool) -> str:
        view = {"query": text or EXAMPLE_QUERY, "library": library.values(),
                "version": __version__, "timeout": config.timeout}
        if text and run:
            view.update(run_for_page(pool, config, text))
        return render_template_string(page, **view)

    @app.route("/sparql", methods=["GET", "POST"])
    def sparql() -> ResponseReturnValue:
        try:
            text, default_graph, named_graphs = read_protocol_request()
            if text is None:
                return service_description()
            if request.values.get("format") == "html":  # the query page's form
                return render_page(text, run=True)
            check_query_limits(text)
            results_format, graph_format = choose_formats()
            reply = pool.run(QueryJob(text, results_format, graph_format, limit=config.max_rows,
                                      allow_service=config.allow_service,
                                      default_graph=tuple(default_graph),
                                      named_graphs=tuple(named_graphs), over_limit="error"))
        except (ProtocolError, QueryRefused, QuerySyntaxError, QueryTimeout, QueryFailed,
                FormatUnavailable, ResultTooLarge) as error:
            return error_response(error)
        if reply.kind == GRAPH:
            media = GRAPH_FORMATS[graph_format or ""]
        else:
            media = RESULTS_FORMATS[results_format or ""]
        response = Response(reply.payload, content_type=with_charset(media))
        response.vary.add("Accept")
        response.headers["X-SPARQL-MaxRows"] = str(config.max_rows)
        return response

    @app.route("/")
    def query_page() -> Response | str:
        """The page; ``?query=`` only fills the form in (queries run on /sparql)."""
        chosen = library.get(request.args.get("library", ""))
        text = request.args.get("query")
        if chosen is not None:
            text = bind_parameters(chosen.text, chosen.arguments({}), chosen.kinds,
                                   names_of(store.get())).text
        return render_page(text, run=False)

    @app.route(f"/{ASSET_PREFIX}assets/<path:name>")
    def asset(name: str) -> Response:
        return send_from_directory(assets, f"{ASSET_PREFIX}{name}")

    @app.route("/query")
    def query_alias() -> ResponseReturnValue:
        return redirect("/sparql" + (f"?{request.query_string.decode()}"
                                     if request.query_string else ""), code=307)

    return app


# the page fills these in: prefixes must be declared, as on every SPARQL engine
PREFIX_LINES = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in DEFAULT_PREFIXES.items())
EXAMPLE_QUERY = PREFIX_LINES + """\
# Instruments and how many documents mention them
SELECT ?instrument ?name (COUNT(DISTINCT ?doc) AS ?documents)
WHERE {
  ?instrument a hr:Instrument ; skos:prefLabel ?name .
  FILTER (LANG(?name) = "zh")
  ?doc a hr:Document ; hr:mentions ?instrument .
}
GROUP BY ?instrument ?name
ORDER BY DESC(?documents) ?name
LIMIT 20
"""


# -- the protocol ----------------------------------------------------------------------
def read_protocol_request() -> tuple[str | None, list[str], list[str]]:
    """(query text or None, default-graph-uri list, named-graph-uri list) of this request."""
    if request.method == "GET":
        fields = request.args
    elif request.mimetype == "application/sparql-update":
        raise ProtocolError(403, "SPARQL Update is not accepted: this endpoint is read-only")
    elif request.mimetype == "application/sparql-query":
        text = request.get_data(as_text=True)
        return text, checked_iris(request.args.getlist("default-graph-uri")), checked_iris(
            request.args.getlist("named-graph-uri"))
    elif request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data"):
        fields = request.form
    else:
        raise ProtocolError(415, f"unsupported content type {request.mimetype or '(none)'}: "
                                 "send application/sparql-query or a form with query=")
    if "update" in fields or "update" in request.args:
        raise ProtocolError(403, "SPARQL Update is not accepted: this endpoint is read-only")
    queries = fields.getlist("query")
    if len(queries) > 1:
        raise ProtocolError(400, "give exactly one query parameter")
    default_graph = fields.getlist("default-graph-uri") + (
        request.args.getlist("default-graph-uri") if fields is not request.args else [])
    named_graphs = fields.getlist("named-graph-uri") + (
        request.args.getlist("named-graph-uri") if fields is not request.args else [])
    return (queries[0] if queries else None), checked_iris(default_graph), checked_iris(
        named_graphs)


def checked_iris(iris: list[str]) -> list[str]:
    """Graph IRIs from the request, refused (400) unless each is an absolute IRI."""
    for iri in iris:
        try:
            ox.NamedNode(iri)
        except ValueError:
            raise ProtocolError(400, f"not an absolute IRI: {iri!r}") from None
    return iris


def choose_formats() -> tuple[str | None, str | None]:
    """The response format for solutions and for a graph (the query's form is not known
    before it runs): an explicit format=/output= parameter, else the Accept header.
    None: the explicit format does not suit that kind of answer."""
    explicit = next((request.values.get(key) for key in ("format", "output", "results")
                     if request.values.get(key)), None)
    if explicit:
        name = explicit.strip().lower()
        results, graph = FORMAT_ALIASES.get(name, (None, None))
        chosen = (RESULTS_MEDIA.get(name, results), GRAPH_MEDIA.get(name, graph))
        if chosen == (None, None):
            raise ProtocolError(406, f"format {explicit!r} is not available (available: "
                                     f"{', '.join([*RESULTS_FORMATS, *GRAPH_FORMATS])})")
        return chosen
    results_media = request.accept_mimetypes.best_match(list(RESULTS_MEDIA))
    graph_media = request.accept_mimetypes.best_match(list(GRAPH_MEDIA))
    return (RESULTS_MEDIA[results_media] if results_media else "json",
            GRAPH_MEDIA[graph_media] if graph_media else "ttl")


def with_charset(media: str) -> str:
    return f"{media}; charset=utf-8" if media.startswith("text/") else media


def service_description() -> ResponseReturnValue:
    if request.accept_mimetypes.best_match(["text/turtle", "text/html"]) == "text/html":
        return redirect("/", code=303)
    body = SERVICE_DESCRIPTION.format(endpoint=request.base_url)
    return Response(body, content_type=with_charset("text/turtle"))


def error_response(error: HrkgError) -> Response:
    if isinstance(error, ProtocolError):
        status = error.status
    elif isinstance(error, QueryRefused):
        status = 403 if error.reason == "update" else 400
    elif isinstance(error, QuerySyntaxError):
        status = 400
    elif isinstance(error, QueryTimeout):
        status = 503
    elif isinstance(error, ResultTooLarge):
        status = 422
    elif isinstance(error, FormatUnavailable):
        status = 406
    else:
        status = 500
    body = str(error)
    if isinstance(error, QuerySyntaxError):
        body += "\n" + error.pointer()
    return Response(body + "\n", status=status, content_type=with_charset("text/plain"))


# -- the HTML page -----------------------------------------------------------------------
def run_for_page(pool: QueryPool, config: EndpointConfig, text: str) -> dict:
    """Run a query for the page: a table (head, rows of cells) or an error message."""
    try:
        reply = pool.run(QueryJob(text, "json", "nt", limit=min(config.max_rows, PAGE_ROWS),
                                  allow_service=config.allow_service))
    except (QueryRefused, QuerySyntaxError, QueryTimeout, QueryFailed) as error:
        message = str(error)
        if isinstance(error, QuerySyntaxError):
            message += "\n" + error.pointer()
        return {"error": message}
    formats = GRAPH_FORMATS if reply.kind == GRAPH else RESULTS_FORMATS
    view: dict = {"seconds": reply.seconds, "truncated": reply.truncated,
                  "downloads": [(name, "/sparql?" + urlencode({"query": text, "format": name}))
                                for name in formats]}
    if reply.kind == GRAPH:
        triples = ox.parse(reply.payload, format=ox.RdfFormat.N_TRIPLES)
        view["head"] = ["subject", "predicate", "object"]
        view["rows"] = [[cell(term) for term in triple] for triple in triples]
    else:
        answer = ox.parse_query_results(reply.payload, format=ox.QueryResultsFormat.JSON)
        if reply.kind == ASK:
            view["boolean"] = bool(answer)
        else:
            assert isinstance(answer, ox.QuerySolutions)
            view["head"] = [variable.value for variable in answer.variables]
            view["rows"] = [[cell(solution[name]) for name in view["head"]]
                            for solution in answer]
    view["count"] = len(view.get("rows", []))
    return view


def describe_link(iri: str) -> str:
    return "/sparql?" + urlencode({"query": f"DESCRIBE <{iri}>", "format": "html"})


def cell(term: OxTerm | None) -> dict:
    """A table cell (text, optional link, optional note) for a term."""
    if term is None:
        return {"text": ""}
    if isinstance(term, ox.NamedNode):
        return {"text": compact_iri(term.value), "link": describe_link(term.value),
                "title": term.value}
    if isinstance(term, ox.BlankNode):
        return {"text": f"_:{term.value}"}
    if isinstance(term, ox.Triple):
        parts = [cell(part)["text"] for part in term]
        return {"text": "<< " + " ".join(parts) + " >>"}
    note = f"@{term.language}" if term.language else ""
    if not term.language and term.datatype.value not in PLAIN_DATATYPES:
        note = "^^" + compact_iri(term.datatype.value)
    return {"text": term.value, "note": note}
