"""Project the RDF graph onto a networkx graph of entities and documents, for maps.

Nodes (id = URI string) are every ``hr:Document`` and every entity typed with a
top-level class of the graph contract that a document mentions or that takes part
in an evidenced relation; vocabulary-only entities nobody mentions stay out.

Edges of the returned ``networkx.MultiDiGraph`` (edge key = relation name):

* typed relations: every triple whose subject and object are both nodes
  (``hr:adoptedBy``, ``hr:adoptedIn``, ``hr:requests``, ``dcterms:creator``,
  ``hr:partOfGoal`` …), directed subject → object, key = the predicate's local
  name, ``kind="relation"``, with the evidence sentences (``hr:Evidence``) and
  the documents they were read from;
* ``mentions``: document → entity, ``kind="mentions"``, weight = number of
  mentions of the entity in that document;
* ``comention``: between two entities (stored once, from the smaller URI to the
  larger), ``kind="comention"``, read from the graph's ``hr:CoMention`` statistics:
  the weight is the number of sentences of the corpus that mention both (the one
  definition of a co-mention, ``hrkg.extract.relations.comentions``; the report
  counts the same). The graph keeps these counts per corpus, not per document, so
  ``by_document`` is empty and the document view weighs them over the corpus.

Every edge carries ``weight`` (int), ``by_document`` ({file name: weight}) and
``evidence`` (sorted tuple of ``(sentence, file name)``).

Versions of one document (the same text read from a .txt and from a .pdf) are one
document node with several ``sources`` (file names): two documents are versions when
they realize the same work (``frbr:realizationOf``) in the same language, or have the
same title and language and near-identical mentions (the entities they mention, in
reading order, agree to :data:`VERSION_RATIO` by :class:`difflib.SequenceMatcher`). The
node kept is the one with more mentions; the other's mentions, relations and evidence
are read as the kept one's.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from difflib import SequenceMatcher

import networkx as nx
from rdflib import RDF, ConjunctiveGraph, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from hrkg.extract.model import ENTITY_CLASSES
from hrkg.graph.namespaces import HR, NIF
from hrkg.graph.quads import QuadSet

DOCUMENT = "Document"
TOP_CLASSES: tuple[str, ...] = (DOCUMENT, *ENTITY_CLASSES)
EDGE_KINDS = ("relation", "mentions", "comention")
VERSION_RATIO = 0.9  # mention sequences this similar: the same text, read twice
FRBR_REALIZATION_OF = URIRef("http://purl.org/vocab/frbr/core#realizationOf")

_RECORD_CLASSES = {"Mention", "Evidence", "CoMention"}
_HR = str(HR)
# predicate -> what the index does with it; any other predicate with a URI object is a link
_PREDICATE_CODES: dict[URIRef, str] = {
    RDF.type: "type", HR.denotes: "denotes", HR.inDocument: "inDocument",
    NIF.referenceContext: "inDocument", HR.mentions: "mentions", RDF.subject: "subject",
    RDF.predicate: "predicate", RDF.object: "object", NIF.beginIndex: "begin",
    NIF.anchorOf: "anchor", SKOS.prefLabel: "prefLabel", SKOS.altLabel: "altLabel",
    DCTERMS.identifier: "identifier", HR.sourceFile: "sourceFile", DCTERMS.title: "title",
    HR.coMentioned: "coMentioned", HR.sentenceCount: "sentenceCount",
    DCTERMS.language: "language", FRBR_REALIZATION_OF: "work",
    NIF.endIndex: "ignored", HR.extractedBy: "ignored", HR.confidence: "ignored",
}


def local_name(uri: str) -> str:
    """``https://w3id.org/hrkg/ontology#adoptedBy`` -> ``adoptedBy``."""
    return uri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def iter_triples(graph: Graph | QuadSet) -> Iterator[tuple]:
    """All triples of a Graph, or of every graph of a Dataset / ConjunctiveGraph / QuadSet."""
    if isinstance(graph, QuadSet):
        for s, p, o, _ in graph.quads():
            yield s, p, o
    elif isinstance(graph, ConjunctiveGraph):
        contexts = graph.graphs() if isinstance(graph, Dataset) else graph.contexts()
        for context in contexts:
            yield from context.triples((None, None, None))
    else:
        yield from graph.triples((None, None, None))


class _Index:
    """Everything the projection needs, gathered in one pass over the triples."""

    def __init__(self) -> None:
        self.types: dict[URIRef, set[str]] = defaultdict(set)
        self.pref: dict[URIRef, dict[str, str]] = defaultdict(dict)
        self.alt: dict[URIRef, set[str]] = defaultdict(set)
        self.identifier: dict[URIRef, str] = {}
        self.source_file: dict[URIRef, str] = {}
        self.title: dict[URIRef, dict[str, str]] = defaultdict(dict)
        self.doc_mentions: dict[URIRef, set[URIRef]] = defaultdict(set)
        self.denotes: dict[URIRef, URIRef] = {}
        self.in_document: dict[URIRef, URIRef] = {}
        self.begin: dict[URIRef, int] = {}
        self.anchor: dict[URIRef, str] = {}
        self.ev_subject: dict[URIRef, URIRef] = {}
        self.ev_predicate: dict[URIRef, URIRef] = {}
        self.ev_object: dict[URIRef, URIRef] = {}
        self.links: set[tuple[URIRef, URIRef, URIRef]] = set()
        self.comentioned: dict[URIRef, set[URIRef]] = defaultdict(set)
        self.sentence_count: dict[URIRef, int] = {}
        self.language: dict[URIRef, str] = {}
        self.work: dict[URIRef, URIRef] = {}

    def add(self, s, p, o) -> None:
        """Record one triple (a flat dispatch on the predicate, for speed)."""
        code = _PREDICATE_CODES.get(p)
        if code is None:
            if type(o) is URIRef:
                self.links.add((s, p, o))
        elif code == "type":
            if type(o) is URIRef and o.startswith(_HR):
                self.types[s].add(o[len(_HR):])
        elif type(o) is Literal:
            self._add_literal(code, s, o)
        elif code == "denotes":
            self.denotes[s] = o
        elif code == "inDocument":
            self.in_document.setdefault(s, o)
        elif code == "mentions":
            self.doc_mentions[s].add(o)
        elif code == "subject":
            self.ev_subject[s] = o
        elif code == "predicate":
            self.ev_predicate[s] = o
        elif code == "object":
            self.ev_object[s] = o
        elif code == "coMentioned":
            self.comentioned[s].add(o)
        elif code == "work":
            self.work[s] = o

    def _add_literal(self, code: str, s, o: Literal) -> None:
        text = str(o)
        if code == "begin":
            self.begin[s] = int(o)
        elif code == "sentenceCount":
            self.sentence_count[s] = int(o)
        elif code == "anchor":
            self.anchor[s] = text
        elif code == "prefLabel":
            lang = (o.language or "").lower().split("-")[0]
            labels = self.pref[s]
            if lang not in labels or text < labels[lang]:
                labels[lang] = text
        elif code == "altLabel":
            self.alt[s].add(text)
        elif code == "identifier":
            if s not in self.identifier or text < self.identifier[s]:
                self.identifier[s] = text
        elif code == "language":
            self.language[s] = text.lower().split("-")[0]
        elif code == "sourceFile":
            self.source_file[s] = text
        elif code == "title":
            self.title[s].setdefault((o.language or "").lower().split("-")[0], text)

    def top_class(self, node: URIRef) -> str | None:
        types = self.types.get(node, ())
        for cls in TOP_CLASSES:
            if cls in types:
                return cls
        return None

    def subclass(self, node: URIRef, top: str) -> str:
        finer = sorted(t for t in self.types.get(node, ()) if t not in TOP_CLASSES
                       and t not in _RECORD_CLASSES)
        return finer[0] if finer else top


def project(graph: Graph | QuadSet) -> nx.MultiDiGraph:
    """The map projection of ``graph`` (a Graph, a Dataset or the build's QuadSet): see the
    module docstring."""
    index = _Index()
    for s, p, o in iter_triples(graph):
        index.add(s, p, o)
    docs = sorted(s for s, types in index.types.items() if DOCUMENT in types)
    file_of = {doc: index.source_file.get(doc) or local_name(doc) for doc in docs}
    mentions = _mentions_by_document(index)
    versions = document_versions(index, docs, mentions)
    sources: dict[URIRef, list[str]] = {doc: [file_of[doc]] for doc in docs}
    for duplicate, kept in versions.items():
        sources[kept].append(file_of[duplicate])
        file_of[duplicate] = file_of[kept]
        mentions.pop(duplicate, None)
        index.doc_mentions[kept] |= index.doc_mentions.pop(duplicate, set())
    docs = [doc for doc in docs if doc not in versions]
    _read_as(index, versions)
    evidence = _evidence_by_relation(index, file_of)

    wanted: set[URIRef] = set(docs)
    for doc in docs:
        wanted |= index.doc_mentions.get(doc, set())
    for doc_mentions in mentions.values():
        wanted |= {entity for _, entity in doc_mentions}
    for s, _, o in evidence:
        wanted |= {s, o}
    nodes = sorted(n for n in wanted if index.top_class(n) and not index.types[n] & _RECORD_CLASSES)

    result = nx.MultiDiGraph()
    node_set = set(nodes)
    counts = _mention_counts(mentions, file_of)
    documents_of: dict[URIRef, set[str]] = defaultdict(set)
    for doc in docs:
        for entity in index.doc_mentions.get(doc, set()):
            documents_of[entity].add(file_of[doc])
    for (doc, entity) in counts:
        documents_of[entity].add(file_of[doc])
    totals: dict[URIRef, int] = defaultdict(int)
    for (_, entity), n in counts.items():
        totals[entity] += n
    result.add_nodes_from((str(node), _node_attributes(index, node, documents_of, totals, file_of))
                          for node in nodes)
    for doc in docs:
        if str(doc) in result:
            result.nodes[str(doc)]["sources"] = tuple(sorted(sources[doc]))

    _add_relations(result, index, evidence, node_set)
    _add_mentions(result, index, docs, counts, file_of, node_set)
    _add_comentions(result, index, node_set)
    return result


def document_versions(index: _Index, docs: list[URIRef],
                      mentions: dict[URIRef, list[tuple[int, URIRef]]]) -> dict[URIRef, URIRef]:
    """Documents that are another version of a document: {version: the document kept}."""
    def same_text(a: URIRef, b: URIRef) -> bool:
        if index.language.get(a) != index.language.get(b):
            return False
        if a in index.work and index.work.get(a) == index.work.get(b):
            return True
        title_a, title_b = index.title.get(a, {}), index.title.get(b, {})
        if not title_a or title_a != title_b:
            return False
        seq_a = [entity for _, entity in mentions.get(a, [])]
        seq_b = [entity for _, entity in mentions.get(b, [])]
        return bool(seq_a) and SequenceMatcher(None, seq_a, seq_b,
                                               autojunk=False).ratio() >= VERSION_RATIO

    ranked = sorted(docs, key=lambda d: (-len(mentions.get(d, [])),
                                         len(index.source_file.get(d, "")), str(d)))
    kept: list[URIRef] = []
    versions: dict[URIRef, URIRef] = {}
    for doc in ranked:
        same = next((other for other in kept if same_text(other, doc)), None)
        if same is None:
            kept.append(doc)
        else:
            versions[doc] = same
    return versions


def _read_as(index: _Index, versions: dict[URIRef, URIRef]) -> None:
    """Read every statement about a document version as one about the document kept."""
    if not versions:
        return
    index.links = {(versions.get(s, s), p, versions.get(o, o)) for s, p, o in index.links}
    for table in (index.ev_subject, index.ev_object, index.in_document):
        for record, node in table.items():
            if node in versions:
                table[record] = versions[node]


def _mentions_by_document(index: _Index) -> dict[URIRef, list[tuple[int, URIRef]]]:
    by_doc: dict[URIRef, list[tuple[int, URIRef]]] = defaultdict(list)
    for mention, entity in index.denotes.items():
        doc = index.in_document.get(mention)
        begin = index.begin.get(mention)
        if doc is not None and begin is not None:
            by_doc[doc].append((begin, entity))
    for items in by_doc.values():
        items.sort()
    return by_doc


def _mention_counts(mentions, file_of) -> dict[tuple[URIRef, URIRef], int]:
    counts: dict[tuple[URIRef, URIRef], int] = defaultdict(int)
    for doc, items in mentions.items():
        if doc in file_of:
            for _, entity in items:
                counts[doc, entity] += 1
    return counts


def _evidence_by_relation(index: _Index, file_of) -> dict[tuple, set[tuple[str, str]]]:
    found: dict[tuple, set[tuple[str, str]]] = defaultdict(set)
    for record, subject in index.ev_subject.items():
        predicate, obj = index.ev_predicate.get(record), index.ev_object.get(record)
        if predicate is None or obj is None:
            continue
        doc = index.in_document.get(record)
        file_name = file_of.get(doc, local_name(doc)) if doc is not None else ""
        sentence = index.anchor.get(record, "")
        found[subject, predicate, obj].add((sentence, file_name))
    return found


def _node_attributes(index: _Index, node: URIRef, documents_of, totals, file_of) -> dict:
    top = index.top_class(node) or "Other"
    pref = index.pref.get(node, {})
    attrs = {
        "uri": str(node),
        "cls": top,
        "subclass": index.subclass(node, top),
        "label_zh": pref.get("zh") or pref.get("") or "",
        "label_en": pref.get("en") or "",
        "alt_labels": tuple(sorted(index.alt.get(node, ()))),
        "identifier": index.identifier.get(node, ""),
        "documents": tuple(sorted(documents_of.get(node, ()))),
        "mentions": totals.get(node, 0),
        "file": "",
        "title": "",
        "sources": (),
    }
    if top == DOCUMENT:
        titles = index.title.get(node, {})
        attrs["file"] = file_of.get(node, "")
        attrs["title"] = titles.get("zh") or titles.get("") or titles.get("en") or ""
        attrs["label_zh"] = attrs["label_zh"] or attrs["title"]
        attrs["label_en"] = attrs["label_en"] or titles.get("en", "")
        attrs["documents"] = (attrs["file"],) if attrs["file"] else ()
    return attrs


def _add_relations(result, index: _Index, evidence, node_set) -> None:
    edges = []
    triples = set(index.links) | set(evidence)
    for s, p, o in sorted(triples):
        if s not in node_set or o not in node_set or s == o:
            continue
        records = evidence.get((s, p, o), set())
        by_document: dict[str, int] = defaultdict(int)
        for _, file_name in records:
            by_document[file_name] += 1
        edges.append((str(s), str(o), local_name(p), {
            "kind": "relation", "predicate": str(p), "weight": max(1, len(records)),
            "by_document": dict(sorted(by_document.items())), "evidence": tuple(sorted(records))}))
    result.add_edges_from(edges)


def _add_mentions(result, index, docs, counts, file_of, node_set) -> None:
    edges = []
    counted: dict[URIRef, set[URIRef]] = defaultdict(set)
    for doc, entity in counts:
        counted[doc].add(entity)
    for doc in docs:
        entities = counted.get(doc, set()) | index.doc_mentions.get(doc, set())
        for entity in sorted(entities & node_set):
            if entity == doc:
                continue
            n = max(1, counts.get((doc, entity), 0))
            edges.append((str(doc), str(entity), "mentions", {
                "kind": "mentions", "weight": n, "by_document": {file_of[doc]: n},
                "evidence": ()}))
    result.add_edges_from(edges)


def _add_comentions(result, index: _Index, node_set) -> None:
    """One edge per ``hr:CoMention`` between two nodes, weighing its sentence count."""
    edges = []
    for record, ends in index.comentioned.items():
        pair = sorted(str(end) for end in ends if end in node_set)
        count = index.sentence_count.get(record, 0)
        if len(pair) == 2 and count > 0:
            edges.append((pair[0], pair[1], "comention", {
                "kind": "comention", "weight": count, "by_document": {}, "evidence": ()}))
    result.add_edges_from(sorted(edges, key=lambda edge: (edge[0], edge[1])))
