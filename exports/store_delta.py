"""The store of an incremental build: the previous build's store, changed in place.

Reloading every quad after one document changed is most of an incremental build's time
on a large corpus. Both builds wrote ``graph.nq`` (sorted N-Quads), so the change is
the difference of two sorted files: read side by side, grouped by subject, the groups
that differ are the only ones parsed. Their quads are removed from or added to the
named graphs, and the triples that left or joined the RDF merge from or to the default
graph (the store holds the merge there: :mod:`hrkg.sparql.store`). The previous store
is copied first by an Oxigraph backup (RocksDB checkpoint: hard links), so the
published store is never written and stays whole until the new generation replaces it.
"""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from hrkg.sparql.store import STORE_DIR

Triple = tuple[ox.NamedNode | ox.BlankNode, ox.NamedNode, ox.NamedNode | ox.BlankNode | ox.Literal]


def _by_subject(path: Path) -> Iterator[tuple[bytes, list[bytes]]]:
    """The lines of a sorted N-Quads file, grouped by their subject's text."""
    with path.open("rb") as handle:
        yield from ((subject, list(lines)) for subject, lines
                    in itertools.groupby(handle, key=lambda line: line.split(b" ", 1)[0]))


def _quads(lines: list[bytes]) -> set[ox.Quad]:
    return set(ox.parse(input=b"".join(lines), format=ox.RdfFormat.N_QUADS))


def _triples(quads: set[ox.Quad]) -> set[Triple]:
    return {(q.subject, q.predicate, q.object) for q in quads}  # type: ignore[misc]


def changed_groups(old: Path, new: Path) -> Iterator[tuple[list[bytes], list[bytes]]]:
    """The (old lines, new lines) of every subject whose lines differ between two sorted
    N-Quads files (a subject only in one file has ``[]`` in the other)."""
    old_groups, new_groups = _by_subject(old), _by_subject(new)
    a, b = next(old_groups, None), next(new_groups, None)
    while a is not None or b is not None:
        if b is None or (a is not None and a[0] < b[0]):
            yield a[1], []  # type: ignore[index]
            a = next(old_groups, None)
        elif a is None or b[0] < a[0]:
            yield [], b[1]
            b = next(new_groups, None)
        else:
            if a[1] != b[1]:
                yield a[1], b[1]
            a, b = next(old_groups, None), next(new_groups, None)


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


def update_store(previous_store: Path, previous_nq: Path, new_nq: Path, out_dir: Path) -> Path:
    """``out_dir/store``: a copy of ``previous_store`` changed from ``previous_nq`` to
    ``new_nq``. Raises (``OSError``, ``SyntaxError``…) when that cannot be done; the
    caller then loads the store whole."""
    target = Path(out_dir) / STORE_DIR
    partial = Path(out_dir) / f".{STORE_DIR}.delta.tmp"
    shutil.rmtree(partial, ignore_errors=True)
    try:
        ox.Store.read_only(str(previous_store)).backup(str(partial))
        store = ox.Store(str(partial))
        apply_delta(store, previous_nq, new_nq)
        store.flush()
        del store  # closes RocksDB before the folder moves
        partial.rename(target)
    finally:
        shutil.rmtree(partial, ignore_errors=True)
    return target
