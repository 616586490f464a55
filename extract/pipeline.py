"""The extraction pipeline: ``spacy.blank("zh")`` plus hrkg's registered components.

Order matters: finders add candidates (symbols, resolutions, SDGs, titles,
vocabulary names); ``hrkg_overlaps`` settles overlaps; ``hrkg_coreference``
resolves short forms in reading order; ``hrkg_mentions`` emits mentions.
"""

from __future__ import annotations

from dataclasses import replace

import spacy
from spacy.language import Language

from hrkg.extract.char_tokenizer import CharTokenizer
from hrkg.extract.cleaning.chunks import sentence_chunks
from hrkg.extract.entities.candidates import DocContext, register_extensions
from hrkg.extract.entities.factory import EntityFactory
from hrkg.extract.model import CleanText, DocumentMetadata, ExtractionResult, Mention, SourceText
from hrkg.extract.relations.articles import extract_articles
from hrkg.extract.relations.commitments import extract_commitments
from hrkg.extract.relations.rules import extract_relations
from hrkg.extract.vocabulary import Vocabulary, load_vocabulary

COMPONENTS = (
    "hrkg_symbols",
    "hrkg_resolutions",
    "hrkg_sdgs",
    "hrkg_titles",
    "hrkg_named_plans",
    "hrkg_vocabulary",
    "hrkg_rights",
    "hrkg_bodies",
    "hrkg_persons",
    "hrkg_editions",
    "hrkg_overlaps",
    "hrkg_coreference",
    "hrkg_mentions",
)


def shared_factory(nlp: Language) -> EntityFactory:
    """The entity factory shared by all components of ``nlp``."""
    return nlp._hrkg_factory  # type: ignore[attr-defined]


# what reads a document in no supported language: UN symbols and resolutions by symbol
LANGUAGE_INDEPENDENT = ("hrkg_symbols", "hrkg_resolutions", "hrkg_overlaps", "hrkg_mentions")


def create_pipeline(vocabulary: Vocabulary | None = None, lang: str = "zh",
                    factory: EntityFactory | None = None) -> Language:
    """A blank spaCy pipeline for ``lang`` ("zh", "en"; "xx": language-independent
    components only) with hrkg's extraction components, which read their data for
    ``nlp.lang`` (:func:`~hrkg.extract.patterns.load_patterns`). ``factory``: the entity
    factory shared with the other languages' pipelines (one ``Entity`` per thing)."""
    from hrkg.extract.entities import components  # noqa: F401  (registers the component factories)

    register_extensions()
    nlp = spacy.blank(lang)
    if lang == "zh":
        nlp.tokenizer = CharTokenizer(nlp.vocab)  # spaCy's "char" segmenter, linear time
    nlp._hrkg_factory = factory or EntityFactory(  # type: ignore[attr-defined]
        vocabulary or load_vocabulary())
    for name in COMPONENTS if lang in ("zh", "en") else LANGUAGE_INDEPENDENT:
        nlp.add_pipe(name)
    return nlp


def chunk_view(clean: CleanText, start: int, end: int) -> CleanText:
    """Clean text ``[start, end)`` as a document of its own, for a text longer than spaCy's
    ``max_length`` (:func:`sentence_chunks` cuts between sentences). Offsets still point
    into the original file; footnotes are those whose text lies in the piece. Short forms
    resolve within their piece only."""
    notes = [replace(note, start=note.start - start, end=note.end - start,
                     marker_offsets=tuple(o - start for o in note.marker_offsets
                                          if start <= o <= end))
             for note in clean.footnotes if start <= note.start and note.end <= end]
    return CleanText(text=clean.text[start:end], offsets=clean.offsets[start:end + 1],
                     body_end=min(max(clean.body_end - start, 0), end - start),
                     footnotes=notes, links=clean.links)


def extract_document(nlp: Language, source: SourceText, clean: CleanText,
                     metadata: DocumentMetadata) -> ExtractionResult:
    """Run the pipeline on one normalized document."""
    mentions: list[Mention] = []
    for start, end in sentence_chunks(clean, nlp.max_length):
        view = clean if (start, end) == (0, len(clean.text)) else chunk_view(clean, start, end)
        doc = nlp.make_doc(view.text)
        doc._.hrkg_context = DocContext(clean=view, metadata=metadata, file_name=source.file_name)
        doc._.hrkg_candidates = []
        for _, component in nlp.pipeline:
            doc = component(doc)
        for mention in doc._.hrkg_mentions:
            mention.start += start
            mention.end += start
            mentions.append(mention)
    for mention in mentions:
        mention.anchor = source.text[mention.orig_start:mention.orig_end]
    result = ExtractionResult(source=source, clean=clean, metadata=metadata, mentions=mentions)
    result.relations = extract_relations(result, shared_factory(nlp))
    result.commitments = extract_commitments(result)
    result.articles = extract_articles(result)
    return result
