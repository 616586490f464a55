"""The whole-graph checks of validation: constraints that relate many nodes at once,
run in Python over the graph rather than as SHACL shapes.

- every ``hr:`` class and property used is declared in ``ontology/hrkg.ttl``;
- ``nif:anchorOf`` is exactly as long as ``nif:endIndex - nif:beginIndex``;
- a mention's document ``hr:mentions`` the entity the mention denotes, which is an entity;
- the relation an ``hr:Evidence`` record supports is asserted.
"""

from __future__ import annotations

from collections import defaultdict

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import OWL
from rdflib.term import Node

from hrkg.graph.namespaces import HR, NIF
from hrkg.graph.violations import HRSH, Violation, short_name

_TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)


def graph_checks(graph: Graph, ontology: Graph) -> list[Violation]:
    """The checks that relate many nodes at once (see the module docstring)."""
    return [
        *undeclared_terms(graph, ontology),
        *anchor_lengths(graph),
        *mention_links(graph, ontology),
        *unasserted_evidence(graph),
    ]


def undeclared_terms(graph: Graph, ontology: Graph) -> list[Violation]:
    """One violation per ``hr:`` class or property used in ``graph`` but not in the ontology."""
    declared = {t for kind in _TERM_TYPES for t in ontology.subjects(RDF.type, kind)}
    unknown = [
        *((p, p, list(graph.subjects(p, None))) for p in graph.predicates(unique=True)
          if isinstance(p, URIRef) and p.startswith(HR) and p not in declared),
        *((RDF.type, o, list(graph.subjects(RDF.type, o)))
          for o in graph.objects(None, RDF.type, unique=True)
          if isinstance(o, URIRef) and o.startswith(HR) and o not in declared),
    ]
    return [
        Violation(
            focus=min(subjects, key=str),
            path=path,
            constraint=HRSH.DeclaredTermConstraint,
            message=f"{short_name(term)} is not a term of the hrkg ontology ({len(subjects)} uses)",
            value=term,
        )
        for path, term, subjects in unknown
    ]


def anchor_lengths(graph: Graph) -> list[Violation]:
    """Nodes whose ``nif:anchorOf`` is not as long as their offsets say."""
    found = []
    for node, anchor in graph.subject_objects(NIF.anchorOf):
        begin = _int_value(graph.value(node, NIF.beginIndex))
        end = _int_value(graph.value(node, NIF.endIndex))
        if begin is None or end is None:
            continue  # missing or malformed offsets are the shapes' business
        if len(str(anchor)) != end - begin:
            found.append(Violation(
                focus=node,
                path=NIF.anchorOf,
                constraint=HRSH.AnchorLengthConstraint,
                message=(
                    f"nif:anchorOf has {len(str(anchor))} characters but offsets "
                    f"{begin}-{end} span {end - begin}"
                ),
                value=anchor,
            ))
    return found


def mention_links(graph: Graph, ontology: Graph) -> list[Violation]:
    """Each mention's document ``hr:mentions`` its entity, and that entity has an entity class."""
    entity_classes = set(ontology.transitive_subjects(RDFS.subClassOf, HR.Entity))
    missing: dict[tuple[Node, Node], list[Node]] = defaultdict(list)
    untyped: dict[Node, list[Node]] = defaultdict(list)
    for mention in graph.subjects(RDF.type, HR.Mention):
        entity = graph.value(mention, HR.denotes)
        document = graph.value(mention, HR.inDocument)
        if entity is None:
            continue
        if document is not None and (document, HR.mentions, entity) not in graph:
            missing[(document, entity)].append(mention)
        if not any(cls in entity_classes for cls in graph.objects(entity, RDF.type)):
            untyped[entity].append(mention)
    found = [
        Violation(
            focus=document,
            path=HR.mentions,
            constraint=HRSH.MentionedEntityConstraint,
            message=(
                f"{len(mentions)} mention(s) such as {short_name(min(mentions, key=str))} "
                "denote this entity but the document has no hr:mentions triple to it"
            ),
            value=entity,
        )
        for (document, entity), mentions in missing.items()
    ]
    found += [
        Violation(
            focus=entity,
            path=RDF.type,
            constraint=HRSH.DenotedEntityClassConstraint,
            message=(
                f"denoted by {len(mentions)} mention(s) such as "
                f"{short_name(min(mentions, key=str))} but not typed with an entity class"
            ),
        )
        for entity, mentions in untyped.items()
    ]
    return found


def unasserted_evidence(graph: Graph) -> list[Violation]:
    """Evidence whose (rdf:subject, rdf:predicate, rdf:object) triple is not in the graph."""
    found = []
    for evidence in graph.subjects(RDF.type, HR.Evidence):
        s = graph.value(evidence, RDF.subject)
        p = graph.value(evidence, RDF.predicate)
        o = graph.value(evidence, RDF.object)
        if s is None or p is None or o is None or (s, p, o) in graph:
            continue
        found.append(Violation(
            focus=evidence,
            path=RDF.predicate,
            constraint=HRSH.AssertedRelationConstraint,
            message=f"the relation {short_name(s)} {short_name(p)} {short_name(o)} "
                    "is not asserted",
            value=p,
        ))
    return found


def _int_value(node: Node | None) -> int | None:
    """The integer an integer literal holds; None for anything else."""
    if isinstance(node, Literal):
        value = node.toPython()
        if isinstance(value, int):
            return value
    return None
