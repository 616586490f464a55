"""Co-mention counts: how many sentences of a document mention both entities of a pair.

A co-mention is a statistic for maps and analytics, not an asserted relation between the
two entities; the graph keeps it apart (``hr:CoMention`` nodes in their own named graph).
"""

from __future__ import annotations

from collections import Counter
from itertools import combinations

from hrkg.extract.model import Entity, ExtractionResult

EntityKey = tuple[str, str]  # (class, key)


def sentence_comentions(result: ExtractionResult) -> Counter[tuple[EntityKey, EntityKey]]:
    """Unordered entity pairs (sorted keys) -> number of sentences mentioning both."""
    spans = result.clean.sentences
    mentions = sorted(result.mentions, key=lambda m: m.start)
    counts: Counter[tuple[EntityKey, EntityKey]] = Counter()
    index = 0
    for start, end in spans:
        while index < len(mentions) and mentions[index].start < start:
            index += 1
        inside: set[EntityKey] = set()
        cursor = index
        while cursor < len(mentions) and mentions[cursor].start < end:
            entity = mentions[cursor].entity
            inside.add((entity.cls, entity.key))
            cursor += 1
        for pair in combinations(sorted(inside), 2):
            counts[pair] += 1
    return counts


def entities_by_key(result: ExtractionResult) -> dict[EntityKey, Entity]:
    return {(m.entity.cls, m.entity.key): m.entity for m in result.mentions}
