"""The incremental-build cache: one document's :class:`~hrkg.tasks.DocumentOutcome` per
input file, in ``<out>/.cache/documents/`` (beside the outputs, so it survives a new
output generation).

An entry's key is the sha256 of the file's bytes, its path (IRIs are made from it), its
catalog entry, the build root, the reading limits and the *fingerprint* of the code and data that
extraction depends on: the hrkg version and the sha256 of every vocabulary, pattern and
source file of ``hrkg.extract``, ``hrkg.graph`` and ``hrkg.exports``. A file whose key is
found is not read again; ``hrkg build --force`` ignores the cache. Entries not used by a
build are removed at its end, so the cache follows the inputs.

An entry is two files: ``<key>``, the outcome without its quads (pickled), and
``<key>.run``, its quads' sort lines already sorted (:func:`hrkg.exports.sorted_rdf.
run_lines`), which the build merges as they are (``QuadSorter.add_run``): a rebuild
neither unpickles nor sorts the lines of an unchanged document. Beside the run, the files
its output layout reads, made by the task (``DocumentOutcome.beside``): its subject index
(``<key>.run.subjects``, :mod:`hrkg.exports.blocks`) or its shard's files
(``<key>.run.quads`` …, :mod:`hrkg.exports.shards`); and
``<key>.align``, the document's alignment record, which the outcome names (a
:class:`~hrkg.extract.align.StoredAlignment`) and a rebuild reads only to align a pair of
language versions again.
"""

from __future__ import annotations

import copy
import hashlib
import pickle
import stat
import zlib
from dataclasses import replace
from functools import cache
from pathlib import Path

from hrkg import __version__
from hrkg.core.atomic import atomic_open
from hrkg.core.generations import TMP_SUFFIX
from hrkg.exports.sorted_rdf import run_lines
from hrkg.extract.align import AlignmentRecord, StoredAlignment
from hrkg.extract.reading.catalog import CatalogEntry
from hrkg.extract.reading.limits import InputLimits
from hrkg.tasks import DocumentOutcome

CACHE_DIR = ".cache"
RUN_SUFFIX = ".run"
ALIGN_SUFFIX = ".align"
_PACKAGES = ("hrkg.extract", "hrkg.graph", "hrkg.exports")


@cache
def fingerprint() -> str:
    """The hrkg version and the hash of the code and data extraction depends on."""
    import importlib

    digest = hashlib.sha256(__version__.encode())
    for name in _PACKAGES:
        root = Path(importlib.import_module(name).__file__ or "").parent
        for path in sorted(p for p in root.rglob("*") if p.suffix in (".py", ".yaml")):
            digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    digest.update(Path(__file__).with_name("tasks.py").read_bytes())
    return digest.hexdigest()


class DocumentCache:
    """Outcomes of earlier builds, keyed by what made them."""

    def __init__(self, folder: Path, *, enabled: bool = True) -> None:
        self.folder = folder / "documents"
        self.enabled = enabled
        self.used: set[str] = set()

    def key(self, path: Path, entry: CatalogEntry | None, limits: InputLimits,
            root: Path | None = None) -> str:
        """The key of ``path`` as it is now (reads the file to hash it); ``""`` for a file
        the cache leaves to the task (not a regular file, over the size cap, unreadable)."""
        digest = hashlib.sha256()
        try:
            if not stat.S_ISREG(path.stat().st_mode) or path.stat().st_size > limits.max_bytes:
                return ""
            with path.open("rb") as handle:
                read = 0
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
                    read += len(block)
                    if read > limits.max_bytes:
                        return ""
        except OSError:
            return ""
        parts = (fingerprint(), digest.hexdigest(), str(path.absolute()), str(root),
                 repr(entry), repr(limits))
        key = hashlib.sha256("\0".join(parts).encode()).hexdigest()
        self.used.add(key)
        return key

    def get(self, key: str, index: int, path: Path) -> DocumentOutcome | None:
        if not self.enabled:
            return None
        run = self.folder / (key + RUN_SUFFIX)
        try:
            outcome = pickle.loads(zlib.decompress((self.folder / key).read_bytes()))
        except (OSError, zlib.error, pickle.UnpicklingError, EOFError, AttributeError):
            return None  # absent, or written by another version: extract again
        if not isinstance(outcome, DocumentOutcome) or not run.is_file():
            return None
        if isinstance(outcome.alignment, StoredAlignment):  # beside the outcome, wherever it is
            kept = self.folder / (key + ALIGN_SUFFIX)
            if not kept.is_file():
                return None
            outcome.alignment = replace(outcome.alignment, path=str(kept))
        outcome.index, outcome.path, outcome.cached = index, str(path), True
        outcome.run = str(run)
        return outcome

    def put(self, key: str, outcome: DocumentOutcome) -> None:
        """Keep a successful outcome (errors are retried by the next build); its lines
        move to its sorted run, which ``outcome.run`` names from then on."""
        if not outcome.ok:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        run = self.folder / (key + RUN_SUFFIX)
        with atomic_open(run) as handle:
            handle.writelines(run_lines(outcome.lines))
        for suffix, content in outcome.beside.items():  # made by the task, in its order
            with atomic_open(run.with_name(run.name + suffix), "wb") as handle:
                handle.write(content)
        outcome.beside = {}
        stored = copy.copy(outcome)  # this build aligns with the record in memory
        stored.lines = []
        if isinstance(outcome.alignment, AlignmentRecord):
            stored.alignment = StoredAlignment.keep(outcome.alignment,
                                                    self.folder / (key + ALIGN_SUFFIX))
        with atomic_open(self.folder / key, "wb") as handle:
            handle.write(zlib.compress(pickle.dumps(stored, pickle.HIGHEST_PROTOCOL), 1))
        outcome.lines = []
        outcome.run = str(run)

    def prune(self) -> None:
        """Remove the entries this build did not use (files removed or changed): their
        outcome, run, alignment record, and the files kept beside the run (``<key>.run.*``)."""
        prune_entries(self.folder, self.used)


def prune_entries(folder: Path, used: set[str]) -> None:
    """Remove from a cache folder the entries whose key (the name up to its first dot) is
    not in ``used``, and the temporary files (``.<name>.<random>.tmp``) of a build killed
    while writing one; other hidden files stay. Run under the build lock, after the
    build's last write, so no temporary file is still being written."""
    if not folder.is_dir():
        return
    for entry in folder.iterdir():
        name = entry.name
        stale = name.endswith(TMP_SUFFIX) if name.startswith(".") \
            else name.split(".", 1)[0] not in used
        if stale:
            entry.unlink(missing_ok=True)
