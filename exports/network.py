"""The entity network for other tools (Gephi, Cytoscape, spreadsheets): the map projection
(:func:`hrkg.maps.project.project`) with plain attribute values.

Nodes are the documents and the entities they name, keyed by IRI; every attribute is a
string or a number (GraphML, GEXF and CSV hold no lists): labels in Chinese and English,
the class and subclass, the identifier, the number of mentions and the files naming it.
Edges keep their kind (``relation``, ``mentions``, ``comention``), the relation's name and
their weight (mentions in a document, sentences naming both, evidence sentences).
"""

from __future__ import annotations

import networkx as nx
from rdflib.namespace import PROV

from hrkg.exports.record import BuildRecord
from hrkg.maps.project import project

LIST_SEPARATOR = "; "
NODE_FIELDS = ("iri", "label", "label_zh", "label_en", "class", "subclass", "identifier",
               "mentions", "documents", "alt_labels")
EDGE_FIELDS = ("relation", "kind", "weight", "documents")


def node_attributes(data: dict) -> dict[str, str | int]:
    """A projection node's attributes as plain values (``label``: Chinese, else English)."""
    return {
        "iri": data["uri"],
        "label": data["label_zh"] or data["label_en"] or data["uri"],
        "label_zh": data["label_zh"],
        "label_en": data["label_en"],
        "class": data["cls"],
        "subclass": data["subclass"],
        "identifier": data["identifier"],
        "mentions": int(data["mentions"]),
        "documents": LIST_SEPARATOR.join(data["documents"]),
        "alt_labels": LIST_SEPARATOR.join(data["alt_labels"]),
    }


def entity_network(record: BuildRecord) -> nx.MultiDiGraph:
    """The build's network with plain attributes, nodes and edges in a stable order."""
    projection = project(record.graph())
    network = nx.MultiDiGraph()
    for node in sorted(projection):
        network.add_node(node, **node_attributes(projection.nodes[node]))
    edges = sorted(projection.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))
    for source, target, key, data in edges:
        network.add_edge(source, target, key=key, relation=key, kind=data["kind"],
                         weight=int(data["weight"]),
                         documents=LIST_SEPARATOR.join(sorted(data["by_document"])))
    return network


def build_date(record: BuildRecord) -> str:
    """The date (YYYY-MM-DD) the build ended, from its provenance (reproducible)."""
    ended = sorted(str(o) for _, p, o in record.graph().triples() if p == PROV.endedAtTime)
    return ended[-1][:10] if ended else "1970-01-01"
