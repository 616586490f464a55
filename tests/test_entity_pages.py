"""Entity pages of ``hrkg serve`` (sparql/pages.py): every hrid: IRI of the demo graph answers
at its path, with the sentence of each of its mentions for browsers and its description
for RDF clients; documents list their entities; search finds by label, alias and symbol;
markup from a document stays text; the pages need no JavaScript."""

from __future__ import annotations

import re
import time
from functools import cache
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS
from support.documents import write_hostile_document

from hrkg.cli import main
from hrkg.core.paths import corpus_dir
from hrkg.sparql.endpoint import EndpointConfig, create_app
from hrkg.sparql.entity_data import NOT_RELATIONS
from hrkg.sparql.pages import page_of
from hrkg.sparql.sentences import readable
from hrkg.sparql.store import open_store

HR = "https://w3id.org/hrkg/ontology#"
TOP = ("Document", "Actor", "Mechanism", "Group", "Right", "Instrument", "Publication",
       "Resolution", "UNDocument", "SDGGoal", "SDGTarget")
ENTITIES = f"""SELECT DISTINCT ?e WHERE {{ ?e a ?c
  VALUES ?c {{ {' '.join(f'<{HR}{c}>' for c in TOP)} }} }}"""
MENTIONS = """SELECT ?e ?begin ?anchor ?file WHERE { ?m hr:denotes ?e ; hr:inDocument ?d ;
  nif:beginIndex ?begin ; nif:anchorOf ?anchor . ?d hr:sourceFile ?file }"""


class NoPool:  # the pages run no query through the endpoint's worker processes
    pass


def client_for(out: Path):
    return create_app(EndpointConfig(out), pool=NoPool()).test_client()  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def client(demo_out: Path):
    return client_for(demo_out)


@pytest.fixture(scope="module")
def store(demo_out: Path):
    return open_store(demo_out)


def rows(store, query: str) -> list[list[str]]:
    return [[term.value for term in row] for row in store.query(query)]


@cache
def source_sentences(file_name: str) -> str:
    """The bundled corpus text as pages show text (line breaks and spaces by Chinese gone)."""
    return readable((corpus_dir() / file_name).read_text(encoding="utf-8"))


class Page(HTMLParser):
    """Text, links and scripts of an HTML page."""

    def __init__(self, body: str) -> None:
        super().__init__()
        self.text: list[str] = []
        self.hrefs: list[str] = []
        self.scripts = 0
        self.feed(body)

    def handle_starttag(self, tag, attrs) -> None:
        self.scripts += tag == "script"
        self.hrefs += [value for name, value in attrs if name == "href" and value]

    def handle_data(self, data) -> None:
        self.text.append(data)

    @property
    def plain(self) -> str:
        return "".join(self.text)


def test_every_entity_answers_with_its_mentions_and_its_description(client, store) -> None:
    """For every entity and document of the demo graph: 200 HTML with the sentence of each of
    its mentions (checked against the corpus text), and Turtle that parses and holds its
    labels and its relations."""
    entities = sorted(row[0] for row in rows(store, ENTITIES))
    assert len(entities) > 500
    mentions: dict[str, list[tuple[int, str, str]]] = {}
    for entity, begin, anchor, file_name in rows(store, MENTIONS):
        mentions.setdefault(entity, []).append((int(begin), anchor, file_name))
    texts = {name: (corpus_dir() / name).read_text(encoding="utf-8")
             for name in {m[2] for ms in mentions.values() for m in ms}}
    started = time.perf_counter()
    checked = 0
    for iri in entities:
        response = client.get(page_of(iri), headers={"Accept": "text/html"})
        assert response.status_code == 200, iri
        assert response.mimetype == "text/html"
        page = Page(response.get_data(as_text=True))
        shown = page.plain
        quotes = re.findall(r'<q class="sentence">(.*?)</q>', response.get_data(as_text=True))
        quotes = [unescape(re.sub(r"</?mark>", "", q)) for q in quotes]
        for begin, anchor, file_name in mentions.get(iri, []):
            assert texts[file_name][begin:begin + len(anchor)] == anchor  # offsets are real
            holding = [q for q in quotes if readable(anchor) in q]
            assert holding, (iri, anchor)
            assert any(q in source_sentences(file_name) for q in holding), (iri, anchor)
            checked += 1
        assert page.scripts == 0
        assert page_of(iri) in " ".join(page.hrefs) or "/map?" in " ".join(page.hrefs)
        turtle = client.get(page_of(iri), headers={"Accept": "text/turtle"})
        assert turtle.status_code == 200 and turtle.mimetype == "text/turtle"
        graph = Graph().parse(data=turtle.get_data(as_text=True), format="turtle")
        node = URIRef(iri)
        for label in store.query(f"SELECT ?l WHERE {{ <{iri}> skos:prefLabel ?l }}"):
            term = label[0]
            assert (node, SKOS.prefLabel, Literal(term.value, lang=term.language)) in graph
            assert term.value in shown  # and the page shows it
        for p, o in rows(store, f"SELECT ?p ?o WHERE {{ <{iri}> ?p ?o FILTER isIRI(?o) }}"):
            assert (node, URIRef(p), URIRef(o)) in graph
        for s, p in rows(store, f"SELECT ?s ?p WHERE {{ ?s ?p <{iri}> }}"):
            if p not in NOT_RELATIONS:
                assert (URIRef(s), URIRef(p), node) in graph
    elapsed = time.perf_counter() - started
    wanted = set(entities)
    assert checked == sum(len(ms) for e, ms in mentions.items() if e in wanted) > 2000
    assert elapsed < 120, f"{len(entities)} entities took {elapsed:.1f} s"


def test_a_relation_shows_its_evidence_and_links_the_other_entity(client) -> None:
    body = client.get("/id/actor/human-rights-council").get_data(as_text=True)
    assert "Human Rights Council" in body and "人权理事会" in body
    resolution = page_of("https://w3id.org/hrkg/id/resolution/A-HRC-RES-41-3")
    assert f'href="{resolution}"' in body
    assert "人权理事会在2019年7月11日第41/3号决议中，请联合国人权事务高级专员编写一份报告" in body
    assert 'href="/map?focus=https%3A%2F%2Fw3id.org%2Fhrkg%2Fid%2Factor%2Fhuman-rights-council"' \
        in body


def test_a_document_page_lists_its_metadata_and_entities_by_class(client, store) -> None:
    [[doc]] = rows(store, "SELECT ?d WHERE { ?d hr:sourceFile 'A-HRC-44-28.txt' }")
    page = client.get(page_of(doc)).get_data(as_text=True)
    assert "A/HRC/44/28" in page and "A-HRC-44-28.txt" in page
    for heading in ("行为体 · Actors", "决议 · Resolutions", "文书 · Instruments"):
        assert heading in page
    mentioned = rows(store, f"SELECT ?e WHERE {{ <{doc}> hr:mentions ?e }}")
    for (entity,) in mentioned:
        assert f'href="{page_of(entity)}"' in page
    assert "/map?doc=" in page


@pytest.mark.parametrize(("accept", "fmt"), [("application/ld+json", "json-ld"),
                                             ("application/n-triples", "nt"),
                                             ("application/rdf+xml", "xml")])
def test_other_rdf_formats(client, accept: str, fmt: str) -> None:
    response = client.get("/id/instrument/udhr", headers={"Accept": accept})
    assert response.status_code == 200 and response.mimetype == accept
    assert response.headers["Vary"] == "Accept"
    graph = Graph().parse(data=response.get_data(as_text=True), format=fmt)
    udhr = URIRef("https://w3id.org/hrkg/id/instrument/udhr")
    assert (udhr, RDF.type, URIRef(HR + "Instrument")) in graph
    assert (udhr, SKOS.prefLabel, Literal("世界人权宣言", lang="zh")) in graph


def test_unknown_iris_and_formats(client) -> None:
    assert client.get("/id/actor/nobody").status_code == 404
    assert client.get("/id/actor/nobody", headers={"Accept": "text/turtle"}).status_code == 404
    assert client.get("/id/instrument/udhr", headers={"Accept": "image/png"}).status_code == 406


@pytest.mark.parametrize(("query", "expected"), [
    ("人权理事会", "actor/human-rights-council"),         # Chinese label
    ("Human Rights Council", "actor/human-rights-council"),  # English label
    ("联合国人权理事会", "actor/human-rights-council"),     # alias
    ("A/RES/217(III)", "resolution/A-RES-217-III"),          # symbol
    ("《世界人权宣言》", "instrument/udhr"),                  # title brackets ignored
])
def test_search_finds_by_label_alias_and_symbol(client, query: str, expected: str) -> None:
    body = client.get("/search", query_string={"q": query}).get_data(as_text=True)
    first = re.search(r'<ol class="results">\s*<li><a href="([^"]+)"', body)
    assert first is not None, body
    assert first.group(1) == "/id/" + expected


def test_pages_work_without_javascript_and_forbid_it(client) -> None:
    for path in ("/search", "/search?q=udhr", "/id/instrument/udhr"):
        response = client.get(path)
        page = Page(response.get_data(as_text=True))
        assert page.scripts == 0
        assert "script-src" not in response.headers["Content-Security-Policy"]
        assert "default-src 'none'" in response.headers["Content-Security-Policy"]
    search = client.get("/search?q=udhr").get_data(as_text=True)
    assert '<form class="search" action="/search" method="get"' in search  # a plain form


def test_markup_in_a_document_stays_text(tmp_path: Path) -> None:
    source = tmp_path / "hostile.txt"
    write_hostile_document(source)
    out = tmp_path / "out"
    assert main(["build", str(source), "--out", str(out), "--quiet", "--no-map"]) == 0
    client = client_for(out)
    store = open_store(out)
    pages = [page_of(iri) for (iri,) in rows(store, ENTITIES)]
    hostile = 0
    for path in [*pages, "/search?q=<script>alert(1)</script>"]:
        body = client.get(path).get_data(as_text=True)
        assert "<script" not in body and "<img" not in body, path
        hostile += "&lt;script&gt;" in body or "&lt;img" in body
    assert hostile >= 2  # the markup is shown, as text
