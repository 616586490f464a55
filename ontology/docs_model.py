"""What the ontology documentation shows, read from the published ontology (hrkg.ttl and
alignments.ttl): terms with their labels, definitions, hierarchy, domains and ranges,
the core (``hr:core true``), the alignments with their reasons, disjoint classes.

Everything is sorted, so the same ontology gives the same page byte for byte.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import OWL, RDF, RDFS, BNode, Graph, Literal, Node, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS

from hrkg.ontology.sources import ALIGNMENTS_FILE, ONTOLOGY_IRI, TERMS_FILE, alignments_graph
from hrkg.ontology.version import OntologyVersion, ontology_version

HR = ONTOLOGY_IRI + "#"
HR_CORE = URIRef(HR + "core")
KINDS = {  # owl type -> (kind, section id, section title), in the order the page lists them
    OWL.Class: ("class", "classes", "Classes"),
    OWL.ObjectProperty: ("object property", "object-properties", "Object properties"),
    OWL.DatatypeProperty: ("datatype property", "datatype-properties", "Datatype properties"),
    OWL.AnnotationProperty: ("annotation property", "annotation-properties",
                             "Annotation properties"),
}
CHARACTERISTICS = {OWL.FunctionalProperty: "functional", OWL.TransitiveProperty: "transitive"}
RELATIONS = {RDFS.subClassOf: "subclass of", RDFS.subPropertyOf: "subproperty of",
             OWL.equivalentClass: "equivalent class", OWL.equivalentProperty: "equivalent property"}


@dataclass(frozen=True, order=True)
class Link:
    """A term as the page shows it: a CURIE, and where it links (an anchor for hr: terms)."""

    curie: str
    href: str


@dataclass(frozen=True)
class Alignment:
    source: Link
    relation: str       # "subclass of", "subproperty of", ...
    target: Link
    reason_en: str
    reason_zh: str
    stated_in: str      # the file that states the axiom


@dataclass
class Term:
    link: Link
    name: str
    kind: str
    label_en: str
    label_zh: str
    comment_en: str
    comment_zh: str
    core: bool
    depth: int = 0  # in the class tree
    parents: list[Link] = field(default_factory=list)
    children: list[Link] = field(default_factory=list)
    domain: str = ""
    range: str = ""
    characteristics: list[str] = field(default_factory=list)
    alignments: list[Alignment] = field(default_factory=list)


@dataclass
class Section:
    id: str
    title: str
    terms: list[Term]


@dataclass
class OntologyDoc:
    iri: str
    version: OntologyVersion
    title_en: str
    title_zh: str
    description_en: str
    description_zh: str
    license: str
    core: list[Term]
    sections: list[Section]
    alignments: list[Alignment]
    disjoint: list[list[Link]]
    namespaces: list[tuple[str, str]]


class Names:
    """CURIEs from the prefixes the ontology files declare."""

    def __init__(self, graph: Graph) -> None:
        self.prefixes = sorted(((str(ns), prefix) for prefix, ns in graph.namespaces()),
                               key=lambda item: -len(item[0]))

    def link(self, node: Node) -> Link:
        text = str(node)
        if text.startswith(HR):
            return Link("hr:" + text[len(HR):], "#" + text[len(HR):])
        for namespace, prefix in self.prefixes:
            if text.startswith(namespace) and len(text) > len(namespace):
                return Link(f"{prefix}:{text[len(namespace):]}", text)
        return Link(text, text)

    def describe(self, graph: Graph, node) -> str:
        """A domain or range in words: a CURIE, or 'A or B' for an owl:unionOf."""
        if isinstance(node, BNode):
            members = graph.value(node, OWL.unionOf)
            if members is not None:
                return " or ".join(self.link(m).curie for m in Collection(graph, members))
        return self.link(node).curie if isinstance(node, URIRef) else str(node)


def text(graph: Graph, node, predicate, lang: str) -> str:
    values = sorted(str(v) for v in graph.objects(node, predicate)
                    if isinstance(v, Literal) and v.language == lang)
    return values[0] if values else ""


def read_alignments(graph: Graph, names: Names) -> list[Alignment]:
    """Every axiom from an hr: term to an outside term, with the reason annotated on it."""
    stated_by_alignments = set(alignments_graph())
    found = []
    for predicate, relation in RELATIONS.items():
        for source, target in graph.subject_objects(predicate):
            if not (isinstance(source, URIRef) and source.startswith(HR)
                    and isinstance(target, URIRef) and not target.startswith(HR)):
                continue
            reason = axiom_annotation(graph, source, predicate, target)
            found.append(Alignment(
                names.link(source), relation, names.link(target),
                text(graph, reason, RDFS.comment, "en") if reason is not None else "",
                text(graph, reason, RDFS.comment, "zh") if reason is not None else "",
                ALIGNMENTS_FILE if (source, predicate, target) in stated_by_alignments
                else TERMS_FILE))
    return sorted(found, key=lambda a: (a.target.curie.split(":")[0], a.source.curie,
                                        a.target.curie))


def axiom_annotation(graph: Graph, source, predicate, target):
    """The owl:Axiom node that annotates (source predicate target), if any."""
    for axiom in graph.subjects(OWL.annotatedSource, source):
        if ((axiom, OWL.annotatedProperty, predicate) in graph
                and (axiom, OWL.annotatedTarget, target) in graph):
            return axiom
    return None


def read_terms(graph: Graph, names: Names, alignments: Iterable[Alignment]) -> dict:
    by_source: dict[str, list[Alignment]] = {}
    for alignment in alignments:
        by_source.setdefault(alignment.source.curie, []).append(alignment)
    terms: dict[URIRef, Term] = {}
    for owl_type, (kind, _, _) in KINDS.items():
        for node in sorted(graph.subjects(RDF.type, owl_type), key=str):
            if not (isinstance(node, URIRef) and node.startswith(HR)) or node in terms:
                continue
            link = names.link(node)
            term = Term(link, node[len(HR):], kind,
                        text(graph, node, RDFS.label, "en"), text(graph, node, RDFS.label, "zh"),
                        text(graph, node, RDFS.comment, "en"),
                        text(graph, node, RDFS.comment, "zh"),
                        core=(node, HR_CORE, Literal(True)) in graph,
                        alignments=by_source.get(link.curie, []))
            parent_property = RDFS.subClassOf if owl_type == OWL.Class else RDFS.subPropertyOf
            term.parents = sorted(names.link(p) for p in graph.objects(node, parent_property)
                                  if isinstance(p, URIRef) and p.startswith(HR))
            term.children = sorted(names.link(c) for c in graph.subjects(parent_property, node)
                                   if isinstance(c, URIRef) and c.startswith(HR))
            domain, range_ = graph.value(node, RDFS.domain), graph.value(node, RDFS.range)
            term.domain = names.describe(graph, domain) if domain is not None else ""
            term.range = names.describe(graph, range_) if range_ is not None else ""
            term.characteristics = sorted(word for t, word in CHARACTERISTICS.items()
                                          if (node, RDF.type, t) in graph)
            terms[node] = term
    return terms


def class_tree(graph: Graph, terms: dict[URIRef, Term]) -> list[Term]:
    """Classes depth first from the roots (classes without an hr: superclass), by name."""
    classes: dict[Node, Term] = {node: t for node, t in terms.items() if t.kind == "class"}
    ordered: list[Term] = []

    def visit(node: Node, depth: int) -> None:
        term = classes[node]
        term.depth = depth
        ordered.append(term)
        for child in sorted((c for c in graph.subjects(RDFS.subClassOf, node) if c in classes),
                            key=str):
            visit(child, depth + 1)

    for root in sorted((n for n, t in classes.items() if not t.parents), key=str):
        visit(root, 0)
    return ordered


def disjoint_groups(graph: Graph, names: Names) -> list[list[Link]]:
    groups = [sorted(names.link(m) for m in Collection(graph, members))
              for node in graph.subjects(RDF.type, OWL.AllDisjointClasses)
              for members in graph.objects(node, OWL.members)]
    groups += [sorted([names.link(a), names.link(b)])
               for a, b in graph.subject_objects(OWL.disjointWith)]
    return sorted(groups)


def ontology_doc(graph: Graph) -> OntologyDoc:
    """The documentation model of ``graph`` (the published ontology)."""
    names = Names(graph)
    iri = URIRef(ONTOLOGY_IRI)
    alignments = read_alignments(graph, names)
    terms = read_terms(graph, names, alignments)
    tree = class_tree(graph, terms)
    sections = [Section("classes", "Classes", tree)]
    for owl_type, (kind, section_id, title) in KINDS.items():
        if owl_type != OWL.Class:
            chosen = sorted((t for t in terms.values() if t.kind == kind), key=lambda t: t.name)
            sections.append(Section(section_id, title, chosen))
    core = sorted((t for t in terms.values() if t.core),
                  key=lambda t: (t.kind != "class", t.name))
    used = {"hr"} | {a.target.curie.split(":")[0] for a in alignments}
    namespaces = sorted((prefix, str(ns)) for prefix, ns in graph.namespaces() if prefix in used)
    return OntologyDoc(
        ONTOLOGY_IRI, ontology_version(),
        text(graph, iri, DCTERMS.title, "en"), text(graph, iri, DCTERMS.title, "zh"),
        text(graph, iri, DCTERMS.description, "en"), text(graph, iri, DCTERMS.description, "zh"),
        str(graph.value(iri, DCTERMS.license) or ""),
        core, sections, alignments, disjoint_groups(graph, names), namespaces)
