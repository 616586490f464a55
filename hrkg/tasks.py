"""One document's work, as a task a Dask worker (or the build's own process) runs.

A task reads one file, extracts it and builds its part of the graph: the quads of its
document graph (and the default/background triples it alone implies), rendered as the
sort lines of :mod:`hrkg.exports.sorted_rdf`, plus the records the global reduce needs
(the entities it names, their surface forms, its co-mentions, its report row). It returns
them in a :class:`DocumentOutcome`, which is small, picklable and cacheable; the
:class:`~hrkg.extract.ExtractionResult` itself never leaves the task.

The extractor (spaCy pipeline and vocabularies) is loaded once per process and reused
by every task that process runs (:func:`worker_extractor`).
"""

from __future__ import annotations

import os
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hrkg.core.errors import InputError
from hrkg.exports import sentences, shards
from hrkg.exports.blocks import SUBJECTS, subject_items
from hrkg.exports.report import document_summary
from hrkg.exports.sorted_rdf import render_quads
from hrkg.exports.turtle import TermWriter
from hrkg.extract import Extractor
from hrkg.extract.align import AlignmentRecord, StoredAlignment, alignment_record
from hrkg.extract.model import Entity
from hrkg.extract.reading.catalog import CatalogEntry
from hrkg.extract.reading.limits import InputLimits
from hrkg.extract.relations.comentions import EntityKey, entities_by_key, sentence_comentions
from hrkg.graph.builder import GraphBuilder
from hrkg.graph.identity import result_key

# (pid, limits) -> the extractor of this process: one pipeline load per worker
_EXTRACTORS: dict[tuple[int, InputLimits], Extractor] = {}


def worker_extractor(limits: InputLimits) -> Extractor:
    """This process's extractor for ``limits``, loaded on first use."""
    key = (os.getpid(), limits)
    found = _EXTRACTORS.get(key)
    if found is None:
        found = _EXTRACTORS[key] = Extractor(limits=limits)
    return found


@dataclass
class DocumentOutcome:
    """What one document contributes to the build (or why it could not)."""

    index: int  # position of the file in the build's sorted inputs
    path: str
    key: str = ""  # the document's identity (hrkg.graph.identity.result_key)
    error: str | None = None
    cached: bool = False
    characters: int = 0
    seconds: float = 0.0
    summary: dict[str, Any] = field(default_factory=dict)  # its report.json row
    warnings: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)  # rendered quads (sorted_rdf.render_quads)
    # sorted, each once; the files the output layout reads beside their run (suffix ->
    # content), made here so that the build's process does not (the cache writes them):
    # the subject index (exports.blocks.subject_items) or the shard's (exports.shards)
    beside: dict[str, bytes] = field(default_factory=dict)
    run: str = ""  # or, once cached, the file of those lines sorted (hrkg.cache)
    prefixes: set[str] = field(default_factory=set)  # prefixes those lines use
    document: tuple[Any, ...] = ()  # the graph builder's record of the document
    entities: list[tuple[str, Entity]] = field(default_factory=list)  # IRI order of first use
    surfaces: dict[str, list[str]] = field(default_factory=dict)  # entity IRI -> surfaces
    comentions: list[tuple[str, str, int]] = field(default_factory=list)  # IRI pairs
    key_comentions: list[tuple[EntityKey, EntityKey, int]] = field(default_factory=list)
    labels: dict[EntityKey, str] = field(default_factory=dict)  # label_zh of co-mentioned
    mentioned: list[EntityKey] = field(default_factory=list)  # entities with a mention
    parts: dict[str, Any] = field(default_factory=dict)  # writer name -> its document part
    # for aligning language versions (hrkg.versions); once cached, only where it is kept
    alignment: AlignmentRecord | StoredAlignment | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def run_document(index: int, path: str, entry: CatalogEntry | None,
                 limits: InputLimits, root: Path | None = None,
                 layout: str = "files") -> DocumentOutcome:
    """Extract ``path`` and build its graph part; an error becomes the outcome's ``error``
    (one line), never an exception, so one bad file never stops the others. ``layout``:
    the build's output layout, whose files beside the run the task makes."""
    tic = time.perf_counter()
    outcome = DocumentOutcome(index=index, path=path)
    try:
        extractor = worker_extractor(limits)
        result = extractor.extract_file(Path(path), entry)
        comentions = sentence_comentions(result)
        builder = GraphBuilder(extractor.vocabulary, root)
        builder.add_document(result, comentions)
        lines, outcome.prefixes = render_quads(builder.ds.quads())
        outcome.lines = sorted(set(lines))
        graph = TermWriter().term(builder.documents[0][1])
        outcome.beside = beside_run(outcome.lines, graph, layout)
        outcome.summary = document_summary(result, comentions)
        outcome.warnings = list(result.warnings)
        outcome.characters = len(result.source.text)
        outcome.document = builder.documents[0]
        outcome.key = result_key(result, root)
        outcome.entities = [(str(uri), entity) for uri, entity in builder.entities.items()]
        outcome.surfaces = {str(uri): sorted(s) for uri, s in builder.surfaces.items()}
        outcome.comentions = [(str(a), str(b), n) for (a, b), n in builder.comentions.items()]
        by_key = entities_by_key(result)
        outcome.key_comentions = [(a, b, n) for (a, b), n in comentions.items()]
        outcome.labels = {k: by_key[k].label_zh for pair in comentions for k in pair}
        outcome.mentioned = sorted(by_key)
        outcome.parts = {sentences.NAME: sentences.document_part(result)}
        outcome.alignment = alignment_record(result)
    except InputError as problem:
        outcome.error = problem.reason
    except Exception as problem:  # an extractor bug must not stop the other files
        if os.environ.get("HRKG_DEBUG"):
            traceback.print_exc()
        outcome.error = f"internal error while extracting ({type(problem).__name__}: {problem})"
    outcome.seconds = time.perf_counter() - tic
    return outcome


def beside_run(lines: list[str], graph: str, layout: str) -> dict[str, bytes]:
    """The files kept beside the run of ``lines`` (a document graph's, whose Turtle text
    is ``graph``) that ``layout`` reads: the subject index, or the shard's files."""
    if layout == "shards":
        return shards.document_files(lines, graph)
    return {SUBJECTS: "".join(subject_items(lines, graph)).encode()}

