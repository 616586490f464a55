"""The extraction stage's one entry point: a file (or a text in memory) in, an
:class:`ExtractionResult` out.

``Extractor`` holds what is loaded once per build (the vocabulary and the spaCy
pipeline) and runs, per document: read -> normalize -> metadata (+ catalog) ->
pipeline (mentions) -> relations.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from spacy.language import Language

from hrkg.extract.cleaning.normalize import normalize
from hrkg.extract.entities.factory import EntityFactory
from hrkg.extract.model import DocumentMetadata, ExtractionResult, SourceText
from hrkg.extract.pipeline import create_pipeline, extract_document
from hrkg.extract.reading.catalog import CatalogEntry, apply_catalog
from hrkg.extract.reading.english import complete_english, is_english
from hrkg.extract.reading.ingest import read_source
from hrkg.extract.reading.limits import DEFAULT_LIMITS, InputLimits
from hrkg.extract.reading.metadata import extract_metadata, find_own_symbol
from hrkg.extract.vocabulary import Vocabulary, load_vocabulary

# document language -> the pipeline that reads it; a language not listed is read by the
# language-independent pipeline ("xx": UN symbols and resolutions by symbol), with a warning
PIPELINES: dict[str, str] = {"zh": "zh", "en": "en"}
DEFAULT_PIPELINE = "zh"
INDEPENDENT_PIPELINE = "xx"


def text_source(text: str, name: str = "t.txt", media_type: str = "text/plain") -> SourceText:
    """A text already in memory as a source document called ``name``."""
    return SourceText(name, name, text, hashlib.sha256(text.encode()).hexdigest(), media_type)


class Extractor:
    """Reads documents into extraction results; one per build (its entity factory hands
    out one ``Entity`` per real-world thing across all documents)."""

    def __init__(self, vocabulary: Vocabulary | None = None,
                 limits: InputLimits = DEFAULT_LIMITS, language: str | None = None) -> None:
        self.vocabulary = vocabulary or load_vocabulary()
        self.language = language  # every document's language (--lang), else detected
        self.limits = limits  # what reading one file may cost (size cap, .docx caps)
        self._pipelines: dict[str, Language] = {}
        self.factory = EntityFactory(self.vocabulary)  # shared: one Entity across languages
        self.pipeline_for(DEFAULT_PIPELINE)

    def pipeline_for(self, language: str) -> Language:
        """The pipeline that reads documents in ``language`` (built on first use)."""
        kind = PIPELINES.get(language, INDEPENDENT_PIPELINE)
        if kind not in self._pipelines:
            self._pipelines[kind] = create_pipeline(self.vocabulary, kind, self.factory)
        return self._pipelines[kind]

    def extract_file(self, path: Path, catalog_entry: CatalogEntry | None = None
                     ) -> ExtractionResult:
        """Read and extract one file; raises :class:`~hrkg.core.errors.InputError` when
        the file cannot be read."""
        return self.extract_source(read_source(path, self.limits), catalog_entry)

    def extract_source(self, source: SourceText, catalog_entry: CatalogEntry | None = None,
                       *, metadata: DocumentMetadata | None = None) -> ExtractionResult:
        """Extract a decoded document. Its metadata is read from its head and completed
        from ``catalog_entry``; a caller that states ``metadata`` itself skips that (its
        ``symbol`` is then the document's own symbol, dropped as page furniture)."""
        if metadata is None:
            clean = normalize(source.text, own_symbol=find_own_symbol(source))
            metadata = extract_metadata(source, clean)
            # stated language: the catalog entry's, else this extractor's (--lang)
            stated = (catalog_entry or {}).get("language") or self.language
            if stated == "en" or (not stated and metadata.language == "en"):
                if stated or is_english(clean.text):  # Latin script: English, or undetermined
                    complete_english(metadata, source, clean)
                else:
                    metadata.language = "und"
            metadata = apply_catalog(metadata, catalog_entry)
            metadata.language = stated or metadata.language
        else:
            clean = normalize(source.text, own_symbol=metadata.symbol)
        result = extract_document(self.pipeline_for(metadata.language), source, clean, metadata)
        result.warnings[:0] = source.warnings  # bad bytes replaced, controls removed
        if metadata.language not in PIPELINES:
            result.warnings.insert(0, f"language {metadata.language!r} is neither Chinese nor "
                                   "English: only UN symbols and resolutions by symbol extracted")
        return result
