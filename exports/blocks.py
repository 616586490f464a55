"""The graph blocks of cached documents: each document graph's text in ``graph.trig`` and
its lines of ``graph.nq``, kept beside the document's cached sorted run, so that a
rebuild copies them instead of rendering and sorting the graphs of unchanged documents.

A document's graph holds its own quads less the triples an earlier graph states (the
builder's :func:`~hrkg.graph.builder.graph_precedence`); the first pass of
:func:`hrkg.exports.sorted_rdf.write_sorted_files` notes, for each such graph, which of its
triples were dropped. A kept block is reused only when it was made with the same dropped
triples (their sha256 is stored with it), so the bytes are those a full render gives.
Files beside the run ``R``: ``R.trig`` (the block), ``R.nq`` (its N-Quads lines, sorted,
as a run), ``R.digest`` (written last, removed first: the blocks are valid only with it).
"""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path
from typing import IO

from hrkg.core.atomic import atomic_open

SEP = "\x00"


class GraphBlocks:
    """The document graphs a build takes from cached runs (graph text -> run), their
    dropped triples, and the N-Quads runs of their blocks for the ``nq`` writer."""

    def __init__(self, runs: dict[str, Path]) -> None:
        self.runs = runs
        self.dropped: dict[str, list[str]] = {graph: [] for graph in runs}
        self.nq_runs: list[Path] = []  # the N-Quads runs of the blocks written
        self.rendered = 0  # blocks rendered (not reused) by this build
        self._folder: tempfile.TemporaryDirectory[str] | None = None
        self.rest: Path | None = None  # TriG of every other graph (parsed by the nq writer)

    def owns(self, graph: str) -> bool:
        return graph in self.runs

    def drop(self, graph: str, triple: str) -> None:
        """Note that ``triple`` (``s NUL p NUL o``) does not stay in ``graph``."""
        self.dropped[graph].append(triple)

    def open_rest(self, heads: list[str]) -> IO[str]:
        """The file the other graphs' TriG is written to (its prefixes first)."""
        self._folder = tempfile.TemporaryDirectory(prefix="hrkg-blocks-")
        self.rest = Path(self._folder.name) / "rest.trig"
        handle = self.rest.open("w", encoding="utf-8")
        handle.write("\n".join(heads) + "\n\n")
        return handle

    def block(self, graph: str, heads: list[str]) -> str:
        """The TriG block of ``graph`` (``""`` when none of its triples stays)."""
        run = self.runs[graph]
        dropped = self.dropped[graph]
        digest = hashlib.sha256("\n".join(dropped).encode()).hexdigest()
        trig, nq, stamp = (run.with_name(run.name + suffix)
                           for suffix in (".trig", ".nq", ".digest"))
        try:
            if stamp.read_text(encoding="ascii") == digest:
                text = trig.read_text(encoding="utf-8")
                if text:
                    self.nq_runs.append(nq)
                return text
        except OSError:
            pass
        text = render_block(run, graph, set(dropped))
        stamp.unlink(missing_ok=True)
        with atomic_open(trig) as handle:
            handle.write(text)
        with atomic_open(nq) as handle:
            handle.writelines(nquads_run(heads, text))
        with atomic_open(stamp) as handle:
            handle.write(digest)
        self.rendered += 1
        if text:
            self.nq_runs.append(nq)
        return text

    def close(self) -> None:
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None


def render_block(run: Path, graph: str, dropped: set[str]) -> str:
    """The TriG text of ``graph`` from the sort lines of ``run`` less ``dropped``."""
    from hrkg.exports.sorted_rdf import subject_blocks

    rows = []
    with run.open(encoding="utf-8") as handle:
        for line in handle:
            s, p, o, _, name = line[:-1].split(SEP)
            if name == graph and f"{s}{SEP}{p}{SEP}{o}" not in dropped:
                rows.append([s, p, o])
    if not rows:
        return ""
    return f"{graph} {{\n" + "\n".join(subject_blocks(rows, "    ")) + "\n}\n"


def nquads_run(heads: list[str], block: str) -> list[str]:
    """The N-Quads lines of a TriG ``block`` (with the prefixes ``heads``), as a run."""
    import pyoxigraph as ox

    if not block:
        return []
    text = "\n".join(heads) + "\n\n" + block
    lines = sorted({f"{quad} .\n" for quad in ox.parse(input=text.encode(),
                                                       format=ox.RdfFormat.TRIG)})
    return lines
