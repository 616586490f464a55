"""What a build hands its output writers: one record, filled by ``hrkg.build``.

The writers (``hrkg.exports.registry``) read this record and add what they wrote to it;
they never import the build itself.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from hrkg.core.errors import InputError
from hrkg.extract.model import ExtractionResult
from hrkg.extract.relations.comentions import EntityKey
from hrkg.graph.quads import QuadSet

CoMentions = Counter[tuple[EntityKey, EntityKey]]  # entity pair -> sentences naming both


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

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.results)

    def documents(self) -> list[tuple[ExtractionResult, CoMentions]]:
        """Each extraction result with its co-mention counts."""
        if len(self.comentions) != len(self.results):
            raise ValueError("build record: co-mentions not counted for every document")
        return list(zip(self.results, self.comentions, strict=True))

    def graph(self) -> QuadSet:
        """The built dataset (a writer called before the graph stage is a build bug)."""
        if self.dataset is None:
            raise ValueError("build record: no graph built yet")
        return self.dataset
