"""Export a built graph in the formats other stores and tools read as they are.

Formats (one or more --format, or a comma-separated list):
  nq        graph.nq          N-Quads: every triple in exactly one named graph, sorted
  jsonld    graph.jsonld      JSON-LD compacted with hrkg's context (+ context.jsonld)
  graphml   network.graphml   the entity network (documents, entities, relations,
  gexf      network.gexf        mentions, co-mentions) for Gephi, Cytoscape, yEd
  csv       nodes.csv, edges.csv   the same network as tables (UTF-8 with BOM, for Excel)
  void      void.ttl, ontology/    VoID/DCAT description (counts, license, sources, build)
                                   with the ontology and SHACL shapes
  all       every format above

The graph is read from the output folder of 'hrkg build' (--graph, default ./out: its
graph.trig; of a build with --layout shards, its quads/ folder, from which graph.ttl and
graph.trig are written to DIR first); the files go to -o DIR (default ./export). Load the
RDF files as the union of their named graphs (docs/LOADING.md). 'hrkg build --formats
jsonld,csv' writes the same files beside the graph.

Examples:
  hrkg export --format gexf --format csv
  hrkg export --format all --graph big-out -o big-export
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pyoxigraph as ox
from rdflib import Literal, URIRef

from hrkg.core.errors import HrkgError
from hrkg.core.paths import DEFAULT_OUT
from hrkg.exports.record import BuildRecord
from hrkg.exports.registry import FORMATS, writers
from hrkg.graph.quads import QuadSet

EXPORT_FORMATS = ("nq", *FORMATS)
DEFAULT_EXPORT = Path("export")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", dest="formats", action="append", required=True,
                        metavar="FORMAT", help=f"{'|'.join(EXPORT_FORMATS)}|all "
                        "(repeat or separate with commas)")
    parser.add_argument("--graph", type=Path, default=DEFAULT_OUT, metavar="OUT",
                        help="output folder of 'hrkg build' (default: ./out)")
    parser.add_argument("-o", "--out", type=Path, default=DEFAULT_EXPORT, metavar="DIR",
                        help="folder to write the files into (default: ./export)")


def chosen_formats(values: list[str]) -> list[str]:
    """The formats named in ``--format`` values (``all``: every one); one-line error else."""
    names = [name.strip() for value in values for name in value.split(",") if name.strip()]
    if "all" in names:
        return list(EXPORT_FORMATS)
    unknown = [name for name in names if name not in EXPORT_FORMATS]
    if unknown:
        raise HrkgError(f"unknown format {', '.join(unknown)} "
                        f"(known: {', '.join(EXPORT_FORMATS)}, all)")
    return list(dict.fromkeys(names))


def _term(term: ox.NamedNode | ox.Literal) -> URIRef | Literal:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def read_quads(trig: Path) -> QuadSet:
    """The dataset of a built ``graph.trig`` (hrkg graphs have no blank nodes)."""
    dataset = QuadSet()
    try:
        for quad in ox.parse(path=str(trig), format=ox.RdfFormat.TRIG):
            graph = dataset.graph(URIRef(quad.graph_name.value)) \
                if isinstance(quad.graph_name, ox.NamedNode) else dataset.default_graph
            graph.add((URIRef(quad.subject.value), URIRef(quad.predicate.value),
                       _term(quad.object)))
    except (SyntaxError, ValueError) as error:
        raise HrkgError(f"{trig}: cannot read as TriG: {str(error).splitlines()[0]}") from None
    return dataset


def export(graph_dir: Path, out: Path, formats: list[str]) -> dict[str, Path]:
    """Write ``formats`` of the build in ``graph_dir`` into ``out``; what was written."""
    trig, turtle, shards = (graph_dir / name for name in ("graph.trig", "graph.ttl", "quads"))
    if not trig.is_file() and not shards.is_dir():
        raise HrkgError(f"{trig}: no such file (run 'hrkg build' first)")
    if out.exists() and not out.is_dir():
        raise HrkgError(f"-o {out}: is a file, not a folder")
    out.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    if not trig.is_file():  # a shards build: its graph.ttl and graph.trig made here first
        from hrkg.exports.shards import write_sorted_from_shards

        trig, turtle = out / "graph.trig", out / "graph.ttl"
        write_sorted_from_shards(shards, turtle, trig)
        written.update(turtle=turtle, trig=trig)
    # the graph is read whole only for a writer that asks (graph.nq is sorted from the file)
    record = BuildRecord(out_dir=out, load_graph=lambda: read_quads(trig),
                         outputs={"trig": trig, "turtle": turtle})
    for writer in writers(formats):
        files = writer.write(record)
        record.outputs.update(files)
        written.update(files)
    return written


def run(args: argparse.Namespace) -> int:
    written = export(args.graph, args.out, chosen_formats(args.formats))
    for name, path in written.items():
        print(f"{name}: {path}")
    return 0
