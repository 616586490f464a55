"""The map writer: ``map.html``, the overview map of the built graph (``hrkg map`` draws
the other views from the written graph)."""

from __future__ import annotations

from pathlib import Path

from hrkg.exports.record import BuildRecord
from hrkg.maps.draw import write_map

NAME = "map"
FILES = ("map.html",)


def write(record: BuildRecord) -> dict[str, Path]:
    path = record.out_dir / FILES[0]
    write_map(record.graph(), path)
    return {"map": path}
