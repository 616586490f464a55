"""The build's global steps, as a reduce over document outcomes arriving in any order.

:class:`CorpusReduce` takes each :class:`~hrkg.tasks.DocumentOutcome` as it finishes: its
quads go to the external sorter (never all in memory), its entity records are merged by
IRI (the description of an entity comes from the document that named it first, in input
order, as in the in-memory builder), its co-mention counts are summed, its report row kept.
:meth:`CorpusReduce.global_quads` then describes the canonical entities, vocabulary
background, co-mention statistics and provenance with the graph builder itself. Memory is
bounded by the distinct entities and entity pairs, not by the corpus.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

from rdflib import URIRef

from hrkg.exports.record import CorpusTotals
from hrkg.exports.sorted_rdf import QuadSorter, render_quads
from hrkg.exports.spool import Spool
from hrkg.exports.turtle import TermWriter
from hrkg.extract.model import Entity
from hrkg.extract.vocabulary import Vocabulary
from hrkg.graph.builder import BuildInfo, GraphBuilder
from hrkg.tasks import DocumentOutcome


class CorpusReduce:
    """Everything the outputs need from the documents, merged as they arrive."""

    def __init__(self, sorter: QuadSorter, totals: CorpusTotals, root: Path | None = None
                 ) -> None:
        self.sorter = sorter
        self.root = root
        self.totals = totals
        self._first: dict[str, tuple[int, int, Entity]] = {}  # IRI -> (doc, position, entity)
        # (IRI, language) -> the first label in it: an entity keyed the same in both languages
        # (a structural key) is labelled by each language's first document
        self._labels: dict[tuple[str, str], tuple[int, int, str]] = {}
        self._surfaces: dict[str, set[str]] = {}
        self._comentions: Counter[tuple[str, str]] = Counter()
        self._documents: dict[int, tuple[Any, ...]] = {}
        self.released = 0  # documents handed to the reduce so far, in input order
        self._terms = TermWriter()  # Turtle text of document graph names

    def take(self, outcome: DocumentOutcome) -> None:
        """Merge one successful outcome."""
        if outcome.run:  # cached: its lines are a sorted run on disk, merged as they are
            graph = self._terms.term(URIRef(outcome.document[1])) if outcome.document else ""
            self.sorter.add_run(Path(outcome.run), outcome.prefixes, graph)
        else:
            self.sorter.add(outcome.lines, outcome.prefixes)
        for position, (uri, entity) in enumerate(outcome.entities):
            order = (outcome.index, position)
            known = self._first.get(uri)
            if known is None or order < known[:2]:
                self._first[uri] = (*order, entity)
            for language, label in (("zh", entity.label_zh), ("en", entity.label_en)):
                seen = self._labels.get((uri, language))
                if label and (seen is None or order < seen[:2]):
                    self._labels[(uri, language)] = (*order, label)
        for uri, surfaces in outcome.surfaces.items():
            self._surfaces.setdefault(uri, set()).update(surfaces)
        for a, b, count in outcome.comentions:
            self._comentions[(a, b)] += count
        self._documents[outcome.index] = outcome.document
        for name, part in outcome.parts.items():
            self.totals.parts.setdefault(name, Spool())[outcome.index] = part  # on disk
        self.totals.add(outcome.index, outcome.summary, outcome.mentioned,
                        outcome.key_comentions, outcome.labels)

    def global_quads(self, vocabulary: Vocabulary, info: BuildInfo) -> None:
        """Describe what all documents share, into the sorter."""
        builder = GraphBuilder(vocabulary, self.root)
        ordered = sorted(self._first.items(), key=lambda item: item[1][:2])
        builder.entities = {URIRef(uri): self._labelled(uri, entity)
                            for uri, (_, _, entity) in ordered}
        for uri, surfaces in self._surfaces.items():
            builder.surfaces[URIRef(uri)] = surfaces
        for (a, b), count in self._comentions.items():
            builder.comentions[(URIRef(a), URIRef(b))] = count
        builder.documents = [record for _, record in sorted(self._documents.items())]
        lines, prefixes = render_quads(builder.dataset(info).quads())
        self.sorter.add(lines, prefixes)

    def _labelled(self, uri: str, entity: Entity) -> Entity:
        """``entity`` with a label in each language some document gave it."""
        zh, en = (self._labels.get((uri, language), (0, 0, ""))[2] for language in ("zh", "en"))
        if (entity.label_zh or not zh) and (entity.label_en or not en):
            return entity
        return replace(entity, label_zh=entity.label_zh or zh, label_en=entity.label_en or en)

    @property
    def documents(self) -> int:
        return len(self._documents)

