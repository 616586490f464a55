"""Sorted Turtle and TriG of any size, in bounded memory: an external merge sort.

Every quad is rendered once (by the task that made it) as one *sort line*:
``graph NUL subject NUL predicate NUL object`` in the Turtle text of
:class:`hrkg.exports.turtle.TermWriter` (``""`` for the default graph and for ``rdf:type``,
which Turtle writes ``a`` and sorts first). Sorting these lines by code point gives
exactly the order of :mod:`hrkg.exports.turtle` (graphs, subjects, predicates, objects
by their text), so the files are byte-identical to what that writer makes from the whole
dataset in memory, whatever the order the lines arrive in.

:class:`QuadSorter` keeps at most ``run_lines`` lines in memory; beyond, it writes a
sorted run to a temporary folder (the append-only stream of finished documents) and
merges the runs at the end (``heapq.merge``). The merged quads give the TriG directly;
their triples, sorted again the same way, give the Turtle (the RDF merge, each triple once).
"""

from __future__ import annotations

import heapq
import itertools
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any, Protocol

from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import RDF

from hrkg.core.atomic import LARGE_BUFFER, atomic_open
from hrkg.exports.blocks import (
    GraphBlocks,
    allow_open_files,
    merge_by_subject,
    read_lines,
    run_items,
    subject_index,
)
from hrkg.graph.namespaces import PREFIXES

SEP = "\x00"
RUN_LINES = 200_000  # lines held in memory before a sorted run goes to disk (~40 MB)
FAN_IN = 256  # runs merged at once (open files); more are merged in rounds


def precedence_rank(name: Any) -> str:
    """Sort text of the graph a triple stated in several graphs stays in (the builder's
    :func:`~hrkg.graph.builder.graph_precedence`); ``""`` (no rule) keeps it in all."""
    from hrkg.graph import builder

    rule = getattr(builder, "graph_precedence", None)
    if rule is None or name in (None, DATASET_DEFAULT_GRAPH_ID):
        return ""
    number, text = rule(name)
    return f"{number:02d}{text}"


def render_quads(quads: Iterable[tuple[Any, Any, Any, Any]]) -> tuple[list[str], set[str]]:
    """Sort lines ``s NUL p NUL o NUL rank NUL graph`` of ``quads`` (``(s, p, o, graph
    name)``) and the prefixes they use."""
    from hrkg.exports.turtle import TermWriter  # turtle imports this module

    writer = TermWriter()
    term = writer.term
    lines = []
    tails: dict[Any, str] = {}  # graph name -> "rank NUL graph", made once a graph
    rdf_type = RDF.type  # an attribute of rdflib's RDF costs ~5 µs a lookup
    for s, p, o, g in quads:
        tail = tails.get(g)
        if tail is None:
            graph = "" if g in (None, DATASET_DEFAULT_GRAPH_ID) else term(g)
            tail = tails[g] = f"{precedence_rank(g)}{SEP}{graph}"
        predicate = "" if p == rdf_type else term(p)
        lines.append(f"{term(s)}{SEP}{predicate}{SEP}{term(o)}{SEP}{tail}")
    return lines, writer.used


class QuadSorter:
    """Collects sort lines in any order; :meth:`merged` gives them sorted, each once."""

    def __init__(self, run_lines: int = RUN_LINES) -> None:
        self.run_lines = run_lines
        self.prefixes: set[str] = set()
        self.triples = 0  # distinct triples seen by write_sorted_files
        self._buffer: list[str] = []
        self._runs: list[Path] = []  # sorted runs: spilled here, or kept by others (add_run)
        self._own: set[Path] = set()  # the runs this sorter wrote (removed when spent)
        self.blocks = GraphBlocks({})  # document graphs whose blocks are kept beside runs
        self._folder: tempfile.TemporaryDirectory[str] | None = None

    def add(self, lines: Iterable[str], prefixes: Iterable[str] = ()) -> None:
        self._buffer.extend(lines)
        self.prefixes.update(prefixes)
        if len(self._buffer) >= self.run_lines:
            self._spill()

    def add_run(self, run: Path, prefixes: Iterable[str] = (), graph: str = "") -> None:
        """Add the lines of a file already sorted and without repeats (:func:`write_run`),
        such as a cached document's: merged as it is, never sorted again nor removed.
        ``graph``: the Turtle text of the graph only this run's lines are in (a document's
        graph), whose TriG block and Turtle statements are then kept beside the run
        (:mod:`hrkg.exports.blocks`); :meth:`merged` leaves such a run out, and only
        :func:`write_sorted_files` reads it."""
        self.prefixes.update(prefixes)
        if graph:  # merged by subject in write_sorted_files, not line by line here
            self.blocks.runs[graph] = Path(run)
            self.blocks.dropped[graph] = []
        else:
            self._runs.append(Path(run))

    def _temporary(self) -> Path:
        if self._folder is None:
            self._folder = tempfile.TemporaryDirectory(prefix="hrkg-sort-")
        path = Path(self._folder.name) / f"run-{len(self._own):05d}"
        self._own.add(path)
        return path

    def _spill(self) -> None:
        path = self._temporary()
        write_run(path, self._buffer)
        self._runs.append(path)
        self._buffer = []

    def merged(self) -> Iterator[str]:
        """Every line once, sorted (without line ends); the sorter is spent afterwards."""
        if not self._runs:
            yield from _unique(sorted(self._buffer))
            self._buffer = []
            return
        if self._buffer:
            self._spill()
        runs = self._runs
        while len(runs) > FAN_IN:  # merge in rounds: at most FAN_IN files open at once
            merged = []
            for start in range(0, len(runs), FAN_IN):
                path = self._temporary()
                with path.open("w", encoding="utf-8") as out:
                    out.writelines(_merge_files(runs[start:start + FAN_IN]))
                merged.append(path)
            runs = merged
        try:
            for line in _merge_files(runs):
                yield line[:-1]
        finally:
            self.close()

    def close(self) -> None:
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None
        self._runs = []
        self._own = set()


def run_lines(lines: Iterable[str]) -> Iterator[str]:
    """The lines of a sorted run of ``lines``: sorted, each once, with line ends."""
    return (f"{line}\n" for line in _unique(sorted(lines)))


def write_run(path: Path, lines: Iterable[str]) -> None:
    """A sorted run (:func:`run_lines`) in a file."""
    with path.open("w", encoding="utf-8") as handle:
        handle.writelines(run_lines(lines))


def read_run(path: Path) -> list[str]:
    """The lines of a run (without line ends)."""
    with Path(path).open(encoding="utf-8") as handle:
        return [line[:-1] for line in handle]


def _merge_files(runs: list[Path]) -> Iterator[str]:
    """The lines (with their line ends) of sorted runs, merged, each once."""
    handles: list[IO[str]] = [run.open(encoding="utf-8") for run in runs]
    try:
        yield from _unique(heapq.merge(*handles))
    finally:
        for handle in handles:
            handle.close()


def _unique(lines: Iterable[str]) -> Iterator[str]:
    previous = None
    for line in lines:
        if line != previous:
            yield line
            previous = line


def prefix_lines(used: Iterable[str]) -> list[str]:
    return [f"@prefix {p}: <{PREFIXES[p]}> ." for p in sorted(used)]


def subject_blocks(rows: Iterable[list[str]], indent: str) -> Iterator[str]:
    """Turtle statements of rows ``[subject, predicate, object]`` sorted by those."""
    for subject, by_subject in itertools.groupby(rows, key=lambda row: row[0]):
        parts = []
        for predicate, by_predicate in itertools.groupby(by_subject, key=lambda row: row[1]):
            objects = ", ".join(row[2] for row in by_predicate)
            parts.append(f"{predicate or 'a'} {objects}")
        yield f"{indent}{subject} " + f" ;\n{indent}    ".join(parts) + " ."


class RdfListener(Protocol):
    """What :func:`write_sorted_files` hands, as it writes, to a reader of the same text
    (the store's loader, :class:`hrkg.exports.store.StreamingLoad`)."""

    def begin(self, heads: list[str]) -> None: ...  # the @prefix lines of both files
    def turtle(self, text: str) -> None: ...  # one statement of graph.ttl
    def trig(self, text: str) -> None: ...  # one graph block of graph.trig
    def shard(self, data: bytes) -> None: ...  # one shard of quads/ (the shards writer)
    def end(self) -> None: ...  # all of both files


def write_sorted_files(sorter: QuadSorter, turtle_path: Path, trig_path: Path,
                       run_lines: int = RUN_LINES, listener: RdfListener | None = None) -> int:
    """Write the sorted Turtle (the merge of all graphs) and TriG (every graph) of
    ``sorter``'s quads; return the number of triples in the Turtle.

    Pass 1 reads the quads sorted by triple, then graph rank: the Turtle, and the quads
    that stay (a triple stated in several graphs stays in its first graph when the builder
    has that rule); pass 2 sorts those by graph for the TriG. The graph of a document
    added as a cached run (``sorter.blocks``) is not sorted again: its block is copied
    from beside the run, or made from the run once (:mod:`hrkg.exports.blocks`).
    ``listener`` is handed the text of both files as it is written.
    """
    heads = prefix_lines(sorter.prefixes)
    if listener is not None:
        listener.begin(heads)
    blocks = sorter.blocks
    by_graph = QuadSorter(run_lines)
    count = 0
    with atomic_open(turtle_path, buffering=LARGE_BUFFER) as turtle:
        turtle.write("\n".join(heads + [""]) + "\n")
        for block in _turtle_blocks(sorter.merged(), by_graph, blocks):
            turtle.write(block + "\n")
            if listener is not None:
                listener.turtle(block)
        count = by_graph.triples
    rows = (line.split(SEP, 3) for line in by_graph.merged())
    groups = itertools.groupby(rows, key=lambda q: q[0])
    rest = blocks.open_rest(heads)
    try:
        with atomic_open(trig_path, buffering=LARGE_BUFFER) as trig:
            trig.write("\n".join(heads) + "\n\n")
            written = 0
            for graph, quads in _with_owned(groups, sorted(blocks.runs)):
                if quads is None:
                    text = blocks.block(graph, heads)
                else:
                    body = "\n".join(subject_blocks((quad[1:] for quad in quads), "    "))
                    text = ("{" if graph == "" else f"{graph} {{") + "\n" + body + "\n}\n"
                    rest.write(text + "\n")
                if text:
                    trig.write(("\n" if written else "") + text)
                    written += 1
                    if listener is not None:
                        listener.trig(text)
    finally:
        rest.close()
    if listener is not None:
        listener.end()
    return count


def _with_owned(groups: Iterable[tuple[str, Iterator[list[str]]]], owned: list[str]
                ) -> Iterator[tuple[str, Iterator[list[str]] | None]]:
    """The graphs of ``groups`` and the ``owned`` graph names (sorted), in graph order;
    ``None`` for an owned one."""
    pending = iter(owned)
    name = next(pending, None)
    for graph, quads in groups:
        while name is not None and name < graph:
            yield name, None
            name = next(pending, None)
        yield graph, quads
    while name is not None:
        yield name, None
        name = next(pending, None)


def _turtle_blocks(lines: Iterator[str], by_graph: QuadSorter, blocks: GraphBlocks
                   ) -> Iterator[str]:
    """The Turtle statements of every subject, in order: of ``lines`` (sorted) and of the
    runs of ``blocks``, merged by subject. A subject of one run only, its lines all in
    that run's graph, is copied from the run's index (made once, :func:`subject_index`);
    any other is read line by line (:func:`_staying`)."""
    runs = sorted(blocks.runs.items())
    paths = [run for _, run in runs]
    allow_open_files(len(runs))
    sources: list[Iterator[tuple[str, int, Any]]] = [
        run_items(number, subject_index(run, graph)) for number, (graph, run) in enumerate(runs)]
    grouped = itertools.groupby(lines, key=lambda line: line[: line.index(SEP)])
    sources.append((subject, -1, list(group)) for subject, group in grouped)
    merged = merge_by_subject(sources)
    for _, group in itertools.groupby(merged, key=lambda item: item[0]):
        items = list(group)
        if len(items) == 1 and items[0][1] >= 0:
            _, triples, clean, _, _, block = items[0][2].split(SEP, 5)
            if clean == "1":
                by_graph.triples += int(triples)
                yield block[:-1].replace(SEP, "\n")
                continue
        found: list[str] = []
        for _, number, payload in items:
            if number < 0:
                found.extend(payload)
            else:
                start, end = payload.split(SEP, 5)[3:5]
                found.extend(read_lines(paths[number], int(start), int(end)))
        yield from subject_blocks(_staying(_unique(sorted(found)), by_graph, blocks), "")


def _staying(lines: Iterable[str], by_graph: QuadSorter, blocks: GraphBlocks
             ) -> Iterator[list[str]]:
    """Each distinct triple of ``lines`` (sorted pass-1 lines); the quads that stay go to
    ``by_graph`` as ``graph NUL s NUL p NUL o``, unless their graph's block is ``blocks``'s,
    which then notes those that do not stay."""
    previous: list[str] = []
    for line in lines:
        s, p, o, rank, graph = line.split(SEP)
        triple = [s, p, o]
        if triple == previous:
            if rank:  # stated in an earlier graph already: stays there only
                if blocks.owns(graph):
                    blocks.drop(graph, f"{s}{SEP}{p}{SEP}{o}")
                continue
        else:
            by_graph.triples += 1
            previous = triple
            yield triple
        if not blocks.owns(graph):
            by_graph.add((f"{graph}{SEP}{s}{SEP}{p}{SEP}{o}",))
