"""The ontology version, as hrkg.ttl states it in its header (owl:versionIRI,
owl:versionInfo, owl:priorVersion): the one place it is written.

A build names the version its graph conforms to with :func:`ontology_version`; the
header is read once per process (hrkg.ttl parses in about 40 ms, then it is cached).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rdflib import OWL, URIRef

from hrkg.core.errors import HrkgError
from hrkg.ontology.sources import ONTOLOGY_IRI, terms_graph


@dataclass(frozen=True)
class OntologyVersion:
    iri: str            # https://w3id.org/hrkg/ontology
    version_iri: str    # https://w3id.org/hrkg/ontology/1.1.0
    version: str        # 1.1.0
    prior_version_iri: str | None


@lru_cache(maxsize=1)
def ontology_version() -> OntologyVersion:
    """The version the bundled ontology declares (cached for the process)."""
    graph, ontology = terms_graph(), URIRef(ONTOLOGY_IRI)
    version_iri = graph.value(ontology, OWL.versionIRI)
    version = graph.value(ontology, OWL.versionInfo)
    if version_iri is None or version is None:
        raise HrkgError(f"{ONTOLOGY_IRI} states no owl:versionIRI and owl:versionInfo")
    if not str(version_iri).endswith("/" + str(version)):
        raise HrkgError(f"owl:versionIRI {version_iri} does not end with owl:versionInfo {version}")
    prior = graph.value(ontology, OWL.priorVersion)
    return OntologyVersion(ONTOLOGY_IRI, str(version_iri), str(version),
                           str(prior) if prior is not None else None)
