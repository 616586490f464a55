"""Language versions of one document built together: their entities aligned into one IRI.

A build task records, beside its outcome, what alignment needs (an
:class:`~hrkg.extract.align.AlignmentRecord`). When a document is handed to the reduce
(in input order) and an earlier document of the build is another language version of it
(same UN symbol, else same file name; one Chinese and one English), the two are aligned
(:func:`~hrkg.extract.align.align_versions`) and each aligned entity of the later
document takes the IRI its partner has in the earlier one: its quads, entity records,
surface forms and co-mentions are renamed before they reach the reduce, and the partner's
record gains the other language's label. An open-world name never renames a known entity
(vocabulary, symbol, SDG): then the known one wins if it is the earlier one, else the pair
stays two IRIs. Nothing is held back, so memory stays bounded by the records.
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass, field
from pathlib import Path

from hrkg.cache import prune_entries
from hrkg.core.atomic import atomic_open
from hrkg.exports.sorted_rdf import SEP, read_run, run_lines
from hrkg.exports.spool import Spool
from hrkg.exports.turtle import TermWriter
from hrkg.extract.align import (
    AlignmentRecord,
    EntityPair,
    StoredAlignment,
    align_versions,
    is_open_world,
    whole_record,
)
from hrkg.extract.model import Entity
from hrkg.graph.uris import entity_uri
from hrkg.tasks import DocumentOutcome

LANGUAGES = ("zh", "en")  # the languages aligned with each other


@dataclass
class _Seen:
    key: int  # its AlignmentRecord in the aligner's spool (on disk) while unpaired
    language: str
    entities: dict[str, Entity]  # IRI -> the record the reduce keeps
    paired: bool = False


@dataclass
class VersionAligner:
    """Pairs documents as they are released and renames the later one's entities. The
    alignment records of documents still unpaired wait on disk (a :class:`~hrkg.exports.
    spool.Spool`: a third of a megabyte a document), not in memory; a cached document's is
    only where the cache keeps it (:class:`~hrkg.extract.align.StoredAlignment`), read
    when its pair must be aligned again."""

    earlier: dict[tuple[str, str], _Seen] = field(default_factory=dict)  # (kind, id) -> doc
    renamed: int = 0  # entities that took their partner's IRI, over the build
    records: Spool = field(default_factory=Spool)
    memo: AlignmentMemo | None = None  # pairs of earlier builds, by the two cache keys
    keys: dict[int, str] = field(default_factory=dict)  # input index -> its cache key

    def release(self, outcome: DocumentOutcome) -> None:
        """Align ``outcome`` with an earlier version of it, if any; remember it."""
        record = getattr(outcome, "alignment", None)
        if record is None or record.language not in LANGUAGES:
            return
        seen = _Seen(outcome.index, record.language, dict(outcome.entities))
        partner = self._partner(record)
        if partner is not None:
            partner.paired = seen.paired = True
            theirs = self.records[partner.key]
            del self.records[partner.key]  # a document pairs once
            partner_first = partner.language == "zh"
            first, second = (theirs, record) if partner_first else (record, theirs)
            order = (partner.key, outcome.index) if partner_first else \
                (outcome.index, partner.key)
            keys = [self.keys.get(index, "") for index in order]
            renamed: Path | None = None  # where outcome's renamed lines are kept as a run
            if self.memo is not None and all(keys):
                pairs = self.memo.pairs(keys[0], keys[1], first, second)
                renamed = self.memo.renamed_run(keys[0], keys[1])
            else:
                pairs = _aligned(first, second)
            self._rename(outcome, partner, pairs, partner_first, renamed)
        else:
            self.records[seen.key] = record
        for kind, name in self._names(record):
            self.earlier.setdefault((kind + record.language, name), seen)

    @staticmethod
    def _names(record: AlignmentRecord | StoredAlignment) -> list[tuple[str, str]]:
        names = [("file:", record.file_name)]
        if record.symbol:
            names.insert(0, ("symbol:", record.symbol))
        return names

    def _partner(self, record: AlignmentRecord | StoredAlignment) -> _Seen | None:
        other = LANGUAGES[1 - LANGUAGES.index(record.language)]
        for kind, name in self._names(record):
            found = self.earlier.get((kind + other, name))
            if found is not None and not found.paired:
                return found
        return None

    def _rename(self, outcome: DocumentOutcome, partner: _Seen, pairs: list[EntityPair],
                partner_first: bool, renamed: Path | None = None) -> None:
        """Give ``outcome``'s side of each pair the IRI of ``partner``'s side."""
        iris: dict[str, str] = {}
        for pair in pairs:
            theirs, ours = (pair.first, pair.second) if partner_first else \
                (pair.second, pair.first)
            if not is_open_world(ours[1]):
                continue  # a known entity keeps its IRI
            old, new = str(entity_uri(*ours)), str(entity_uri(*theirs))
            mine = dict(outcome.entities).get(old)
            target = partner.entities.get(new)
            if mine is None or target is None:
                continue
            iris[old] = new
            target.label_zh = target.label_zh or mine.label_zh
            target.label_en = target.label_en or mine.label_en
        if iris:
            self.renamed += len(iris)
            kept = renamed is not None and self.memo is not None and self.memo.enabled \
                and renamed.is_file()
            rename_outcome(outcome, iris, renamed, reuse=kept)


def _aligned(first: AlignmentRecord | StoredAlignment,
             second: AlignmentRecord | StoredAlignment) -> list[EntityPair]:
    """:func:`align_versions` of two records, read back first where the cache keeps them."""
    return align_versions(whole_record(first), whole_record(second))


def _rename_lines(outcome: DocumentOutcome, terms: dict[str, str]) -> None:
    """Rename the IRIs ``terms`` (Turtle text, old -> new) in ``outcome``'s sort lines."""
    if outcome.run:  # a cached outcome: its lines are in its sorted run
        outcome.lines, outcome.run = read_run(Path(outcome.run)), ""
    lines = []
    for line in outcome.lines:
        fields = line.split(SEP)
        if fields[0] in terms or fields[2] in terms:
            fields[0] = terms.get(fields[0], fields[0])
            fields[2] = terms.get(fields[2], fields[2])
            line = SEP.join(fields)
        lines.append(line)
    outcome.lines = lines


class AlignmentMemo:
    """The entity pairs of two language versions, kept in ``<cache>/pairs/`` by the cache
    keys of the two documents (which name their bytes and the code): a rebuild aligns
    only the pairs a changed file is in. Entries not used by a build are removed."""

    def __init__(self, folder: Path, *, enabled: bool = True) -> None:
        self.folder = folder / "pairs"
        self.enabled = enabled
        self.used: set[str] = set()

    @staticmethod
    def _name(first_key: str, second_key: str) -> str:
        return hashlib.sha256(f"{first_key}\0{second_key}".encode()).hexdigest()

    def renamed_run(self, first_key: str, second_key: str) -> Path:
        """Where the later version's renamed sort lines are kept as a sorted run (and,
        beside it, its blocks: :mod:`hrkg.exports.blocks`)."""
        return self.folder / (self._name(first_key, second_key) + ".run")

    def pairs(self, first_key: str, second_key: str, first: AlignmentRecord | StoredAlignment,
              second: AlignmentRecord | StoredAlignment) -> list[EntityPair]:
        """:func:`align_versions` of ``first`` and ``second``, kept or computed."""
        name = self._name(first_key, second_key)
        self.used.add(name)
        path = self.folder / name
        if self.enabled:
            try:
                found = pickle.loads(path.read_bytes())
                if isinstance(found, list):
                    return found
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
                pass
        pairs = _aligned(first, second)
        with atomic_open(path, "wb") as handle:
            handle.write(pickle.dumps(pairs, pickle.HIGHEST_PROTOCOL))
        return pairs

    def prune(self) -> None:
        """Remove the pairs (and their kept runs) this build did not use."""
        prune_entries(self.folder, self.used)


def rename_outcome(outcome: DocumentOutcome, iris: dict[str, str], run: Path | None = None,
                   reuse: bool = False) -> None:
    """Replace entity IRIs (old -> new) everywhere in ``outcome``."""
    writer = TermWriter()
    terms = {writer.iri(old): writer.iri(new) for old, new in iris.items()}
    outcome.beside = {}  # made from the lines before renaming
    outcome.prefixes |= writer.used
    if run is not None and reuse:  # renamed by an earlier build: its run is kept
        outcome.lines, outcome.run = [], str(run)
    else:
        _rename_lines(outcome, terms)
        if run is not None:  # kept as a sorted run, whose blocks are kept beside it
            with atomic_open(run) as handle:
                handle.writelines(run_lines(outcome.lines))
            outcome.lines, outcome.run = [], str(run)
    kept: dict[str, Entity] = {}
    for uri, entity in outcome.entities:
        kept.setdefault(iris.get(uri, uri), entity)
    outcome.entities = list(kept.items())
    surfaces: dict[str, set[str]] = {}
    for uri, forms in outcome.surfaces.items():
        surfaces.setdefault(iris.get(uri, uri), set()).update(forms)
    outcome.surfaces = {uri: sorted(forms) for uri, forms in surfaces.items()}
    counts: dict[tuple[str, str], int] = {}
    for a, b, count in outcome.comentions:
        x, y = sorted((iris.get(a, a), iris.get(b, b)))
        if x != y:
            counts[(x, y)] = counts.get((x, y), 0) + count
    outcome.comentions = [(a, b, n) for (a, b), n in sorted(counts.items())]
