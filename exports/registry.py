"""The output writers a build runs, in order: a registry in the manner of rdflib's plugins.

Each writer is one module of ``hrkg.exports`` that defines

* ``NAME``: the writer's name (``hrkg build`` options and ``report.json`` use it),
* ``FILES``: the files or folders it writes in the output folder,
* ``write(record) -> dict[str, Path]``: writes them from the :class:`BuildRecord` and
  returns what it wrote (output name -> path), which the build adds to ``record.outputs``,
* optionally ``TIMING``: the key of its time in ``report.json`` (default: ``NAME``; ``None``
  for a writer that is not timed, like the report, which records the timings),
* optionally ``begin(record)``: called before any writer of the build writes, for a writer
  that works alongside another (the store loads what the turtle writer writes, as it
  writes it). What it starts is closed by the build if the writers fail.

:data:`WRITERS` lists them in the order the build runs them; modules are imported only
when their writer runs (pyvis, pyoxigraph are not loaded for a build without map or store).
Adding a format is one module and one line here: in :data:`WRITERS` if every build
writes it, in :data:`FORMATS` if only ``hrkg build --formats`` and ``hrkg export`` do.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from hrkg.core.errors import HrkgError
from hrkg.exports.record import BuildRecord

# name -> module, in build order: the RDF files first (the store loads them), the report last
WRITERS: dict[str, str] = {
    "turtle": "hrkg.exports.turtle",  # graph.ttl + graph.trig
    "nq": "hrkg.exports.nquads",      # graph.nq (N-Quads, sorted)
    "shards": "hrkg.exports.shards",  # quads/ (N-Quads a graph: large builds, instead of both)
    "store": "hrkg.exports.store",    # store/ (Oxigraph, for hrkg query/serve)
    "sentences": "hrkg.exports.sentences",  # sentences.json (mention sentences for hrkg serve)
    "map": "hrkg.exports.map",        # map.html
    "report": "hrkg.exports.report",  # report.json (reads what the others wrote)
}
# formats written only on request (hrkg build --formats, hrkg export), before the report
FORMATS: dict[str, str] = {
    "jsonld": "hrkg.exports.jsonld",    # graph.jsonld + context.jsonld (compacted JSON-LD)
    "graphml": "hrkg.exports.graphml",  # network.graphml (entity network)
    "gexf": "hrkg.exports.gexf",        # network.gexf (entity network, GEXF 1.3)
    "csv": "hrkg.exports.tables",       # nodes.csv + edges.csv (UTF-8 with BOM)
    "void": "hrkg.exports.void",        # void.ttl + ontology/ (VoID/DCAT, ontology, shapes)
}
ORDER: tuple[str, ...] = (*(n for n in WRITERS if n != "report"), *FORMATS, "report")
# the writers of the whole graph each output layout leaves out (hrkg build --layout)
LAYOUTS: dict[str, tuple[str, ...]] = {"files": ("shards",), "shards": ("turtle", "nq")}
SHARDS_FROM = 1000  # input files from which the layout "auto" is "shards"


def layout_for(layout: str, documents: int) -> str:
    """The layout a build of ``documents`` input files writes (``auto``: files below
    :data:`SHARDS_FROM`, shards from there on)."""
    if layout == "auto":
        return "shards" if documents >= SHARDS_FROM else "files"
    if layout not in LAYOUTS:
        raise HrkgError(f"unknown layout {layout!r} (known: auto, {', '.join(LAYOUTS)})")
    return layout


@dataclass(frozen=True)
class Writer:
    """A loaded writer module."""

    name: str
    files: tuple[str, ...]
    write: Callable[[BuildRecord], dict[str, Path]]
    timing: str | None
    begin: Callable[[BuildRecord], None] | None = None


def load(name: str) -> Writer:
    """The writer registered as ``name``."""
    module_name = WRITERS.get(name) or FORMATS.get(name)
    if module_name is None:
        raise HrkgError(f"unknown output {name!r} (known: {', '.join(ORDER)})")
    module = importlib.import_module(module_name)
    if getattr(module, "NAME", None) != name:
        raise HrkgError(f"{module_name}: NAME is not {name!r}")
    return Writer(name=name, files=tuple(module.FILES), write=module.write,
                  timing=getattr(module, "TIMING", name), begin=getattr(module, "begin", None))


def writers(names: Iterable[str] | None = None) -> list[Writer]:
    """The writers named (default: those of every build), in :data:`ORDER` whatever the
    order given."""
    wanted = set(WRITERS if names is None else names)
    unknown = sorted(wanted - set(ORDER))
    if unknown:
        raise HrkgError(f"unknown output {', '.join(unknown)} (known: {', '.join(ORDER)})")
    return [load(name) for name in ORDER if name in wanted]
