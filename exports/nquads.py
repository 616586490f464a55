"""The N-Quads writer: ``graph.nq``, every quad of ``graph.trig`` on one line, sorted.

N-Quads is the plainest exchange format of a dataset: one quad a line, full IRIs, no
prefixes, so any store's bulk loader reads it and ``sort``/``diff`` work on it. Every
triple sits in exactly one named graph (the dataset layout, docs/LOADING.md); lines
are sorted by code point, so the same graph always gives the same bytes.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from hrkg.core.atomic import LARGE_BUFFER, atomic_open
from hrkg.exports.blocks import (
    GraphBlocks,
    allow_open_files,
    item_lines,
    merge_by_subject,
    nquads_items,
)
from hrkg.exports.record import BuildRecord
from hrkg.exports.sorted_rdf import QuadSorter

NAME = "nq"
FILES = ("graph.nq",)


def nquads_lines(trig: Path) -> Iterator[str]:
    """The N-Quads lines of a TriG file, sorted, each with its final `` .`` (no line end),
    by an external merge sort (bounded memory whatever the graph's size)."""
    sorter = QuadSorter()
    for quad in ox.parse(path=str(trig), format=ox.RdfFormat.TRIG):
        sorter.add((f"{quad} .",))
    return sorter.merged()


def write_nquads(trig: Path, path: Path) -> int:
    """Write ``path`` from ``trig``; return the number of quads."""
    count = 0
    with atomic_open(path, buffering=LARGE_BUFFER) as handle:
        for line in nquads_lines(trig):
            handle.write(f"{line}\n")
            count += 1
    return count


def write_merged(blocks: GraphBlocks, path: Path) -> int:
    """Write ``path`` from the graphs the turtle writer wrote apart (``blocks.rest``) and
    the N-Quads of the document blocks (cached: :func:`~hrkg.exports.blocks.nquads_run`),
    merged subject by subject: a subject of one block only is copied whole."""
    sorter = QuadSorter()
    for quad in ox.parse(path=str(blocks.rest), format=ox.RdfFormat.TRIG):
        sorter.add((f"{quad} .",))
    grouped = itertools.groupby(sorter.merged(), key=lambda line: line[: line.index(" ")])
    allow_open_files(len(blocks.nq_runs))
    sources: list[Iterator[tuple[str, int, Any]]] = [
        nquads_items(number, run) for number, run in enumerate(blocks.nq_runs)]
    sources.append((subject, -1, list(group)) for subject, group in grouped)
    count = 0
    try:
        with atomic_open(path, "wb", buffering=LARGE_BUFFER) as handle:
            merged = merge_by_subject(sources)
            for _, group in itertools.groupby(merged, key=lambda item: item[0]):
                items = list(group)
                if len(items) == 1 and items[0][1] >= 0:
                    lines = item_lines(items[0][2])
                    handle.write(lines)
                    count += lines.count(b"\n")
                    continue
                union: set[str] = set()
                for _, number, payload in items:
                    union.update(payload if number < 0 else
                                 item_lines(payload).decode("utf-8").split("\n")[:-1])
                handle.write("".join(f"{line}\n" for line in sorted(union)).encode("utf-8"))
                count += len(union)
    finally:
        blocks.close()
    return count


def write(record: BuildRecord) -> dict[str, Path]:
    """The writer: ``graph.nq`` from the ``graph.trig`` the turtle writer wrote (of a
    streamed build: from its graphs written apart and its document blocks' runs)."""
    trig = record.outputs.get("trig")
    if trig is None:
        raise ValueError("the N-Quads writer reads graph.trig: run 'turtle' first")
    path = record.out_dir / FILES[0]
    blocks = getattr(record.quads, "blocks", None)
    if blocks is not None and blocks.rest is not None and blocks.rest.is_file():
        write_merged(blocks, path)
    else:
        write_nquads(Path(trig), path)
    return {"nq": path}
