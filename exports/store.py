"""The store writer: ``store/``, the Oxigraph store that ``hrkg query`` and ``hrkg serve`` open,
bulk-loaded from the Turtle and TriG files the ``turtle`` writer has just written."""

from __future__ import annotations

from pathlib import Path

from hrkg.exports.record import BuildRecord
from hrkg.sparql.store import write_store_from_outputs

NAME = "store"
FILES = ("store",)


def write(record: BuildRecord) -> dict[str, Path]:
    trig, turtle = record.outputs.get("trig"), record.outputs.get("turtle")
    if trig is None or turtle is None:
        raise ValueError("the store writer loads graph.trig and graph.ttl: run 'turtle' first")
    return {"store": write_store_from_outputs(trig, turtle, record.out_dir,
                                              record.outputs.get("nq"))}
