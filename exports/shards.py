"""The shards writer: ``quads/``, one sorted N-Quads file per named graph, the output
layout of large builds (``hrkg build --layout shards``; the default from
:data:`~hrkg.exports.registry.SHARDS_FROM` input files).

``quads/<name>.nq`` holds the quads of the graph ``hrid:graph/<name>`` (``entities.nq``,
``background.nq``, ``build.nq``, ``comention.nq``, ``A/HRC/44/28/zh.nq`` …), sorted by
code point. A triple stated in several graphs stays in the first of
:func:`~hrkg.graph.builder.graph_precedence`, as in ``graph.nq``: the lines of all the
files, sorted, are the ``graph.nq`` of the same build, byte for byte. Stores load the folder
as it is (docs/LOADING.md).

A rebuild writes only what changed. A document's whole graph is kept in the cache beside
its run ``R``: ``R.quads`` (its N-Quads lines, sorted) and ``R.hashes`` (the 128-bit
BLAKE2b hash of each line's triple, in the same order). Its shard is ``R.quads`` less the
triples an earlier graph states; when some are, it is kept as ``R.shard``, valid for the
digest of those triples written in ``R.shard.digest``. Either file is hard-linked into
each new generation: an unchanged document costs a link, not a copy. The triples several
graphs state are found from the hashes a range of hash values at a time
(:func:`shared_hashes`), so memory stays flat whatever the corpus size.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import numpy as np
import pyoxigraph as ox

from hrkg.core.atomic import LARGE_BUFFER, atomic_open
from hrkg.exports.record import BuildRecord
from hrkg.exports.sorted_rdf import SEP, QuadSorter, RdfListener
from hrkg.graph.files import shard_files
from hrkg.graph.namespaces import HRID, PREFIXES

NAME = "shards"
FILES = ("quads",)
TIMING = "serialize"

GRAPH_NAMESPACE = f"{HRID}graph/"
HASH = np.dtype("<u8")  # a hash is two of these (128 bits), little-endian on every machine
PART_HASHES = 1 << 21  # hashes sorted at once when looking for shared triples (16 MB)
_HEADS = "".join(f"@prefix {name}: <{ns}> .\n" for name, ns in sorted(PREFIXES.items()))


def shard_name(graph: str) -> str:
    """The file of graph IRI ``graph`` in ``quads/``: its path after ``hrid:graph/``, each
    segment kept when it is a plain file name, else percent-encoded (``.``, ``..`` and an
    empty segment byte by byte, so that no name leaves the folder)."""
    local = graph[len(GRAPH_NAMESPACE):] if graph.startswith(GRAPH_NAMESPACE) else graph
    segments = []
    for part in local.split("/"):
        if part in ("", ".", ".."):
            part = "".join(f"%{byte:02X}" for byte in part.encode()) or "%00"
        elif part != quote(part, safe=" -._~()"):
            part = quote(part, safe="")
        segments.append(part)
    return "/".join(segments) + ".nq"


def triple_hashes(lines: list[bytes], graph: str) -> np.ndarray:
    """The (n, 2) hashes of the triples of N-Quads ``lines`` in ``graph``."""
    cut = len(graph) + 5  # " <graph> .\n"
    digests = b"".join(hashlib.blake2b(line[:-cut], digest_size=16).digest() for line in lines)
    return np.frombuffer(digests, dtype=HASH).reshape(-1, 2)


def nquads_lines(rows: Iterable[str], graph: str) -> tuple[str, list[bytes]]:
    """The graph IRI and sorted N-Quads lines of Turtle rows ``s p o .`` in the graph whose
    Turtle text is ``graph`` (parsed by Oxigraph, which writes canonical N-Quads)."""
    text = f"{_HEADS}{graph} {{\n" + "\n".join(rows) + "\n}\n"
    quads = list(ox.parse(input=text.encode(), format=ox.RdfFormat.TRIG))
    if not quads:
        return "", []
    name = quads[0].graph_name
    iri = name.value if isinstance(name, ox.NamedNode) else ""
    return iri, sorted({f"{quad} .\n".encode() for quad in quads})


def turtle_rows(lines: Iterable[str]) -> Iterator[str]:
    """Turtle rows ``s p o .`` of sort lines ``s NUL p NUL o NUL rank NUL graph``."""
    for line in lines:
        s, p, o = line.split(SEP, 3)[:3]
        yield f"{s} {p or 'a'} {o} ."


@dataclass
class Graph:
    """One named graph to shard: its rank (precedence), IRI, lines and their hashes, or
    for a cached document the files that hold them."""

    rank: str
    iri: str
    lines: list[bytes] = field(default_factory=list)
    hashes: np.ndarray | None = None
    run: Path | None = None  # a cached document's run (R.quads, R.hashes beside it)

    def size(self) -> int:
        """The number of its triples (one hash of two ``HASH`` a triple), without reading."""
        if self.run is None:
            return len(self.lines)
        return _beside(self.run, ".hashes").stat().st_size // (2 * HASH.itemsize)

    def load_hashes(self) -> np.ndarray:
        if self.hashes is not None:
            return self.hashes
        return np.fromfile(_beside(self.run, ".hashes"), dtype=HASH).reshape(-1, 2)


def _beside(run: Path | None, suffix: str) -> Path:
    if run is None:
        raise ValueError("shards: a document graph without its run")
    return run.with_name(run.name + suffix)


def document_files(lines: list[str], graph: str) -> dict[str, bytes]:
    """What is kept beside a document's run for its shard (suffix -> content), from the
    run's sort lines (without line ends) and the Turtle text of the document's graph:
    ``.quads``, ``.hashes``, ``.foreign`` (the lines of other graphs: background knowledge
    the document brought) and ``.graph`` (its rank and IRI), to be written in that order."""
    own = [line for line in lines if line.endswith(f"{SEP}{graph}")]
    others = [line for line in lines if not line.endswith(f"{SEP}{graph}")]
    rank = own[0].split(SEP)[3] if own else ""
    iri, nquads = nquads_lines(turtle_rows(own), graph) if own else ("", [])
    return {".quads": b"".join(nquads), ".hashes": triple_hashes(nquads, iri).tobytes(),
            ".foreign": "".join(f"{line}\n" for line in others).encode(),
            ".graph": f"{rank}\n{iri}\n".encode()}


def cached_graph(run: Path, graph: str) -> tuple[Graph, list[str]]:
    """The graph of a cached document's run (whose own graph's Turtle text is ``graph``)
    and the run's lines of other graphs; the files of :func:`document_files` are made
    beside the run if a task did not make them."""
    about = _beside(run, ".graph")
    if not about.is_file():
        with run.open(encoding="utf-8") as handle:
            made = document_files([line[:-1] for line in handle], graph)
        for suffix, content in made.items():
            with atomic_open(_beside(run, suffix), "wb") as out:
                out.write(content)
    rank, iri = about.read_text(encoding="utf-8").split("\n")[:2]
    with _beside(run, ".foreign").open(encoding="utf-8") as handle:
        lines = [line[:-1] for line in handle]
    return Graph(rank=rank, iri=iri, run=run), lines


def global_graphs(lines: Iterable[str]) -> list[Graph]:
    """The graphs of sort lines ``lines`` (the entity, background, build and co-mention
    graphs, and any document not kept as a run), with their hashes."""
    by_graph: dict[tuple[str, str], list[str]] = {}
    for line in lines:
        _, _, _, rank, graph = line.split(SEP)
        by_graph.setdefault((rank, graph), []).append(line)
    graphs = []
    for (rank, graph), rows in sorted(by_graph.items()):
        iri, nquads = nquads_lines(turtle_rows(rows), graph)
        if nquads:
            graphs.append(Graph(rank=rank, iri=iri, lines=nquads,
                                hashes=triple_hashes(nquads, iri)))
    return graphs


def shared_hashes(graphs: list[Graph]) -> np.ndarray:
    """The first halves of the hashes found in more than one graph (each graph's triples
    are distinct), sorted; a range of values at a time, so that memory holds about
    :data:`PART_HASHES` hashes whatever the corpus size."""
    total = sum(graph.size() for graph in graphs)
    parts = max(1, -(-total // PART_HASHES))
    bounds = [(1 << 64) * part // parts for part in range(parts)] + [None]
    shared = []
    for low, high in itertools.pairwise(bounds):
        found = []
        for graph in graphs:
            first = graph.load_hashes()[:, 0]
            inside = first >= low if high is None else (first >= low) & (first < high)
            found.append(first[inside])
        values = np.sort(np.concatenate(found))
        shared.append(np.unique(values[1:][values[1:] == values[:-1]]))
    return np.concatenate(shared)


def dropped_rows(graphs: list[Graph]) -> dict[int, np.ndarray]:
    """For each graph (by position in ``graphs``, in precedence order) the rows of its
    triples an earlier graph states."""
    shared = shared_hashes(graphs)
    claimed: set[tuple[int, int]] = set()
    dropped: dict[int, np.ndarray] = {}
    for number, graph in enumerate(graphs):
        hashes = graph.load_hashes()
        rows = np.nonzero(np.isin(hashes[:, 0], shared))[0]
        lost = []
        for row in rows.tolist():
            key = (int(hashes[row, 0]), int(hashes[row, 1]))
            if key in claimed:
                lost.append(row)
            else:
                claimed.add(key)
        if lost:
            dropped[number] = np.array(lost, dtype=np.int64)
    return dropped


def document_shard(graph: Graph, dropped: np.ndarray | None) -> tuple[Path, int]:
    """The file holding a cached document's shard and its number of lines: ``R.quads``
    itself when it loses no triple, else ``R.shard`` (made again when its digest differs)."""
    quads = _beside(graph.run, ".quads")
    lines = graph.size()
    if dropped is None:
        return quads, lines
    digest = hashlib.sha256(dropped.astype("<i8").tobytes()).hexdigest()
    shard, stamp = _beside(graph.run, ".shard"), _beside(graph.run, ".shard.digest")
    try:
        if stamp.read_text(encoding="ascii") == digest and shard.is_file():
            return shard, lines - len(dropped)
    except OSError:
        pass
    stamp.unlink(missing_ok=True)
    keep = np.ones(lines, dtype=bool)
    keep[dropped] = False
    with quads.open("rb") as source, atomic_open(shard, "wb") as out:
        out.writelines(itertools.compress(source, keep.tolist()))
    with atomic_open(stamp) as out:
        out.write(digest)
    return shard, lines - len(dropped)


def write_shards(sorter: QuadSorter, folder: Path, listener: RdfListener | None = None) -> int:
    """Write ``folder`` (one file a graph); return the number of quads written.
    ``listener`` is handed each shard as it is written (the store's loader)."""
    graphs: list[Graph] = []
    foreign: list[str] = []
    for text, run in sorted(sorter.blocks.runs.items()):
        graph, lines = cached_graph(run, text)
        foreign.extend(lines)
        if graph.iri:
            graphs.append(graph)
    graphs += global_graphs(itertools.chain(sorter.merged(), foreign))
    graphs.sort(key=lambda graph: (graph.rank, graph.iri))
    dropped = dropped_rows(graphs)
    count = 0
    for number, graph in enumerate(graphs):
        target = folder / shard_name(graph.iri)
        target.parent.mkdir(parents=True, exist_ok=True)
        if graph.run is not None:
            source, size = document_shard(graph, dropped.get(number))
            if size:
                _link(source, target)
                if listener is not None:
                    listener.shard(target.read_bytes())
            count += size
            continue
        keep = np.ones(len(graph.lines), dtype=bool)
        if number in dropped:
            keep[dropped[number]] = False
        kept = list(itertools.compress(graph.lines, keep.tolist()))
        if kept:
            with atomic_open(target, "wb", buffering=LARGE_BUFFER) as out:
                out.writelines(kept)
            if listener is not None:
                listener.shard(b"".join(kept))
        count += len(kept)
    if listener is not None:
        listener.end()
    return count


def _link(source: Path, target: Path) -> None:
    """``target`` as a hard link of ``source`` (a copy where the file system has none)."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def read_shards(folder: Path) -> Iterator[ox.Quad]:
    """Every quad of a ``quads/`` folder (parsed by Oxigraph)."""
    for path in shard_files(folder):
        yield from ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS)


def write(record: BuildRecord) -> dict[str, Path]:
    """The writer: ``quads/`` from the build's streamed quads."""
    if not isinstance(record.quads, QuadSorter):
        raise ValueError("the shards writer needs a streamed build (record.quads)")
    folder = record.out_dir / FILES[0]
    folder.mkdir()
    record.triple_count = write_shards(record.quads, folder, record.rdf_listener)
    return {"quads": folder}


def write_sorted_from_shards(folder: Path, turtle: Path, trig: Path) -> int:
    """``graph.ttl`` and ``graph.trig`` of a ``quads/`` folder (``hrkg export`` of a shards
    build), by the external sort of :mod:`hrkg.exports.sorted_rdf` (bounded memory);
    return the number of triples."""
    from hrkg.exports.sorted_rdf import render_quads, write_sorted_files
    from hrkg.sparql.store import from_oxigraph

    sorter = QuadSorter()
    for path in shard_files(folder):
        quads = ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS)
        sorter.add(*render_quads((from_oxigraph(q.subject), from_oxigraph(q.predicate),
                                  from_oxigraph(q.object), from_oxigraph(q.graph_name))
                                 for q in quads))
    return write_sorted_files(sorter, turtle, trig)
