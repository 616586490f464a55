"""What an entity page shows, read from the store with a few SPARQL queries per IRI.

:func:`describe` gathers, for any IRI of the graph, its labels, types, identifiers,
external links and other values, its typed relations in both directions (each with the
evidence sentences and their documents), its mentions grouped by document (each with
the sentence around it, from ``sentences.json``), and for a document the entities it
mentions by class. :func:`description_triples` is the RDF answer: the IRI's concise
bounded description plus the typed relations pointing at it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from hrkg.sparql.sentences import SentenceIndex, readable
from hrkg.sparql.store import DEFAULT_PREFIXES, GraphStore

HR = DEFAULT_PREFIXES["hr"]
HRID = DEFAULT_PREFIXES["hrid"]
RDF_TYPE = DEFAULT_PREFIXES["rdf"] + "type"
SKOS = DEFAULT_PREFIXES["skos"]
DCTERMS = DEFAULT_PREFIXES["dcterms"]
FRBR_REALIZATION_OF = "http://purl.org/vocab/frbr/core#realizationOf"
# top classes in the order a page names them (the graph contract's classes)
TOP_CLASSES = ("Document", "Actor", "Mechanism", "Group", "Right", "Instrument", "Publication",
               "Resolution", "UNDocument", "SDGGoal", "SDGTarget", "Commitment", "Article",
               "Mention", "Evidence", "CoMention")
SEARCHED_CLASSES = frozenset(TOP_CLASSES[:12])  # what search results and indexes list
LABELS = (SKOS + "prefLabel", DCTERMS + "title")
ALT_LABELS = (SKOS + "altLabel",)
IDENTIFIERS = (DCTERMS + "identifier", HR + "sourceFile", HR + "sha256")
EXTERNAL = (SKOS + "exactMatch", SKOS + "closeMatch", DEFAULT_PREFIXES["owl"] + "sameAs")
# links that are records of the graph, not relations between entities
NOT_RELATIONS = frozenset({RDF_TYPE, HR + "denotes", HR + "coMentioned", HR + "mentions",
                           HR + "inDocument", DEFAULT_PREFIXES["nif"] + "referenceContext",
                           DEFAULT_PREFIXES["rdf"] + "subject", DEFAULT_PREFIXES["rdf"] + "object",
                           DEFAULT_PREFIXES["rdf"] + "predicate",
                           DEFAULT_PREFIXES["prov"] + "used",
                           DEFAULT_PREFIXES["prov"] + "wasDerivedFrom"})


@dataclass
class Link:
    """Another node, as a page links to it."""

    iri: str
    label: str
    cls: str = ""


@dataclass
class Relation:
    predicate: str  # IRI
    name: str  # local name
    outgoing: bool  # this IRI is the subject
    other: Link
    evidence: list[tuple[str, Link]] = field(default_factory=list)  # sentence, document


@dataclass
class MentionGroup:
    document: Link
    files: list[str] = field(default_factory=list)  # the document's source files
    # each mention: the sentence split around the mention (before, mention, after), offset
    mentions: list[tuple[str, str, str, int]] = field(default_factory=list)


@dataclass
class Description:
    iri: str
    labels: list[tuple[str, str]]  # text, language
    alt_labels: list[tuple[str, str]]
    types: list[str]  # hr: local names (others as IRIs)
    cls: str  # top class ("" if none)
    identifiers: list[tuple[str, str]]  # property local name, value
    external: list[str]
    values: list[tuple[str, str]]  # other literal values: property local name, value
    relations: list[Relation]
    mentions: list[MentionGroup]
    members: dict[str, list[Link]]  # a document's mentioned entities by class
    versions: list[Link]  # other documents realizing the same work

    @property
    def label(self) -> str:
        return best_label(self.labels) or self.iri.rsplit("/", 1)[-1]

    @property
    def mention_count(self) -> int:
        return sum(len(group.mentions) for group in self.mentions)

    def label_in(self, language: str) -> str:
        return next((text for text, lang in self.labels if lang == language), "")


def local_name(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def best_label(labels: Iterable[tuple[str, str]]) -> str:
    ranked = sorted(labels, key=lambda item: ({"zh": 0, "": 1, "en": 2}.get(item[1], 3), item))
    return ranked[0][0] if ranked else ""


def top_class(types: Iterable[str]) -> str:
    found = set(types)
    return next((cls for cls in TOP_CLASSES if HR + cls in found), "")


class EntityData:
    """Reads pages' data from one store; labels of linked nodes are cached."""

    def __init__(self, store: GraphStore, sentences: SentenceIndex) -> None:
        self.store = store
        self.sentences = sentences
        self._links: dict[str, Link] = {}

    def select(self, query: str) -> list[list[ox.NamedNode | ox.Literal | ox.BlankNode | None]]:
        answer = self.store.query(query)
        assert isinstance(answer, ox.QuerySolutions)
        return [list(solution) for solution in answer]

    def exists(self, iri: str) -> bool:
        node = ox.NamedNode(iri)
        return bool(self.select(f"SELECT ?p WHERE {{ {{ {node} ?p ?o }} UNION {{ ?s ?p {node} }} }}"
                                " LIMIT 1"))

    def links(self, iris: Iterable[str]) -> dict[str, Link]:
        """Label and top class of each IRI (one query for those not cached)."""
        iris = list(iris)
        wanted = sorted({iri for iri in iris if iri not in self._links})
        for start in range(0, len(wanted), 400):
            chunk = wanted[start:start + 400]
            values = " ".join(str(ox.NamedNode(iri)) for iri in chunk)
            labels: dict[str, list[tuple[str, str]]] = defaultdict(list)
            types: dict[str, list[str]] = defaultdict(list)
            rows = self.select(f"SELECT ?n ?p ?o WHERE {{ VALUES ?n {{ {values} }} ?n ?p ?o "
                               "FILTER (?p IN (rdf:type, skos:prefLabel, dcterms:title, "
                               "dcterms:identifier, hr:sourceFile)) }")
            for node, predicate, obj in rows:
                assert node is not None and predicate is not None and obj is not None
                if predicate.value == RDF_TYPE:
                    types[node.value].append(obj.value)
                elif isinstance(obj, ox.Literal):
                    rank = "" if predicate.value in LABELS else "~"  # labels before symbols
                    labels[node.value].append((obj.value, rank + (obj.language or "")))
            for iri in chunk:
                self._links[iri] = Link(iri, best_label(labels[iri]) or local_name(iri),
                                        top_class(types[iri]))
        return {iri: self._links[iri] for iri in iris}

    def documents(self) -> list[Link]:
        rows = self.select("SELECT ?d WHERE { ?d a hr:Document }")
        return list(self.links(row[0].value for row in rows if row[0] is not None).values())

    def describe(self, iri: str) -> Description:
        node = ox.NamedNode(iri)
        out = self.select(f"SELECT ?p ?o WHERE {{ {node} ?p ?o }}")
        types = sorted(o.value for p, o in out if p is not None and p.value == RDF_TYPE
                       and o is not None)
        literal = [(p.value, o) for p, o in out if p is not None and isinstance(o, ox.Literal)]
        description = Description(
            iri=iri,
            labels=sorted((o.value, o.language or "") for p, o in literal if p in LABELS),
            alt_labels=sorted((o.value, o.language or "") for p, o in literal if p in ALT_LABELS),
            types=[t[len(HR):] if t.startswith(HR) else t for t in types],
            cls=top_class(types),
            identifiers=sorted((local_name(p), o.value) for p, o in literal if p in IDENTIFIERS),
            external=sorted(o.value for p, o in out if p is not None and p.value in EXTERNAL
                            and isinstance(o, ox.NamedNode)),
            values=sorted((local_name(p), o.value) for p, o in literal
                          if p not in LABELS + ALT_LABELS + IDENTIFIERS),
            relations=[], mentions=[], members={}, versions=[])
        description.labels = list(dict.fromkeys(description.labels))
        description.relations = self._relations(node, out)
        description.mentions = self._mentions(node)
        if description.cls == "Document":
            description.members = self._members(node)
            description.versions = self._versions(node)
        return description

    def _relations(self, node: ox.NamedNode, out: list) -> list[Relation]:
        incoming = self.select(f"SELECT ?s ?p WHERE {{ ?s ?p {node} }}")
        pairs = [(p.value, o.value, True) for p, o in out
                 if isinstance(o, ox.NamedNode) and p.value not in NOT_RELATIONS
                 and p.value not in EXTERNAL]
        pairs += [(p.value, s.value, False) for s, p in incoming
                  if isinstance(s, ox.NamedNode) and p is not None
                  and p.value not in NOT_RELATIONS]
        evidence: dict[tuple[str, str, bool], list[tuple[str, str]]] = defaultdict(list)
        rows = self.select(
            "SELECT ?s ?p ?o ?text ?doc WHERE { "
            f"{{ ?e rdf:subject {node} }} UNION {{ ?e rdf:object {node} }} "
            "?e rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; nif:anchorOf ?text ; "
            "hr:inDocument ?doc }")
        for s, p, o, text, doc in rows:
            assert s and p and o and text and doc
            outgoing = s.value == node.value
            other = o.value if outgoing else s.value
            evidence[p.value, other, outgoing].append((readable(text.value), doc.value))
        for key in evidence:
            if key not in {(p, o, d) for p, o, d in pairs}:
                pairs.append(key)
        links = self.links({other for _, other, _ in pairs}
                           | {doc for items in evidence.values() for _, doc in items})
        relations = []
        for predicate, other, outgoing in sorted(set(pairs)):
            quotes = sorted(set(evidence.get((predicate, other, outgoing), [])))
            relations.append(Relation(predicate, local_name(predicate), outgoing, links[other],
                                      [(text, links[doc]) for text, doc in quotes]))
        return sorted(relations, key=lambda r: (not r.outgoing, r.name, r.other.label))

    def _mentions(self, node: ox.NamedNode) -> list[MentionGroup]:
        rows = self.select(
            f"SELECT ?doc ?begin ?anchor WHERE {{ ?m hr:denotes {node} ; hr:inDocument ?doc ; "
            "nif:beginIndex ?begin ; nif:anchorOf ?anchor }")
        by_doc: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for doc_term, begin_term, anchor_term in rows:
            assert doc_term and begin_term and anchor_term
            by_doc[doc_term.value].append((int(begin_term.value), anchor_term.value))
        links = self.links(by_doc)
        groups = []
        for doc in sorted(by_doc, key=lambda d: links[d].label):
            files = self.source_files(doc)
            group = MentionGroup(links[doc], files)
            for begin, anchor in sorted(by_doc[doc]):
                sentence = readable(self.sentences.sentence(files, begin, anchor) or anchor)
                before, found, after = sentence.partition(readable(anchor))
                group.mentions.append((before, found, after, begin) if found
                                      else (sentence, "", "", begin))
            groups.append(group)
        return groups

    def source_files(self, doc: str) -> list[str]:
        return sorted(row[0].value for row in self.select(  # type: ignore[union-attr]
            f"SELECT ?f WHERE {{ {ox.NamedNode(doc)} hr:sourceFile ?f }}"))

    def _members(self, node: ox.NamedNode) -> dict[str, list[Link]]:
        rows = self.select(f"SELECT ?e WHERE {{ {node} hr:mentions ?e }}")
        links = self.links(row[0].value for row in rows if row[0] is not None)
        members: dict[str, list[Link]] = defaultdict(list)
        for link in links.values():
            members[link.cls or "Other"].append(link)
        order = {cls: i for i, cls in enumerate(TOP_CLASSES)}
        return {cls: sorted(members[cls], key=lambda link: link.label)
                for cls in sorted(members, key=lambda c: order.get(c, len(order)))}

    def _versions(self, node: ox.NamedNode) -> list[Link]:
        rows = self.select(f"SELECT DISTINCT ?other WHERE {{ {node} <{FRBR_REALIZATION_OF}> ?w . "
                           f"?other <{FRBR_REALIZATION_OF}> ?w FILTER (?other != {node}) }}")
        return sorted(self.links(r[0].value for r in rows if r[0] is not None).values(),
                      key=lambda link: link.iri)


def description_triples(store: GraphStore, iri: str) -> list[ox.Triple]:
    """The IRI's concise bounded description (its triples, following blank nodes) and the
    typed relations that point at it (records such as mentions and evidence left out)."""
    node = ox.NamedNode(iri)
    default = ox.DefaultGraph()
    triples: list[ox.Triple] = []
    todo: list[ox.NamedNode | ox.BlankNode] = [node]
    seen: set = set()
    while todo:
        subject = todo.pop()
        if subject in seen:
            continue
        seen.add(subject)
        for quad in store.oxigraph.quads_for_pattern(subject, None, None, default):
            triples.append(ox.Triple(quad.subject, quad.predicate, quad.object))
            if isinstance(quad.object, ox.BlankNode):
                todo.append(quad.object)
    for quad in store.oxigraph.quads_for_pattern(None, None, node, default):
        if quad.predicate.value not in NOT_RELATIONS:
            triples.append(ox.Triple(quad.subject, quad.predicate, quad.object))
    return sorted(set(triples), key=str)
