"""The GraphML writer: ``network.graphml``, the entity network (:mod:`hrkg.exports.network`)
for Gephi, Cytoscape, yEd and networkx; node ids are IRIs, attributes typed (GraphML keys)."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from hrkg.core.atomic import atomic_open
from hrkg.exports.network import entity_network
from hrkg.exports.record import BuildRecord

NAME = "graphml"
FILES = ("network.graphml",)


def write(record: BuildRecord) -> dict[str, Path]:
    path = record.out_dir / FILES[0]
    with atomic_open(path, "wb") as handle:
        nx.write_graphml(entity_network(record), handle, encoding="utf-8", prettyprint=True)
    return {"graphml": path}
