"""Measures over a map projection: the weighted simple graph, edge weights, node
importance (degree) and Louvain communities."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

COMMUNITY_SEED = 42


def simple_graph(projection: nx.MultiDiGraph, nodes: Iterable[str] | None = None, *,
                 kinds: Iterable[str] = ("relation", "comention"), min_weight: int = 1,
                 document: str | None = None) -> nx.Graph:
    """Undirected weighted graph over ``nodes`` (default: all) for importance and communities.

    Co-mention edges lighter than ``min_weight`` are left out; with ``document`` (a file
    name) only what was read in that document counts.
    """
    keep = set(projection) if nodes is None else set(nodes)
    kinds = set(kinds)
    weights: dict[tuple[str, str], int] = {}
    for u, v, data in projection.edges(data=True):
        if u not in keep or v not in keep or data["kind"] not in kinds:
            continue
        weight = edge_weight(data, document)
        if weight <= 0 or (data["kind"] == "comention" and weight < min_weight):
            continue
        pair = (u, v) if u < v else (v, u)
        weights[pair] = weights.get(pair, 0) + weight
    simple = nx.Graph()
    simple.add_nodes_from(sorted(keep))
    simple.add_weighted_edges_from((u, v, w) for (u, v), w in sorted(weights.items()))
    return simple


def edge_weight(data: dict, document: str | None = None) -> int:
    """An edge's weight over all documents, or within one document (file name); an edge
    without counts per document (a relation read from none, a co-mention) weighs its total."""
    if document is None or not data["by_document"]:
        return data["weight"]
    return data["by_document"].get(document, 0)


def importance(simple: nx.Graph) -> dict[str, int]:
    """Node importance used for sizing and pruning: degree (number of distinct neighbours)."""
    return {node: simple.degree(node) for node in simple}


def communities(simple: nx.Graph, seed: int = COMMUNITY_SEED) -> dict[str, int]:
    """Louvain communities (weighted, seeded), numbered 0… by size, largest first."""
    if simple.number_of_edges() == 0:
        return {node: i for i, node in enumerate(sorted(simple))}
    found = nx.community.louvain_communities(simple, weight="weight", seed=seed)
    ordered = sorted((sorted(group) for group in found), key=lambda g: (-len(g), g[0]))
    return {node: i for i, group in enumerate(ordered) for node in group}
