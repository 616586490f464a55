"""Plain data records passed between the stages: extract -> graph -> exports.

Nothing here knows about spaCy or RDF. Offsets named ``start``/``end`` are into
the *clean* text; ``orig_start``/``orig_end`` are into the original decoded
source text (what ``nif:beginIndex``/``nif:endIndex`` publish).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

# Top-level classes of the graph contract (local names in the hr: namespace).
ENTITY_CLASSES = (
    "Actor",
    "Mechanism",
    "Group",
    "Instrument",
    "Publication",
    "Resolution",
    "UNDocument",
    "SDGGoal",
    "SDGTarget",
    "Right",
)


@dataclass(frozen=True)
class Footnote:
    """A footnote: its number, its text span in the clean text, and its markers."""

    number: int
    start: int
    end: int
    marker_offsets: tuple[int, ...] = ()  # clean offsets just after which the marker stood
    links: tuple[str, ...] = ()  # hyperlink targets printed on the same page (undocs.org/...)


@dataclass
class CleanText:
    """Extraction-ready text plus a map back to original character offsets.

    ``offsets[i]`` is the index in the original text of clean character ``i``;
    ``offsets[len(text)]`` is one past the last original character used.
    ``body_end`` is where the running text stops and the footnote segment begins.
    """

    text: str
    offsets: list[int]
    body_end: int
    footnotes: list[Footnote] = field(default_factory=list)
    links: list[str] = field(default_factory=list)

    def orig_span(self, start: int, end: int) -> tuple[int, int]:
        """Original [begin, end) covering clean [start, end)."""
        if end <= start:
            raise ValueError(f"empty span {start}-{end}")
        return self.offsets[start], self.offsets[end - 1] + 1

    def footnote_at(self, offset: int) -> Footnote | None:
        """The footnote whose text contains clean ``offset``, if any."""
        for note in self.footnotes:
            if note.start <= offset < note.end:
                return note
        return None

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """Sentence spans in reading order (extract/sentences.py), split once and shared by
        relations, article citations and co-mentions."""
        from hrkg.extract.cleaning.sentences import (
            sentences,  # sentences.py reads this module's CleanText
        )

        return sentences(self)


@dataclass
class SourceText:
    """A decoded input file."""

    path: str  # path as given on the command line
    file_name: str  # base name, published as hr:sourceFile
    text: str  # decoded original text; NIF offsets index into this
    sha256: str  # of the file's bytes
    media_type: str  # text/plain, application/pdf, ...
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)  # read anyway: bad bytes replaced, ...


@dataclass
class DocumentMetadata:
    symbol: str | None = None
    title: str | None = None
    organ: str | None = None  # issuing organ as written in Chinese, e.g. "人权理事会"
    session: str | None = None  # e.g. "44"
    date: str | None = None  # ISO 8601, as precise as stated (YYYY, YYYY-MM or YYYY-MM-DD)
    language: str = "zh"
    authors: list[str] = field(default_factory=list)  # author names as written (zh)
    doc_type: str | None = None  # report, resolution, draft-resolution, publication, ...
    evidence: dict[str, tuple[int, int]] = field(default_factory=dict)  # field -> clean span


_OPEN_WORLD_KEY = re.compile(r"^[a-z]{2,3}:")


def is_open_world(key: str) -> bool:
    """True for a key made from a name in one language (``zh:…``, ``en:…``)."""
    return bool(_OPEN_WORLD_KEY.match(key))


@dataclass
class Entity:
    """A canonical entity. ``key`` is globally unique within its class."""

    cls: str  # one of ENTITY_CLASSES
    key: str  # vocabulary key, UN symbol, SDG number, structural key, or "<lang>:<name>"
    label_zh: str
    label_en: str | None = None
    subclass: str | None = None  # finer ontology class local name, e.g. "Treaty", "State"
    identifier: str | None = None  # dcterms:identifier (symbols, SDG numbers)
    same_as: tuple[str, ...] = ()  # external URIs (Wikidata, metadata.un.org)
    in_vocabulary: bool = False
    country: Entity | None = None  # the State of a national body or plan (dcterms:spatial)


@dataclass
class Mention:
    entity: Entity
    start: int
    end: int
    orig_start: int
    orig_end: int
    anchor: str  # original text [orig_start:orig_end], verbatim
    surface: str  # normalized surface form (no spaces, no 《》)
    component: str  # which pipeline component produced it
    is_short_form: bool = False  # resolved short form / anaphor (-> skos:altLabel)


@dataclass
class Relation:
    subject: Entity | None  # None = the document itself
    predicate: str  # "adoptedBy", "adoptedIn", "requests", "creator", ...
    obj: Entity
    sentence_start: int  # clean offsets of the evidence sentence
    sentence_end: int
    rule: str
    confidence: float = 0.9
    # True: known from an identifier (the organ of a symbol series), not stated by a sentence;
    # written to the background graph without an evidence record
    background: bool = False


@dataclass
class Commitment:
    """A numbered action or objective of a pact or compact (行动 1., 目标 1.)."""

    kind: str  # "action", "objective", ...
    number: int
    label: str  # "行动 1"
    heading: str  # the heading line's text after the number
    start: int  # clean span of the heading line (the evidence)
    end: int
    text_end: int  # clean offset where the commitment's text ends
    instrument: Entity | None = None  # the pact or compact it belongs to
    entities: list[Entity] = field(default_factory=list)  # what its text mentions, in order


@dataclass
class ArticleCitation:
    """An article (and paragraph) of an instrument cited in the text: 第一条第三款."""

    instrument: Entity
    article: int
    paragraph: int | None
    start: int  # clean span of the citation itself
    end: int
    sentence_start: int  # clean span of its sentence (the evidence)
    sentence_end: int


@dataclass
class ExtractionResult:
    source: SourceText
    clean: CleanText
    metadata: DocumentMetadata
    mentions: list[Mention] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
    articles: list[ArticleCitation] = field(default_factory=list)
