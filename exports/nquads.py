"""The N-Quads writer: ``graph.nq``, every quad of ``graph.trig`` on one line, sorted.

N-Quads is the plainest exchange format of a dataset: one quad a line, full IRIs, no
prefixes, so any store's bulk loader reads it and ``sort``/``diff`` work on it. Every
triple sits in exactly one named graph (the dataset layout, docs/LOADING.md); lines
are sorted by code point, so the same graph always gives the same bytes.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from hrkg.core.atomic import atomic_open
from hrkg.exports.record import BuildRecord

NAME = "nq"
FILES = ("graph.nq",)


def nquads_lines(trig: Path) -> list[str]:
    """The N-Quads lines of a TriG file, sorted, each with its final `` .``."""
    quads = ox.parse(path=str(trig), format=ox.RdfFormat.TRIG)
    return sorted(f"{quad} .\n" for quad in quads)


def write_nquads(trig: Path, path: Path) -> int:
    """Write ``path`` from ``trig``; return the number of quads."""
    lines = nquads_lines(trig)
    with atomic_open(path) as handle:
        handle.writelines(lines)
    return len(lines)


def write(record: BuildRecord) -> dict[str, Path]:
    """The writer: ``graph.nq`` from the ``graph.trig`` the turtle writer wrote."""
    trig = record.outputs.get("trig")
    if trig is None:
        raise ValueError("the N-Quads writer reads graph.trig: run 'turtle' first")
    path = record.out_dir / FILES[0]
    write_nquads(Path(trig), path)
    return {"nq": path}
