"""``catalog.json`` beside the inputs: what the text of a document does not state
(symbol, title, date, organ, language), per file name."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from hrkg.core.errors import HrkgError
from hrkg.extract.model import DocumentMetadata

CATALOG = "catalog.json"

CatalogEntry = dict[str, Any]


def load_catalogs(paths: Sequence[Path]) -> dict[str, CatalogEntry]:
    """File name -> catalog entry, from the ``catalog.json`` of each folder of ``paths``."""
    entries: dict[str, CatalogEntry] = {}
    for folder in sorted({p.parent for p in paths}):
        catalog = folder / CATALOG
        if not catalog.is_file():
            continue
        try:
            data = json.loads(catalog.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise HrkgError(f"{catalog}: not a valid catalog ({error})") from error
        for entry in data.get("documents", []):
            entries[entry["file"]] = entry
    return entries


def apply_catalog(metadata: DocumentMetadata, entry: CatalogEntry | None) -> DocumentMetadata:
    """Fill what the text did not state from the catalog entry (its language wins)."""
    if not entry:
        return metadata
    metadata.symbol = metadata.symbol or entry.get("symbol")
    metadata.title = metadata.title or entry.get("title")
    metadata.date = metadata.date or entry.get("date")
    metadata.organ = metadata.organ or entry.get("organ")
    metadata.language = entry.get("language") or metadata.language
    return metadata
