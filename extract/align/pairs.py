"""Pair the entities of two aligned language versions: inside each parallel line pair,
entities of the same class that only one side can name (open-world names, or a known
entity the other line lacks) are matched by position and shared relations; a pair is
kept when it wins in the majority of the line pairs where both entities stand."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from hrkg.extract.align.lines import align_lines
from hrkg.extract.align.record import (
    AlignmentRecord,
    Ident,
    Line,
    Occurrence,
    is_open_world,
)

MIN_PAIR = 0.6  # least pair score (position agreement + shared relations) to be counted
RELATION_BONUS = 0.5
# an open-world name paired with a known entity the other version lacks must agree in this
# many line pairs (one line is too weak: "United States Fund for UNICEF" holds a State)
MIN_VOTES_KNOWN = 2


@dataclass(frozen=True)
class EntityPair:
    """One entity named in two versions: ``first`` in the first record, ``second`` in the
    second; ``votes`` line pairs agree."""

    first: Ident
    second: Ident
    votes: int


def _candidates(line: Line, elsewhere: frozenset[Ident]) -> list[Occurrence]:
    """Entities of ``line`` that may have another identity in the other version: open-world
    ones, and known ones the other version never mentions (first occurrence of each)."""
    seen: set[Ident] = set()
    found = []
    for occurrence in line.entities:
        if occurrence.ident in seen or (not occurrence.open_world
                                        and occurrence.ident in elsewhere):
            continue
        seen.add(occurrence.ident)
        found.append(occurrence)
    return found


def _line_pairs(a: list[Occurrence], b: list[Occurrence], first: AlignmentRecord,
                second: AlignmentRecord) -> list[tuple[Ident, Ident]]:
    """The best one-to-one pairing of the candidates of one parallel line pair (greedy by
    score; ties by identity, so deterministic)."""
    scored = []
    for x in a:
        for y in b:
            if x.ident[0] != y.ident[0] or not (x.open_world or y.open_world):
                continue
            score = 1.0 - abs(x.position - y.position)
            shared = first.signatures.get(x.ident, frozenset()) & \
                second.signatures.get(y.ident, frozenset())
            score += RELATION_BONUS * bool(shared)
            if score >= MIN_PAIR:
                scored.append((-score, x.ident, y.ident))
    used_a: set[Ident] = set()
    used_b: set[Ident] = set()
    chosen = []
    for _, x_ident, y_ident in sorted(scored):
        if x_ident not in used_a and y_ident not in used_b:
            used_a.add(x_ident)
            used_b.add(y_ident)
            chosen.append((x_ident, y_ident))
    return chosen


def align_versions(first: AlignmentRecord, second: AlignmentRecord) -> list[EntityPair]:
    """The entity pairs of two versions of one document (one-to-one, sorted)."""
    votes: Counter[tuple[Ident, Ident]] = Counter()
    seen_a: Counter[Ident] = Counter()  # parallel line pairs where the entity is a candidate
    seen_b: Counter[Ident] = Counter()
    in_first, in_second = first.idents(), second.idents()
    for i, j, _ in align_lines(first.lines, second.lines):
        a = _candidates(first.lines[i], in_second)
        b = _candidates(second.lines[j], in_first)
        seen_a.update(o.ident for o in a)
        seen_b.update(o.ident for o in b)
        votes.update(_line_pairs(a, b, first, second))
    used_a: set[Ident] = set()
    used_b: set[Ident] = set()
    pairs = []
    for (x, y), count in sorted(votes.items(), key=lambda item: (-item[1], item[0])):
        if x in used_a or y in used_b:
            continue
        if 2 * count <= seen_a[x] or 2 * count <= seen_b[y]:
            continue  # pairs with another entity (or none) in most of its lines
        if count < MIN_VOTES_KNOWN and not (is_open_world(x[1]) and is_open_world(y[1])):
            continue
        used_a.add(x)
        used_b.add(y)
        pairs.append(EntityPair(x, y, count))
    return sorted(pairs, key=lambda p: (p.first, p.second))
