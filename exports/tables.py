"""The CSV writer: ``nodes.csv`` and ``edges.csv`` of the entity network
(:mod:`hrkg.exports.network`), for spreadsheets and Gephi's spreadsheet import.

RFC 4180 (comma, CRLF line ends, double quotes where needed), UTF-8 with a byte-order
mark (Excel reads Chinese right only with it), no line break inside a field (each
becomes a space, so every record is one line). Column names follow Gephi's import:
``Id``/``Label`` for nodes, ``Source``/``Target``/``Type``/``Weight`` for edges.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from pathlib import Path

from hrkg.core.atomic import atomic_open
from hrkg.exports.network import EDGE_FIELDS, NODE_FIELDS, entity_network
from hrkg.exports.record import BuildRecord

NAME = "csv"
FILES = ("nodes.csv", "edges.csv")
ENCODING = "utf-8-sig"  # UTF-8 with a byte-order mark
NODE_HEADER = ("Id", "Label", *NODE_FIELDS[2:])
EDGE_HEADER = ("Source", "Target", "Type", "Weight", "relation", "kind", "documents")
_LINE_BREAKS = re.compile(r"[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+")


def cell(value: object) -> str:
    """A field's text with every line break (CR, LF, Unicode separators) made a space."""
    return _LINE_BREAKS.sub(" ", str(value))


def write_table(path: Path, header: Iterable[str], rows: Iterable[Iterable[object]]) -> None:
    with atomic_open(path, "w", encoding=ENCODING) as handle:
        writer = csv.writer(handle, dialect="excel", lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows([cell(value) for value in row] for row in rows)


def write(record: BuildRecord) -> dict[str, Path]:
    network = entity_network(record)
    nodes, edges = (record.out_dir / name for name in FILES)
    write_table(nodes, NODE_HEADER, ([node, *(data[f] for f in NODE_FIELDS[1:])]
                                     for node, data in network.nodes(data=True)))
    write_table(edges, EDGE_HEADER, ([u, v, "Directed", data["weight"],
                                      *(data[f] for f in EDGE_FIELDS if f != "weight")]
                                     for u, v, data in network.edges(data=True)))
    return {"nodes": nodes, "edges": edges}
