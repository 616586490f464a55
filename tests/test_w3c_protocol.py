"""The query tests of the W3C SPARQL 1.1 Protocol suite (sparql11/protocol/manifest.ttl in
rdflib's source distribution; the suite describes each request in prose, so each is
written here by its manifest name), sent to the endpoint's Flask app over a small
dataset whose graphs carry the suite's names. The update tests expect a writable
store: this endpoint is read-only, so they are checked as refusals (403). Also: CORS
with ``--cors`` and the Host check as configured."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hrkg.sparql.endpoint import EndpointConfig, create_app
from hrkg.sparql.guard import allowed_host_names, host_allowed
from hrkg.sparql.store import write_store_from_file

DATA = "http://kasei.us/2009/09/sparql/data/"
TRIG = f"""
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
<{DATA}data1.rdf> {{ <{DATA}data1.rdf> foaf:name "one" . }}
<{DATA}data2.rdf> {{ <{DATA}data2.rdf> foaf:name "two" . }}
<{DATA}data3.rdf> {{ <{DATA}data3.rdf> foaf:name "three" . }}
"""
SELECT_MEDIA = {"application/sparql-results+xml", "application/sparql-results+json",
                "text/csv", "text/tab-separated-values"}
GRAPH_MEDIA = {"application/rdf+xml", "text/turtle", "application/n-triples"}


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    folder: Path = tmp_path_factory.mktemp("protocol")
    (folder / "data.trig").write_text(TRIG, encoding="utf-8")
    out = folder / "out"
    write_store_from_file(folder / "data.trig", out)
    application = create_app(EndpointConfig(out, timeout=10, workers=2, slow_slots=1,
                                            cors="http://localhost:3000"))
    yield application
    application.extensions["hrkg_query_pool"].close()


@pytest.fixture
def client(app):
    return app.test_client()


def boolean(response) -> bool:
    assert response.status_code == 200, response.get_data(as_text=True)
    return json.loads(response.data)["boolean"]


JSON = {"Accept": "application/sparql-results+json"}
FORM = "application/x-www-form-urlencoded"


def test_query_get(client):
    assert boolean(client.get("/sparql", query_string={"query": "ASK {}"}, headers=JSON))


def test_query_post_form(client):
    assert boolean(client.post("/sparql", data={"query": "ASK {}"}, headers=JSON))


def test_query_post_direct(client):
    assert boolean(client.post("/sparql", data="ASK {}", headers={
        **JSON, "Content-Type": "application/sparql-query"}))


def test_query_dataset_default_graph_get(client):
    query = f"ASK {{ <{DATA}data1.rdf> ?p ?o }}"
    assert boolean(client.get("/sparql", headers=JSON, query_string={
        "query": query, "default-graph-uri": f"{DATA}data1.rdf"}))
    assert not boolean(client.get("/sparql", headers=JSON, query_string={
        "query": query, "default-graph-uri": f"{DATA}data2.rdf"}))


def test_query_dataset_default_graphs_post(client):
    query = f"ASK {{ <{DATA}data1.rdf> ?p ?o . <{DATA}data2.rdf> ?q ?r }}"
    assert boolean(client.post("/sparql", headers=JSON, content_type=FORM, data={
        "query": query, "default-graph-uri": [f"{DATA}data1.rdf", f"{DATA}data2.rdf"]}))


@pytest.mark.parametrize("method", ["get", "post"])
def test_query_dataset_named_graphs(client, method):
    query = "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"
    fields = {"query": query, "named-graph-uri": [f"{DATA}data1.rdf", f"{DATA}data2.rdf"]}
    response = (client.get("/sparql", query_string=fields, headers=JSON) if method == "get"
                else client.post("/sparql", data=fields, headers=JSON, content_type=FORM))
    rows = json.loads(response.data)["results"]["bindings"]
    assert [row["g"]["value"] for row in rows] == [f"{DATA}data1.rdf", f"{DATA}data2.rdf"]
    alone = client.get("/sparql", headers=JSON, query_string={
        "query": "ASK { ?s ?p ?o }", "named-graph-uri": f"{DATA}data1.rdf"})
    assert not boolean(alone), "named-graph-uri alone: the default graph is empty"


def test_query_dataset_full(client):
    query = "SELECT ?x ?g WHERE { ?x ?y ?o . GRAPH ?g { ?s ?p ?q } } ORDER BY ?g"
    response = client.get("/sparql", headers=JSON, query_string={
        "query": query, "default-graph-uri": f"{DATA}data3.rdf",
        "named-graph-uri": [f"{DATA}data1.rdf", f"{DATA}data2.rdf"]})
    rows = json.loads(response.data)["results"]["bindings"]
    assert [(row["x"]["value"], row["g"]["value"]) for row in rows] == [
        (f"{DATA}data3.rdf", f"{DATA}data1.rdf"), (f"{DATA}data3.rdf", f"{DATA}data2.rdf")]


def test_query_multiple_dataset(client):
    """The protocol's dataset is used, not the query's FROM."""
    query = f"ASK FROM <{DATA}data1.rdf> {{ <{DATA}data2.rdf> ?p ?o }}"
    assert boolean(client.get("/sparql", headers=JSON, query_string={
        "query": query, "default-graph-uri": f"{DATA}data2.rdf"}))
    assert not boolean(client.get("/sparql", headers=JSON, query_string={"query": query}))


@pytest.mark.parametrize("query, accept, allowed", [
    ("SELECT * WHERE { ?s ?p ?o }", "*/*", SELECT_MEDIA),
    ("ASK { ?s ?p ?o }", "*/*", {"application/sparql-results+xml",
                                 "application/sparql-results+json"}),
    ("DESCRIBE ?s WHERE { ?s ?p ?o }", "*/*", GRAPH_MEDIA),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "*/*", GRAPH_MEDIA),
], ids=["select", "ask", "describe", "construct"])
def test_query_content_type(client, query, accept, allowed):
    response = client.get("/sparql", query_string={"query": query}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.mimetype in allowed


@pytest.mark.parametrize("name, request_args", [
    ("bad_query_method", ("put", {"query_string": {"query": "ASK {}"}})),
    ("bad_multiple_queries", ("get", {"query_string": {"query": ["ASK {}", "ASK {}"]}})),
    ("bad_query_wrong_media_type", ("post", {"data": "ASK {}", "content_type": "text/plain"})),
    ("bad_query_missing_form_type", ("post", {"data": "query=ASK%20%7B%7D"})),
    ("bad_query_missing_direct_type", ("post", {"data": "ASK {}"})),
    ("bad_query_non_utf8", ("post", {"data": "ASK {}".encode("utf-16"),
                                     "content_type": "application/sparql-query; charset=UTF-16"})),
    ("bad_query_syntax", ("get", {"query_string": {"query": "ASK {"}})),
    ("bad_update_get", ("get", {"query_string": {"update": "CLEAR ALL"}})),
])
def test_bad_requests_get_a_4xx(client, name, request_args):
    method, kwargs = request_args
    response = getattr(client, method)("/sparql", **kwargs)
    assert 400 <= response.status_code < 500, (name, response.status_code)


@pytest.mark.parametrize("content_type, body", [
    (FORM, "update=CLEAR%20ALL"),
    ("application/sparql-update", "CLEAR ALL"),
])
def test_updates_are_refused_read_only(client, content_type, body):
    response = client.post("/sparql", data=body, content_type=content_type)
    assert response.status_code == 403


# -- CORS and Host, as configured --------------------------------------------------------
def test_cors_allows_the_one_origin_given(client):
    response = client.get("/sparql", query_string={"query": "ASK {}"},
                          headers={"Origin": "http://localhost:3000"})
    assert response.headers["Access-Control-Allow-Origin"] == "http://localhost:3000"
    assert "Origin" in response.headers["Vary"]


@pytest.mark.parametrize("bound, host, allowed", [
    ("127.0.0.1", "localhost:8000", True),
    ("127.0.0.1", "evil.example:8000", False),
    ("127.0.0.1", "192.168.1.5:8000", False),
    ("::1", "[::1]:8000", True),
    ("192.168.1.5", "192.168.1.5:8000", True),
    ("192.168.1.5", "localhost:8000", False),
    ("0.0.0.0", "10.0.0.7:8000", True),
    ("0.0.0.0", "evil.example", False),
])
def test_host_names_a_server_bound_there(bound, host, allowed):
    assert host_allowed(host, allowed_host_names(bound), bound) is allowed
    assert host_allowed("data.example.org", allowed_host_names(bound, ["Data.Example.org"]),
                        bound)
