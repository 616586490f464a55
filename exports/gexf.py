"""The GEXF writer: ``network.gexf`` (GEXF 1.3, Gephi's own format), the entity network
(:mod:`hrkg.exports.network`); node ids are IRIs, ``label`` the Chinese name (else the
English), every other attribute a typed GEXF attribute; ``weight`` is GEXF's edge weight.

networkx writes the file, with two corrections: the XML Schema instance namespace of its
GEXF 1.3 header (it writes ``http://w3.org/…`` for ``http://www.w3.org/…``) and the
``lastmodifieddate``, the build's date instead of today's (the same graph gives the same
bytes)."""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx

from hrkg.core.atomic import atomic_open
from hrkg.exports.network import build_date, entity_network
from hrkg.exports.record import BuildRecord

NAME = "gexf"
FILES = ("network.gexf",)
GEXF_VERSION = "1.3"
XSI = ("http://w3.org/2001/XMLSchema-instance", "http://www.w3.org/2001/XMLSchema-instance")
_MODIFIED = re.compile(r'lastmodifieddate="[0-9-]*"')


def write(record: BuildRecord) -> dict[str, Path]:
    path = record.out_dir / FILES[0]
    network = entity_network(record)
    for number, (_, _, data) in enumerate(network.edges(data=True)):
        data["id"] = str(number)  # parallel edges (several relations) need their own ids
    modified = f'lastmodifieddate="{build_date(record)}"'
    with atomic_open(path) as handle:
        handle.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        for line in nx.generate_gexf(network, encoding="utf-8", prettyprint=True,
                                     version=GEXF_VERSION):
            handle.write(_MODIFIED.sub(modified, line.replace(*XSI)) + "\n")
    return {"gexf": path}
