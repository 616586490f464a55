"""Candidate mentions that pipeline components attach to a spaCy ``Doc``.

Components append :class:`Candidate` records to ``doc._.hrkg_candidates``; the
final ``hrkg_resolver`` component turns them into non-overlapping
:class:`~hrkg.extract.model.Mention` records in ``doc._.hrkg_mentions``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from hrkg.extract.model import CleanText, DocumentMetadata, Entity

# Higher wins when two candidates overlap with the same length.
PRIORITY = {
    "symbol": 90,
    "resolution": 90,
    "sdg": 80,
    "title": 70,
    "vocabulary": 60,
    "coreference": 50,
    "body-pattern": 40,
    "title-event": 65,
}


@dataclass
class Candidate:
    start: int  # clean offsets
    end: int
    entity: Entity | None  # None: a short form still to be resolved
    component: str
    short_form: bool = False
    nested_ok: bool = False  # may sit inside another candidate (titles of reports)
    container: bool = False  # other candidates may nest inside it (publication titles)
    info: dict = field(default_factory=dict)

    @property
    def priority(self) -> int:
        return PRIORITY.get(self.component, 0)


@dataclass
class DocContext:
    """What components know about the document beyond its text."""

    clean: CleanText
    metadata: DocumentMetadata
    file_name: str


def register_extensions() -> None:
    """Declare the custom ``Doc`` attributes (idempotent)."""
    for name, default in (
        ("hrkg_candidates", None),
        ("hrkg_mentions", None),
        ("hrkg_context", None),
        ("hrkg_relations", None),
    ):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


def add_candidate(doc: Doc, candidate: Candidate) -> None:
    if doc._.hrkg_candidates is None:
        doc._.hrkg_candidates = []
    doc._.hrkg_candidates.append(candidate)


def candidates(doc: Doc) -> list[Candidate]:
    return doc._.hrkg_candidates or []


def text_of(doc: Doc) -> str:
    """The document's text (``doc.text`` is rebuilt from tokens on every access)."""
    return doc._.hrkg_context.clean.text
