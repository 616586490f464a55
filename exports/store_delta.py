"""The store of an incremental build: the previous build's store, changed in place.

Reloading every quad after one document changed is most of an incremental build's time
on a large corpus. Both builds wrote ``graph.nq`` (sorted N-Quads), so the change is
the difference of two sorted files (:func:`changed_groups`: compared a block of bytes at a
time where they agree, subject by subject around a difference); the subjects whose lines
differ are the only ones parsed. Their quads are removed from or added to the
named graphs, and the triples that left or joined the RDF merge from or to the default
graph (the store holds the merge there: :mod:`hrkg.sparql.store`). The previous store
is copied first by an Oxigraph backup (RocksDB checkpoint: hard links), so the
published store is never written and stays whole until the new generation replaces it.
"""

from __future__ import annotations

import mmap
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from hrkg.graph.files import shard_files
from hrkg.sparql.store import STORE_DIR, store_path

Triple = tuple[ox.NamedNode | ox.BlankNode, ox.NamedNode, ox.NamedNode | ox.BlankNode | ox.Literal]


# Bytes compared at a time while both files agree: most of two successive graph.nq are the
# same bytes (a changed document moves a few subjects), so they are compared in blocks and
# only the subjects around a difference are read line by line.
BLOCK = 1 << 16  # below malloc's mmap threshold: a larger slice costs fresh pages each time


def _common_length(old: mmap.mmap, i: int, new: mmap.mmap, j: int) -> int:
    """How many bytes ``old[i:]`` and ``new[j:]`` have in common from their start."""
    same = 0
    size = BLOCK
    while size:
        if old[i + same:i + same + size] == new[j + same:j + same + size]:
            if i + same + size >= len(old) or j + same + size >= len(new):
                return same + min(len(old) - i - same, len(new) - j - same, size)
            same += size
        elif size > 1:
            size //= 2  # narrow down to the first byte that differs
        else:
            return same
    return same


def _group(data: mmap.mmap, start: int) -> tuple[bytes, list[bytes], int]:
    """The subject, lines and end of the subject group that begins at ``start``."""
    subject = b""
    lines: list[bytes] = []
    position = start
    while position < len(data):
        end = data.find(b"\n", position) + 1 or len(data)
        line = data[position:end]
        head = line.split(b" ", 1)[0]
        if lines and head != subject:
            break
        subject = head
        lines.append(line)
        position = end
    return subject, lines, position


def _group_start(data: mmap.mmap, floor: int, position: int) -> int:
    """The start of the subject group of the last whole line before ``position`` (not
    before ``floor``, itself a group start)."""
    start = max(data.rfind(b"\n", floor, position) + 1, floor)  # the line of ``position``
    subject = None
    while start > floor:
        before = max(data.rfind(b"\n", floor, start - 1) + 1, floor)
        head = data[before:data.find(b" ", before)]
        if subject is not None and head != subject:
            break
        subject, start = head, before
    return start


def changed_groups(old: Path, new: Path) -> Iterator[tuple[list[bytes], list[bytes]]]:
    """The (old lines, new lines) of every subject whose lines differ between two sorted
    N-Quads files (a subject only in one file has ``[]`` in the other). Where the files
    agree they are compared a block at a time; around a difference, subject by subject,
    until a subject is the same in both again."""
    with old.open("rb") as a_file, new.open("rb") as b_file:
        if old.stat().st_size == 0 or new.stat().st_size == 0:
            yield from _changed_by_line(a_file, b_file)
            return
        with mmap.mmap(a_file.fileno(), 0, access=mmap.ACCESS_READ) as a, \
                mmap.mmap(b_file.fileno(), 0, access=mmap.ACCESS_READ) as b:
            i = j = 0  # both at the start of a subject group
            while i < len(a) or j < len(b):
                same = _common_length(a, i, b, j)
                if i + same == len(a) and j + same == len(b):
                    return
                start = _group_start(a, i, i + same)
                i, j = start, j + (start - i)
                while i < len(a) or j < len(b):  # subject by subject until one agrees
                    x = _group(a, i) if i < len(a) else None
                    y = _group(b, j) if j < len(b) else None
                    if y is None or (x is not None and x[0] < y[0]):
                        yield x[1], []  # type: ignore[index]
                        i = x[2]  # type: ignore[index]
                    elif x is None or y[0] < x[0]:
                        yield [], y[1]
                        j = y[2]
                    else:
                        i, j = x[2], y[2]
                        if x[1] == y[1]:
                            break
                        yield x[1], y[1]


def _changed_by_line(old: IO[bytes], new: IO[bytes]
                     ) -> Iterator[tuple[list[bytes], list[bytes]]]:
    """:func:`changed_groups` of files one of which is empty (mmap needs bytes)."""
    a, b = old.readlines(), new.readlines()
    if a or b:
        yield a, b


def _quads(lines: list[bytes]) -> set[ox.Quad]:
    return set(ox.parse(input=b"".join(lines), format=ox.RdfFormat.N_QUADS))


def _triples(quads: set[ox.Quad]) -> set[Triple]:
    return {(q.subject, q.predicate, q.object) for q in quads}  # type: ignore[misc]


def apply_delta(store: ox.Store, old: Path, new: Path) -> int:
    """Change ``store`` (the store of ``old``) into the store of ``new``; return the
    number of quads removed and added."""
    default = ox.DefaultGraph()
    changes = 0
    for old_lines, new_lines in changed_groups(old, new):
        before, after = _quads(old_lines), _quads(new_lines)
        gone, came = before - after, after - before
        for quad in gone:
            if quad.graph_name != default:
                store.remove(quad)
        store.extend(q for q in came if q.graph_name != default)
        merged_before, merged_after = _triples(before), _triples(after)
        for s, p, o in merged_before - merged_after:
            store.remove(ox.Quad(s, p, o, default))
        store.extend(ox.Quad(s, p, o, default) for s, p, o in merged_after - merged_before)
        changes += len(gone) + len(came)
    return changes


def changed_shards(old: Path, new: Path) -> Iterator[tuple[list[bytes], list[bytes]]]:
    """The lines of each shard (a file of a ``quads/`` folder) that differs between the
    folders ``old`` and ``new``: before and after. A shard that is the same file in both
    (a hard link of one cache entry) is not read."""
    names = sorted({path.relative_to(folder) for folder in (old, new)
                    for path in shard_files(folder)})
    for name in names:
        before, after = old / name, new / name
        if before.is_file() and after.is_file() and before.samefile(after):
            continue
        lines = [path.read_bytes().splitlines(keepends=True) if path.is_file() else []
                 for path in (before, after)]
        if lines[0] != lines[1]:
            yield lines[0], lines[1]


def apply_changes(store: ox.Store, changes: Iterator[tuple[list[bytes], list[bytes]]]
                  ) -> int:
    """Change ``store`` by ``changes`` (lines before and after of quads, a triple in one
    graph at most); return the number of quads removed and added."""
    default = ox.DefaultGraph()
    gone: set[ox.Quad] = set()
    came: set[ox.Quad] = set()
    for old_lines, new_lines in changes:
        before, after = _quads(old_lines), _quads(new_lines)
        gone |= before - after
        came |= after - before
    for quad in gone:
        store.remove(quad)
    store.extend(came)
    left, joined = _triples(gone), _triples(came)
    for s, p, o in left - joined:
        store.remove(ox.Quad(s, p, o, default))
    store.extend(ox.Quad(s, p, o, default) for s, p, o in joined - left)
    return len(gone) + len(came)


def update_store(previous_store: Path, previous_nq: Path, new_nq: Path, out_dir: Path) -> Path:
    """``out_dir/store``: a copy of ``previous_store`` changed from ``previous_nq`` to
    ``new_nq`` (two ``graph.nq``, or two ``quads/`` folders of shards). Raises
    (``OSError``, ``RuntimeError`` for a corrupt store…) when that cannot be done; the
    caller then loads the store whole."""
    target = store_path(out_dir)
    partial = Path(out_dir) / f".{STORE_DIR}.delta.tmp"
    shutil.rmtree(partial, ignore_errors=True)
    try:
        ox.Store.read_only(str(previous_store)).backup(str(partial))
        store = ox.Store(str(partial))
        if Path(new_nq).is_dir():
            apply_changes(store, changed_shards(Path(previous_nq), Path(new_nq)))
        else:
            apply_delta(store, previous_nq, new_nq)
        store.flush()
        del store  # closes RocksDB before the folder moves
        partial.rename(target)
    finally:
        shutil.rmtree(partial, ignore_errors=True)
    return target
