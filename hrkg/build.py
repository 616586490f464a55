"""The build: files -> extraction -> RDF dataset -> outputs in one folder.

Each stage lives in its own package (``extract``, ``graph``, ``exports``); this
module only sequences them, times them, and keeps one bad file from stopping
the others.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import cast

from hrkg import __version__
from hrkg.cache import CACHE_DIR, DocumentCache
from hrkg.core.errors import HrkgError, InputError
from hrkg.engine import Engine, Job
from hrkg.exports.generation import OutputFolder, published_path
from hrkg.exports.record import BuildRecord
from hrkg.exports.registry import LAYOUTS, WRITERS, layout_for, writers
from hrkg.exports.sorted_rdf import QuadSorter
from hrkg.extract import discover_inputs, load_catalogs
from hrkg.extract.reading.limits import DEFAULT_LIMITS, InputLimits
from hrkg.extract.vocabulary import Vocabulary, load_vocabulary
from hrkg.graph.builder import BuildInfo
from hrkg.graph.identity import build_root
from hrkg.graph.quads import QuadSet
from hrkg.reduce import CorpusReduce
from hrkg.tasks import DocumentOutcome, worker_extractor
from hrkg.versions import AlignmentMemo, VersionAligner

BuildResult = BuildRecord  # what a build returns: the record its writers filled


def build_time(paths: Sequence[Path]) -> str:
    """Reproducible build time: SOURCE_DATE_EPOCH if set, else the newest input's mtime."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        seconds = int(epoch)
    else:
        seconds = int(max((p.stat().st_mtime for p in paths), default=0))
    return datetime.fromtimestamp(seconds, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def read_quads(trig: Path) -> QuadSet:
    """A written TriG file (or ``quads/`` folder of shards) back as a :class:`QuadSet`
    (parsed by Oxigraph, several times faster than rdflib's parser)."""
    import pyoxigraph as ox
    from rdflib import URIRef
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    from hrkg.exports.shards import read_shards
    from hrkg.sparql.store import from_oxigraph

    quads = QuadSet()
    parsed = read_shards(trig) if Path(trig).is_dir() else \
        ox.parse(path=str(trig), format=ox.RdfFormat.TRIG)
    for quad in parsed:
        name = quad.graph_name
        graph = quads.graph(DATASET_DEFAULT_GRAPH_ID if isinstance(name, ox.DefaultGraph)
                            else URIRef(name.value))
        graph.add((cast(URIRef, from_oxigraph(quad.subject)), URIRef(quad.predicate.value),
                   from_oxigraph(quad.object)))
    return quads


class Builder:
    """Runs the stages; ``on_document`` is called after each file (for progress bars).

    Documents are extracted by tasks (:mod:`hrkg.tasks`) on ``engine`` (in this process by
    default, or on Dask: :mod:`hrkg.engine`), each reused from the cache in
    ``<out>/.cache`` when its file, the code and the data are unchanged (``force``: never).
    """

    def __init__(self, out_dir: Path, *, write_map: bool = True, write_store: bool = True,
                 outputs: Sequence[str] | None = None,
                 on_document: Callable[[Path, str | None], None] | None = None,
                 on_start: Callable[[int], None] | None = None,
                 limits: InputLimits = DEFAULT_LIMITS, engine: Engine | None = None,
                 force: bool = False, language: str | None = None,
                 layout: str = "auto") -> None:
        """``outputs``: the writers to run (names in ``hrkg.exports.registry.WRITERS``;
        default: all, less the map and the store when ``write_map``/``write_store`` are off);
        ``language``: every file's language unless its catalog entry states one (hrkg build
        --lang; it travels in the catalog entry, so it reaches the workers and the cache key);
        ``layout``: ``files`` (graph.ttl, .trig, .nq), ``shards`` (quads/) or ``auto``
        (:func:`hrkg.exports.registry.layout_for`)."""
        self.language = language
        self.layout = layout
        self.out_dir = out_dir
        self.limits = limits  # per input file (hrkg build --max-size)
        skipped = {name for name, on in (("map", write_map), ("store", write_store)) if not on}
        self.outputs = [name for name in (WRITERS if outputs is None else outputs)
                        if name not in skipped]
        self.on_document = on_document or (lambda path, error: None)
        self.on_start = on_start or (lambda total: None)
        self.engine = engine or Engine()
        self.cache = DocumentCache(Path(out_dir) / CACHE_DIR, enabled=not force)
        self.vocabulary: Vocabulary | None = None
        self.counts: dict[str, int] = {}  # done, failed, cached, characters so far

    def extract_all(self, paths: Sequence[Path], result: BuildResult) -> None:
        """Every document through a task (or the cache), merged as it finishes."""
        catalog = load_catalogs(paths)
        result.quads = QuadSorter()
        self.reduce = CorpusReduce(result.quads, result.totals, result.root)
        self.versions = VersionAligner(memo=AlignmentMemo(self.cache.folder.parent,
                                                          enabled=self.cache.enabled))
        result.counts = self.counts = {"done": 0, "failed": 0, "cached": 0, "characters": 0,
                         "workers": 0 if self.engine.scheduler else self.engine.workers}
        if self.engine.in_process:
            tic = time.perf_counter()
            self.vocabulary = worker_extractor(self.limits).vocabulary
            result.timings["pipeline_setup"] = time.perf_counter() - tic
        tic = time.perf_counter()
        keys: dict[int, str] = {}
        jobs = []
        self._pending: dict[int, DocumentOutcome] = {}
        self._claims: dict[str, str] = {}  # document key -> the file that is that document
        self._failed: list[InputError] = []
        self._duplicates: list[InputError] = []
        for index, path in enumerate(paths):
            entry = catalog.get(path.name)
            if self.language:
                entry = {"language": self.language, **(entry or {})}
            key = self.cache.key(path, entry, self.limits, result.root)
            if key:
                self.versions.keys[index] = key  # aligned pairs are kept by these keys
            found = self.cache.get(key, index, path) if key else None
            if found is not None:
                self._arrive(found, result)
                continue
            if key:
                keys[index] = key
            jobs.append(Job(index, str(path), entry))
        for outcome in self.engine.run(jobs, self.limits, result.root, result.layout):
            if outcome.index in keys:
                self.cache.put(keys[outcome.index], outcome)
            self._arrive(outcome, result)
        result.errors.extend(self._failed + self._duplicates)
        result.timings["extract"] = time.perf_counter() - tic

    def _arrive(self, outcome: DocumentOutcome, result: BuildResult) -> None:
        """Count a finished document; merge finished ones in input order (so the first
        file of a document wins, as :func:`hrkg.graph.identity.unique_documents` says)."""
        counts = result.counts
        if outcome.ok:
            counts["done"] += 1
            counts["cached"] += outcome.cached
            counts["characters"] += outcome.characters
        else:
            counts["failed"] += 1
        self.on_document(Path(outcome.path), outcome.error)
        self._pending[outcome.index] = outcome
        while self.reduce.released in self._pending:
            self._release(self._pending.pop(self.reduce.released), result)

    def _release(self, outcome: DocumentOutcome, result: BuildResult) -> None:
        self.reduce.released += 1
        if not outcome.ok:
            self._failed.append(InputError(outcome.path, outcome.error or ""))
            return
        owner = self._claims.setdefault(outcome.key, outcome.path)
        if owner != outcome.path:
            row = outcome.summary
            self._duplicates.append(InputError(outcome.path, (
                f"same document as {owner} ({row.get('symbol')}, language "
                f"{row.get('language')}): not built, only that file is")))
            return
        self.versions.release(outcome)  # language versions of one document: one IRI each
        self.reduce.take(outcome)
        result.totals.paths[outcome.index] = outcome.path

    def write_outputs(self, result: BuildResult, ended_at: str) -> None:
        """The global graph step, then every output writer of the registry, in its order,
        into a new generation of the output folder, published when all have written."""
        tic = time.perf_counter()
        self.reduce.global_quads(self.vocabulary or load_vocabulary(),
                                 BuildInfo(__version__, ended_at))
        result.timings["graph"] = time.perf_counter() - tic
        # the whole graph in memory only for a writer that asks (the map), from graph.trig
        # (quads/ in the shards layout)
        result.load_graph = lambda: read_quads(result.outputs.get("trig")
                                               or result.outputs["quads"])
        with self.folder.generation() as generation:
            result.out_dir = generation  # the writers write here; users see self.out_dir
            chosen = writers([name for name in self.outputs
                              if name not in LAYOUTS[result.layout]])
            try:
                for writer in chosen:
                    if writer.begin is not None:
                        writer.begin(result)
                for writer in chosen:
                    tic = time.perf_counter()
                    result.timings["total"] = tic - self.started  # so far: the report shows it
                    try:
                        result.outputs.update(writer.write(result))
                    except OSError as error:  # disk full, permissions: one line, no traceback
                        raise HrkgError(f"could not write the {writer.name} output "
                                        f"in {self.out_dir}: {error}") from error
                    if writer.timing:
                        result.timings[writer.timing] = time.perf_counter() - tic
            finally:
                if result.rdf_listener is not None:  # a writer's helper left running
                    result.rdf_listener.close()
                    result.rdf_listener = None
                blocks = getattr(result.quads, "blocks", None)
                if blocks is not None:  # the temporary TriG of the graphs not kept as blocks
                    blocks.close()
        result.out_dir = self.out_dir
        result.outputs = {name: published_path(self.out_dir, generation, path)
                          for name, path in result.outputs.items()}

    def run(self, inputs: Sequence[Path]) -> BuildResult:
        with OutputFolder(self.out_dir) as self.folder:  # one build at a time, before extraction
            return self._run(inputs)

    def _run(self, inputs: Sequence[Path]) -> BuildResult:
        result = BuildResult(out_dir=self.out_dir, published_dir=self.out_dir,
                             started_at=datetime.now(timezone.utc).isoformat(timespec="seconds"))
        self.started = tic = time.perf_counter()
        paths, problems = discover_inputs(inputs)
        result.errors.extend(problems)
        result.root = build_root(inputs)
        result.layout = layout_for(self.layout, len(paths))
        if not paths and not problems:
            raise HrkgError("no documents found (supported: .txt .md .pdf .docx)")
        self.on_start(len(paths))
        self.extract_all(paths, result)
        if self.reduce.documents:
            self.write_outputs(result, build_time(paths))
            self.cache.prune()
            if self.versions.memo is not None:
                self.versions.memo.prune()
        result.timings["total"] = time.perf_counter() - tic
        return result
