"""What the built graph says about each document: its entities, with the labels they have
there, and its evidenced relations (the predicted side of the evaluation)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS
from rdflib.term import Node

from hrkg.core.errors import HrkgError
from hrkg.core.names import name_key
from hrkg.evaluation.gold import RELATIONS, GoldDocument
from hrkg.graph.namespaces import HR, NIF

_RELATION_NAMES = {uri: name for name, uri in RELATIONS.items()}
PredictedRelation = tuple[Node, str, Node]  # (subject, gold predicate name, object)


@dataclass
class PredictedEntity:
    uri: URIRef
    classes: set[str]  # local names of its hr: classes
    labels: set[str]  # name_key of its preferred labels and of its mentions' texts here
    identifier: str | None
    display: str  # its Chinese label, for listing errors


class GraphIndex:
    """Per document of ``graph`` (a Graph, or a Dataset read as the union of its graphs)."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.docs_by_file: dict[str, list[URIRef]] = defaultdict(list)
        for doc, file_name in sorted(graph.subject_objects(HR.sourceFile)):
            if isinstance(doc, URIRef):
                self.docs_by_file[str(file_name)].append(doc)

    def language(self, doc: URIRef) -> str | None:
        value = self.graph.value(doc, DCTERMS.language)
        return str(value) if value is not None else None

    def document_of(self, gold: GoldDocument) -> URIRef:
        """The graph document ``gold`` annotates: same file name, and same language when the
        gold gives one and the graph has that file in several languages."""
        docs = self.docs_by_file.get(gold.document, [])
        if len(docs) > 1 and gold.language:
            docs = [doc for doc in docs if self.language(doc) == gold.language]
        if not docs:
            raise HrkgError(f"{gold.path}: document {gold.document} is not in the graph "
                            "(build it first)")
        if len(docs) > 1:
            raise HrkgError(f"{gold.path}: {len(docs)} documents of the graph are "
                            f"{gold.document}; give the gold a \"language\"")
        return docs[0]

    def entities_of(self, doc: URIRef) -> dict[URIRef, PredictedEntity]:
        g = self.graph
        found: dict[URIRef, PredictedEntity] = {}
        for entity in g.objects(doc, HR.mentions):
            if not isinstance(entity, URIRef):
                continue
            classes = {str(c).rsplit("#", 1)[-1] for c in g.objects(entity, RDF.type)}
            preferred = list(g.objects(entity, SKOS.prefLabel))
            identifier = g.value(entity, DCTERMS.identifier)
            zh = next((str(v) for v in preferred
                       if isinstance(v, Literal) and v.language == "zh"), str(entity))
            found[entity] = PredictedEntity(entity, classes,
                                            {name_key(str(label)) for label in preferred},
                                            str(identifier) if identifier else None, zh)
        for mention in g.subjects(HR.inDocument, doc):
            denoted = g.value(mention, HR.denotes)
            anchor = g.value(mention, NIF.anchorOf)
            if isinstance(denoted, URIRef) and denoted in found and anchor is not None:
                found[denoted].labels.add(name_key(str(anchor)))
        return found

    def relations_of(self, doc: URIRef) -> set[PredictedRelation]:
        """The relations of the evaluated kinds that an evidence record in ``doc`` supports."""
        g = self.graph
        triples = set()
        for evidence in g.subjects(HR.inDocument, doc):
            predicate = g.value(evidence, RDF.predicate)
            name = _RELATION_NAMES.get(predicate) if isinstance(predicate, URIRef) else None
            subject, obj = g.value(evidence, RDF.subject), g.value(evidence, RDF.object)
            if name and subject is not None and obj is not None:
                triples.add((subject, name, obj))
        return triples
