"""The ontology's files, read once per process: hrkg.ttl (terms), alignments.ttl (mappings
to outside vocabularies, published with it at the ontology IRI) and shapes.ttl (SHACL)."""

from __future__ import annotations

from functools import cache, lru_cache
from importlib.resources import files
from pathlib import Path

from rdflib import Graph

ONTOLOGY_IRI = "https://w3id.org/hrkg/ontology"
SHAPES_IRI = "https://w3id.org/hrkg/shapes"
ALIGNMENTS_IRI = "https://w3id.org/hrkg/ontology/alignments"
TERMS_FILE, ALIGNMENTS_FILE, SHAPES_FILE = "hrkg.ttl", "alignments.ttl", "shapes.ttl"
PUBLISHED_FILES = (TERMS_FILE, ALIGNMENTS_FILE)  # what the ontology IRI serves


def ontology_path(name: str = TERMS_FILE) -> Path:
    """Path of one of the bundled ontology files (source tree or installed wheel)."""
    return Path(str(files("hrkg.ontology"))) / name


@cache
def _parsed(name: str) -> Graph:
    return Graph(bind_namespaces="core").parse(ontology_path(name), format="turtle")


def terms_graph() -> Graph:
    """hrkg.ttl alone (shared, cached: do not modify)."""
    return _parsed(TERMS_FILE)


def shapes_graph() -> Graph:
    """shapes.ttl (shared, cached: do not modify)."""
    return _parsed(SHAPES_FILE)


def alignments_graph() -> Graph:
    """alignments.ttl alone (shared, cached: do not modify)."""
    return _parsed(ALIGNMENTS_FILE)


@lru_cache(maxsize=1)
def published_graph() -> Graph:
    """The ontology as published at its IRI: hrkg.ttl and alignments.ttl in one graph
    (shared, cached: do not modify; copy it with ``Graph() + published_graph()``)."""
    graph = Graph(bind_namespaces="core")
    for name in PUBLISHED_FILES:
        graph += _parsed(name)
        for prefix, namespace in _parsed(name).namespaces():
            graph.bind(prefix, namespace, override=False)
    return graph


def published_turtle() -> str:
    """hrkg.ttl then alignments.ttl as written (comments kept): one valid Turtle document,
    since neither file labels a blank node and Turtle allows a prefix to be declared twice."""
    return "\n".join(ontology_path(name).read_text(encoding="utf-8") for name in PUBLISHED_FILES)
