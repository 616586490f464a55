"""Scores of an evaluation: counts and P/R/F1 per entity type and per relation, overall,
per document and per language."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from hrkg.evaluation.identity import IdentityRow, identity_rows, identity_total


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

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def as_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


def total(scores: Iterable[Score]) -> Score:
    """The counts of ``scores`` added up (micro-average)."""
    result = Score()
    for score in scores:
        result.add(score)
    return result


@dataclass
class DocumentScore:
    """One row of the per-document table: a document's entity and relation scores."""

    document: str  # file name
    language: str | None
    gold: str  # the gold file it was scored against
    entities: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    relations: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    gold_keys: list[str] = field(default_factory=list)  # the keys of its gold entities
    found: dict[str, str] = field(default_factory=dict)  # gold key -> graph entity IRI

    @property
    def entities_overall(self) -> Score:
        return total(self.entities.values())

    @property
    def relations_overall(self) -> Score:
        return total(self.relations.values())

    def as_dict(self) -> dict[str, Any]:
        return {"document": self.document, "language": self.language, "gold": self.gold,
                "entities": self.entities_overall.as_dict(),
                "relations": self.relations_overall.as_dict()}


@dataclass
class Evaluation:
    """Everything an evaluation found: scores per document, and the errors to list."""

    by_document: list[DocumentScore] = field(default_factory=list)
    false_positives: list[tuple[str, str, str]] = field(default_factory=list)  # doc, type, label
    false_negatives: list[tuple[str, str, str]] = field(default_factory=list)
    relation_errors: list[tuple[str, str, str]] = field(default_factory=list)  # doc, kind, text

    @property
    def documents(self) -> list[str]:
        return [row.document for row in self.by_document]

    @property
    def entities(self) -> dict[str, Score]:
        """Entity scores per gold type over all documents."""
        return _by_kind(row.entities for row in self.by_document)

    @property
    def relations(self) -> dict[str, Score]:
        """Relation scores per predicate over all documents."""
        return _by_kind(row.relations for row in self.by_document)

    @staticmethod
    def overall(scores: dict[str, Score]) -> Score:
        return total(scores.values())

    def document_table(self) -> list[DocumentScore]:
        """One row per scored document, by language, then file name, then gold file."""
        return sorted(self.by_document, key=lambda row: (row.language or "", row.document,
                                                         row.gold))

    def language_table(self) -> dict[str, tuple[Score, Score]]:
        """Language ("?" when unknown) -> (entity score, relation score) over its documents."""
        table: dict[str, tuple[Score, Score]] = {}
        for row in self.by_document:
            entities, relations = table.setdefault(row.language or "?", (Score(), Score()))
            entities.add(row.entities_overall)
            relations.add(row.relations_overall)
        return dict(sorted(table.items()))

    def identity_table(self) -> list[IdentityRow]:
        """Cross-language identity of the documents scored in two languages."""
        return identity_rows(self.by_document)

    def as_dict(self) -> dict[str, Any]:
        entities, relations = self.entities, self.relations
        return {
            "documents": self.documents,
            "entities": {k: v.as_dict() for k, v in sorted(entities.items())},
            "entities_overall": self.overall(entities).as_dict(),
            "relations": {k: v.as_dict() for k, v in sorted(relations.items())},
            "relations_overall": self.overall(relations).as_dict(),
            "by_document": [row.as_dict() for row in self.document_table()],
            "by_language": {language: {"entities": e.as_dict(), "relations": r.as_dict()}
                            for language, (e, r) in self.language_table().items()},
            "cross_language": {"total": identity_total(self.identity_table()),
                               "by_document": [r.as_dict() for r in self.identity_table()]},
            "false_positives": self.false_positives,
            "false_negatives": self.false_negatives,
            "relation_errors": self.relation_errors,
        }


def _by_kind(tables: Iterable[dict[str, Score]]) -> dict[str, Score]:
    result: dict[str, Score] = defaultdict(Score)
    for table in tables:
        for kind, score in table.items():
            result[kind].add(score)
    return dict(result)
