"""The Oxigraph store: written atomically by the build, opened read-only, union default graph."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID as DEFAULT
from rdflib.graph import Graph
from rdflib.namespace import DCTERMS, RDF, SKOS, XSD

from hrkg.core.errors import HrkgError
from hrkg.graph.namespaces import HR, HRID, NIF, bind_prefixes
from hrkg.graph.uris import document_graph_uri, document_uri, entity_uri, mention_uri
from hrkg.sparql.store import (
    GraphMissingError,
    open_store,
    store_path,
    write_store,
    write_store_from_file,
    write_store_from_outputs,
)

REPORT = "A-HRC-44-28.txt"
REPORT_TEXT = "人权理事会在第 41/3 号决议中，请联合国人权事务高级专员编写报告。《世界人权宣言》"


def small_dataset() -> Dataset:
    """A report, its mentions and one requests relation with evidence, in contract terms."""
    ds = bind_prefixes(Dataset())
    default = ds.default_graph
    hrc = entity_uri("Actor", "hrc")
    ohchr = entity_uri("Actor", "ohchr")
    resolution = entity_uri("Resolution", "A/HRC/RES/41/3")
    udhr = entity_uri("Instrument", "udhr")
    for uri, cls, zh, en in ((hrc, "Actor", "人权理事会", "Human Rights Council"),
                             (ohchr, "Actor", "联合国人权事务高级专员办事处", None),
                             (resolution, "Resolution", "第41/3号决议", None),
                             (udhr, "Instrument", "世界人权宣言",
                              "Universal Declaration of Human Rights")):
        default.add((uri, RDF.type, HR[cls]))
        default.add((uri, SKOS.prefLabel, Literal(zh, lang="zh")))
        if en:
            default.add((uri, SKOS.prefLabel, Literal(en, lang="en")))
    default.add((resolution, DCTERMS.identifier, Literal("A/HRC/RES/41/3")))
    default.add((ohchr, SKOS.altLabel, Literal("人权高专办", lang="zh")))

    doc = document_uri(REPORT)
    g = ds.graph(document_graph_uri(REPORT))
    g.add((doc, RDF.type, HR.Document))
    g.add((doc, HR.sourceFile, Literal(REPORT)))
    g.add((doc, DCTERMS.identifier, Literal("A/HRC/44/28")))
    for entity, surface in ((hrc, "人权理事会"), (resolution, "第 41/3 号决议"),
                            (udhr, "世界人权宣言")):
        begin = REPORT_TEXT.index(surface)
        mention = mention_uri(REPORT, begin, begin + len(surface))
        g.add((doc, HR.mentions, entity))
        g.add((mention, RDF.type, HR.Mention))
        g.add((mention, HR.inDocument, doc))
        g.add((mention, HR.denotes, entity))
        g.add((mention, NIF.beginIndex, Literal(begin, datatype=XSD.nonNegativeInteger)))
        g.add((mention, NIF.anchorOf, Literal(surface)))
    g.add((resolution, HR.requests, ohchr))
    evidence = HRID["evidence/0123456789abcdef"]
    g.add((evidence, RDF.type, HR.Evidence))
    g.add((evidence, RDF.subject, resolution))
    g.add((evidence, RDF.predicate, HR.requests))
    g.add((evidence, RDF.object, ohchr))
    g.add((evidence, NIF.anchorOf, Literal(REPORT_TEXT[:31])))
    return ds


@pytest.fixture()
def built(tmp_path: Path) -> tuple[Path, Dataset]:
    dataset = small_dataset()
    write_store(dataset, tmp_path)
    return tmp_path, dataset


def rows(store, query: str) -> list[tuple[str, ...]]:
    return [tuple(term.value for term in solution) for solution in store.query(query)]


def triples(dataset: Dataset) -> set:
    return {(s, p, o) for s, p, o, _ in dataset.quads((None, None, None, None))}


def test_store_holds_every_quad_in_its_graph(built):
    out, dataset = built
    store = open_store(out)
    assert len(store) == len(triples(dataset))
    assert store.named_graphs() == [str(document_graph_uri(REPORT))]
    in_graphs = store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    named = [q for q in dataset.quads((None, None, None, None)) if q[3] != DEFAULT]
    assert int(next(iter(in_graphs))[0].value) == len(named)
    assert rows(store, "SELECT ?g WHERE { GRAPH ?g { ?d hr:sourceFile 'A-HRC-44-28.txt' } }") == [
        (str(document_graph_uri(REPORT)),)]


def test_a_triple_stated_in_two_documents_counts_once(tmp_path: Path):
    dataset = small_dataset()
    other = dataset.graph(document_graph_uri("A-79-L.2.txt"))
    resolution, ohchr = entity_uri("Resolution", "A/HRC/RES/41/3"), entity_uri("Actor", "ohchr")
    other.add((resolution, HR.requests, ohchr))
    write_store(dataset, tmp_path)
    store = open_store(tmp_path)
    count = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?r hr:requests ?a }")
    assert next(iter(count))[0].value == "1"
    graphs = store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?r hr:requests ?a } }")
    assert next(iter(graphs))[0].value == "2"


def test_several_default_graphs_are_merged_like_the_protocol_says(tmp_path: Path):
    dataset = small_dataset()
    resolution, ohchr = entity_uri("Resolution", "A/HRC/RES/41/3"), entity_uri("Actor", "ohchr")
    other = document_graph_uri("A-79-L.2.txt")
    dataset.graph(other).add((resolution, HR.requests, ohchr))
    write_store(dataset, tmp_path)
    store = open_store(tmp_path)
    both = [str(document_graph_uri(REPORT)), str(other)]
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?r hr:requests ?a }"
    assert rows(store, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?r hr:requests ?a } }") == [
        ("2",)]
    assert next(iter(store.query(count, default_graph=both)))["n"].value == "1"
    # the dataset is exactly the graphs asked for: no named graphs unless named
    named = "SELECT ?g WHERE { GRAPH ?g { ?r hr:requests ?a } }"
    assert list(store.query(named, default_graph=both)) == []
    assert [s["g"].value for s in store.query(named, default_graph=both,
                                               named_graphs=[str(other)])] == [str(other)]


SAME_ANSWER_QUERIES = (
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "SELECT ?r ?a WHERE { ?r hr:requests ?a }",
    # a label from the default graph joined with a mention from a document's graph
    "SELECT ?anchor ?label WHERE { ?m hr:denotes ?e ; nif:anchorOf ?anchor . "
    "?e skos:prefLabel ?label FILTER(LANG(?label) = 'zh') }",
    "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
    # typed resources of named graphs only: the entities' types in the default graph are not
    "SELECT ?g ?s ?class WHERE { GRAPH ?g { ?s a ?class } }",
)


def write_by(loader: str, dataset: Dataset, folder: Path) -> Path:
    """Write ``dataset`` as graph.trig (+ graph.ttl, its merge) and load the store from it
    the way ``loader`` names: the build's files, one TriG file, or the rdflib dataset."""
    trig, turtle = folder / "graph.trig", folder / "graph.ttl"
    dataset.serialize(trig, format="trig")
    merge = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        merge.add((s, p, o))
    merge.serialize(turtle, format="turtle")
    out = folder / "out"
    if loader == "build-outputs":
        write_store_from_outputs(trig, turtle, out)
    elif loader == "trig":
        write_store_from_file(trig, out)
    else:
        write_store(dataset, out)
    return out


@pytest.mark.parametrize("loader", ["build-outputs", "trig", "dataset"])
@pytest.mark.parametrize("query", SAME_ANSWER_QUERIES)
def test_default_graph_answers_like_rdflibs_union_dataset(tmp_path: Path, query: str,
                                                          loader: str):
    """Each way of loading the store answers as rdflib's Dataset(default_union=True)."""
    dataset = small_dataset()
    resolution, ohchr = entity_uri("Resolution", "A/HRC/RES/41/3"), entity_uri("Actor", "ohchr")
    dataset.graph(document_graph_uri("A-79-L.2.txt")).add((resolution, HR.requests, ohchr))
    out = write_by(loader, dataset, tmp_path)
    union = Dataset(default_union=True)
    union.parse(tmp_path / "graph.trig", format="trig")
    prefixes = "".join(f"PREFIX {p}: <{ns}> " for p, ns in (
        ("hr", HR), ("nif", NIF), ("skos", SKOS)))
    expected = sorted(tuple(str(term) for term in row) for row in union.query(prefixes + query))
    assert expected, "the query should have answers"
    assert sorted(rows(open_store(out), query)) == expected


def test_default_graph_is_the_union_of_all_graphs(built):
    store = open_store(built[0])
    # the label lives in the default graph, the mention in the document's graph: one pattern
    found = rows(store, """SELECT ?anchor WHERE {
        ?m hr:denotes ?e ; nif:anchorOf ?anchor . ?e skos:prefLabel "世界人权宣言"@zh }""")
    assert found == [("世界人权宣言",)]


def test_literals_keep_language_and_numbers(built):
    store = open_store(built[0])
    solutions = list(store.query("SELECT ?l ?b WHERE { ?e skos:prefLabel ?l . "
                                 "FILTER(LANG(?l) = 'en') OPTIONAL { ?m hr:denotes ?e ; "
                                 "nif:beginIndex ?b } }"))
    labels = {s["l"].value: s["l"].language for s in solutions}
    assert labels["Universal Declaration of Human Rights"] == "en"
    # Oxigraph keeps xsd:nonNegativeInteger offsets as numbers (typed by their primitive
    # xsd:integer), so numeric filters and ordering work on them
    begins = [s["b"] for s in solutions if s["b"] is not None]
    assert sorted(int(b.value) for b in begins) == [
        REPORT_TEXT.index("人权理事会"), REPORT_TEXT.index("世界人权宣言")]
    assert begins[0].datatype == ox.NamedNode(str(XSD.integer))
    later = rows(store, "SELECT ?a WHERE { ?m nif:beginIndex ?b ; nif:anchorOf ?a "
                        "FILTER(?b > 3) } ORDER BY ?b")
    assert later == [("第 41/3 号决议",), ("世界人权宣言",)]


def test_dataset_restriction_like_the_protocol(built):
    store = open_store(built[0])
    graph = str(document_graph_uri(REPORT))
    mentions = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?m a hr:Mention }",
                           default_graph=[graph])
    assert next(iter(mentions))["n"].value == "3"
    restricted = store.query("SELECT ?l WHERE { ?e skos:prefLabel ?l }", default_graph=[graph])
    assert list(restricted) == []  # labels are canonical entity facts, not the document's


def test_rdflib_api_over_the_store(built):
    store = open_store(built[0])
    graph = store.rdflib_graph()
    labels = list(graph.objects(entity_uri("Instrument", "udhr"), SKOS.prefLabel))
    assert sorted(map(str, labels)) == ["Universal Declaration of Human Rights", "世界人权宣言"]
    answer = graph.query(f"SELECT ?a WHERE {{ ?r <{HR.requests}> ?a }}")
    assert [row[0] for row in answer] == [entity_uri("Actor", "ohchr")]
    assert len(graph) == len(triples(built[1]))


def test_store_is_read_only(built):
    store = open_store(built[0])
    with pytest.raises(RuntimeError, match="read-write"):
        store.oxigraph.update("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    assert len(open_store(built[0])) == len(store)


def test_rebuild_replaces_the_store_and_leaves_no_temp_folders(built):
    out, _ = built
    smaller = Dataset()
    smaller.add((URIRef("urn:x:a"), RDF.type, HR.Document))
    write_store(smaller, out)
    assert len(open_store(out)) == 1
    assert sorted(p.name for p in out.iterdir()) == ["store"]


def test_failed_write_keeps_the_previous_store(built):
    out, dataset = built

    class Broken(Dataset):
        def quads(self, quad=None):
            yield from list(dataset.quads(quad))[:2]
            raise RuntimeError("extraction crashed")

    with pytest.raises(RuntimeError):
        write_store(Broken(), out)
    assert len(open_store(out)) == len(triples(dataset))
    assert sorted(p.name for p in out.iterdir()) == ["store"]


def test_store_from_trig_file(tmp_path: Path):
    trig = tmp_path / "graph.trig"
    small_dataset().serialize(trig, format="trig")
    write_store_from_file(trig, tmp_path / "out")
    store = open_store(tmp_path / "out")
    assert store.named_graphs() == [str(document_graph_uri(REPORT))]
    bad = tmp_path / "bad.trig"
    bad.write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(HrkgError, match="bad.trig"):
        write_store_from_file(bad, tmp_path / "out2")


def test_missing_store_names_the_folder(tmp_path: Path):
    with pytest.raises(GraphMissingError, match=r"no graph at .*nothing/: run `hrkg build` first"):
        open_store(tmp_path / "nothing")
    assert not store_path(tmp_path / "nothing").exists()
