"""Score a built graph against document-level gold annotations.

Gold files follow ../shared/gold/GUIDELINES.md: per document, every entity with
its type and labels, and a few relations. A graph entity matches a gold entity
of the same type by identifier (UN symbol, SDG number) or by any label, names
compared by :func:`hrkg.core.names.name_key` (the labels of a graph entity in a
document are the texts of its mentions there, plus its preferred labels).
Scores are kept per document (:class:`~hrkg.evaluation.scores.DocumentScore`)
and added up per type, per language and overall.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import networkx as nx
from rdflib import Graph, URIRef
from rdflib.term import Node

from hrkg.core.names import name_key
from hrkg.evaluation.gold import GOLD_TYPES, GoldDocument, GoldEntity, gold_identifier, read_gold
from hrkg.evaluation.index import GraphIndex, PredictedEntity, PredictedRelation
from hrkg.evaluation.scores import DocumentScore, Evaluation


def evaluate(graph: Graph, gold_dirs: Sequence[Path]) -> Evaluation:
    """Score ``graph`` (a Graph, or a Dataset read as the union of its graphs) against the
    gold files of ``gold_dirs``."""
    index = GraphIndex(graph)
    result = Evaluation()
    for gold in read_gold(gold_dirs):
        doc = index.document_of(gold)
        row = DocumentScore(gold.document, gold.language or index.language(doc), str(gold.path))
        result.by_document.append(row)
        predicted = index.entities_of(doc)
        mapping = _score_entities(result, row, gold, predicted)
        row.gold_keys = [entity["key"] for entity in gold.entities]
        row.found = {key: str(uri) for key, uri in mapping.items()}
        _score_relations(result, row, gold, doc, mapping, index.relations_of(doc), predicted)
    return result


def matches(gold: GoldEntity, predicted: PredictedEntity) -> bool:
    if not predicted.classes & set(GOLD_TYPES[gold["type"]]):
        return False
    identifier = gold_identifier(gold)
    if identifier and predicted.identifier and identifier == predicted.identifier.replace(" ", ""):
        return True
    labels = {name_key(label) for label in gold.get("labels", [])} | {name_key(gold["key"])}
    return bool(labels & predicted.labels)


def best_pairs(golds: list[GoldEntity],
               candidates: list[PredictedEntity]) -> dict[int, PredictedEntity]:
    """Gold index -> graph entity: a maximum one-to-one matching (Hopcroft-Karp).

    Greedy first-come pairing can give a shared label (宣言) to the wrong gold entity and
    score a correct one as missed; a maximum matching counts every pair that can be made.
    The nodes are integers (gold ``i`` is ``i``, candidate ``j`` is ``len(golds) + j``):
    networkx walks sets of nodes, and only integers hash the same in every process, so
    the same input always gives the same pairs.
    """
    graph = nx.Graph()
    tops = range(len(golds))
    graph.add_nodes_from(range(len(golds) + len(candidates)))
    for index, entity in enumerate(golds):
        for position, candidate in enumerate(candidates):
            if matches(entity, candidate):
                graph.add_edge(index, len(golds) + position)
    pairing = nx.bipartite.hopcroft_karp_matching(graph, top_nodes=tops)
    return {index: candidates[pairing[index] - len(golds)] for index in tops if index in pairing}


def _score_entities(result: Evaluation, row: DocumentScore, gold: GoldDocument,
                    predicted: dict[URIRef, PredictedEntity]) -> dict[str, URIRef]:
    """Count one document's entities per type; returns gold key -> matched graph entity."""
    mapping: dict[str, URIRef] = {}
    for gold_type, classes in GOLD_TYPES.items():
        golds = [e for e in gold.entities if e["type"] == gold_type]
        candidates = sorted((p for p in predicted.values() if p.classes & set(classes)),
                            key=lambda p: str(p.uri))
        pairs = best_pairs(golds, candidates)
        score = row.entities[gold_type]
        for index, entity in enumerate(golds):
            hit = pairs.get(index)
            if hit is None:
                score.fn += 1
                result.false_negatives.append((gold.document, gold_type, entity["key"]))
            else:
                score.tp += 1
                mapping[entity["key"]] = hit.uri
        used = {hit.uri for hit in pairs.values()}
        for candidate in candidates:
            if candidate.uri not in used:
                score.fp += 1
                result.false_positives.append((gold.document, gold_type, candidate.display))
    return mapping


def _score_relations(result: Evaluation, row: DocumentScore, gold: GoldDocument, doc: URIRef,
                     mapping: dict[str, URIRef], found: set[PredictedRelation],
                     predicted: dict[URIRef, PredictedEntity]) -> None:
    expected = set()
    for relation in gold.relations:
        subject = doc if relation["s"] == "self" else mapping.get(relation["s"])
        obj = mapping.get(relation["o"])
        expected.add((subject, relation["p"], obj, relation["s"], relation["o"]))
    matched = set()
    for subject, predicate, obj, s_key, o_key in sorted(expected, key=str):
        score = row.relations[predicate]
        if subject is not None and obj is not None and (subject, predicate, obj) in found:
            score.tp += 1
            matched.add((subject, predicate, obj))
        else:
            score.fn += 1
            result.relation_errors.append((gold.document, "missed",
                                           f"{s_key} {predicate} {o_key}"))
    for alarm_subject, predicate, alarm_object in sorted(found - matched, key=str):
        row.relations[predicate].fp += 1
        s_label = "self" if alarm_subject == doc else _display(predicted, alarm_subject)
        o_label = _display(predicted, alarm_object)
        result.relation_errors.append((gold.document, "false alarm",
                                       f"{s_label} {predicate} {o_label}"))


def _display(predicted: dict[URIRef, PredictedEntity], node: Node) -> str:
    entity = predicted.get(node) if isinstance(node, URIRef) else None
    return entity.display if entity is not None else str(node)
