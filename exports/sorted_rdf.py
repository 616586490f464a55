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
from typing import IO, Any

from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import RDF

from hrkg.core.atomic import atomic_open
from hrkg.graph.namespaces import PREFIXES

SEP = "\x00"
RUN_LINES = 200_000  # lines held in memory before a sorted run goes to disk (~40 MB)


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
    ranks: dict[Any, str] = {}
    for s, p, o, g in quads:
        graph = "" if g in (None, DATASET_DEFAULT_GRAPH_ID) else term(g)
        rank = ranks.get(g)
        if rank is None:
            rank = ranks[g] = precedence_rank(g)
        predicate = "" if p == RDF.type else term(p)
        lines.append(f"{term(s)}{SEP}{predicate}{SEP}{term(o)}{SEP}{rank}{SEP}{graph}")
    return lines, writer.used


class QuadSorter:
    """Collects sort lines in any order; :meth:`merged` gives them sorted, each once."""

    def __init__(self, run_lines: int = RUN_LINES) -> None:
        self.run_lines = run_lines
        self.prefixes: set[str] = set()
        self.triples = 0  # distinct triples seen by write_sorted_files
        self._buffer: list[str] = []
        self._runs: list[Path] = []
        self._folder: tempfile.TemporaryDirectory[str] | None = None

    def add(self, lines: Iterable[str], prefixes: Iterable[str] = ()) -> None:
        self._buffer.extend(lines)
        self.prefixes.update(prefixes)
        if len(self._buffer) >= self.run_lines:
            self._spill()

    def _spill(self) -> None:
        if self._folder is None:
            self._folder = tempfile.TemporaryDirectory(prefix="hrkg-sort-")
        path = Path(self._folder.name) / f"run-{len(self._runs):05d}"
        with path.open("w", encoding="utf-8") as handle:
            handle.writelines(f"{line}\n" for line in _unique(sorted(self._buffer)))
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
        handles: list[IO[str]] = [run.open(encoding="utf-8") for run in self._runs]
        try:
            for line in _unique(heapq.merge(*handles)):
                yield line[:-1]
        finally:
            for handle in handles:
                handle.close()
            self.close()

    def close(self) -> None:
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None
        self._runs = []


def _unique(lines: Iterable[str]) -> Iterator[str]:
    previous = None
    for line in lines:
        if line != previous:
            yield line
            previous = line


def prefix_lines(used: Iterable[str]) -> list[str]:
    return [f"@prefix {p}: <{PREFIXES[p]}> ." for p in sorted(used)]


def _subject_blocks(rows: Iterable[list[str]], indent: str) -> Iterator[str]:
    """Turtle statements of rows ``[subject, predicate, object]`` sorted by those."""
    for subject, by_subject in itertools.groupby(rows, key=lambda row: row[0]):
        parts = []
        for predicate, by_predicate in itertools.groupby(by_subject, key=lambda row: row[1]):
            objects = ", ".join(row[2] for row in by_predicate)
            parts.append(f"{predicate or 'a'} {objects}")
        yield f"{indent}{subject} " + f" ;\n{indent}    ".join(parts) + " ."


def write_sorted_files(sorter: QuadSorter, turtle_path: Path, trig_path: Path,
                       run_lines: int = RUN_LINES) -> int:
    """Write the sorted Turtle (the merge of all graphs) and TriG (every graph) of
    ``sorter``'s quads; return the number of triples in the Turtle.

    Pass 1 reads the quads sorted by triple, then graph rank: the Turtle, and the quads
    that stay (a triple stated in several graphs stays in its first graph when the builder
    has that rule); pass 2 sorts those by graph for the TriG.
    """
    heads = prefix_lines(sorter.prefixes)
    by_graph = QuadSorter(run_lines)
    count = 0
    with atomic_open(turtle_path) as turtle:
        turtle.write("\n".join(heads + [""]) + "\n")
        for block in _subject_blocks(_staying(sorter.merged(), by_graph), ""):
            turtle.write(block + "\n")
        count = by_graph.triples
    with atomic_open(trig_path) as trig:
        trig.write("\n".join(heads) + "\n\n")
        rows = (line.split(SEP, 3) for line in by_graph.merged())
        for number, (graph, quads) in enumerate(itertools.groupby(rows, key=lambda q: q[0])):
            if number:
                trig.write("\n")
            trig.write(("{" if graph == "" else f"{graph} {{") + "\n")
            blocks = _subject_blocks((quad[1:] for quad in quads), "    ")
            trig.write("\n".join(blocks))
            trig.write("\n}\n")
    return count


def _staying(lines: Iterable[str], by_graph: QuadSorter) -> Iterator[list[str]]:
    """Each distinct triple of ``lines`` (sorted pass-1 lines); the quads that stay go to
    ``by_graph`` as ``graph NUL s NUL p NUL o``."""
    previous: list[str] = []
    for line in lines:
        s, p, o, rank, graph = line.split(SEP)
        triple = [s, p, o]
        if triple == previous:
            if rank:  # stated in an earlier graph already: stays there only
                continue
        else:
            by_graph.triples += 1
            previous = triple
            yield triple
        by_graph.add((f"{graph}{SEP}{s}{SEP}{p}{SEP}{o}",))
