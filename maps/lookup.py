"""Which node of the map projection a user means: ``hrkg map --focus`` and ``--doc``.

Names are compared with :func:`hrkg.core.names.name_key`, as everywhere else in hrkg
(vocabulary lookups, ``hrkg query --param``, the evaluation).
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from hrkg.core.errors import HrkgError
from hrkg.core.names import name_key
from hrkg.maps.project import DOCUMENT, local_name


def _node_keys(node: str, data: dict) -> tuple[set[str], set[str]]:
    """(primary keys, secondary keys) a user may type to name ``node``."""
    primary = {data["label_zh"], data["label_en"], data["identifier"], node, local_name(node),
               data.get("file", ""), node.split("/id/", 1)[-1]}
    if data.get("file"):
        primary.add(data["file"].rsplit(".", 1)[0])
    secondary = set(data["alt_labels"]) | {data.get("title", "")}
    return ({name_key(k) for k in primary if k}, {name_key(k) for k in secondary if k})


def find_node(projection: nx.MultiDiGraph, query: str, *, classes: Iterable[str] | None = None,
              what: str = "entity") -> str:
    """The node a user means by ``query``: label, alias, identifier, file name or URI.

    Exact matches on labels, identifiers and URIs win over alias matches; an ambiguous or
    unknown name raises HrkgError listing candidates.
    """
    wanted = name_key(query)
    allowed = set(classes) if classes else None
    primary, secondary, partial = [], [], []
    for node, data in projection.nodes(data=True):
        if allowed is not None and data["cls"] not in allowed:
            continue
        main_keys, alias_keys = _node_keys(node, data)
        if wanted in main_keys:
            primary.append(node)
        elif wanted in alias_keys:
            secondary.append(node)
        elif wanted and any(wanted in key for key in main_keys | alias_keys):
            partial.append(node)
    for matches in (primary, secondary):
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise HrkgError(f"{what} {query!r} is ambiguous: "
                            f"{describe_nodes(projection, matches)}; use an identifier or URI")
    hint = f"; did you mean: {describe_nodes(projection, partial)}" if partial else ""
    raise HrkgError(f"no {what} matches {query!r} in the graph{hint}")


def describe_nodes(projection: nx.MultiDiGraph, nodes: list[str], limit: int = 5) -> str:
    """``label (identifier or URI)`` for up to ``limit`` nodes, most mentioned first."""
    ranked = sorted(nodes, key=lambda n: (-projection.nodes[n]["mentions"], n))
    parts = []
    for node in ranked[:limit]:
        data = projection.nodes[node]
        name = data["label_zh"] or data["label_en"] or local_name(node)
        parts.append(f"{name} ({data['identifier'] or data.get('file') or node})")
    more = f" and {len(nodes) - limit} more" if len(nodes) > limit else ""
    return ", ".join(parts) + more


def find_document(projection: nx.MultiDiGraph, query: str) -> str:
    """The document a user means by ``query``: file name or path, stem, symbol, title or URI."""
    try:
        return find_node(projection, query, classes=(DOCUMENT,), what="document")
    except HrkgError as error:
        base = query.replace("\\", "/").rsplit("/", 1)[-1]
        if base and base != query:
            try:
                return find_node(projection, base, classes=(DOCUMENT,), what="document")
            except HrkgError:
                pass
        files = sorted(d["file"] or n for n, d in projection.nodes(data=True)
                       if d["cls"] == DOCUMENT)
        raise HrkgError(f"{error}; documents in the graph: {', '.join(files) or 'none'}") from None
