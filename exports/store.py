"""The store writer: ``store/``, the Oxigraph store that ``hrkg query`` and ``hrkg serve`` open,
bulk-loaded from the Turtle and N-Quads files the ``turtle`` and ``nq`` writers have just
written, or, when the output folder holds a previous build's store and ``graph.nq``, that
store changed in place by the difference of the two ``graph.nq`` (:mod:`hrkg.exports.store_delta`):
an incremental build reloads only what changed."""

from __future__ import annotations

from pathlib import Path

from hrkg.exports.record import BuildRecord
from hrkg.exports.store_delta import update_store
from hrkg.sparql.store import write_store_from_outputs

NAME = "store"
FILES = ("store",)


def write(record: BuildRecord) -> dict[str, Path]:
    trig, turtle = record.outputs.get("trig"), record.outputs.get("turtle")
    if trig is None or turtle is None:
        raise ValueError("the store writer loads graph.trig and graph.ttl: run 'turtle' first")
    nquads = record.outputs.get("nq")
    published = record.published_dir
    if nquads is not None and published is not None and published != record.out_dir:
        previous_store, previous_nq = Path(published) / "store", Path(published) / "graph.nq"
        if previous_store.is_dir() and previous_nq.is_file():
            try:
                return {"store": update_store(previous_store, previous_nq, Path(nquads),
                                              record.out_dir)}
            except (OSError, SyntaxError, ValueError):
                pass  # an unreadable previous store: load the new one whole
    return {"store": write_store_from_outputs(trig, turtle, record.out_dir, nquads)}
