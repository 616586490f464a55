"""What alignment needs of one extracted document: its lines, with the entities each line
mentions (where in the line) and the language-independent anchors it contains."""

from __future__ import annotations

import pickle
import re
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from hrkg.core.atomic import atomic_open
from hrkg.extract.model import Entity, ExtractionResult, is_open_world

# anchors shared by both versions of a line: numbers, and Latin capitals (UNICEF, COVID-19)
_ANCHOR_TOKENS = re.compile(r"\d+|[A-Z][A-Z0-9]{1,}")

Ident = tuple[str, str]  # (class, key): an entity as the graph knows it
Signature = tuple[str, str, str]  # (role, predicate, language-independent partner)


@dataclass(frozen=True)
class Occurrence:
    """An entity mentioned on a line, at ``position`` (0 = line start, 1 = line end)."""

    ident: Ident
    position: float
    open_world: bool


@dataclass(frozen=True)
class Line:
    """One non-empty line of the source text."""

    size: int  # characters, whitespace not counted
    anchors: frozenset[str]  # numbers, Latin capitals, language-independent entities
    entities: tuple[Occurrence, ...]


@dataclass
class AlignmentRecord:
    """One document version, as alignment sees it."""

    symbol: str | None
    language: str
    file_name: str
    lines: list[Line]
    signatures: dict[Ident, frozenset[Signature]] = field(default_factory=dict)

    @property
    def stem(self) -> str:
        return PurePath(self.file_name).stem

    def idents(self) -> frozenset[Ident]:
        """Every entity the document mentions."""
        return frozenset(o.ident for line in self.lines for o in line.entities)


@dataclass(frozen=True)
class StoredAlignment:
    """An :class:`AlignmentRecord` kept in a file (the build cache): its names, which find
    a document's other version, and where the whole record is, read back only when the
    pair has to be aligned again (unpickling every cached document's lines is most of a
    rebuild's reading otherwise)."""

    symbol: str | None
    language: str
    file_name: str
    path: str

    @classmethod
    def keep(cls, record: AlignmentRecord, path: Path) -> StoredAlignment:
        """Write ``record`` to ``path``; its stored form."""
        with atomic_open(path, "wb") as handle:
            handle.write(pickle.dumps(record, pickle.HIGHEST_PROTOCOL))
        return cls(record.symbol, record.language, record.file_name, str(path))

    def load(self) -> AlignmentRecord:
        with open(self.path, "rb") as handle:
            record = pickle.load(handle)
        if not isinstance(record, AlignmentRecord):
            raise TypeError(f"{self.path}: not an alignment record")
        return record


def whole_record(record: AlignmentRecord | StoredAlignment) -> AlignmentRecord:
    """``record`` itself, or read back from where it is stored."""
    return record.load() if isinstance(record, StoredAlignment) else record


def _ident(entity: Entity) -> Ident:
    return (entity.cls, entity.key)


def alignment_record(result: ExtractionResult) -> AlignmentRecord:
    """The lines of ``result``'s source text with their entities and anchors."""
    text = result.source.text
    spans: list[tuple[int, int]] = []
    start = 0
    for raw in text.splitlines(keepends=True):
        if raw.strip():
            spans.append((start, start + len(raw.rstrip("\r\n"))))
        start += len(raw)
    starts = [begin for begin, _ in spans]
    found: dict[int, list[Occurrence]] = defaultdict(list)
    for mention in sorted(result.mentions, key=lambda m: (m.orig_start, m.orig_end)):
        index = bisect_right(starts, mention.orig_start) - 1
        if index < 0 or mention.orig_start >= spans[index][1]:
            continue
        begin, end = spans[index]
        key = mention.entity.key
        found[index].append(Occurrence(_ident(mention.entity),
                                       round((mention.orig_start - begin) / max(end - begin, 1), 4),
                                       is_open_world(key)))
    lines = []
    for index, (begin, end) in enumerate(spans):
        segment = text[begin:end]
        occurrences = tuple(found.get(index, ()))
        anchors = set(_ANCHOR_TOKENS.findall(segment))
        anchors.update(f"{o.ident[0]}|{o.ident[1]}" for o in occurrences if not o.open_world)
        visible = len("".join(segment.split()))  # its non-space characters
        lines.append(Line(visible, frozenset(anchors),
                          occurrences))
    return AlignmentRecord(result.metadata.symbol, result.metadata.language,
                           result.source.file_name, lines, _signatures(result))


def _signatures(result: ExtractionResult) -> dict[Ident, frozenset[Signature]]:
    """Per open-world entity: its relations to the document or to language-independent
    entities (``requests`` by the document, ``adoptedIn`` a resolution, ...)."""
    found: dict[Ident, set[Signature]] = defaultdict(set)
    for relation in result.relations:
        subject = relation.subject
        partner_of_object = "self" if subject is None else subject.key
        if is_open_world(relation.obj.key) and not is_open_world(partner_of_object):
            found[_ident(relation.obj)].add(("object", relation.predicate, partner_of_object))
        if subject is not None and is_open_world(subject.key) \
                and not is_open_world(relation.obj.key):
            found[_ident(subject)].add(("subject", relation.predicate, relation.obj.key))
    return {ident: frozenset(signatures) for ident, signatures in sorted(found.items())}
