"""Score a built graph against document-level gold annotations.

Gold files follow ../shared/gold/GUIDELINES.md: per document, every entity with
its type and labels, and a few relations. A graph entity matches a gold entity
of the same type by identifier (UN symbol, SDG number) or by any label after
removing spaces and 《》 (the labels of a graph entity in a document are the
texts of its mentions there, plus its preferred labels).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS

from hrkg.core.errors import HrkgError
from hrkg.graph.namespaces import HR, NIF

# gold type -> graph classes (local names in hr:)
GOLD_TYPES = {
    "Actor": ("Actor",),
    "Mechanism": ("Mechanism",),
    "Group": ("Group",),
    "Instrument": ("Instrument",),
    "Publication": ("Publication",),
    "Resolution": ("Resolution",),
    "Document": ("UNDocument",),
    "SDG": ("SDGGoal", "SDGTarget"),
    "Right": ("Right",),
}
RELATIONS = {"adoptedBy": HR.adoptedBy, "adoptedIn": HR.adoptedIn, "requests": HR.requests,
             "author": DCTERMS.creator}
_NOISE = re.compile(r"[\s《》〈〉“”\"]+")


def norm(label: str) -> str:
    return _NOISE.sub("", label).lower()


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class Evaluation:
    entities: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    relations: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    false_positives: list[tuple[str, str, str]] = field(default_factory=list)  # doc, type, label
    false_negatives: list[tuple[str, str, str]] = field(default_factory=list)
    relation_errors: list[tuple[str, str, str]] = field(default_factory=list)  # doc, kind, text
    documents: list[str] = field(default_factory=list)

    def overall(self, scores: dict[str, Score]) -> Score:
        total = Score()
        for score in scores.values():
            total.tp += score.tp
            total.fp += score.fp
            total.fn += score.fn
        return total

    def as_dict(self) -> dict:
        return {
            "documents": self.documents,
            "entities": {k: v.as_dict() for k, v in sorted(self.entities.items())},
            "entities_overall": self.overall(self.entities).as_dict(),
            "relations": {k: v.as_dict() for k, v in sorted(self.relations.items())},
            "relations_overall": self.overall(self.relations).as_dict(),
            "false_positives": self.false_positives,
            "false_negatives": self.false_negatives,
            "relation_errors": self.relation_errors,
        }


@dataclass
class PredictedEntity:
    uri: URIRef
    classes: set[str]
    labels: set[str]
    identifier: str | None
    display: str


class GraphIndex:
    """What the graph says per document: its entities with their labels there, its relations."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.doc_by_file = {str(f): d for d, f in graph.subject_objects(HR.sourceFile)}

    def entities_of(self, doc: URIRef) -> dict[URIRef, PredictedEntity]:
        g = self.graph
        found: dict[URIRef, PredictedEntity] = {}
        for entity in g.objects(doc, HR.mentions):
            classes = {str(c).rsplit("#", 1)[-1] for c in g.objects(entity, RDF.type)}
            labels = {norm(str(label)) for label in g.objects(entity, SKOS.prefLabel)}
            identifier = g.value(entity, DCTERMS.identifier)
            zh = next((str(v) for v in g.objects(entity, SKOS.prefLabel)
                       if getattr(v, "language", None) == "zh"), str(entity))
            found[entity] = PredictedEntity(entity, classes, labels,
                                            str(identifier) if identifier else None, zh)
        for mention in g.subjects(HR.inDocument, doc):
            entity = g.value(mention, HR.denotes)
            anchor = g.value(mention, NIF.anchorOf)
            if entity in found and anchor is not None:
                found[entity].labels.add(norm(str(anchor)))
        return found

    def relations_of(self, doc: URIRef) -> set[tuple[URIRef, str, URIRef]]:
        g = self.graph
        triples = set()
        for evidence in g.subjects(HR.inDocument, doc):
            predicate = g.value(evidence, RDF.predicate)
            if predicate is None:
                continue
            name = next((k for k, v in RELATIONS.items() if v == predicate), None)
            if name:
                triples.add((g.value(evidence, RDF.subject), name, g.value(evidence, RDF.object)))
        return triples


def gold_identifier(entity: dict) -> str | None:
    key = entity["key"]
    if entity["type"] in ("Resolution", "Document"):
        return key.replace(" ", "")
    if entity["type"] == "SDG":
        return key.replace("SDG", "").strip()
    return None


def matches(gold: dict, predicted: PredictedEntity) -> bool:
    if not predicted.classes & set(GOLD_TYPES[gold["type"]]):
        return False
    identifier = gold_identifier(gold)
    if identifier and predicted.identifier and identifier == predicted.identifier.replace(" ", ""):
        return True
    labels = {norm(label) for label in gold.get("labels", [])} | {norm(gold["key"])}
    return bool(labels & predicted.labels)


def evaluate(graph: Graph, gold_dir: Path) -> Evaluation:
    files = sorted(gold_dir.glob("*.json"))
    if not files:
        raise HrkgError(f"{gold_dir}: no gold .json files")
    index = GraphIndex(graph)
    result = Evaluation()
    for path in files:
        try:
            gold = json.loads(path.read_text(encoding="utf-8"))
        except ValueError as error:
            raise HrkgError(f"{path}: not valid JSON ({error})") from error
        name = gold["document"]
        doc = index.doc_by_file.get(name)
        if doc is None:
            raise HrkgError(f"{path}: document {name} is not in the graph (build it first)")
        result.documents.append(name)
        predicted = index.entities_of(doc)
        mapping = _score_entities(result, name, gold, predicted)
        _score_relations(result, name, gold, doc, mapping, index.relations_of(doc), predicted)
    return result


def _score_entities(result: Evaluation, name: str, gold: dict,
                    predicted: dict[URIRef, PredictedEntity]) -> dict[str, URIRef]:
    mapping: dict[str, URIRef] = {}
    for gold_type in GOLD_TYPES:
        golds = [e for e in gold["entities"] if e["type"] == gold_type]
        candidates = sorted((p for p in predicted.values()
                             if p.classes & set(GOLD_TYPES[gold_type])), key=lambda p: str(p.uri))
        pairs = best_pairs(golds, candidates)
        score = result.entities[gold_type]
        for index, entity in enumerate(golds):
            hit = pairs.get(index)
            if hit is None:
                score.fn += 1
                result.false_negatives.append((name, gold_type, entity["key"]))
            else:
                score.tp += 1
                mapping[entity["key"]] = hit.uri
        used = {hit.uri for hit in pairs.values()}
        for candidate in candidates:
            if candidate.uri not in used:
                score.fp += 1
                result.false_positives.append((name, gold_type, candidate.display))
    return mapping


def best_pairs(golds: list[dict], candidates: list[PredictedEntity]) -> dict[int, PredictedEntity]:
    """Gold index -> graph entity: a maximum one-to-one matching (Hopcroft-Karp).

    Greedy first-come pairing can give a shared label (宣言) to the wrong gold entity and
    score a correct one as missed; a maximum matching counts every pair that can be made,
    and the same input always gives the same pairs.
    """
    import networkx as nx

    graph = nx.Graph()
    tops = [("gold", index) for index in range(len(golds))]
    graph.add_nodes_from(tops)
    graph.add_nodes_from(("found", position) for position in range(len(candidates)))
    for index, entity in enumerate(golds):
        for position, candidate in enumerate(candidates):
            if matches(entity, candidate):
                graph.add_edge(("gold", index), ("found", position))
    pairing = nx.bipartite.hopcroft_karp_matching(graph, top_nodes=tops)
    return {index: candidates[pairing[("gold", index)][1]]
            for _, index in tops if ("gold", index) in pairing}


def _score_relations(result: Evaluation, name: str, gold: dict, doc: URIRef,
                     mapping: dict[str, URIRef], found: set, predicted: dict) -> None:
    expected = set()
    for relation in gold.get("relations", []):
        subject = doc if relation["s"] == "self" else mapping.get(relation["s"])
        obj = mapping.get(relation["o"])
        expected.add((subject, relation["p"], obj, relation["s"], relation["o"]))
    matched = set()
    for subject, predicate, obj, s_key, o_key in sorted(expected, key=str):
        score = result.relations[predicate]
        if subject is not None and obj is not None and (subject, predicate, obj) in found:
            score.tp += 1
            matched.add((subject, predicate, obj))
        else:
            score.fn += 1
            result.relation_errors.append((name, "missed", f"{s_key} {predicate} {o_key}"))
    for subject, predicate, obj in sorted(found - matched, key=str):
        result.relations[predicate].fp += 1
        s_label = "self" if subject == doc else _display(predicted, subject)
        result.relation_errors.append(
            (name, "false alarm", f"{s_label} {predicate} {_display(predicted, obj)}"))


def _display(predicted: dict, uri: URIRef) -> str:
    return predicted[uri].display if uri in predicted else str(uri)
