"""Maps in ``hrkg serve``: ``/map`` (the overview), ``/map?focus=IRI`` (an entity's ego map)
and ``/map?doc=IRI`` (a document's map), drawn from the built graph on request (a Flask
Blueprint; entity pages link here). The projection is computed once, at the first map.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import networkx as nx
from flask import Blueprint, Response, request
from flask.typing import ResponseReturnValue

from hrkg.core.errors import HrkgError
from hrkg.core.generations import current_generation
from hrkg.graph.files import open_built_graph
from hrkg.maps.draw import render_map
from hrkg.maps.project import project
from hrkg.maps.view import MapView, parse_types

SERVED_BASE = "https://w3id.org/hrkg"  # entity pages answer at the IRI's path on this server


def map_blueprint(graph_dir: Path) -> Blueprint:
    """Route /map over the graph built in ``graph_dir``; register it on the endpoint's app."""
    blueprint = Blueprint("maps", __name__)

    @lru_cache(maxsize=1)
    def projection(generation: Path) -> nx.MultiDiGraph:
        return project(open_built_graph(generation))

    @lru_cache(maxsize=64)
    def drawn(generation: Path, view: MapView) -> str:
        return render_map(projection(generation), view, page_base=SERVED_BASE)[0]

    @blueprint.get("/map")
    def map_page() -> ResponseReturnValue:
        args = request.args
        try:
            view = MapView(focus=args.get("focus") or None, doc=args.get("doc") or None,
                           hops=int(args.get("hops", 1)), types=parse_types(args.get("types")),
                           comentions=args.get("comentions") == "on")
            body = drawn(current_generation(Path(graph_dir)), view)
        except (HrkgError, ValueError) as error:
            return Response(f"{error}\n", status=404 if isinstance(error, HrkgError) else 400,
                            content_type="text/plain; charset=utf-8")
        return Response(body, content_type="text/html; charset=utf-8")

    return blueprint
