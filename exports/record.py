"""What a build hands its output writers: one record, filled by ``hrkg.build``.

The writers (``hrkg.exports.registry``) read this record and add what they wrote to it;
they never import the build itself.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hrkg.core.errors import InputError
from hrkg.extract.model import ExtractionResult
from hrkg.extract.relations.comentions import EntityKey
from hrkg.graph.quads import QuadSet

CoMentions = Counter[tuple[EntityKey, EntityKey]]  # entity pair -> sentences naming both


@dataclass
class CorpusTotals:
    """What the report and the summary need from every document, merged as documents
    finish (any order): report rows, entities mentioned, co-mention counts and labels."""

    rows: dict[int, dict[str, Any]] = field(default_factory=dict)  # input index -> report row
    paths: dict[int, str] = field(default_factory=dict)
    mentioned: set[EntityKey] = field(default_factory=set)
    sentences: CoMentions = field(default_factory=Counter)
    in_documents: CoMentions = field(default_factory=Counter)
    labels: dict[EntityKey, tuple[int, str]] = field(default_factory=dict)  # last document's
    parts: dict[str, MutableMapping[int, Any]] = field(default_factory=dict)  # writer -> parts

    def add(self, index: int, row: dict[str, Any], mentioned: list[EntityKey],
            comentions: list[tuple[EntityKey, EntityKey, int]],
            labels: dict[EntityKey, str]) -> None:
        self.rows[index] = row
        self.mentioned.update(mentioned)
        for a, b, count in comentions:
            self.sentences[(a, b)] += count
            self.in_documents[(a, b)] += 1
        for key, label in labels.items():
            if key not in self.labels or self.labels[key][0] < index:
                self.labels[key] = (index, label)

    def documents(self) -> list[dict[str, Any]]:
        """The report rows, in input order."""
        return [self.rows[index] for index in sorted(self.rows)]

    def label(self, key: EntityKey) -> str:
        return self.labels[key][1]


@dataclass
class BuildRecord:
    """One build: its inputs' extraction results, the graph, and what was written where.

    ``comentions[i]`` are the sentence co-mentions of ``results[i]``, counted once per build
    (the graph's hr:CoMention statistics, the report and the map all come from them).
    """

    out_dir: Path  # where the writers write: a new generation of published_dir
    published_dir: Path | None = None  # the output folder users read (None: out_dir)
    root: Path | None = None  # the build root: the common folder of the input files
    results: list[ExtractionResult] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    dataset: QuadSet | None = None
    comentions: list[CoMentions] = field(default_factory=list)
    outputs: dict[str, Path] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    triple_count: int = 0
    started_at: str = ""
    totals: CorpusTotals = field(default_factory=CorpusTotals)
    quads: Any = None  # the streamed quads (hrkg.exports.sorted_rdf.QuadSorter)
    load_graph: Callable[[], QuadSet] | None = None  # the whole graph, read back on request
    counts: dict[str, int] = field(default_factory=dict)  # done, failed, cached, characters
    layout: str = "files"  # graph.ttl/.trig/.nq, or "shards": quads/ (hrkg build --layout)
    # reads the RDF text as the turtle writer writes it (exports.sorted_rdf.RdfListener;
    # the store's loader, attached by the store writer's begin())
    rdf_listener: Any = None

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.results or self.totals.rows)

    def documents(self) -> list[tuple[ExtractionResult, CoMentions]]:
        """Each extraction result with its co-mention counts."""
        if len(self.comentions) != len(self.results):
            raise ValueError("build record: co-mentions not counted for every document")
        return list(zip(self.results, self.comentions, strict=True))

    def graph(self) -> QuadSet:
        """The built dataset (a writer called before the graph stage is a build bug)."""
        if self.dataset is None and self.load_graph is not None:
            self.dataset = self.load_graph()
        if self.dataset is None:
            raise ValueError("build record: no graph built yet")
        return self.dataset
