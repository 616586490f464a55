"""The graph blocks of cached documents: each document graph's text in ``graph.trig`` and
its lines of ``graph.nq``, kept beside the document's cached sorted run, so that a
rebuild copies them instead of rendering and sorting the graphs of unchanged documents.

A document's graph holds its own quads less the triples an earlier graph states (the
builder's :func:`~hrkg.graph.builder.graph_precedence`); the first pass of
:func:`hrkg.exports.sorted_rdf.write_sorted_files` notes, for each such graph, which of its
triples were dropped. A kept block is reused only when it was made with the same dropped
triples (their sha256 is stored with it), so the bytes are those a full render gives.
Files beside the run ``R``: ``R.trig`` (the block), ``R.nq`` (its N-Quads lines, sorted,
as a run), ``R.digest`` (written last, removed first: the blocks are valid only with it).
"""

from __future__ import annotations

import hashlib
import heapq
import itertools
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from hrkg.core.atomic import atomic_open

SEP = "\x00"


class GraphBlocks:
    """The document graphs a build takes from cached runs (graph text -> run), their
    dropped triples, and the N-Quads runs of their blocks for the ``nq`` writer."""

    def __init__(self, runs: dict[str, Path]) -> None:
        self.runs = runs
        self.dropped: dict[str, list[str]] = {graph: [] for graph in runs}
        self.nq_runs: list[Path] = []  # the N-Quads items of the blocks (nquads_run)
        self.rendered = 0  # blocks rendered (not reused) by this build
        self._folder: tempfile.TemporaryDirectory[str] | None = None
        self.rest: Path | None = None  # TriG of every other graph (parsed by the nq writer)

    def owns(self, graph: str) -> bool:
        return graph in self.runs

    def drop(self, graph: str, triple: str) -> None:
        """Note that ``triple`` (``s NUL p NUL o``) does not stay in ``graph``."""
        self.dropped[graph].append(triple)

    def open_rest(self, heads: list[str]) -> IO[str]:
        """The file the other graphs' TriG is written to (its prefixes first)."""
        self._folder = tempfile.TemporaryDirectory(prefix="hrkg-blocks-")
        self.rest = Path(self._folder.name) / "rest.trig"
        handle = self.rest.open("w", encoding="utf-8")
        handle.write("\n".join(heads) + "\n\n")
        return handle

    def block(self, graph: str, heads: list[str]) -> str:
        """The TriG block of ``graph`` (``""`` when none of its triples stays)."""
        run = self.runs[graph]
        dropped = self.dropped[graph]
        digest = hashlib.sha256("\n".join(dropped).encode()).hexdigest()
        trig, nq, stamp = (run.with_name(run.name + suffix)
                           for suffix in (".trig", ".nq", ".digest"))
        try:
            if stamp.read_text(encoding="ascii") == digest:
                text = trig.read_text(encoding="utf-8")
                if text:
                    self.nq_runs.append(nq)
                return text
        except OSError:
            pass
        text = render_block(run, graph, set(dropped))
        stamp.unlink(missing_ok=True)
        with atomic_open(trig) as handle:
            handle.write(text)
        with atomic_open(nq) as handle:
            handle.writelines(nquads_run(heads, text))
        with atomic_open(stamp) as handle:
            handle.write(digest)
        self.rendered += 1
        if text:
            self.nq_runs.append(nq)
        return text

    def close(self) -> None:
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None


def render_block(run: Path, graph: str, dropped: set[str]) -> str:
    """The TriG text of ``graph`` from the sort lines of ``run`` less ``dropped``: each
    subject's statement is the run's Turtle statement indented (:func:`subject_index`),
    but for a subject with a dropped triple or a line of another graph, rendered again."""
    from hrkg.exports.sorted_rdf import subject_blocks

    touched = {triple[: triple.index(SEP)] for triple in dropped}
    statements = []
    with subject_index(run, graph).open(encoding="utf-8") as index, run.open("rb") as lines:
        for item in index:
            subject, _, clean, start, end, block = item[:-1].split(SEP, 5)
            if clean == "1" and subject not in touched:
                statements.append("    " + block.replace(SEP, "\n    "))
                continue
            lines.seek(int(start))
            rows = []
            for line in lines.read(int(end) - int(start)).decode("utf-8").split("\n")[:-1]:
                s, p, o, _, name = line.split(SEP)
                if name == graph and f"{s}{SEP}{p}{SEP}{o}" not in dropped:
                    rows.append([s, p, o])
            statements.extend(subject_blocks(rows, "    "))
    if not statements:
        return ""
    return f"{graph} {{\n" + "\n".join(statements) + "\n}\n"


def nquads_run(heads: list[str], block: str) -> list[str]:
    """The N-Quads lines of a TriG ``block`` (with the prefixes ``heads``), sorted, as
    items: one line a subject, ``subject NUL lines`` (their line ends as NUL)."""
    import pyoxigraph as ox

    if not block:
        return []
    text = "\n".join(heads) + "\n\n" + block
    lines = sorted({f"{quad} .\n" for quad in ox.parse(input=text.encode(),
                                                       format=ox.RdfFormat.TRIG)})
    return [f"{subject}{SEP}" + "".join(group).replace("\n", SEP) + "\n" for subject, group
            in itertools.groupby(lines, key=lambda line: line[: line.index(" ")])]


# The merges by subject hold one item of every cached document at once (1,400 at 100x the
# corpus; a document's first subject, its own node, is ~20 KB of N-Quads): files are read
# through a small buffer, N-Quads items stay UTF-8 bytes until written, and no generator
# keeps a second copy of the item it yielded, so that memory does not grow with the corpus.
MERGE_BUFFER = 1 << 12


def merge_lines(path: Path) -> Iterator[str]:
    """The lines of a UTF-8 file (with their line ends), read through a small buffer."""
    with path.open("rb", buffering=MERGE_BUFFER) as handle:
        for raw in handle:
            line = raw.decode("utf-8")
            del raw  # not held while suspended: only the line yielded is
            yield line


def nquads_items(number: int, run: Path) -> Iterator[tuple[str, int, bytes]]:
    """``(subject, number, item)`` of each subject of an N-Quads item file; ``item`` is
    the file's line as it is (UTF-8: ``subject NUL lines NUL-ended``, :func:`item_lines`)."""
    with run.open("rb", buffering=MERGE_BUFFER) as handle:
        for item in handle:
            yield item[: item.index(b"\0")].decode("utf-8"), number, item


def item_lines(item: bytes) -> bytes:
    """The N-Quads lines (with their line ends) of an item of :func:`nquads_items`."""
    return item[item.index(b"\0") + 1:-1].replace(b"\0", b"\n")


# -- the Turtle of cached runs, by subject ----------------------------------------------
# ``R.subjects``: one line a subject of the run ``R``, sorted: ``subject NUL triples NUL
# clean NUL start NUL end NUL block``: its distinct triples, whether its block stands alone
# (all its lines in the run's own graph, no triple twice), the byte range of its lines in
# ``R``, and its Turtle statement (line ends as NUL). Made once a run (it never changes).
SUBJECTS = ".subjects"


def subject_index(run: Path, graph: str) -> Path:
    """``R.subjects`` of ``run`` (whose own graph is ``graph``), made if absent (a build
    task makes it with the run: :func:`subject_items`)."""
    index = run.with_name(run.name + SUBJECTS)
    if index.is_file():
        return index
    with atomic_open(index) as out:
        out.writelines(subject_items(read_lines(run, 0, run.stat().st_size), graph))
    return index


def subject_items(lines: list[str], graph: str) -> Iterator[str]:
    """The lines of ``R.subjects`` for the sorted run ``R`` of ``lines`` (sort lines
    without line ends, sorted, each once) whose own graph is ``graph``."""
    from hrkg.exports.sorted_rdf import subject_blocks

    offset = 0
    for _, group in itertools.groupby(lines, key=lambda line: line[: line.index(SEP)]):
        members = list(group)
        size = sum(len(line.encode("utf-8")) + 1 for line in members)
        rows = [line.split(SEP) for line in members]
        yield _item(rows, graph, offset, offset + size, subject_blocks)
        offset += size


def _item(group: list[list[str]], graph: str, start: int, end: int, render: Any) -> str:
    rows: list[list[str]] = []
    clean = True
    for s, p, o, _, name in group:
        if rows and rows[-1] == [s, p, o]:
            clean = False
        else:
            rows.append([s, p, o])
        clean = clean and name == graph
    block = next(render(rows, "")).replace("\n", SEP)
    return f"{rows[0][0]}{SEP}{len(rows)}{SEP}{int(clean)}{SEP}{start}{SEP}{end}{SEP}{block}\n"


def run_items(number: int, index: Path) -> Iterator[tuple[str, int, str]]:
    """``(subject, number, index line)`` of each subject of a run's index."""
    for line in merge_lines(index):
        yield line[: line.index(SEP)], number, line


def read_lines(run: Path, start: int, end: int) -> list[str]:
    """The sort lines of ``run`` in the byte range ``start:end``."""
    with run.open("rb") as handle:
        handle.seek(start)
        return handle.read(end - start).decode("utf-8").split("\n")[:-1]


def merge_by_subject(sources: list[Iterator[tuple[str, int, Any]]]
                     ) -> Iterator[tuple[str, int, Any]]:
    """The items ``(subject, number, payload)`` of sorted ``sources``, merged by subject;
    items of equal subjects in the order of their sources (as ``heapq.merge`` gives them).

    A cached document's subjects are mostly its own (its mentions, its evidence), which
    sort together: the source that holds the smallest subject is read on, without the
    heap, as long as its subjects stay below every other source's next one."""
    heap: list[tuple[str, int, Any, Iterator[tuple[str, int, Any]]]] = []
    for order, source in enumerate(sources):
        first = next(source, None)
        if first is not None:
            heap.append((first[0], order, first, source))
    heapq.heapify(heap)
    while len(heap) > 1:
        _, order, item, source = heap[0]
        bound = min(heap[1][:2], heap[2][:2]) if len(heap) > 2 else heap[1][:2]
        yield item
        for item in source:
            if (item[0], order) > bound:
                heapq.heapreplace(heap, (item[0], order, item, source))
                break
            yield item
        else:
            heapq.heappop(heap)
    if heap:
        yield heap[0][2]
        yield from heap[0][3]


def allow_open_files(count: int) -> None:
    """Raise this process's limit of open files (soft, up to the hard one) to ``count``
    and some: the merges by subject hold one file of each cached document open."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = count + 256
    if soft != resource.RLIM_INFINITY and soft < wanted:
        top = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
        resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, top), hard))
