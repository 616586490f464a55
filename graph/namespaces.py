"""RDF namespaces of the graph contract, bound once for every serializer."""

from __future__ import annotations

from functools import cache
from typing import TypeVar

from rdflib import Graph, URIRef
from rdflib import Namespace as _RdflibNamespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD


@cache
def _attribute_term(namespace: str, name: str) -> URIRef:
    return _RdflibNamespace.term(_RdflibNamespace(namespace), name)


class Namespace(_RdflibNamespace):
    """rdflib's Namespace whose attribute terms (``HR.mentions``) are made once per
    process: rdflib builds and validates a new URIRef on every access, which was a tenth
    of the graph building time. ``HRID[...]`` (mostly distinct IRIs) is not cached."""

    def __getattr__(self, item: str) -> URIRef:
        if item.startswith("__"):
            raise AttributeError
        return _attribute_term(str(self), item)


HR = Namespace("https://w3id.org/hrkg/ontology#")
HRID = Namespace("https://w3id.org/hrkg/id/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
SDG = Namespace("http://metadata.un.org/sdg/")
WD = Namespace("http://www.wikidata.org/entity/")
FRBR = Namespace("http://purl.org/vocab/frbr/core#")  # frbr:realizationOf (document -> work)

PREFIXES: dict[str, Namespace] = {
    "hr": HR,
    "hrid": HRID,
    "nif": NIF,
    "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)),
    "owl": Namespace(str(OWL)),
    "skos": Namespace(str(SKOS)),
    "dcterms": Namespace(str(DCTERMS)),
    "prov": Namespace(str(PROV)),
    "xsd": Namespace(str(XSD)),
    "sdg": SDG,
    "wd": WD,
    "frbr": FRBR,
}
AnyGraph = TypeVar("AnyGraph", bound=Graph)  # a Graph, or a Dataset


def bind_prefixes(graph: AnyGraph) -> AnyGraph:
    """Bind the project's prefixes (replacing rdflib's defaults) and return ``graph``."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph
