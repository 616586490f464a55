"""The store writer: ``store/``, the Oxigraph store that ``hrkg query`` and ``hrkg serve`` open.

* A full build loads it *while* the turtle writer writes: :func:`begin` attaches a
  :class:`StreamingLoad` to the record, the turtle writer hands it every Turtle statement
  (the RDF merge: the store's default graph) and TriG block (the named graphs) it writes,
  and a thread bulk-loads them in chunks. Oxigraph parses and indexes without holding the
  GIL, so the load runs on another core while Python writes the files. The store is
  committed (and RocksDB closed) when the turtle writer ends; this writer only reports it,
  so its own time in ``report.json`` is near zero and the load's is inside ``serialize``.
  A full build of the shards layout loads it the same way from each shard the shards
  writer writes (:mod:`hrkg.exports.shards`).
* When the output folder holds a previous build's store and ``graph.nq`` (``quads/``), that
  store is changed in place by the difference of the two (:mod:`hrkg.exports.store_delta`):
  an incremental build reloads only what changed.
* Otherwise (a record the turtle writer did not stream, a failed delta) the store is
  bulk-loaded from the Turtle and N-Quads files (the shards) just written.
"""

from __future__ import annotations

import queue
import threading
from pathlib import Path

import pyoxigraph as ox

from hrkg.exports.record import BuildRecord
from hrkg.exports.store_delta import update_store
from hrkg.sparql.store import (
    LOAD_BYTES,
    StoreWriter,
    shard_texts,
    store_path,
    write_store_from_outputs,
)

NAME = "store"
FILES = ("store",)
# what changing the previous store can raise when it cannot be read (RocksDB's
# "Corruption: …" comes from pyoxigraph as a RuntimeError): the store is then loaded whole
UNREADABLE = (OSError, SyntaxError, ValueError, RuntimeError)


# what the store loads, by kind: its format and the graph its triples go to (None: quads)
FORMATS: dict[str, tuple[ox.RdfFormat, ox.DefaultGraph | None]] = {
    "turtle": (ox.RdfFormat.TURTLE, ox.DefaultGraph()),  # graph.ttl: the merge
    "trig": (ox.RdfFormat.TRIG, None),  # graph.trig: the named graphs
    "nquads": (ox.RdfFormat.N_QUADS, None),  # a shard: one named graph
    "ntriples": (ox.RdfFormat.N_TRIPLES, ox.DefaultGraph()),  # a shard's triples: the merge
}
PREFIXED = (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG)  # each chunk opens with the @prefix lines


class StreamingLoad:
    """The store, loaded from the text the turtle writer writes, as it writes it
    (:class:`hrkg.exports.sorted_rdf.RdfListener`), in loads of about
    :data:`~hrkg.sparql.store.LOAD_BYTES`; at most four wait for the loading thread, so
    memory stays bounded whatever the graph's size."""

    def __init__(self, out_dir: Path) -> None:
        self.writer = StoreWriter(out_dir)
        self.complete = False  # the turtle writer handed over every statement
        self.error: BaseException | None = None
        self.path: Path | None = None  # the store, once committed
        self._heads = b""
        self._parts: dict[str, list[bytes]] = {kind: [] for kind in FORMATS}
        self._sizes = dict.fromkeys(FORMATS, 0)
        self._queue: queue.Queue[tuple[str, bytes] | None] = queue.Queue(maxsize=4)
        self._thread: threading.Thread | None = threading.Thread(
            target=self._load, name="hrkg-store-load", daemon=True)
        self._thread.start()

    # -- what the turtle writer calls -------------------------------------------------
    def begin(self, heads: list[str]) -> None:
        """The ``@prefix`` lines both files open with (each chunk is given them)."""
        self._heads = ("\n".join(heads) + "\n\n").encode()

    def turtle(self, text: str) -> None:
        """One Turtle statement of ``graph.ttl``."""
        self._add("turtle", text)

    def trig(self, text: str) -> None:
        """One graph block of ``graph.trig``."""
        self._add("trig", text)

    def shard(self, data: bytes) -> None:
        """One shard of ``quads/`` (the N-Quads of one named graph)."""
        quads, triples = shard_texts(data)
        self._add("nquads", quads)
        self._add("ntriples", triples)

    def end(self) -> None:
        """Every statement and block has been handed over: wait for the load to end and
        commit the store (an error is kept for :meth:`finish`). The store is closed here,
        before the other writers run, so its memory is not held beside theirs."""
        for kind in self._parts:
            self._flush(kind)
        self._stop()
        if self.error is None:
            try:
                self.path = self.writer.commit()
            except Exception as problem:  # noqa: BLE001 - re-raised by finish()
                self.error = problem
        self.complete = True

    # -- the store writer's side ------------------------------------------------------
    def finish(self) -> Path:
        """The committed store's path (or the load's error, raised)."""
        self._stop()
        if self.error is not None:
            self.writer.abort()
            raise self.error
        if self.path is None:
            raise ValueError("StreamingLoad.finish() before end()")
        return self.path

    def close(self) -> None:
        """Stop and drop the load if it was not finished (an error, Ctrl-C)."""
        self._stop()
        self.writer.abort()

    # -- inside -------------------------------------------------------------------------
    def _add(self, kind: str, text: str | bytes) -> None:
        data = text.encode() if isinstance(text, str) else text
        self._parts[kind].append(data)
        self._sizes[kind] += len(data)
        if self._sizes[kind] >= LOAD_BYTES:
            self._flush(kind)

    def _flush(self, kind: str) -> None:
        if self._parts[kind]:
            head = self._heads if FORMATS[kind][0] in PREFIXED else b""
            self._queue.put((kind, head + b"\n".join(self._parts[kind]) + b"\n"))
            self._parts[kind], self._sizes[kind] = [], 0

    def _load(self) -> None:
        while (item := self._queue.get()) is not None:
            if self.error is not None:
                continue  # keep draining, so the writer never blocks on a full queue
            kind, data = item
            try:
                self.writer.load(data, *FORMATS[kind])
            except Exception as problem:  # noqa: BLE001 - re-raised by finish()
                self.error = problem

    def _stop(self) -> None:
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join()
            self._thread = None


def _previous(record: BuildRecord) -> tuple[Path, Path] | None:
    """The published store and ``graph.nq`` (``quads/`` in the shards layout) of the
    previous build, if both are there."""
    published = record.published_dir
    if published is None or published == record.out_dir:
        return None
    store = store_path(published)
    quads = Path(published) / ("quads" if record.layout == "shards" else "graph.nq")
    return (store, quads) if store.is_dir() and quads.exists() else None


def begin(record: BuildRecord) -> None:
    """Before the writers run: load the store as the turtle (or shards) writer writes,
    unless the previous build's store can be changed in place or the record's quads are
    not streamed."""
    if record.quads is not None and _previous(record) is None:
        record.rdf_listener = StreamingLoad(record.out_dir)


def write(record: BuildRecord) -> dict[str, Path]:
    loading = record.rdf_listener
    if isinstance(loading, StreamingLoad):
        if loading.complete:
            return {"store": loading.finish()}
        loading.close()  # the turtle writer did not stream the files: load them
    shards = record.outputs.get("quads")
    if shards is not None:
        return {"store": _shards_store(record, Path(shards))}
    trig, turtle = record.outputs.get("trig"), record.outputs.get("turtle")
    if trig is None or turtle is None:
        raise ValueError("the store writer loads graph.trig and graph.ttl: run 'turtle' first")
    nquads = record.outputs.get("nq")
    previous = _previous(record)
    if nquads is not None and previous is not None:
        try:
            return {"store": update_store(*previous, Path(nquads), record.out_dir)}
        except UNREADABLE:
            pass  # an unreadable previous store: load the new one whole
    return {"store": write_store_from_outputs(trig, turtle, record.out_dir, nquads)}


def _shards_store(record: BuildRecord, shards: Path) -> Path:
    """The store of a shards build: the previous one changed by the shards that differ,
    else loaded from all of them (as the shards writer hands them over in a full build)."""
    from hrkg.graph.files import shard_files

    previous = _previous(record)
    if previous is not None:
        try:
            return update_store(*previous, shards, record.out_dir)
        except UNREADABLE:
            pass  # an unreadable previous store: load the new one whole
    loading = StreamingLoad(record.out_dir)
    try:
        for path in shard_files(shards):
            loading.shard(path.read_bytes())
        loading.end()
        return loading.finish()
    except BaseException:
        loading.close()
        raise
