"""Ontology versioning: hrkg.ttl states the version once (owl:versionIRI, owl:versionInfo,
owl:priorVersion); hrkg reads it from there, the shapes, CHANGELOG and documentation agree,
and a built graph names the version it conforms to."""

from __future__ import annotations

import re

from rdflib import OWL, Graph, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF

from hrkg.ontology.docs import render_ontology_page
from hrkg.ontology.sources import ONTOLOGY_IRI, SHAPES_IRI, shapes_graph, terms_graph
from hrkg.ontology.version import ontology_version

SEMVER = re.compile(r"^(\d+)\.(\d+)\.(\d+)$")


def semver(text: str) -> tuple[int, ...]:
    match = SEMVER.match(text)
    assert match, text
    return tuple(int(n) for n in match.groups())


def test_version_is_read_from_the_ontology_header() -> None:
    version = ontology_version()
    graph, iri = terms_graph(), URIRef(ONTOLOGY_IRI)
    assert version.iri == ONTOLOGY_IRI
    assert version.version_iri == str(graph.value(iri, OWL.versionIRI))
    assert version.version == str(graph.value(iri, OWL.versionInfo))
    assert version.version_iri == f"{ONTOLOGY_IRI}/{version.version}"
    assert ontology_version() is version  # read once per process


def test_prior_version_is_an_earlier_release() -> None:
    version = ontology_version()
    assert version.prior_version_iri is not None
    prior = version.prior_version_iri.rsplit("/", 1)[-1]
    assert version.prior_version_iri == f"{ONTOLOGY_IRI}/{prior}"
    assert semver(prior) < semver(version.version)


def test_shapes_are_released_with_the_ontology() -> None:
    stated = shapes_graph().value(URIRef(SHAPES_IRI), OWL.versionInfo)
    assert str(stated) == ontology_version().version


def test_changelog_has_a_section_for_each_version(repo_root) -> None:
    text = (repo_root / "CHANGELOG.md").read_text(encoding="utf-8")
    ontology = text.split("\n## Ontology", 1)[1].split("\n## ", 1)[0]
    headings = re.findall(r"^### (\d+\.\d+\.\d+)", ontology, re.M)
    version = ontology_version()
    assert headings[0] == version.version  # newest first
    assert version.prior_version_iri.rsplit("/", 1)[-1] in headings
    assert headings == sorted(headings, key=semver, reverse=True)


def test_documentation_names_the_version() -> None:
    page = render_ontology_page()
    version = ontology_version()
    assert version.version_iri in page and version.prior_version_iri in page


def test_a_built_graph_names_the_ontology_version(demo_graph: Graph) -> None:
    builds = set(demo_graph.subjects(RDF.type, PROV.Activity))
    assert builds
    version = URIRef(ontology_version().version_iri)
    for build in builds:
        assert list(demo_graph.objects(build, DCTERMS.conformsTo)) == [version]
