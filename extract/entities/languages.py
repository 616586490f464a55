"""Languages named after a State: 西班牙文, 葡萄牙语 name a language, not the State. Where
jieba reads a State's name and the 文/语 after it as one word, a blocking candidate over
that word hides the State's mention (the longest candidate wins). Data: patterns/bodies.yaml
(language_suffixes)."""

from __future__ import annotations

from spacy.tokens import Doc

from hrkg.extract.entities.candidates import Candidate, add_candidate, candidates
from hrkg.extract.entities.country_scope import STATE_SUBCLASSES
from hrkg.extract.entities.words import words


def hide_language_names(doc: Doc, text: str, suffixes: str) -> None:
    """Block every State mention of ``doc`` that is the stem of a language's name."""
    for candidate in list(candidates(doc)):
        entity, start, end = candidate.entity, candidate.start, candidate.end
        if entity is None or entity.subclass not in STATE_SUBCLASSES \
                or not text.startswith(tuple(suffixes), end):
            continue
        word = next((w for w in words(text[start:end + 3], start) if w.start == start), None)
        if word is not None and word.end == end + 1:
            add_candidate(doc, Candidate(start, end + 1, None, "body-pattern", info={"keys": []}))
