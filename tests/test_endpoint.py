"""`hrkg serve` driven by real clients: SPARQLWrapper, Debian's roqet and plain HTTP.

One server is started per module on a free loopback port (``--port 0``) with a short
time limit and a small result cap, so that refusals can be checked end to end.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import psutil
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import SKOS
from SPARQLWrapper import (
    CSV,
    JSON,
    JSONLD,
    N3,
    POST,
    POSTDIRECTLY,
    RDFXML,
    TSV,
    TURTLE,
    XML,
    SPARQLWrapper,
)
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed
from support.serving import start_serve

from hrkg.graph.namespaces import HRID

TIMEOUT = 3
MAX_ROWS = 50
UDHR = str(HRID["instrument/udhr"])
SKOS_NS = "http://www.w3.org/2004/02/skos/core#"
LABELS = (f"PREFIX skos: <{SKOS_NS}> SELECT ?label WHERE {{ <{UDHR}> skos:prefLabel ?label }} "
          "ORDER BY ?label")
EXPECTED_LABELS = ["Universal Declaration of Human Rights", "世界人权宣言"]
CONSTRUCT = (f"PREFIX skos: <{SKOS_NS}> CONSTRUCT {{ <{UDHR}> skos:prefLabel ?l }} "
             f"WHERE {{ <{UDHR}> skos:prefLabel ?l }}")
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
HR = "PREFIX hr: <https://w3id.org/hrkg/ontology#> "
SPARQL_RESULTS = "http://www.w3.org/2005/sparql-results#"


@dataclass
class Server:
    url: str  # .../sparql
    process: subprocess.Popen

    @property
    def base(self) -> str:
        return self.url.rsplit("/sparql", 1)[0]


@pytest.fixture(scope="module")
def server(demo_out: Path):
    url, process = start_serve(demo_out, "--timeout", str(TIMEOUT), "--max-rows", str(MAX_ROWS))
    yield Server(url, process)
    process.terminate()
    process.wait(20)


def wrapper(server: Server, query: str, fmt: str, method: str | None = None) -> SPARQLWrapper:
    client = SPARQLWrapper(server.url)
    client.setQuery(query)
    client.setReturnFormat(fmt)
    if method == POSTDIRECTLY:
        client.setMethod(POST)
        client.setRequestMethod(POSTDIRECTLY)
    elif method:
        client.setMethod(method)
    return client


def http(server: Server, params: dict | None = None, *, data: bytes | None = None,
         headers: dict | None = None, path: str = "/sparql", timeout: float = 30):
    """(status, headers, body) of one request; errors are returned, not raised."""
    url = server.base + path + ("?" + urllib.parse.urlencode(params, doseq=True)
                                if params else "")
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


# -- SPARQLWrapper -------------------------------------------------------------------------
@pytest.mark.parametrize("method", [None, POST, POSTDIRECTLY])
def test_select_in_every_results_format(server, method):
    as_json = wrapper(server, LABELS, JSON, method).query().convert()
    assert [b["label"]["value"] for b in as_json["results"]["bindings"]] == EXPECTED_LABELS
    as_xml = wrapper(server, LABELS, XML, method).query().convert()
    assert [node.firstChild.data for node in as_xml.getElementsByTagName("literal")] == \
        EXPECTED_LABELS
    as_csv = wrapper(server, LABELS, CSV, method).query().convert().decode("utf-8")
    assert list(csv.reader(io.StringIO(as_csv))) == [["label"], *[[x] for x in EXPECTED_LABELS]]
    as_tsv = wrapper(server, LABELS, TSV, method).query().convert().decode("utf-8")
    assert as_tsv.splitlines() == ["?label", f'"{EXPECTED_LABELS[0]}"@en',
                                   f'"{EXPECTED_LABELS[1]}"@zh']


@pytest.mark.parametrize("fmt", [JSON, XML])
def test_ask_in_json_and_xml(server, fmt):
    for text, expected in ((f"ASK {{ <{UDHR}> ?p ?o }}", True),
                           ("ASK { <urn:hrkg:nothing> ?p ?o }", False)):
        answer = wrapper(server, text, fmt).query().convert()
        if fmt == JSON:
            assert answer["boolean"] is expected
        else:
            assert answer.getElementsByTagName("boolean")[0].firstChild.data == \
                str(expected).lower()


@pytest.mark.parametrize("fmt", [TURTLE, N3, RDFXML, JSONLD])
def test_construct_in_graph_formats(server, fmt):
    answer = wrapper(server, CONSTRUCT, fmt).query().convert()
    if isinstance(answer, bytes):
        answer = Graph().parse(data=answer, format="turtle")
    labels = sorted(str(o) for o in answer.objects(URIRef(UDHR), SKOS.prefLabel))
    assert labels == EXPECTED_LABELS


def test_describe_as_turtle(server):
    answer = wrapper(server, f"DESCRIBE <{UDHR}>", TURTLE).query().convert()
    graph = Graph().parse(data=answer, format="turtle")
    assert "世界人权宣言" in {str(o) for o in graph.objects(URIRef(UDHR), SKOS.prefLabel)}


def test_update_is_refused_and_changes_nothing(server):
    triple = "<urn:hrkg:a> <urn:hrkg:b> <urn:hrkg:c>"
    client = wrapper(server, f"INSERT DATA {{ {triple} }}", JSON, POST)
    with pytest.raises(urllib.error.HTTPError) as refused:
        client.query()
    assert refused.value.code == 403
    assert b"read-only" in refused.value.read()
    for text in (f"INSERT DATA {{ {triple} }}", "DELETE WHERE { ?s ?p ?o }"):
        status, _, body = http(server, {"query": text})
        assert status == 403 and b"SPARQL Update" in body
    status, _, _ = http(server, data=b"DROP ALL",
                        headers={"Content-Type": "application/sparql-update"})
    assert status == 403
    assert wrapper(server, f"ASK {{ {triple} }}", JSON).query().convert()["boolean"] is False
    assert wrapper(server, f"ASK {{ <{UDHR}> ?p ?o }}", JSON).query().convert()["boolean"]


def test_service_is_refused(server):
    client = wrapper(server, "SELECT * WHERE { SERVICE <http://example.org/sparql> "
                             "{ ?s ?p ?o } }", JSON)
    with pytest.raises(QueryBadFormed, match="SERVICE"):
        client.query()


def test_runaway_query_is_stopped_and_its_worker_killed(server):
    def workers() -> set[int]:  # they are forked from a fork server, a child of the server
        return {p.pid for p in psutil.Process(server.process.pid).children(recursive=True)}

    workers_before = workers()
    status, _, body = http(server, {"query": RUNAWAY}, timeout=TIMEOUT * 4)
    assert status == 503
    assert f"{TIMEOUT} s time limit" in body.decode("utf-8")
    workers_after = workers()
    assert workers_before - workers_after, "the worker that ran the query is still alive"
    assert wrapper(server, LABELS, JSON).query().convert()["results"]["bindings"]


def test_an_answer_over_the_cap_is_an_error_never_a_silent_cut(server):
    mentions = HR + "SELECT ?m WHERE { ?m a hr:Mention }"
    status, headers, body = http(server, {"query": mentions},
                                 headers={"Accept": "application/sparql-results+json"})
    assert status == 422
    assert f"more than {MAX_ROWS} rows" in body.decode("utf-8") and b"LIMIT" in body
    status, headers, body = http(server, {"query": f"{mentions} LIMIT {MAX_ROWS}"},
                                 headers={"Accept": "application/sparql-results+json"})
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == MAX_ROWS
    assert headers["X-SPARQL-MaxRows"] == str(MAX_ROWS)
    construct = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    status, _, body = http(server, {"query": construct}, headers={"Accept": "text/turtle"})
    assert status == 422 and f"more than {MAX_ROWS} triples" in body.decode("utf-8")


# -- roqet (rasqal) ------------------------------------------------------------------------
def roqet(server: Server, query: str, *options: str) -> subprocess.CompletedProcess:
    if shutil.which("roqet") is None:
        pytest.skip("roqet (rasqal-utils) is not installed")
    return subprocess.run(["roqet", "-p", server.url, "-e", query, *options],
                          capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("fmt", ["simple", "csv", "tsv", "xml"])
def test_roqet_select(server, fmt):
    done = roqet(server, LABELS, "-r", fmt)
    assert done.returncode == 0, done.stderr
    assert "Universal Declaration of Human Rights" in done.stdout
    assert "Query returned 2 results" in done.stderr or fmt != "simple"


def test_roqet_sees_the_refusals(server):
    update = roqet(server, "INSERT DATA { <urn:a> <urn:b> <urn:c> }", "-i", "sparql11-update")
    assert "HTTP status 403" in update.stderr
    service = roqet(server, "SELECT * WHERE { SERVICE <http://example.org/sparql> "
                            "{ ?s ?p ?o } }", "-i", "sparql")
    assert "HTTP status 400" in service.stderr
    runaway = roqet(server, RUNAWAY, "-i", "sparql")
    assert "HTTP status 503" in runaway.stderr


# -- the protocol by hand --------------------------------------------------------------------
@pytest.mark.parametrize("accept, media", [
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("application/json", "application/sparql-results+json"),
    ("*/*", "application/sparql-results+json"),
])
def test_content_negotiation_for_solutions(server, accept, media):
    status, headers, _ = http(server, {"query": LABELS}, headers={"Accept": accept})
    assert status == 200 and headers["Content-Type"].split(";")[0] == media


@pytest.mark.parametrize("accept, media, parse_as", [
    ("text/turtle", "text/turtle", "turtle"),
    ("application/ld+json", "application/ld+json", "json-ld"),
    ("application/n-triples", "application/n-triples", "nt"),
    ("application/rdf+xml", "application/rdf+xml", "xml"),
])
def test_content_negotiation_for_graphs(server, accept, media, parse_as):
    status, headers, body = http(server, {"query": CONSTRUCT}, headers={"Accept": accept})
    assert status == 200 and headers["Content-Type"].split(";")[0] == media
    graph = Graph().parse(data=body, format=parse_as)
    assert sorted(str(o) for o in graph.objects(URIRef(UDHR), SKOS.prefLabel)) == \
        EXPECTED_LABELS


def test_named_graph_restriction(server):
    count = HR + "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a hr:Document }"

    def ask(query: str, **params) -> list[dict]:
        status, _, body = http(server, {"query": query, **params},
                               headers={"Accept": "application/sparql-results+json"})
        assert status == 200, body
        return json.loads(body)["results"]["bindings"]

    def documents(**params) -> int:
        return int(ask(count, **params)[0]["n"]["value"])

    graphs = [row["g"]["value"] for row in ask(
        HR + "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?d a hr:Document } } ORDER BY ?g")]
    assert len(graphs) == 4 and documents() == 4
    assert documents(**{"default-graph-uri": graphs[0]}) == 1
    assert documents(**{"default-graph-uri": graphs[:2]}) == 2
    # named-graph-uri alone: the dataset is exactly those named graphs, its default graph empty
    assert documents(**{"named-graph-uri": graphs[0]}) == 0
    in_graphs = HR + "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?d a hr:Document } }"
    assert [row["g"]["value"] for row in ask(in_graphs, **{"named-graph-uri": graphs[1]})] \
        == [graphs[1]]
    status, _, body = http(server, {"query": count, "default-graph-uri": "not an iri"})
    assert status == 400 and b"not an absolute IRI" in body


def test_protocol_errors(server):
    status, _, body = http(server, {"query": "SELECT * WHERE {\n ?s ?p \n}"})
    assert status == 400 and b"syntax error at line 3, column" in body
    status, _, _ = http(server, {"query": ["ASK {}", "ASK {}"]})
    assert status == 400
    status, _, _ = http(server, data=b"ASK {}", headers={"Content-Type": "text/plain"})
    assert status == 415


def test_service_description(server):
    status, headers, body = http(server, headers={"Accept": "text/turtle"})
    assert status == 200
    description = Graph().parse(data=body, format="turtle")
    endpoint = URIRef("http://www.w3.org/ns/sparql-service-description#endpoint")
    assert list(description.objects(None, endpoint)) == [URIRef(server.url)]


# -- the HTML page ---------------------------------------------------------------------------
def test_page_shows_a_table_and_escapes_everything(server):
    query = f'PREFIX skos: <{SKOS_NS}> SELECT ?label ?x WHERE {{ ?e skos:prefLabel ?label . ' \
            f'FILTER (?e = <{UDHR}>) BIND ("<script>alert(1)</script>" AS ?x) }}'
    status, headers, body = http(server, {"query": query, "format": "html"})
    page = body.decode("utf-8")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert "<td>世界人权宣言" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script" not in page.lower()
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page), "page loads from network"
    status, _, _ = http(server, path="/sparql-assets/page.css")
    assert status == 200


def test_page_reports_errors_and_loads_the_library(server):
    status, _, body = http(server, {"query": "SELECT * WHERE { ?s ?p }", "format": "html"})
    assert status == 200 and "syntax error at line 1" in body.decode("utf-8")
    status, _, body = http(server, {"library": "entity-labels"}, path="/")
    page = body.decode("utf-8")
    assert status == 200
    assert f"VALUES ?entity {{ &lt;{UDHR}&gt; }}" in page


def test_page_on_root_fills_the_form_but_runs_nothing(server):
    """Only /sparql runs queries: GET /?query= shows the text, never an answer."""
    query = f"SELECT ?label WHERE {{ <{UDHR}> <{SKOS_NS}prefLabel> ?label }}"
    status, _, body = http(server, {"query": query}, path="/")
    page = body.decode("utf-8")
    assert status == 200 and "prefLabel" in page
    assert "世界人权宣言" not in page and "<table>" not in page
    status, _, body = http(server, {"query": query, "format": "html"})
    assert status == 200 and "世界人权宣言" in body.decode("utf-8")
    status, _, body = http(server, path="/")
    assert 'action="/sparql"' in body.decode("utf-8")
    assert f"PREFIX skos: &lt;{SKOS_NS}&gt;" in body.decode("utf-8"), "the example declares"


# -- who may ask: Host, CORS ----------------------------------------------------------------
@pytest.mark.parametrize("host", ["evil.example", "evil.example:80", "127.0.0.1.nip.io"])
def test_a_host_header_naming_another_server_is_refused(server, host):
    """DNS rebinding: a page's own name resolved to 127.0.0.1 must not reach the endpoint."""
    status, _, body = http(server, {"query": LABELS}, headers={"Host": host})
    assert status == 421 and b"Host" in body
    status, _, body = http(server, headers={"Host": host, "Accept": "text/turtle"})
    assert status == 421 and host.encode() not in body


@pytest.mark.parametrize("host", ["localhost", "LOCALHOST:8000", "127.0.0.1", "[::1]:1234"])
def test_loopback_names_are_allowed_on_loopback(server, host):
    status, _, body = http(server, {"query": LABELS}, headers={"Host": host})
    assert status == 200, body


def test_no_cors_headers_by_default(server):
    status, headers, _ = http(server, {"query": LABELS},
                              headers={"Origin": "https://evil.example"})
    assert status == 200
    assert not [name for name in headers if name.lower().startswith("access-control-")]


# -- the language as other engines read it -----------------------------------------------------
def test_undeclared_prefixes_are_rejected(server):
    status, _, body = http(server, {"query": "SELECT ?s WHERE { ?s a hr:Document }"})
    assert status == 400 and b"undefined prefix hr:" in body


def test_select_star_keeps_the_query_order(server):
    query = (f"SELECT * WHERE {{ BIND (<{UDHR}> AS ?zeta) ?zeta <{SKOS_NS}prefLabel> ?beta . "
             "BIND (LANG(?beta) AS ?alpha) } ORDER BY ?alpha")
    status, _, body = http(server, {"query": query},
                           headers={"Accept": "application/sparql-results+json"})
    assert status == 200
    assert json.loads(body)["head"]["vars"] == ["zeta", "beta", "alpha"]
    status, _, body = http(server, {"query": query}, headers={"Accept": "text/csv"})
    assert body.decode("utf-8").splitlines()[0] == "zeta,beta,alpha"


def test_deep_nesting_is_refused_before_any_parser(server):
    """5,000 nested groups once crashed the engine (segmentation fault)."""
    deep = "SELECT * WHERE " + "{" * 5000 + "}" * 5000
    status, _, body = http(server, data=urllib.parse.urlencode({"query": deep}).encode(),
                           headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 400 and b"more than 24 levels" in body
    assert len(body.decode("utf-8").splitlines()[0]) < 200
    assert wrapper(server, LABELS, JSON).query().convert()["results"]["bindings"]
