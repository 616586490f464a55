"""The ontology at its IRI: /ontology with content negotiation (sparql/ontology_page.py),
through a Flask app that has only the blueprint; the served pages against the generator."""

from __future__ import annotations

import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from flask import Flask
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import FOAF, RDFS

from hrkg.ontology.docs import SERVED_LINKS, render_ontology_page, render_shapes_page
from hrkg.ontology.sources import alignments_graph, published_graph, shapes_graph
from hrkg.ontology.version import ontology_version
from hrkg.sparql.ontology_page import ontology_blueprint

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"
ACTOR = URIRef("https://w3id.org/hrkg/ontology#Actor")
RDF_FORMATS = [("text/turtle", "turtle"), ("application/rdf+xml", "xml"),
               ("application/ld+json", "json-ld"), ("application/n-triples", "nt")]


@pytest.fixture(scope="module")
def client():
    app = Flask(__name__)
    app.register_blueprint(ontology_blueprint())
    return app.test_client()


def parsed(body: bytes, fmt: str) -> Graph:
    return Graph().parse(data=body.decode("utf-8"), format=fmt)


class Hrefs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.hrefs += [value for name, value in attrs if name in ("href", "src") and value]


@pytest.mark.parametrize(("accept", "fmt"), RDF_FORMATS)
def test_rdf_clients_get_the_ontology_and_alignments(client, accept: str, fmt: str) -> None:
    response = client.get("/ontology", headers={"Accept": accept})
    assert response.status_code == 200
    assert response.mimetype == accept
    assert response.headers["Vary"] == "Accept"
    graph = parsed(response.data, fmt)
    assert isomorphic(graph, published_graph())
    assert (ACTOR, RDFS.subClassOf, FOAF.Agent) in graph  # an alignment


def test_turtle_is_the_source_files_with_their_comments(client) -> None:
    text = client.get("/ontology", headers={"Accept": "text/turtle"}).get_data(as_text=True)
    assert "# hrkg ontology: classes and properties" in text
    assert "# hrkg ontology: alignments to the vocabularies" in text


def test_browsers_get_the_documentation(client) -> None:
    for accept in (BROWSER, "text/html", "*/*", None):
        response = client.get("/ontology", headers={"Accept": accept} if accept else {})
        assert response.status_code == 200, accept
        assert response.mimetype == "text/html"
        assert response.get_data(as_text=True) == render_ontology_page(SERVED_LINKS)
    page = client.get("/ontology", headers={"Accept": BROWSER}).get_data(as_text=True)
    assert '<section id="core-terms">' in page and ontology_version().version_iri in page


def test_json_ld_is_compact_json(client) -> None:
    body = client.get("/ontology", headers={"Accept": "application/json"}).data
    document = json.loads(body)
    assert "@context" in document


def test_preferences_and_overrides(client) -> None:
    def mimetype(path: str, accept: str | None = None) -> str:
        return client.get(path, headers={"Accept": accept} if accept else {}).mimetype

    assert mimetype("/ontology", "text/html;q=0.5, text/turtle") == "text/turtle"
    assert mimetype("/ontology", "application/rdf+xml, */*;q=0.1") == "application/rdf+xml"
    assert mimetype("/ontology?format=ttl", BROWSER) == "text/turtle"
    assert mimetype("/ontology.ttl", BROWSER) == "text/turtle"
    assert mimetype("/ontology.rdf") == "application/rdf+xml"
    assert mimetype("/ontology.jsonld") == "application/ld+json"
    assert mimetype("/ontology.html", "text/turtle") == "text/html"


def test_unknown_formats_are_refused_in_one_line(client) -> None:
    for response in (client.get("/ontology", headers={"Accept": "image/png"}),
                     client.get("/ontology.docx"), client.get("/ontology?format=csv")):
        assert response.status_code == 406
        assert response.get_data(as_text=True).count("\n") == 1


def test_version_iri(client) -> None:
    version = ontology_version().version
    response = client.get(f"/ontology/{version}", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    assert isomorphic(parsed(response.data, "turtle"), published_graph())
    page = client.get(f"/ontology/{version}", headers={"Accept": BROWSER})
    assert page.status_code == 303 and page.headers["Location"].endswith("/ontology")
    old = client.get("/ontology/0.0.1", headers={"Accept": "text/turtle"})
    assert old.status_code == 404
    assert f"has version {version}" in old.get_data(as_text=True)


def test_alignments_module_alone(client) -> None:
    response = client.get("/ontology/alignments", headers={"Accept": "text/turtle"})
    assert isomorphic(parsed(response.data, "turtle"), alignments_graph())
    page = client.get("/ontology/alignments", headers={"Accept": BROWSER})
    assert page.status_code == 303 and page.headers["Location"].endswith("/ontology#alignments")


def test_shapes(client) -> None:
    response = client.get("/shapes", headers={"Accept": "text/turtle"})
    assert isomorphic(parsed(response.data, "turtle"), shapes_graph())
    page = client.get("/shapes", headers={"Accept": BROWSER}).get_data(as_text=True)
    assert page == render_shapes_page(SERVED_LINKS)
    assert "hrsh:Document-sourceFile" in page


@pytest.mark.parametrize("path", ["/ontology", "/shapes"])
def test_every_link_on_a_served_page_resolves(client, path: str) -> None:
    parser = Hrefs()
    parser.feed(client.get(path, headers={"Accept": BROWSER}).get_data(as_text=True))
    local = {h.split("#")[0] for h in parser.hrefs
             if not re.match(r"^(https?:|data:|#)", h)}
    assert local
    for href in sorted(local):
        assert client.get("/" + href).status_code == 200, href


def test_hrkg_serve_answers_at_the_ontology_iri(demo_out: Path) -> None:
    from hrkg.sparql.endpoint import EndpointConfig, create_app

    class NoPool:  # queries are not run here; no worker processes
        pass

    app = create_app(EndpointConfig(demo_out), pool=NoPool())  # type: ignore[arg-type]
    response = app.test_client().get("/ontology", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    assert isomorphic(Graph().parse(io.BytesIO(response.data), format="turtle"),
                      published_graph())
