"""Which part of the projection a map shows: overview, one entity's neighbourhood, one document.

Importance (node size) is the node's **degree**: its number of distinct neighbours
through typed relations and co-mentions (in the document view, counting only what was
read in that document). Pruning by ``max_nodes`` keeps the most important nodes (ties:
more documents, more mentions, then URI), always keeping the focus entity or the
document.

The overview is the backbone an analyst reads first: documents, what they cite and the
typed relations among them. Pruning never drops a whole class: the budget is shared
among the classes by weighted water-filling (:func:`class_quotas`; the weights are the
``overview_weight`` of ``assets/map-style.json``: documents, instruments, resolutions, UN
documents and publications weigh most), and within a class the nodes with the most typed
relations are kept first. Typed relations and mentions among kept nodes are all drawn;
of the co-mentions (a layer the page shows on request), only those weighing at least
``min_weight`` that are among the ``edges_per_node`` strongest of either end (and, in the
ego view, every co-mention of the focus).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from hrkg.core.errors import HrkgError
from hrkg.maps.lookup import find_document, find_node
from hrkg.maps.measures import edge_weight, importance, simple_graph
from hrkg.maps.page import style
from hrkg.maps.project import DOCUMENT, TOP_CLASSES

DEFAULT_MAX_NODES = 250
DEFAULT_HOPS = 1
DEFAULT_EDGES_PER_NODE = 4


@dataclass(frozen=True)
class MapView:
    """What to draw. ``focus`` and ``doc`` are what the user typed (label, alias, file…)."""

    focus: str | None = None
    hops: int = DEFAULT_HOPS
    doc: str | None = None
    types: tuple[str, ...] = ()
    min_weight: int = 1
    max_nodes: int = DEFAULT_MAX_NODES
    edges_per_node: int = DEFAULT_EDGES_PER_NODE  # strongest co-mentions kept per node; 0 = all
    colour: str = "class"  # "class" or "community": the colouring the map opens with
    comentions: bool = False  # the co-mention layer shown when the map opens

    def __post_init__(self) -> None:
        if self.focus and self.doc:
            raise HrkgError("choose one view: --focus ENTITY or --doc FILE, not both")
        if self.hops < 1:
            raise HrkgError(f"--hops must be at least 1, not {self.hops}")
        if self.max_nodes < 1:
            raise HrkgError(f"--max-nodes must be at least 1, not {self.max_nodes}")
        if self.edges_per_node < 0:
            raise HrkgError(f"--edges-per-node must be 0 (all) or more, not {self.edges_per_node}")
        if self.min_weight < 1:
            raise HrkgError(f"--min-weight must be at least 1, not {self.min_weight}")
        if self.colour not in ("class", "community"):
            raise HrkgError(f"--colour must be 'class' or 'community', not {self.colour!r}")
        unknown = sorted(set(self.types) - set(TOP_CLASSES))
        if unknown:
            raise HrkgError(f"unknown class in --types: {', '.join(unknown)} "
                            f"(known: {', '.join(TOP_CLASSES)})")

    @property
    def kind(self) -> str:
        return "document" if self.doc else "focus" if self.focus else "overview"


@dataclass
class Selection:
    """The drawn subgraph and what the note under the map says about the rest."""

    graph: nx.MultiDiGraph
    kind: str
    center: str | None = None
    importance: dict[str, int] = field(default_factory=dict)
    distance: dict[str, int] = field(default_factory=dict)
    candidates: int = 0  # nodes the view would show without --max-nodes
    left_out: int = 0  # of those, how many were pruned
    left_out_by_class: dict[str, int] = field(default_factory=dict)
    light_edges: int = 0  # co-mention edges under --min-weight
    weak_edges: int = 0  # co-mention edges not among the strongest --edges-per-node of either end


def parse_types(text: str | None) -> tuple[str, ...]:
    """``"Actor, instrument"`` -> ``("Actor", "Instrument")`` (class names, any case)."""
    if not text:
        return ()
    by_lower = {cls.lower(): cls for cls in TOP_CLASSES}
    names = []
    for part in text.split(","):
        name = part.strip()
        if name:
            names.append(by_lower.get(name.lower(), name))
    return tuple(dict.fromkeys(names))


def select(projection: nx.MultiDiGraph, view: MapView) -> Selection:
    """The nodes and edges ``view`` draws from ``projection``."""
    allowed = set(view.types) if view.types else None

    def admitted(node: str) -> bool:
        return allowed is None or projection.nodes[node]["cls"] in allowed

    if view.kind == "document":
        return _document_view(projection, view, admitted)
    if view.kind == "focus":
        return _focus_view(projection, view, admitted)
    candidates = [n for n in projection if admitted(n)]
    simple = simple_graph(projection, candidates, min_weight=view.min_weight)
    scores = importance(simple)
    typed = importance(simple_graph(projection, candidates, kinds=("relation",)))
    by_class: dict[str, list[str]] = {}
    for node in candidates:
        by_class.setdefault(projection.nodes[node]["cls"], []).append(node)
    quotas = class_quotas({cls: len(nodes) for cls, nodes in by_class.items()}, view.max_nodes,
                          overview_weights())
    kept = []
    for cls, nodes in sorted(by_class.items()):
        ranked = sorted(nodes, key=lambda n: (-typed.get(n, 0), -scores.get(n, 0),
                                              -len(projection.nodes[n]["documents"]),
                                              -projection.nodes[n]["mentions"], n))
        kept += ranked[:quotas[cls]]
    return _finish(projection, view, "overview", kept, candidates, scores)


def overview_weights() -> dict[str, float]:
    """Each class's share weight in the overview (``overview_weight`` in map-style.json)."""
    return {cls: float(info.get("overview_weight", 1)) for cls, info in style()["classes"].items()}


def class_quotas(counts: dict[str, int], budget: int, weights: dict[str, float]) -> dict[str, int]:
    """How many nodes of each class the overview keeps: weighted water-filling of ``budget``.

    Each class gets a share of the budget in proportion to its weight; a class smaller
    than its share keeps all its nodes and leaves the rest to the others. Every class
    keeps at least one node while the budget allows (no class disappears).
    """
    quotas = {cls: 0 for cls in counts}
    open_classes = sorted(cls for cls, n in counts.items() if n > 0)
    left = budget
    if len(open_classes) <= budget:  # a node of each class first
        for cls in open_classes:
            quotas[cls] = 1
        left -= len(open_classes)
    while open_classes and left > 0:
        total = sum(weights.get(cls, 1.0) for cls in open_classes)
        unit = left / total
        full = [cls for cls in open_classes
                if counts[cls] - quotas[cls] <= weights.get(cls, 1.0) * unit]
        if not full:
            shares = {cls: weights.get(cls, 1.0) * unit for cls in open_classes}
            for cls in open_classes:
                quotas[cls] += int(shares[cls])
            left -= sum(int(share) for share in shares.values())
            by_remainder = sorted(open_classes, key=lambda c: (-(shares[c] % 1), c))
            for cls in by_remainder[:left]:
                quotas[cls] += 1
            break
        for cls in full:
            left -= counts[cls] - quotas[cls]
            quotas[cls] = counts[cls]
            open_classes.remove(cls)
    return quotas


def _focus_view(projection, view: MapView, admitted) -> Selection:
    center = find_node(projection, view.focus or "")
    candidates = [n for n in projection if n == center or admitted(n)]
    simple = simple_graph(projection, candidates, min_weight=view.min_weight)
    distance = nx.single_source_shortest_path_length(simple, center, cutoff=view.hops)
    scores = importance(simple)
    near = sorted(distance, key=lambda n: (distance[n], -scores[n], n))
    kept = near[:view.max_nodes]
    selection = _finish(projection, view, "focus", kept, near, scores, center=center)
    selection.distance = {n: distance[n] for n in kept}
    return selection


def _document_view(projection, view: MapView, admitted) -> Selection:
    doc = find_document(projection, view.doc or "")
    file_name = projection.nodes[doc]["file"]
    mentioned = [v for _, v, key in projection.out_edges(doc, keys=True) if key == "mentions"]
    related = [n for n in nx.all_neighbors(projection, doc) if n != doc]
    candidates = sorted({doc, *(n for n in set(mentioned) | set(related) if admitted(n))})
    simple = simple_graph(projection, candidates, kinds=("relation", "comention", "mentions"),
                          min_weight=view.min_weight, document=file_name)
    scores = importance(simple)
    others = _most_important(projection, [n for n in candidates if n != doc], scores,
                             view.max_nodes - 1)
    return _finish(projection, view, "document", [doc, *others], candidates, scores,
                   document=file_name, center=doc)


def _most_important(projection, nodes: list[str], scores: dict[str, int], limit: int) -> list[str]:
    def rank(node: str) -> tuple:
        data = projection.nodes[node]
        return (-scores.get(node, 0), -len(data["documents"]), -data["mentions"], node)

    return sorted(nodes, key=rank)[:max(0, limit)]


def _finish(projection, view: MapView, kind: str, kept: list[str], candidates: list[str],
            scores: dict[str, int], *, document: str | None = None,
            center: str | None = None) -> Selection:
    keep = set(kept)
    drawn = nx.MultiDiGraph()
    drawn.add_nodes_from((node, projection.nodes[node]) for node in sorted(keep))
    edges: list[tuple] = []
    light = 0
    comentions: list[tuple] = []
    for u, v, key, data in projection.edges(keys=True, data=True):
        if u not in keep or v not in keep:
            continue
        if data["kind"] == "mentions" and kind == "focus":
            continue
        weight = edge_weight(data, document)
        if weight <= 0:
            continue
        if data["kind"] == "comention" and weight < view.min_weight:
            light += 1
            continue
        evidence = data["evidence"]
        if document is not None:
            evidence = tuple(item for item in evidence if item[1] == document) or evidence
        edge = (u, v, key, {**data, "weight": weight, "evidence": evidence})
        (comentions if data["kind"] == "comention" else edges).append(edge)
    strong = _strongest(comentions, view.edges_per_node, center)
    drawn.add_edges_from(edges + strong)
    left = [n for n in candidates if n not in keep]
    by_class: dict[str, int] = {}
    for node in left:
        cls = projection.nodes[node]["cls"]
        by_class[cls] = by_class.get(cls, 0) + 1
    return Selection(graph=drawn, kind=kind, center=center,
                     importance={n: scores.get(n, 0) for n in keep},
                     candidates=len(candidates), left_out=len(left),
                     left_out_by_class=dict(sorted(by_class.items(), key=lambda i: (-i[1], i[0]))),
                     light_edges=light, weak_edges=len(comentions) - len(strong))


def _strongest(comentions: list[tuple], per_node: int, center: str | None) -> list[tuple]:
    """Co-mention edges among the ``per_node`` heaviest of either end (all if 0), and every
    edge of ``center``: the backbone that keeps the map readable."""
    if per_node == 0:
        return comentions
    ranked: dict[str, list[tuple[int, str, int]]] = {}
    for number, (u, v, _, data) in enumerate(comentions):
        ranked.setdefault(u, []).append((-data["weight"], v, number))
        ranked.setdefault(v, []).append((-data["weight"], u, number))
    chosen: set[int] = set()
    for items in ranked.values():
        chosen.update(number for *_, number in sorted(items)[:per_node])
    return [edge for number, edge in enumerate(comentions)
            if number in chosen or center in (edge[0], edge[1])]


__all__ = ["DEFAULT_MAX_NODES", "DOCUMENT", "MapView", "Selection", "class_quotas",
           "parse_types", "select"]
