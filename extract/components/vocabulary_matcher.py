"""Every name, alias and short form of the vocabularies, matched with spaCy's
``PhraseMatcher`` over the character tokens of ``spacy.blank("zh")``.

Short forms (``short:`` in the vocabulary) are emitted as short-form candidates;
the coreference component keeps them only after a full mention of the entity.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from ..candidates import Candidate, add_candidate
from ..entities import EntityFactory


class VocabularyMatcher:
    def __init__(self, nlp: Language, factory: EntityFactory) -> None:
        self.factory = factory
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.labels: dict[int, tuple[str, bool]] = {}
        vocabulary = factory.vocabulary
        for is_short, table in ((False, vocabulary.by_surface()), (True, vocabulary.short_forms())):
            for surface in sorted(table):
                if len(surface) < 2:
                    continue
                key = f"{'short' if is_short else 'name'}:{surface}"
                match_id = nlp.vocab.strings.add(key)
                self.labels[match_id] = (surface, is_short)
                self.matcher.add(key, [nlp.make_doc(surface)])

    def __call__(self, doc: Doc) -> Doc:
        vocabulary = self.factory.vocabulary
        for match_id, start, end in self.matcher(doc):
            surface, is_short = self.labels[match_id]
            span = doc[start:end]
            if is_short:
                entries = vocabulary.short_forms()[surface]
                add_candidate(doc, Candidate(
                    span.start_char, span.end_char, None, "coreference", short_form=True,
                    info={"name": surface, "keys": [e.key for e in entries]},
                ))
                continue
            entity = self.factory.from_vocabulary(vocabulary.by_surface()[surface][0])
            add_candidate(doc, Candidate(span.start_char, span.end_char, entity, "vocabulary"))
        return doc


@Language.factory("hrkg_vocabulary", default_config={})
def make_vocabulary_matcher(nlp: Language, name: str) -> VocabularyMatcher:
    from ..pipeline import shared_factory

    return VocabularyMatcher(nlp, shared_factory(nlp))
