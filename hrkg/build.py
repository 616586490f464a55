"""The build: files -> extraction -> RDF dataset -> outputs in one folder.

Each stage lives in its own package (``extract``, ``graph``, ``exports``); this
module only sequences them, times them, and keeps one bad file from stopping
the others.
"""

from __future__ import annotations

import os
import time
import traceback
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from pathlib import Path

from hrkg import __version__
from hrkg.core.errors import HrkgError, InputError
from hrkg.exports.generation import OutputFolder, published_path
from hrkg.exports.record import BuildRecord
from hrkg.exports.registry import WRITERS, writers
from hrkg.extract import Extractor, discover_inputs, load_catalogs
from hrkg.extract.reading.limits import DEFAULT_LIMITS, InputLimits
from hrkg.extract.relations.comentions import sentence_comentions
from hrkg.graph.builder import BuildInfo, build_dataset
from hrkg.graph.identity import build_root, unique_documents

BuildResult = BuildRecord  # what a build returns: the record its writers filled


def build_time(paths: Sequence[Path]) -> str:
    """Reproducible build time: SOURCE_DATE_EPOCH if set, else the newest input's mtime."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        seconds = int(epoch)
    else:
        seconds = int(max((p.stat().st_mtime for p in paths), default=0))
    return datetime.fromtimestamp(seconds, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class Builder:
    """Runs the stages; ``on_document`` is called after each file (for progress bars)."""

    def __init__(self, out_dir: Path, *, write_map: bool = True, write_store: bool = True,
                 outputs: Sequence[str] | None = None,
                 on_document: Callable[[Path, str | None], None] | None = None,
                 on_start: Callable[[int], None] | None = None,
                 limits: InputLimits = DEFAULT_LIMITS) -> None:
        """``outputs``: the writers to run (names in ``hrkg.exports.registry.WRITERS``;
        default: all, less the map and the store when ``write_map``/``write_store`` are off)."""
        self.out_dir = out_dir
        self.limits = limits  # per input file (hrkg build --max-size)
        skipped = {name for name, on in (("map", write_map), ("store", write_store)) if not on}
        self.outputs = [name for name in (WRITERS if outputs is None else outputs)
                        if name not in skipped]
        self.on_document = on_document or (lambda path, error: None)
        self.on_start = on_start or (lambda total: None)

    def extract_all(self, paths: Sequence[Path], result: BuildResult) -> None:
        catalog = load_catalogs(paths)
        tic = time.perf_counter()
        extractor = Extractor(limits=self.limits)
        result.timings["pipeline_setup"] = time.perf_counter() - tic
        self.vocabulary = extractor.vocabulary
        tic = time.perf_counter()
        for path in paths:
            error = None
            try:
                result.results.append(extractor.extract_file(path, catalog.get(path.name)))
            except InputError as problem:
                result.errors.append(problem)
                error = problem.reason
            except Exception as problem:  # an extractor bug must not stop the other files
                reason = f"internal error while extracting ({type(problem).__name__}: {problem})"
                if os.environ.get("HRKG_DEBUG"):
                    traceback.print_exc()
                result.errors.append(InputError(str(path), reason))
                error = reason
            self.on_document(path, error)
        result.timings["extract"] = time.perf_counter() - tic

    def write_outputs(self, result: BuildResult, ended_at: str) -> None:
        """The graph stage, then every output writer of the registry, in its order, into a
        new generation of the output folder, published when all have written."""
        tic = time.perf_counter()
        result.results, duplicates = unique_documents(result.results, result.root)
        result.errors.extend(duplicates)  # one file per document: the others are errors
        result.comentions = [sentence_comentions(r) for r in result.results]
        result.dataset = build_dataset(result.results, BuildInfo(__version__, ended_at),
                                       self.vocabulary, comentions=result.comentions,
                                       root=result.root)
        result.timings["graph"] = time.perf_counter() - tic
        with self.folder.generation() as generation:
            result.out_dir = generation  # the writers write here; users see self.out_dir
            for writer in writers(self.outputs):
                tic = time.perf_counter()
                result.timings["total"] = tic - self.started  # so far: the report shows it
                result.outputs.update(writer.write(result))
                if writer.timing:
                    result.timings[writer.timing] = time.perf_counter() - tic
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
        if not paths and not problems:
            raise HrkgError("no documents found (supported: .txt .md .pdf .docx)")
        self.on_start(len(paths))
        self.extract_all(paths, result)
        if result.results:
            self.write_outputs(result, build_time(paths))
        result.timings["total"] = time.perf_counter() - tic
        return result
