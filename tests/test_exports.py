"""Exports other tools take as they are (issue 13 points 1 and 5): every file ``hrkg export``
writes parses with an independent tool and its counts match hrkg's store.

RDF: raptor's ``rapper`` (N-Quads, Turtle) and Jena's ``riot`` (N-Quads, JSON-LD through
jsonld-java); GraphML/GEXF: networkx read-back and lxml (no GEXF 1.3 XSD is shipped by a
Debian or PyPI package, so the GEXF test checks the structure the XSD requires: namespace,
version, unique ids, edges between declared nodes, declared attributes); CSV: Python's
csv module and pandas.
"""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from lxml import etree
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, VOID
from support.stores import Jena

from hrkg.cli import main
from hrkg.exports.tables import cell
from hrkg.graph.files import open_built_graph
from hrkg.graph.namespaces import PREFIXES
from hrkg.maps.project import project
from hrkg.ontology.version import ontology_version
from hrkg.sparql.store import open_store

GEXF = "{http://gexf.net/1.3}"


@pytest.fixture(scope="module")
def exported(demo_out: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("export")
    assert main(["export", "--format", "all", "--graph", str(demo_out), "-o", str(out)]) == 0
    return out


def store_count(out_dir: Path, query: str) -> int:
    return int(next(iter(open_store(out_dir).query(query)))["n"].value)


def store_graph_counts(out_dir: Path) -> dict[str, int]:
    rows = open_store(out_dir).query(
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    return {row["g"].value: int(row["n"].value) for row in rows}


def rapper_count(path: Path, syntax: str) -> int:
    if not shutil.which("rapper"):
        pytest.skip("rapper not installed (apt-get install raptor2-utils)")
    done = subprocess.run(["rapper", "-i", syntax, "-c", str(path)], capture_output=True,
                          text=True, timeout=120, check=True)
    assert "Error" not in done.stderr, done.stderr
    return int(done.stderr.split("returned")[1].split()[0])


def riot_count(path: Path, *args: str) -> int:
    if not Jena.available():
        pytest.skip("Apache Jena not installed (make system-deps)")
    done = subprocess.run(Jena.command("riot", *args, "--count", str(path)), text=True,
                          capture_output=True, timeout=300, check=True)  # count on stderr
    counted = [line for line in done.stderr.splitlines() if line.startswith("file:")]
    assert counted, done.stderr
    return int(counted[-1].rsplit("=", 1)[1].replace(",", "").strip())


# == the dataset layout ==================================================================
def test_every_triple_is_in_exactly_one_named_graph(demo_out: Path, exported: Path):
    lines = (exported / "graph.nq").read_text(encoding="utf-8").splitlines()
    assert lines == sorted(lines)
    triples = Counter(line.rsplit(" <", 1)[0] for line in lines)
    assert all(line.endswith("> .") for line in lines), "a quad without a graph name"
    assert max(triples.values()) == 1, triples.most_common(1)
    merged = store_count(demo_out, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert len(lines) == merged == len(triples)
    graphs = store_graph_counts(demo_out)
    assert {name.rsplit("/", 1)[-1] for name in graphs} >= {"entities", "background", "build",
                                                            "comention"}
    assert sum(graphs.values()) == merged  # the union of the named graphs is the merge


def test_nquads_parse_with_rapper_and_riot(demo_out: Path, exported: Path):
    nq = exported / "graph.nq"
    assert (demo_out / "graph.nq").read_bytes() == nq.read_bytes()  # the build's own copy
    merged = store_count(demo_out, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert rapper_count(nq, "nquads") == merged
    assert riot_count(nq) == merged


# == JSON-LD ==============================================================================
def test_jsonld_is_compacted_with_the_published_context(demo_out: Path, exported: Path):
    context = json.loads((exported / "context.jsonld").read_text(encoding="utf-8"))
    assert context["@context"] == {prefix: str(ns) for prefix, ns in PREFIXES.items()}
    data = json.loads((exported / "graph.jsonld").read_text(encoding="utf-8"))
    assert data["@context"] == context["@context"]
    names = [graph["@id"] for graph in data["@graph"]]
    assert "hrid:graph/entities" in names and names == sorted(names)
    entities = next(g for g in data["@graph"] if g["@id"] == "hrid:graph/entities")["@graph"]
    udhr = next(node for node in entities if node["@id"] == "hrid:instrument/udhr")
    assert "hr:Instrument" in udhr["@type"]
    merged = store_count(demo_out, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert riot_count(exported / "graph.jsonld", "--syntax=jsonld10") == merged


# == VoID, ontology, shapes ===============================================================
def test_void_counts_match_the_store(demo_out: Path, exported: Path):
    path = exported / "void.ttl"
    void = Graph().parse(path, format="turtle")
    assert rapper_count(path, "turtle") == len(void)
    dataset = URIRef("https://w3id.org/hrkg/id/dataset")
    value = lambda node, prop: int(void.value(node, prop))  # noqa: E731
    assert value(dataset, VOID.triples) == store_count(
        demo_out, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert value(dataset, VOID.documents) == store_count(
        demo_out, "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a hr:Document }")
    assert value(dataset, VOID.distinctSubjects) == store_count(
        demo_out, "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }")
    subsets = {str(void.value(s, URIRef("http://www.w3.org/ns/sparql-service-description#name"))):
               value(s, VOID.triples) for s in void.objects(dataset, VOID.subset)}
    assert subsets == store_graph_counts(demo_out)
    assert URIRef(ontology_version().version_iri) in set(void.objects(dataset, DCTERMS.conformsTo))
    assert void.value(dataset, DCTERMS.license) is not None
    assert len(set(void.objects(dataset, DCTERMS.source))) == value(dataset, VOID.documents)
    for name in ("hrkg.ttl", "alignments.ttl", "shapes.ttl"):
        assert rapper_count(exported / "ontology" / name, "turtle") > 100, name


# == GraphML and GEXF =====================================================================
@pytest.fixture(scope="module")
def projection(demo_out: Path) -> nx.MultiDiGraph:
    return project(open_built_graph(demo_out))


def test_graphml_reads_back_with_networkx(exported: Path, projection):
    network = nx.read_graphml(exported / "network.graphml")
    assert network.number_of_nodes() == projection.number_of_nodes()
    assert network.number_of_edges() == projection.number_of_edges()
    udhr = network.nodes["https://w3id.org/hrkg/id/instrument/udhr"]
    assert udhr["label_zh"] == "世界人权宣言"
    assert udhr["label_en"] == "Universal Declaration of Human Rights"
    assert udhr["class"] == "Instrument" and udhr["iri"].startswith("https://")
    assert isinstance(udhr["mentions"], int) and udhr["mentions"] > 0
    weights = [data["weight"] for _, _, data in network.edges(data=True)]
    assert all(isinstance(w, int) and w > 0 for w in weights)
    assert {data["kind"] for _, _, data in network.edges(data=True)} == {
        "relation", "mentions", "comention"}


def test_gexf_reads_back_and_has_the_structure_gephi_needs(exported: Path, projection):
    path = exported / "network.gexf"
    network = nx.read_gexf(path, version="1.3")
    assert network.number_of_nodes() == projection.number_of_nodes()
    assert network.number_of_edges() == projection.number_of_edges()
    assert network.nodes["https://w3id.org/hrkg/id/instrument/udhr"]["label_en"] == \
        "Universal Declaration of Human Rights"
    root = etree.parse(str(path)).getroot()
    assert root.tag == f"{GEXF}gexf" and root.get("version") == "1.3"
    assert root.nsmap["xsi"] == "http://www.w3.org/2001/XMLSchema-instance"
    nodes = [n.get("id") for n in root.iter(f"{GEXF}node")]
    edges = list(root.iter(f"{GEXF}edge"))
    assert len(set(nodes)) == len(nodes) and all(n.get("label") for n in root.iter(f"{GEXF}node"))
    assert len({e.get("id") for e in edges}) == len(edges)
    assert all(e.get("source") in set(nodes) and e.get("target") in set(nodes) for e in edges)
    assert all(float(e.get("weight")) > 0 for e in edges)
    declared = {a.get("id") for a in root.iter(f"{GEXF}attribute")}
    assert {v.get("for") for v in root.iter(f"{GEXF}attvalue")} <= declared


def test_network_files_are_deterministic(demo_out: Path, exported: Path, tmp_path: Path):
    assert main(["export", "--format", "gexf,graphml,csv", "--graph", str(demo_out),
                 "-o", str(tmp_path)]) == 0
    for name in ("network.gexf", "network.graphml", "nodes.csv", "edges.csv"):
        assert (tmp_path / name).read_bytes() == (exported / name).read_bytes(), name


# == CSV ==================================================================================
def test_csv_tables_read_with_csv_and_pandas(demo_out: Path, exported: Path, projection):
    for name, rows_expected in (("nodes.csv", projection.number_of_nodes()),
                                ("edges.csv", projection.number_of_edges())):
        raw = (exported / name).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), f"{name}: no byte-order mark"
        text = raw.decode("utf-8-sig")
        assert text.count("\r\n") == rows_expected + 1, f"{name}: a line break inside a field"
        with (exported / name).open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
        assert len(rows) == rows_expected + 1
        assert len({len(row) for row in rows}) == 1
        frame = pd.read_csv(exported / name, encoding="utf-8-sig", dtype=str,
                            keep_default_na=False)
        assert frame.shape == (rows_expected, len(rows[0]))
        assert list(frame.columns) == rows[0]
    nodes = pd.read_csv(exported / "nodes.csv", encoding="utf-8-sig", dtype=str,
                        keep_default_na=False)
    assert set(nodes["Id"]) == set(projection)
    udhr = nodes[nodes["Id"] == "https://w3id.org/hrkg/id/instrument/udhr"].iloc[0]
    assert udhr["Label"] == "世界人权宣言"
    classes = Counter(data["cls"] for _, data in projection.nodes(data=True))
    assert Counter(nodes["class"]) == classes
    edges = pd.read_csv(exported / "edges.csv", encoding="utf-8-sig", dtype=str,
                        keep_default_na=False)
    assert set(edges["Source"]) | set(edges["Target"]) <= set(nodes["Id"])


def test_a_line_break_in_a_field_becomes_a_space():
    assert cell("第一行\r\n第二行\n三\u2028四") == "第一行 第二行 三 四"
    assert cell(12) == "12"


def test_export_refuses_an_unknown_format(demo_out: Path, tmp_path: Path, capsys):
    assert main(["export", "--format", "xlsx", "--graph", str(demo_out), "-o",
                 str(tmp_path)]) == 1
    assert "unknown format xlsx" in capsys.readouterr().err
