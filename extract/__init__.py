"""Extraction: files -> text -> clean text -> mentions and relations.

The one entry point is :class:`Extractor` (``extract_file`` / ``extract_source``);
``discover_inputs`` finds the input files and ``load_catalogs`` their catalog entries.
Names are imported on first use, so that importing ``hrkg.extract.model`` (as the graph
and the outputs do) does not load spaCy.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hrkg.extract.extractor import Extractor, text_source
    from hrkg.extract.model import DocumentMetadata, ExtractionResult, SourceText
    from hrkg.extract.reading.catalog import CatalogEntry, load_catalogs
    from hrkg.extract.reading.ingest import discover_inputs

_EXPORTS = {
    "Extractor": "hrkg.extract.extractor",
    "text_source": "hrkg.extract.extractor",
    "DocumentMetadata": "hrkg.extract.model",
    "ExtractionResult": "hrkg.extract.model",
    "SourceText": "hrkg.extract.model",
    "CatalogEntry": "hrkg.extract.reading.catalog",
    "load_catalogs": "hrkg.extract.reading.catalog",
    "discover_inputs": "hrkg.extract.reading.ingest",
}
__all__ = ["CatalogEntry", "DocumentMetadata", "ExtractionResult", "Extractor", "SourceText",
           "discover_inputs", "load_catalogs", "text_source"]


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'hrkg.extract' has no attribute {name!r}")
    return getattr(import_module(_EXPORTS[name]), name)
