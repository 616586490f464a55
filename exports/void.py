"""The dataset writer: ``void.ttl``, a VoID and DCAT description of the built dataset, and
the ontology and SHACL shapes it conforms to, copied into ``ontology/`` beside the data.

``void.ttl`` gives the counts (triples, entities, documents, classes, properties, distinct
subjects and objects; triples per named graph as ``void:subset``), the license and rights
(``exports/assets/dataset.yaml``), the sources (the documents, each ``dcterms:source``),
the build (``prov:wasGeneratedBy`` its activity, the time it ended), the ontology version
(``dcterms:conformsTo``) and the files written beside it (``dcat:distribution``).
"""

from __future__ import annotations

import shutil
from collections import Counter
from importlib.resources import files
from pathlib import Path

import yaml
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, PROV, RDF, VOID, XSD

from hrkg.core.atomic import write_text
from hrkg.exports.record import BuildRecord
from hrkg.graph.namespaces import HR, HRID, bind_prefixes
from hrkg.graph.quads import QuadSet
from hrkg.ontology.sources import (
    ALIGNMENTS_FILE,
    SHAPES_FILE,
    SHAPES_IRI,
    TERMS_FILE,
    ontology_path,
)
from hrkg.ontology.version import ontology_version

NAME = "void"
ONTOLOGY_DIR = "ontology"
ONTOLOGY_FILES = (TERMS_FILE, ALIGNMENTS_FILE, SHAPES_FILE)
FILES = ("void.ttl", *(f"{ONTOLOGY_DIR}/{name}" for name in ONTOLOGY_FILES))
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
MEDIA_TYPES = {".ttl": "text/turtle", ".trig": "application/trig", ".nq": "application/n-quads",
               ".jsonld": "application/ld+json", ".graphml": "application/graphml+xml",
               ".gexf": "application/gexf+xml", ".csv": "text/csv", ".json": "application/json",
               ".html": "text/html"}


def description() -> dict[str, str]:
    text = (files("hrkg.exports") / "assets" / "dataset.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def counts(dataset: QuadSet) -> tuple[dict[str, int], dict[URIRef, int]]:
    """Dataset-wide VoID counts and the number of triples of each named graph."""
    merged = set(dataset.triples())
    per_graph = {URIRef(g.identifier): len(g) for g in dataset.graphs() if len(g)}
    classes = {o for _, p, o in merged if p == RDF.type}
    types = Counter(o for _, p, o in merged if p == RDF.type)
    documents = types[HR.Document]
    return {
        "triples": len(merged),
        "distinctSubjects": len({s for s, _, _ in merged}),
        "distinctObjects": len({o for _, _, o in merged}),
        "properties": len({p for _, p, _ in merged}),
        "classes": len(classes),
        "documents": documents,
        "entities": len({s for s, p, _ in merged if p == RDF.type}),
    }, per_graph


def void_graph(record: BuildRecord) -> Graph:
    """The VoID/DCAT description of ``record``'s dataset."""
    about = description()
    dataset = record.graph()
    me = URIRef(about["iri"])
    graph = bind_prefixes(Graph())
    for prefix, namespace in (("void", VOID), ("dcat", DCAT), ("sd", SD)):
        graph.bind(prefix, namespace)
    graph.add((me, RDF.type, VOID.Dataset))
    graph.add((me, RDF.type, DCAT.Dataset))
    graph.add((me, DCTERMS.title, Literal(about["title"], lang="en")))
    graph.add((me, DCTERMS.description, Literal(about["description"], lang="en")))
    graph.add((me, DCTERMS.license, URIRef(about["license"])))
    graph.add((me, DCTERMS.rights, Literal(about["rights"], lang="en")))
    graph.add((me, DCTERMS.publisher, Literal(about["publisher"])))
    version = ontology_version()
    graph.add((me, DCTERMS.conformsTo, URIRef(version.version_iri)))
    graph.add((me, DCTERMS.conformsTo, URIRef(SHAPES_IRI)))
    graph.add((me, VOID.vocabulary, URIRef(str(HR))))
    totals, per_graph = counts(dataset)
    for name, value in totals.items():
        graph.add((me, VOID[name], Literal(value, datatype=XSD.integer)))
    for name, triples in sorted(per_graph.items()):
        subset = URIRef(f"{me}/graph/{str(name).removeprefix(str(HRID['graph/']))}")
        graph.add((me, VOID.subset, subset))
        graph.add((subset, RDF.type, VOID.Dataset))
        graph.add((subset, SD.name, name))
        graph.add((subset, VOID.triples, Literal(triples, datatype=XSD.integer)))
    for s, p, o in dataset.triples():
        if p == RDF.type and o == HR.Document:
            graph.add((me, DCTERMS.source, s))
        elif p == RDF.type and o == PROV.Activity:
            graph.add((me, PROV.wasGeneratedBy, s))
        elif p == PROV.endedAtTime:
            graph.add((me, DCTERMS.modified, o))
    _distributions(graph, me, record)
    return graph


def _distributions(graph: Graph, me: URIRef, record: BuildRecord) -> None:
    """One dcat:Distribution per file written beside void.ttl (by its file name)."""
    for path in sorted({Path(p) for p in record.outputs.values()}):
        if path.parent != record.out_dir or path.suffix not in MEDIA_TYPES:
            continue
        node = URIRef(f"{me}/distribution/{path.name}")
        graph.add((me, DCAT.distribution, node))
        graph.add((node, RDF.type, DCAT.Distribution))
        graph.add((node, DCTERMS.title, Literal(path.name)))
        graph.add((node, DCAT.mediaType, Literal(MEDIA_TYPES[path.suffix])))
        graph.add((node, DCAT.byteSize, Literal(path.stat().st_size, datatype=XSD.integer)))


def write(record: BuildRecord) -> dict[str, Path]:
    """The writer: ``void.ttl`` and ``ontology/`` (terms, alignments, shapes)."""
    path = record.out_dir / FILES[0]
    written = {"void": path}
    folder = record.out_dir / ONTOLOGY_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for name in ONTOLOGY_FILES:
        shutil.copyfile(ontology_path(name), folder / name)
        written[f"ontology/{name}"] = folder / name
    write_text(path, void_graph(record).serialize(format="turtle"))
    return written
