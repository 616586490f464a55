"""Interactive HTML maps of the graph: one self-contained, offline, deterministic file.

Drawn with pyvis over the networkx projection of ``project.py`` and the view chosen in
``view.py``; styles come from ``assets/map-style.json``; ``page.py`` puts the page together.

* Offline: vis-network's JS/CSS (pyvis's own copy) and the map's own JS/CSS are inlined;
  no CDN, no Bootstrap. A Content-Security-Policy allows only the page's own scripts (by
  hash) and no request to anywhere.
* Safe: labels and evidence travel as JSON in a ``<script type="application/json">``
  block (``<``, ``>``, ``&`` and ``'`` escaped as ``\\u003c`` …) and are put on the page
  with ``textContent`` / DOM elements only, so ``<script>`` in a document is shown as
  text and never runs.
* Legible: colour and shape per class with a legend, node size by degree, Chinese labels
  (English in the tooltip), typed relations solid and labelled, co-mentions thin and
  weighted, optional Louvain community colouring, a search box, physics that stabilizes
  and then freezes.
* Deterministic: same graph and view, same bytes (sorted data, seeded layout and
  communities, no timestamps or paths in the file).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
from pyvis.network import Network
from rdflib import Graph

from hrkg.core.atomic import write_text
from hrkg.graph.quads import QuadSet
from hrkg.maps.measures import communities, simple_graph
from hrkg.maps.page import page, style
from hrkg.maps.project import local_name, project
from hrkg.maps.view import MapView, Selection, select

LAYOUT_SEED = 7
MAX_EVIDENCE = 5  # evidence sentences carried per edge (the tooltip says how many more)
MAX_ALT_LABELS = 12
MAX_SENTENCE = 320
LABEL_CHARS = 16
MAX_EDGE_LABELS = 40  # more typed edges than this: labels only in tooltips (colour + legend)
HEADLINE_LABELS = 40  # the most connected nodes, whose labels show even zoomed out
BIG = 150  # above this many nodes: straight edges, fewer iterations, edges hidden on drag
FONT_FACE = ("'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', "
             "'Noto Sans', sans-serif")
_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
_SPACE_NEAR_CJK = re.compile(rf"(?<=[{_CJK}])\s+|\s+(?=[{_CJK}])")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class MapStats:
    """What a written map shows."""

    path: Path
    kind: str  # overview, focus, document
    nodes: int
    edges: int
    candidates: int  # nodes the view selects before --max-nodes
    left_out: int
    communities: int
    center: str | None = None

    def summary(self) -> str:
        text = f"{self.path}: {self.kind} map, {self.nodes} nodes, {self.edges} edges"
        if self.left_out:
            text += f" ({self.left_out} of {self.candidates} nodes left out, see --max-nodes)"
        return text


def write_map(graph: Graph | QuadSet, path: Path, *, view: MapView | None = None) -> MapStats:
    """Project ``graph`` (Graph, Dataset or the build's QuadSet), draw ``view`` (default:
    overview), write ``path``."""
    return write_projection_map(project(graph), path, view=view)


def write_projection_map(projection: nx.MultiDiGraph, path: Path, *,
                         view: MapView | None = None) -> MapStats:
    """Draw ``view`` of an already computed projection and write it atomically to ``path``."""
    html, stats = render_map(projection, view or MapView())
    write_text(path, html)
    return MapStats(path=Path(path), **stats)


def render_map(projection: nx.MultiDiGraph, view: MapView, *,
               page_base: str = "") -> tuple[str, dict]:
    """The HTML of ``view`` and the figures for :class:`MapStats` (without the path).

    ``page_base``: the IRI prefix a server answering entity pages drops (their links are
    then paths on that server); empty: the side panel links each entity's IRI itself."""
    selection = select(projection, view)
    groups = communities(simple_graph(selection.graph))
    net = _network(selection, groups, style())
    nodes, edges, _, _, _, options = net.get_network_data()
    payload = {
        "view": {**_view_info(selection, view, projection), "pageBase": page_base},
        "legend": _legend(selection, groups, style()),
        "relations": style()["relations"],
        "classNames": {cls: {"zh": info["zh"], "en": info["en"]}
                       for cls, info in style()["classes"].items()},
        "documents": _documents(selection),
        "nodes": nodes,
        "edges": edges,
        "options": json.loads(options),
    }
    html = page(payload)
    stats = {"kind": selection.kind, "nodes": len(nodes), "edges": len(edges),
             "candidates": selection.candidates, "left_out": selection.left_out,
             "communities": len(set(groups.values())), "center": selection.center}
    return html, stats


def display_text(text: str, limit: int = MAX_SENTENCE) -> str:
    """Text as shown in a tooltip: PDF line breaks and spaces around Chinese removed."""
    text = _SPACES.sub(" ", _SPACE_NEAR_CJK.sub("", text)).strip()
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _documents(selection: Selection) -> list[dict]:
    """The documents a map can be filtered by: file name (as nodes list them) and label."""
    found = []
    for _, data in selection.graph.nodes(data=True):
        if data["cls"] == "Document":
            found.append({"file": data["file"], "label": _node_label(data),
                          "title": data["title"], "sources": list(data.get("sources", ()))})
    return sorted(found, key=lambda doc: doc["file"])


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[:LABEL_CHARS - 1] + "…"


def _node_label(data: dict) -> str:
    if data["cls"] == "Document":
        return data["identifier"] or data["title"] or data["file"].rsplit(".", 1)[0]
    return data["label_zh"] or data["label_en"] or data["identifier"] or local_name(data["uri"])


def _network(selection: Selection, groups: dict[str, int], styles: dict) -> Network:
    graph = selection.graph
    net = Network(directed=True, cdn_resources="in_line", height="100%", width="100%")
    top = max([1, *selection.importance.values()])
    palette = styles["community_palette"]
    ranked = sorted(graph, key=lambda n: (-selection.importance.get(n, 0), n))
    rank = {node: number for number, node in enumerate(ranked)}
    headline = set(ranked[:HEADLINE_LABELS])
    # the focus is added last: vis-network draws nodes in order, so it is drawn on top
    ordered = sorted(graph.nodes(data=True), key=lambda item: (item[0] == selection.center,
                                                                item[0]))
    for node, data in ordered:
        cls_style = styles["classes"].get(data["cls"], styles["classes"]["Other"])
        scale = math.sqrt(selection.importance.get(node, 0) / top)
        group = groups.get(node, -1)
        community_colour = (palette[group] if 0 <= group < len(palette)
                            else styles["community_other_color"])
        payload = _node_payload(node, data, selection, group, cls_style["color"],
                                community_colour)
        payload["short"] = _short(_node_label(data))
        payload["rank"] = rank[node]
        options = {
            "size": round(10 + 26 * scale, 1),
            "font": {"size": _font_size(scale, node in headline or data["cls"] == "Document",
                                        graph.number_of_nodes() > BIG),
                     "face": FONT_FACE,
                     **({"color": "#ffffff"} if cls_style["shape"] == "box" else {})},
            "borderWidth": 3 if node == selection.center else 1,
            "hr": payload,
        }
        if node == selection.center:
            options.update(x=0, y=0, fixed=True)
        # the page draws the labels (placed without overlap); a box holds its own label
        label = payload["short"] if cls_style["shape"] == "box" else " "
        net.add_node(node, label=label, shape=cls_style["shape"], color=cls_style["color"],
                     **options)
    typed = sum(1 for *_, d in graph.edges(data=True) if d["kind"] == "relation")
    heaviest = max([2, *(d["weight"] for *_, d in graph.edges(data=True)
                         if d["kind"] == "comention")])
    for number, (u, v, key, data) in enumerate(sorted(graph.edges(keys=True, data=True),
                                                      key=lambda e: (e[0], e[2], e[1]))):
        net.add_edge(u, v, **_edge_options(number, key, data, heaviest, styles,
                                           labelled=typed <= MAX_EDGE_LABELS))
    net.options = _physics_options(graph.number_of_nodes())
    return net


def _font_size(scale: float, headline: bool, big: bool) -> float:
    """Label size; on big maps headline nodes get labels that show when zoomed out to fit."""
    if not big:
        return round(13 + 9 * scale, 1)
    return round((24 + 10 * scale) if headline else (12 + 4 * scale), 1)


def _node_payload(node: str, data: dict, selection: Selection, group: int,
                  class_colour: str, community_colour: str) -> dict:
    alt = list(data["alt_labels"])
    return {
        "uri": node, "cls": data["cls"], "sub": data["subclass"],
        "zh": data["label_zh"], "en": data["label_en"], "id": data["identifier"],
        "alt": alt[:MAX_ALT_LABELS], "altMore": max(0, len(alt) - MAX_ALT_LABELS),
        "docs": list(data["documents"]), "mentions": data["mentions"],
        "degree": selection.importance.get(node, 0), "community": group,
        "file": data["file"], "title": data["title"], "sources": list(data.get("sources", ())),
        "hops": selection.distance.get(node, -1),
        "classColor": class_colour, "communityColor": community_colour,
    }


def _edge_options(number: int, key: str, data: dict, heaviest: int, styles: dict, *,
                  labelled: bool) -> dict:
    kind = data["kind"]
    rel = styles["relations"].get(key if kind == "relation" else kind,
                                  styles["relations"]["other"])
    evidence = [[display_text(sentence), file_name]
                for sentence, file_name in data["evidence"][:MAX_EVIDENCE]]
    payload = {"kind": kind, "rel": key, "zh": rel["zh"], "en": rel["en"],
               "weight": data["weight"], "docs": data["by_document"], "evidence": evidence,
               "evidenceMore": max(0, len(data["evidence"]) - MAX_EVIDENCE)}
    options: dict = {"id": f"e{number}", "hr": payload, "color": {"color": rel["color"]}}
    if kind == "relation":
        if labelled:
            options["label"] = rel["zh"]
        options.update(arrows="to", width=2, dashes=False,
                       font={"size": 11, "face": FONT_FACE, "align": "middle",
                             "strokeWidth": 3, "color": "#333333"})
    elif kind == "comention":
        share = math.log(data["weight"]) / math.log(heaviest) if data["weight"] > 1 else 0
        options.update(arrows={"to": {"enabled": False}}, width=round(0.5 + 2.5 * share, 2),
                       color={"color": rel["color"], "opacity": 0.45},
                       selectionWidth=1.5)
    else:  # mentions
        options.update(arrows={"to": {"enabled": False}}, width=0.8, dashes=[4, 4], length=220,
                       color={"color": rel["color"], "opacity": 0.5})
    return options


def _physics_options(count: int) -> dict:
    big = count > BIG
    return {
        "autoResize": True,
        "layout": {"randomSeed": LAYOUT_SEED, "improvedLayout": count <= 100},
        "physics": {
            "enabled": True,
            # big maps: ForceAtlas2 (degree-weighted repulsion) pulls hubs apart into clusters
            "solver": "forceAtlas2Based" if big else "barnesHut",
            "forceAtlas2Based": {"gravitationalConstant": -90, "centralGravity": 0.015,
                                 "springLength": 80, "springConstant": 0.06, "damping": 0.45,
                                 "avoidOverlap": 0.6},
            "barnesHut": {"gravitationalConstant": -14000, "centralGravity": 0.2,
                          "springLength": 190, "springConstant": 0.025, "damping": 0.35,
                          "avoidOverlap": 0.8},
            "minVelocity": 1.0,
            "stabilization": {"enabled": True, "iterations": 120 if big else 400,
                              "updateInterval": 20, "fit": True},
        },
        "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False,
                        "keyboard": {"enabled": True, "bindToWindow": False},
                        "hideEdgesOnDrag": big, "hideEdgesOnZoom": big, "multiselect": False},
        "edges": {"smooth": False if big else {"enabled": True, "type": "continuous",
                                               "roundness": 0.3},
                  "hoverWidth": 1.5, "scaling": {"label": {"drawThreshold": 7}}},
        "nodes": {"borderWidthSelected": 3,
                  "scaling": {"label": {"drawThreshold": 7 if big else 5, "maxVisible": 40}}},
    }


def _view_info(selection: Selection, view: MapView, projection: nx.MultiDiGraph) -> dict:
    center = selection.center
    center_data = projection.nodes[center] if center else {}
    return {
        "kind": selection.kind, "colour": view.colour, "hops": view.hops,
        "comentions": view.comentions,
        "minWeight": view.min_weight, "maxNodes": view.max_nodes, "types": list(view.types),
        "center": center or "",
        "centerLabel": _node_label(center_data) if center else "",
        "centerTitle": center_data.get("title", "") if center else "",
        "candidates": selection.candidates, "leftOut": selection.left_out,
        "leftOutByClass": selection.left_out_by_class, "lightEdges": selection.light_edges,
        "weakEdges": selection.weak_edges, "edgesPerNode": view.edges_per_node,
        "totalNodes": projection.number_of_nodes(),
    }


def _legend(selection: Selection, groups: dict[str, int], styles: dict) -> dict:
    graph = selection.graph
    counts: dict[str, int] = {}
    for _, data in graph.nodes(data=True):
        counts[data["cls"]] = counts.get(data["cls"], 0) + 1
    classes = [{"cls": cls, "count": counts[cls], **info}
               for cls, info in styles["classes"].items() if cls in counts]
    members: dict[int, list[str]] = {}
    for node, group in groups.items():
        members.setdefault(group, []).append(node)
    palette = styles["community_palette"]
    shown = []
    for group in sorted(members)[:len(palette)]:
        leader = max(members[group], key=lambda n: (selection.importance.get(n, 0), n))
        shown.append({"community": group, "color": palette[group], "size": len(members[group]),
                      "leader": _node_label(graph.nodes[leader])})
    relations = sorted({key for *_, key in graph.edges(keys=True)})
    return {"classes": classes, "communities": shown, "communityCount": len(members),
            "relations": relations}
