"""The alignments (ontology/alignments.ttl), the core (hr:core) and an OWL-RL reasoning check.

The closure runs owlrl's OWL 2 RL rules over the ontology + alignments + the demo graph's
entity, document, evidence and build triples (every triple whose object is an IRI, except
those of the per-occurrence records hr:Mention and hr:CoMention: 3,800 of 36,000 triples,
about 5 s of CPU). With those records it is 21,000 triples and about 26 s in owlrl; they
are checked by the SHACL shapes (hrsh:Mention-entity, the denoted-entity check) instead.
"""

from __future__ import annotations

import time

import owlrl
import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, FOAF, PROV, SKOS

from hrkg.ontology.sources import (
    ALIGNMENTS_IRI,
    ONTOLOGY_IRI,
    alignments_graph,
    published_graph,
    terms_graph,
)

HR = ONTOLOGY_IRI + "#"
SCHEMA = "https://schema.org/"
FABIO = "http://purl.org/spar/fabio/"
ALIGNING = (RDFS.subClassOf, RDFS.subPropertyOf, OWL.equivalentClass, OWL.equivalentProperty)
# hr:Actor subclasses that are not organizations (each has its own alignment or none)
NOT_ORGANIZATIONS = {"State", "ObserverState", "Person", "Post", "Conference", "Forum",
                     "CollectiveActor", "IntergovernmentalGroup", "SpecialProcedure"}
ERROR = URIRef("http://www.daml.org/2002/03/agents/agent-ont#error")  # owlrl's error records


def hr(name: str) -> URIRef:
    return URIRef(HR + name)


def is_hr(node) -> bool:
    return isinstance(node, URIRef) and node.startswith(HR)


def outward(graph: Graph) -> set[tuple]:
    """(hr term, aligning predicate, outside term) triples of ``graph``."""
    return {(s, p, o) for p in ALIGNING for s, o in graph.subject_objects(p)
            if is_hr(s) and isinstance(o, URIRef) and not is_hr(o)}


def reasons(graph: Graph, triple: tuple) -> list:
    s, p, o = triple
    return [a for a in graph.subjects(OWL.annotatedSource, s)
            if (a, RDF.type, OWL.Axiom) in graph and (a, OWL.annotatedProperty, p) in graph
            and (a, OWL.annotatedTarget, o) in graph]


def members(graph: Graph, cls: URIRef) -> set:
    return set(graph.subjects(RDF.type, cls))


# ---------------------------------------------------------------- the alignments file


def test_alignments_module_header() -> None:
    graph = alignments_graph()
    module = URIRef(ALIGNMENTS_IRI)
    assert (module, RDF.type, OWL.Ontology) in graph
    assert (module, OWL.imports, URIRef(ONTOLOGY_IRI)) in graph
    assert (URIRef(ONTOLOGY_IRI), RDFS.seeAlso, module) in terms_graph()
    languages = {t.language for t in graph.objects(module, DCTERMS.title)}
    assert languages == {"en", "zh"}


def test_every_alignment_has_one_reason_in_english_and_chinese() -> None:
    graph = published_graph()
    triples = outward(graph)
    assert len(triples) >= 60
    for triple in triples:
        found = reasons(graph, triple)
        assert len(found) == 1, triple
        comments = {c.language: str(c) for c in graph.objects(found[0], RDFS.comment)}
        assert set(comments) == {"en", "zh"}, triple
        assert len(comments["en"]) > 40 and len(comments["zh"]) > 15, triple


def test_every_reason_annotates_a_stated_axiom() -> None:
    graph = published_graph()
    for axiom in graph.subjects(RDF.type, OWL.Axiom):
        triple = tuple(graph.value(axiom, p) for p in
                       (OWL.annotatedSource, OWL.annotatedProperty, OWL.annotatedTarget))
        assert triple in graph, triple


def test_alignments_point_outward_and_only_subsume() -> None:
    """hr: term -> outside term, never the reverse (no hr: type on anyone else's data);
    subclass/subproperty only: no outside term means the same as an hr: term."""
    graph = alignments_graph()
    inward = [(s, p, o) for p in ALIGNING for s, o in graph.subject_objects(p) if is_hr(o)]
    assert inward == []
    assert outward(graph) and {p for _, p, _ in outward(graph)} == {RDFS.subClassOf,
                                                                   RDFS.subPropertyOf}


def test_alignment_targets_are_in_the_listed_vocabularies() -> None:
    graph = alignments_graph()
    listed = [str(v) for v in graph.objects(URIRef(ALIGNMENTS_IRI), DCTERMS.references)]
    for _, _, target in outward(published_graph()):
        assert any(target.startswith(v) for v in listed) or target.startswith(str(RDF)), target


def test_alignments_cover_the_field_vocabularies() -> None:
    triples = outward(published_graph())
    assert (hr("Actor"), RDFS.subClassOf, FOAF.Agent) in triples
    assert (hr("Actor"), RDFS.subClassOf, PROV.Agent) in triples
    assert (hr("Instrument"), RDFS.subClassOf, URIRef(SCHEMA + "Legislation")) in triples
    assert (hr("Document"), RDFS.subClassOf, URIRef(FABIO + "Expression")) in triples
    for name in ("Right", "Group", "SDG"):
        assert (hr(name), RDFS.subClassOf, SKOS.Concept) in triples
    assert (hr("concerns"), RDFS.subPropertyOf, DCTERMS.subject) in triples


def test_every_actor_subclass_is_an_organization_or_a_listed_exception() -> None:
    """A new hr:Actor subclass must be placed: schema:Organization, or one of the
    non-organizations named here (persons, posts, States, meetings, collectives)."""
    graph = published_graph()
    organization = URIRef(SCHEMA + "Organization")
    for cls in set(graph.transitive_subjects(RDFS.subClassOf, hr("Actor"))) - {hr("Actor")}:
        ancestors = set(graph.transitive_objects(cls, RDFS.subClassOf))
        name = cls[len(HR):]
        if name in NOT_ORGANIZATIONS or ancestors & {hr(n) for n in NOT_ORGANIZATIONS}:
            assert organization not in {o for a in ancestors
                                        for o in graph.objects(a, RDFS.subClassOf)}, name
        else:
            assert any((a, RDFS.subClassOf, organization) in graph for a in ancestors), name


# ---------------------------------------------------------------- the core


def test_core_is_a_dozen_declared_terms() -> None:
    graph = terms_graph()
    core = set(graph.subjects(hr("core"), None))
    assert (hr("core"), RDF.type, OWL.AnnotationProperty) in graph
    assert set(graph.objects(None, hr("core"))) == {Literal(True)}
    assert 10 <= len(core) <= 15
    declared = {s for kind in (OWL.Class, OWL.ObjectProperty)
                for s in graph.subjects(RDF.type, kind)}
    assert core <= declared
    assert {hr(n) for n in ("Document", "Mention", "Evidence", "Actor", "Instrument", "Right",
                            "mentions", "denotes", "adoptedBy")} <= core
    # the core is top-level: no core class is a subclass of another hr class but hr:Entity
    for term in core:
        parents = {p for p in graph.objects(term, RDFS.subClassOf) if is_hr(p)}
        assert parents <= {hr("Entity")}, term


# ---------------------------------------------------------------- reasoning


def abox(data: Graph) -> Graph:
    """The demo graph's triples to reason over: objects that are IRIs, no mention or
    co-mention records (see the module docstring)."""
    records = members(data, hr("Mention")) | members(data, hr("CoMention"))
    chosen = Graph()
    for s, p, o in data:
        if isinstance(o, URIRef) and s not in records:
            chosen.add((s, p, o))
    return chosen


def closure_of(*graphs: Graph) -> tuple[Graph, float]:
    graph = Graph()
    for g in graphs:
        graph += g
    started = time.perf_counter()
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False,
                           datatype_axioms=False).expand(graph)
    return graph, time.perf_counter() - started


def contradictions(graph: Graph) -> list[str]:
    """owl:Nothing members, owlrl's inconsistency records, and individuals in two classes
    that the ontology declares disjoint."""
    found = [f"{s} is owl:Nothing" for s in graph.subjects(RDF.type, OWL.Nothing)]
    found += [str(message) for message in graph.objects(None, ERROR)]
    groups = [list(Collection(graph, m)) for n in graph.subjects(RDF.type, OWL.AllDisjointClasses)
              for m in graph.objects(n, OWL.members)]
    groups += [[a, b] for a, b in graph.subject_objects(OWL.disjointWith)]
    for group in groups:
        for i, first in enumerate(group):
            for second in group[i + 1:]:
                both = members(graph, first) & members(graph, second)
                found += [f"{x} is both {first} and {second}" for x in sorted(both)]
    return found


@pytest.fixture(scope="module")
def demo_closure(demo_graph: Graph) -> Graph:
    graph, seconds = closure_of(published_graph(), abox(demo_graph))
    print(f"owlrl closure: {len(graph)} triples in {seconds:.1f} s")
    return graph


def test_closure_adds_no_contradiction(demo_closure: Graph) -> None:
    assert contradictions(demo_closure) == []


def test_every_actor_is_a_foaf_and_prov_agent(demo_graph: Graph, demo_closure: Graph) -> None:
    actors = members(demo_graph, hr("Actor"))
    assert len(actors) > 100
    assert members(demo_closure, FOAF.Agent) == actors
    assert members(demo_closure, PROV.Agent) >= actors


def test_organizations_states_and_persons(demo_graph: Graph, demo_closure: Graph) -> None:
    organizations = members(demo_closure, URIRef(SCHEMA + "Organization"))
    assert organizations >= members(demo_graph, hr("PrincipalOrgan")) | members(
        demo_graph, hr("TreatyBody")) | members(demo_graph, hr("Office"))
    assert organizations <= members(demo_graph, hr("Actor"))
    states = members(demo_graph, hr("State")) | members(demo_graph, hr("ObserverState"))
    assert not organizations & (states | members(demo_graph, hr("Post")))
    assert members(demo_closure, URIRef(SCHEMA + "Country")) == states
    assert members(demo_closure, FOAF.Person) == members(demo_graph, hr("Person"))


def test_every_instrument_and_resolution_is_legislation(demo_graph: Graph,
                                                        demo_closure: Graph) -> None:
    texts = {x for name in ("Instrument", "Resolution", "Article")
             for x in members(demo_graph, hr(name))}
    assert len(members(demo_graph, hr("Instrument"))) > 50
    assert members(demo_closure, URIRef(SCHEMA + "Legislation")) == texts


def test_documents_are_expressions_of_works(demo_graph: Graph, demo_closure: Graph) -> None:
    assert members(demo_closure, URIRef(FABIO + "Expression")) == members(demo_graph,
                                                                          hr("Document"))
    works = members(demo_closure, URIRef(FABIO + "Work"))
    for name in ("Instrument", "Resolution", "UNDocument", "Publication"):
        assert members(demo_graph, hr(name)) <= works, name
    assert not works & members(demo_graph, hr("Document"))


def test_rights_groups_and_sdgs_are_concepts(demo_graph: Graph, demo_closure: Graph) -> None:
    concepts = members(demo_closure, SKOS.Concept)
    for name in ("Right", "Group", "SDGGoal"):
        assert members(demo_graph, hr(name)) and members(demo_graph, hr(name)) <= concepts, name
    assert not concepts & members(demo_graph, hr("Actor"))


def test_relations_reach_the_outside_properties(demo_graph: Graph, demo_closure: Graph) -> None:
    adopted = set(demo_graph.subject_objects(hr("adoptedBy")))
    assert adopted and adopted <= set(
        demo_closure.subject_objects(URIRef(SCHEMA + "legislationPassedBy")))
    parts = {pair for p in ("partOf", "articleOf", "commitmentOf", "partOfGoal")
             for pair in demo_graph.subject_objects(hr(p))}
    assert parts and parts <= set(demo_closure.subject_objects(DCTERMS.isPartOf))


def test_a_contradiction_is_found() -> None:
    """The same check on a node typed as a treaty body and as a treaty: the closure makes
    it an hr:Actor and an hr:Instrument, which the ontology declares disjoint."""
    node = URIRef("https://w3id.org/hrkg/id/test/both")
    data = Graph()
    data.add((node, RDF.type, hr("TreatyBody")))
    data.add((node, RDF.type, hr("Treaty")))
    graph, _ = closure_of(published_graph(), data)
    found = contradictions(graph)
    assert any(f"{node} is both {HR}Actor and {HR}Instrument" in f for f in found), found
