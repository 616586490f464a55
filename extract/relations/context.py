"""What every relation rule reads and writes: the document's text, mentions in reading
order, sentence spans, the cue words (``patterns/relations.yaml``) and the relations found
so far (one per subject, predicate and object)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import cache
from itertools import islice, takewhile
from typing import Any

from hrkg.extract.entities.factory import EntityFactory
from hrkg.extract.model import Entity, ExtractionResult, Mention, Relation
from hrkg.extract.patterns import alternation, conjunctions, load_patterns

RESOLUTION_DOC_TYPES = {"resolution", "draft-resolution", "decision", "draft-decision"}

RelationKey = tuple[str | None, str | None, str, str, str]


@cache
def relation_cues(lang: str = "zh") -> dict[str, Any]:
    """``patterns/relations.yaml`` with {and} spelled out as the list conjunctions; for
    another language, the keys of its own file (``patterns/<lang>/relations.yaml``) over
    the Chinese ones."""
    joins = alternation(conjunctions("lists"))
    cues = {name: value.replace("{and}", joins) if isinstance(value, str) else value
            for name, value in load_patterns("relations").items()}
    return cues if lang == "zh" else {**cues, **load_patterns("relations", lang)}


class SentenceIndex:
    """Which sentence each clean offset falls in."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        self.starts = [s for s, _ in spans]

    def around(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.starts, offset) - 1
        if index < 0:
            return self.spans[0] if self.spans else (offset, offset + 1)
        return self.spans[index]


class RelationContext:
    """One document's state while the rules run over it."""

    def __init__(self, result: ExtractionResult, factory: EntityFactory) -> None:
        self.result = result
        self.factory = factory
        self.text = result.clean.text
        self.cues = relation_cues()
        # cues in the document's language, for rules whose keys every language states
        self.local_cues = relation_cues(result.metadata.language or "zh")
        self.sentences = SentenceIndex(result.clean.sentences)
        self.mentions = sorted(result.mentions, key=lambda m: m.start)
        self._starts = [m.start for m in self.mentions]
        self._longest = max((m.end - m.start for m in self.mentions), default=0)
        self._index = {id(m): i for i, m in enumerate(self.mentions)}
        self.relations: dict[RelationKey, Relation] = {}

    def add(self, subject: Entity | None, predicate: str, obj: Entity,
            sentence: tuple[int, int], rule: str, confidence: float,
            background: bool = False) -> None:
        """Record a relation; the first rule that finds it wins, unless it was only
        background and this one is stated."""
        key = (subject.cls if subject else None, subject.key if subject else None,
               predicate, obj.cls, obj.key)
        known = self.relations.get(key)
        if known is None or (known.background and not background):
            self.relations[key] = Relation(subject, predicate, obj, sentence[0], sentence[1],
                                           rule, confidence, background)

    def mentions_from(self, offset: int) -> Iterator[Mention]:
        """The mentions starting at or after ``offset``, in reading order."""
        return islice(self.mentions, bisect.bisect_left(self._starts, offset), None)

    def mentions_back_from(self, offset: int, reach: int) -> Iterator[Mention]:
        """The mentions starting at or before ``offset``, latest first, as far back as one
        can still end within ``reach`` characters before ``offset`` (the rest end too early)."""
        for index in range(bisect.bisect_right(self._starts, offset) - 1, -1, -1):
            mention = self.mentions[index]
            if mention.start + self._longest < offset - reach:
                return
            yield mention

    def mentions_near(self, offset: int, reach: int) -> Iterator[Mention]:
        """The mentions starting from ``offset`` to ``offset + reach``, in reading order."""
        return takewhile(lambda m: m.start <= offset + reach, self.mentions_from(offset))

    def index_of(self, mention: Mention) -> int:
        """Where ``mention`` stands in :attr:`mentions` (reading order)."""
        return self._index[id(mention)]

    def mentions_in(self, start: int, end: int, cls: str | None = None) -> list[Mention]:
        """The mentions (of ``cls``) inside ``start``..``end``."""
        found = []
        for m in self.mentions_from(start):
            if m.start > end:
                break
            if m.end <= end and (cls is None or m.entity.cls == cls):
                found.append(m)
        return found

    def coordinated(self, mention: Mention, cls: str, joiners: str,
                    step: int) -> list[Mention]:
        """Mentions of ``cls`` joined to ``mention`` by 和/及/以及/、 before it (step -1) or
        after it (step 1): 《北京宣言》和《行动纲要》, 国际电信联盟和联合国儿童基金会."""
        chain: list[Mention] = []
        index = self.index_of(mention)
        while 0 <= index + step < len(self.mentions):
            other = self.mentions[index + step]
            here = self.mentions[index]
            left, right = (other, here) if step < 0 else (here, other)
            gap = self.text[left.end:right.start]
            if other.entity.cls != cls or not re.fullmatch(joiners, gap):
                break
            chain.append(other)
            index += step
        return chain

    def coordinated_before(self, mention: Mention) -> list[Mention]:
        """The titles listed before ``mention`` (《A》和《B》: A for B)."""
        return self.coordinated(mention, "Instrument", self.cues["title_list_joiners"], -1)

    def coordinated_after(self, mention: Mention) -> list[Mention]:
        """The titles listed after ``mention`` (《A》和《B》: B for A)."""
        return self.coordinated(mention, "Instrument", self.cues["title_list_joiners"], 1)
