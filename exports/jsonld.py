"""The JSON-LD writer: ``graph.jsonld``, the dataset compacted with hrkg's published
``@context`` (``context.jsonld``, shipped as ``ontology/context.jsonld`` and written beside
the data).

Oxigraph writes the expanded form of ``graph.trig`` (fast, one object per named graph),
rdf:type values become ``@type``, and PyLD compacts it with the context: IRIs under the
project's prefixes become ``hr:…``/``hrid:…`` compact IRIs. The file carries that context
inline (equal to ``context.jsonld``): a reference to it would have to be fetched, and
Jena's riot does not load even a relative ``file:`` context offline. Keys are sorted,
graphs and nodes in code-point order: the same graph gives the same bytes.
"""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from pyld import jsonld

from hrkg.core.atomic import write_text
from hrkg.exports.record import BuildRecord

NAME = "jsonld"
FILES = ("graph.jsonld", "context.jsonld")
CONTEXT_FILE = "context.jsonld"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def context_text() -> str:
    """The published context (``ontology/context.jsonld``)."""
    return (files("hrkg.ontology") / CONTEXT_FILE).read_text(encoding="utf-8")


def _typed(node: dict[str, Any]) -> dict[str, Any]:
    """An expanded node object with its rdf:type values as ``@type``, nested graphs too."""
    node = dict(node)
    types = node.pop(RDF_TYPE, None)
    if types:
        node["@type"] = sorted(value["@id"] for value in types)
    if "@graph" in node:
        node["@graph"] = [_typed(inner) for inner in node["@graph"]]
    return node


def compacted(trig: Path) -> dict[str, Any]:
    """The dataset of ``trig`` (or of a ``quads/`` folder of shards) in compacted JSON-LD
    with hrkg's context."""
    from hrkg.exports.shards import read_shards

    quads = read_shards(trig) if Path(trig).is_dir() else \
        ox.parse(path=str(trig), format=ox.RdfFormat.TRIG)
    expanded = json.loads(ox.serialize(quads, format=ox.RdfFormat.JSON_LD) or b"[]")
    context = json.loads(context_text())
    result = jsonld.compact([_typed(node) for node in expanded], context)
    graphs = result.get("@graph", [])
    for graph in graphs:
        graph.get("@graph", []).sort(key=lambda node: node["@id"])
    graphs.sort(key=lambda graph: graph.get("@id", ""))
    return result


def write(record: BuildRecord) -> dict[str, Path]:
    """The writer: ``graph.jsonld`` and its ``context.jsonld``."""
    trig = record.outputs.get("trig") or record.outputs.get("quads")
    if trig is None:
        raise ValueError("the JSON-LD writer reads graph.trig or quads/: run 'turtle' "
                         "or 'shards' first")
    path, context = (record.out_dir / name for name in FILES)
    write_text(context, context_text())
    write_text(path, json.dumps(compacted(Path(trig)), ensure_ascii=False, indent=1,
                                sort_keys=True) + "\n")
    return {"jsonld": path, "context": context}
