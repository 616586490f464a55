"""Draw an interactive HTML map of a built graph: one self-contained file that works offline.

Three views:
  overview (default)       the whole graph, pruned to the --max-nodes most connected nodes
  --focus ENTITY           one entity's neighbourhood, --hops deep; ENTITY is a Chinese or
                           English label, an alias, an identifier (A/RES/70/1, 16.8) or a URI
  --doc FILE               one document and everything it mentions (file name, symbol or URI)

Colour and shape show the class (legend on the right; --colour community colours Louvain
communities instead, switchable in the page); node size is the degree (number of distinct
neighbours). Typed relations are solid labelled arrows whose tooltip quotes the evidence
sentence; co-mentions (sentences of the corpus naming both entities, as counted in the graph
and report.json) are thin grey lines, thicker with more sentences (only each node's
--edges-per-node strongest are drawn). Physics lays the map out, then freezes; drag nodes
freely. Hover or click for details; the search box finds a node by name, alias or symbol.

Examples:
  hrkg map                                   # out/graph.trig -> out/map.html
  hrkg map --focus 人权理事会 --hops 2
  hrkg map --doc A-HRC-44-28.txt --types Actor,Resolution,Instrument
  hrkg map --graph big-out --max-nodes 800 --min-weight 3 -o big.html
"""

from __future__ import annotations

import argparse
from pathlib import Path

from rdflib import Graph

from hrkg.core.errors import HrkgError
from hrkg.core.paths import DEFAULT_OUT
from hrkg.graph.files import open_built_graph
from hrkg.graph.uris import slug
from hrkg.maps.draw import render_map
from hrkg.maps.project import project
from hrkg.maps.view import (
    DEFAULT_EDGES_PER_NODE,
    DEFAULT_HOPS,
    DEFAULT_MAX_NODES,
    MapView,
    parse_types,
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--graph", type=Path, default=DEFAULT_OUT, metavar="DIR",
                        help="output folder of 'hrkg build' (reads graph.trig, else graph.ttl), "
                             "or an RDF file (default: ./out)")
    parser.add_argument("-o", "--output", type=Path, metavar="FILE",
                        help="HTML file to write (default: DIR/map.html, DIR/map-<entity>.html "
                             "or DIR/map-doc-<file>.html)")
    view = parser.add_mutually_exclusive_group()
    view.add_argument("--focus", metavar="ENTITY", help="map the neighbourhood of ENTITY")
    view.add_argument("--doc", metavar="FILE", help="map one document and what it mentions")
    parser.add_argument("--hops", type=int, default=DEFAULT_HOPS, metavar="N",
                        help=f"with --focus: how many steps out (default: {DEFAULT_HOPS})")
    parser.add_argument("--types", metavar="CLASS,…",
                        help="only these classes, e.g. Actor,Instrument,Resolution (also "
                             "Document, Mechanism, Group, Publication, UNDocument, SDGGoal, "
                             "SDGTarget, Right)")
    parser.add_argument("--min-weight", type=int, default=1, metavar="N",
                        help="hide co-mention edges with fewer than N co-mentions (default: 1)")
    parser.add_argument("--max-nodes", type=int, default=DEFAULT_MAX_NODES, metavar="N",
                        help="keep the N most connected nodes; the map says what was left out "
                             f"(default: {DEFAULT_MAX_NODES})")
    parser.add_argument("--edges-per-node", type=int, default=DEFAULT_EDGES_PER_NODE, metavar="N",
                        help="draw only the N strongest co-mention edges of each node; 0 draws "
                             f"them all (default: {DEFAULT_EDGES_PER_NODE})")
    parser.add_argument("--colour", "--color", choices=("class", "community"), default="class",
                        help="colouring the map opens with (default: class)")


def load_graph(source: Path) -> Graph:
    """The graph of a build folder (graph.trig, else graph.ttl) or of one RDF file."""
    return open_built_graph(source)


def default_output(folder: Path, view: MapView, center: str | None) -> Path:
    if view.kind == "overview" or center is None:
        return folder / "map.html"
    name = slug(center.split("/id/", 1)[-1]) or "entity"
    if view.kind == "document":
        name = name.removeprefix("doc-")
        return folder / f"map-doc-{name}.html"
    return folder / f"map-{name}.html"


def run(args: argparse.Namespace) -> int:
    from hrkg.core.atomic import write_text

    view = MapView(focus=args.focus, hops=args.hops, doc=args.doc, types=parse_types(args.types),
                   min_weight=args.min_weight, max_nodes=args.max_nodes,
                   edges_per_node=args.edges_per_node, colour=args.colour)
    projection = project(load_graph(args.graph))
    html, stats = render_map(projection, view)
    folder = args.graph if args.graph.is_dir() else args.graph.parent
    path = args.output or default_output(folder, view, stats["center"])
    if path.is_dir():
        raise HrkgError(f"{path}: is a folder; give -o a file name ending in .html")
    write_text(path, html)
    line = f"{path}: {stats['kind']} map, {stats['nodes']} nodes, {stats['edges']} edges"
    if stats["left_out"]:
        line += (f"; {stats['left_out']} of {stats['candidates']} nodes left out "
                 "(raise --max-nodes to see more)")
    print(line)
    return 0
