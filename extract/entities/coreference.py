"""Short forms and anaphors resolve to the entity they stand for in the document:
《宪章》, 《议程》, 《宣言》, 该公约, 这项议程, 本宣言, 理事会, 高级专员 … take the most
recent full mention that fits (same head word, or one of the vocabulary entries
that list the short form). 本契约 / 本《宣言》 take the instrument whose text this
is: the latest one standing as a heading. Unresolved short forms are dropped:
they never make entities of their own.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from itertools import accumulate

from spacy.language import Language
from spacy.tokens import Doc

from hrkg.extract.cleaning.sentences import alone_on_line
from hrkg.extract.entities.candidates import (
    Candidate,
    DocContext,
    add_candidate,
    candidates,
    text_of,
)
from hrkg.extract.entities.chairs import ChairFinder
from hrkg.extract.entities.factory import EntityFactory
from hrkg.extract.model import Entity
from hrkg.extract.patterns import load_patterns


class Spans:
    """Character spans, asked about in time logarithmic in their number."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [start for start, _ in ordered]
        self.ends = [end for _, end in ordered]
        self.reach = list(accumulate(self.ends, max))  # furthest end of the spans so far

    def overlaps(self, start: int, end: int) -> bool:
        """Whether any span overlaps ``start``..``end``."""
        before = bisect.bisect_left(self.starts, end)  # the spans starting before ``end``
        return before > 0 and self.reach[before - 1] > start

    def covers(self, start: int, end: int) -> bool:
        """Whether one of the spans (they may overlap) contains ``start``..``end``."""
        before = bisect.bisect_right(self.starts, start)  # the spans starting at or before
        return before > 0 and self.reach[before - 1] >= end

    def holds(self, start: int, end: int) -> bool:
        """Whether ``start``..``end`` lies inside one span (the spans do not overlap)."""
        index = bisect.bisect_right(self.starts, start) - 1
        return index >= 0 and end <= self.ends[index]


class _History:
    """The full mentions met so far, indexed for each kind of antecedent search (each
    keeps the latest mention per entity key, label or signature, so a search costs the
    number of distinct entities, not the length of the document so far)."""

    def __init__(self) -> None:
        self.mentions: list[Candidate] = []
        self.max_length = 0  # longest mention so far: bounds the backward walk by distance
        self.by_key: dict[str, tuple[int, Entity]] = {}
        self.titles: dict[str, tuple[int, Entity]] = {}  # title mentions by label
        self.headings: dict[tuple[str, str], tuple[int, Entity]] = {}  # (cls, label)

    def add(self, candidate: Candidate) -> None:
        entity = candidate.entity
        if entity is None:
            return
        order = len(self.mentions)
        self.mentions.append(candidate)
        self.max_length = max(self.max_length, candidate.end - candidate.start)
        self.by_key[entity.key] = (order, entity)
        if candidate.component == "title":
            self.titles[entity.label_zh] = (order, entity)
        if candidate.info.get("heading"):
            self.headings[entity.cls, entity.label_zh] = (order, entity)

    @staticmethod
    def latest(found: Iterable[tuple[int, Entity]]) -> Entity | None:
        best = max(found, key=lambda item: item[0], default=None)
        return None if best is None else best[1]


class CoreferenceResolver:
    """Reads ``patterns/<lang>/coreference.yaml``: determiners and heads, and how they are
    written together (Chinese 该公约; English "the Council", words apart)."""

    def __init__(self, factory: EntityFactory, lang: str = "zh") -> None:
        data = load_patterns("coreference", lang)
        self.factory = factory
        determiners = "|".join(sorted(map(re.escape, data["determiners"]), key=len, reverse=True))
        heads = "|".join(sorted(map(re.escape, data["heads"]), key=len, reverse=True))
        self.heads: dict[str, str] = data["heads"]
        self.anaphor = re.compile(
            rf"{data.get('anaphor_start', '')}(?P<determiner>{determiners})"
            rf"{data.get('determiner_separator', '')}(?P<open>《)?(?P<head>{heads})(?(open)》)"
            rf"{data.get('anaphor_end', '')}")
        # whether an anaphor replaces the vocabulary short form inside it (该宣言 > 宣言) or
        # leaves it to resolve by its vocabulary entries
        self.replaces_short_forms = bool(data.get("anaphor_replaces_short_forms", True))
        self.short_forms_fall_back = bool(data.get("short_forms_fall_back_to_head", False))
        self.self_determiners = frozenset(data["self_determiners"])
        self.max_distance = int(data["max_distance"])
        self.chairs = ChairFinder(factory) if lang == "zh" else None

    def _find_anaphors(self, doc: Doc) -> None:
        """Add 该宣言 / 本《宣言》… as short-form candidates where no entity is found;
        each replaces the bare short form (宣言) found inside it, or (English) leaves it in
        place, marked as following a determiner ("the Council")."""
        text = text_of(doc)
        occupied = Spans((c.start, c.end) for c in candidates(doc) if c.entity is not None)
        found = [match for match in self.anaphor.finditer(text)
                 if not occupied.overlaps(match.start(), match.end())]
        replaced = Spans(match.span() for match in found)
        held = [c for c in candidates(doc) if c.entity is None and replaced.holds(c.start, c.end)]
        if self.replaces_short_forms:
            gone = {id(c) for c in held}
            doc._.hrkg_candidates = [c for c in candidates(doc) if id(c) not in gone]
        else:
            for candidate in held:
                candidate.info["determined"] = True
            holding = Spans((c.start, c.end) for c in held)
            found = [match for match in found if not holding.overlaps(*match.span())]
        for match in found:
            head = match.group("head")
            # 本《宣言》: the title is the mention (a label never holds a lone 《)
            start = match.start("open") if match["open"] else match.start()
            add_candidate(doc, Candidate(
                start, match.end(), None, "coreference", short_form=True,
                info={"head": head, "cls": self.heads[head], "name": match.group(),
                      "own": match.group("determiner") in self.self_determiners},
            ))

    def _antecedent(self, candidate: Candidate, history: _History,
                    context: DocContext) -> Entity | None:
        info = candidate.info
        if "keys" in info:  # a vocabulary short form: one of the listed entries
            found = history.latest(history.by_key[key] for key in set(info["keys"])
                                   if key in history.by_key)
            if found is not None:
                return found
            own = self.factory.lookup_surface(context.metadata.organ or "")
            if own is not None and own.key in info["keys"]:
                return own
            if not (info.get("determined") and self.short_forms_fall_back
                    and info["name"] in self.heads):
                return None
            info = {"head": info["name"], "cls": self.heads[info["name"]]}  # "the Council" of
            # a council the vocabulary does not know: the latest one named with that head
        if "contained" in info:
            return history.latest(item for label, item in history.titles.items()
                                  if info["contained"] in label)
        head, cls = info["head"], info.get("cls", "Instrument")
        if info.get("own"):
            found = history.latest(item for (of, label), item in history.headings.items()
                                   if of == cls and head in label)
            if found is not None:
                return found
        reach = candidate.start - self.max_distance  # an antecedent ends at or after it
        for earlier in reversed(history.mentions):
            if earlier.start + history.max_length < reach:
                break  # this one and all before it end too early
            entity = earlier.entity
            if entity is None or entity.cls != cls or earlier.end < reach:
                continue
            names = {entity.label_zh, entity.label_en or "", *(earlier.info.get("names", ()))}
            if any(name.endswith(head) or head in name for name in names):
                return entity
        return None

    def __call__(self, doc: Doc) -> Doc:
        context: DocContext = doc._.hrkg_context
        self._find_anaphors(doc)
        resolved: list[Candidate] = []
        history = _History()
        for candidate in sorted(candidates(doc), key=lambda c: (c.start, c.end)):
            if candidate.entity is None:
                entity = self._antecedent(candidate, history, context)
                if entity is None:
                    continue
                candidate.entity = entity
            else:
                text = text_of(doc)
                candidate.info.setdefault("names", (text[candidate.start:candidate.end],))
                candidate.info["heading"] = alone_on_line(text, candidate.start, candidate.end)
                history.add(candidate)
            resolved.append(candidate)
        if self.chairs is not None:  # "委员会主席": the chair of the commission 委员会 is
            resolved = sorted([*resolved, *self.chairs(doc, resolved)],
                              key=lambda c: (c.start, c.end))
        doc._.hrkg_candidates = resolved
        return doc


@Language.factory("hrkg_coreference", default_config={})
def make_coreference_resolver(nlp: Language, name: str) -> CoreferenceResolver:
    from hrkg.extract.pipeline import shared_factory

    return CoreferenceResolver(shared_factory(nlp), nlp.lang or "zh")
