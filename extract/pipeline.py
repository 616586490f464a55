"""The extraction pipeline: ``spacy.blank("zh")`` plus hrkg's registered components.

Order matters: finders add candidates (symbols, resolutions, SDGs, titles,
vocabulary names); ``hrkg_overlaps`` settles overlaps; ``hrkg_coreference``
resolves short forms in reading order; ``hrkg_mentions`` emits mentions.
"""

from __future__ import annotations

import spacy
from spacy.language import Language

from hrkg.extract.char_tokenizer import CharTokenizer
from hrkg.extract.entities.candidates import DocContext, register_extensions
from hrkg.extract.entities.factory import EntityFactory
from hrkg.extract.model import CleanText, DocumentMetadata, ExtractionResult, SourceText
from hrkg.extract.relations.articles import extract_articles
from hrkg.extract.relations.commitments import extract_commitments
from hrkg.extract.relations.rules import extract_relations
from hrkg.extract.vocabulary import Vocabulary, load_vocabulary

COMPONENTS = (
    "hrkg_symbols",
    "hrkg_resolutions",
    "hrkg_sdgs",
    "hrkg_titles",
    "hrkg_vocabulary",
    "hrkg_rights",
    "hrkg_bodies",
    "hrkg_overlaps",
    "hrkg_coreference",
    "hrkg_mentions",
)


def shared_factory(nlp: Language) -> EntityFactory:
    """The entity factory shared by all components of ``nlp``."""
    return nlp._hrkg_factory  # type: ignore[attr-defined]


def create_pipeline(vocabulary: Vocabulary | None = None) -> Language:
    """A blank Chinese spaCy pipeline with hrkg's extraction components."""
    from hrkg.extract.entities import components  # noqa: F401  (registers the component factories)

    register_extensions()
    nlp = spacy.blank("zh")
    nlp.tokenizer = CharTokenizer(nlp.vocab)  # spaCy's "char" segmenter, linear time
    nlp._hrkg_factory = EntityFactory(vocabulary or load_vocabulary())  # type: ignore[attr-defined]
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


def extract_document(nlp: Language, source: SourceText, clean: CleanText,
                     metadata: DocumentMetadata) -> ExtractionResult:
    """Run the pipeline on one normalized document."""
    doc = nlp.make_doc(clean.text)
    doc._.hrkg_context = DocContext(clean=clean, metadata=metadata, file_name=source.file_name)
    doc._.hrkg_candidates = []
    for _, component in nlp.pipeline:
        doc = component(doc)
    mentions = doc._.hrkg_mentions
    for mention in mentions:
        mention.anchor = source.text[mention.orig_start:mention.orig_end]
    result = ExtractionResult(source=source, clean=clean, metadata=metadata, mentions=mentions)
    result.relations = extract_relations(result, shared_factory(nlp))
    result.commitments = extract_commitments(result)
    result.articles = extract_articles(result)
    return result
