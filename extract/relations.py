"""Relations read from the text, each with the sentence it was read from.

Rules (cue words in ``patterns/relations.yaml``):

* ``creator``: the document's authors from its metadata.
* ``adoptedBy`` Resolution -> organ: the organ whose symbol series the resolution has.
* ``adoptedIn`` Instrument -> Resolution: a footnote whose text is the resolution
  ("第 69/313 号决议，附件。") attached to the instrument's title, or a resolution in
  parentheses right after the title.
* ``adoptedBy`` Instrument -> Actor: "<actor> … 通过的《…》".
* ``requests`` Resolution -> Actor: "<resolution> … 请/邀请/促请 <actor>"; in a
  resolution or draft resolution, the document itself requests.
"""

from __future__ import annotations

import bisect
import re

from .entities import EntityFactory
from .model import Entity, ExtractionResult, Mention, Relation
from .patterns import load_patterns
from .sentences import sentences

RESOLUTION_DOC_TYPES = {"resolution", "draft-resolution"}


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


class RelationExtractor:
    def __init__(self, result: ExtractionResult, factory: EntityFactory) -> None:
        self.result = result
        self.factory = factory
        self.text = result.clean.text
        self.cues = load_patterns("relations")
        self.sentences = SentenceIndex(sentences(result.clean))
        self.mentions = sorted(result.mentions, key=lambda m: m.start)
        self.relations: dict[tuple, Relation] = {}

    def add(self, subject: Entity | None, predicate: str, obj: Entity,
            sentence: tuple[int, int], rule: str, confidence: float) -> None:
        key = (subject.cls if subject else None, subject.key if subject else None,
               predicate, obj.cls, obj.key)
        if key not in self.relations:
            self.relations[key] = Relation(subject, predicate, obj, sentence[0], sentence[1],
                                           rule, confidence)

    def mentions_in(self, start: int, end: int, cls: str | None = None) -> list[Mention]:
        return [m for m in self.mentions if start <= m.start and m.end <= end
                and (cls is None or m.entity.cls == cls)]

    # -- rules ---------------------------------------------------------------------
    def authors(self) -> None:
        metadata = self.result.metadata
        span = metadata.evidence.get("authors") or metadata.evidence.get("title") or (0, 1)
        sentence = self.sentences.around(span[0])
        for name in metadata.authors:
            actor = self.factory.lookup_surface(name) or self.factory.open_world("Actor", name)
            self.add(None, "creator", actor, sentence, "metadata-author", 0.95)

    def resolution_organs(self) -> None:
        organ_names = self.cues["organ_of_prefix"]
        for mention in self.mentions:
            entity = mention.entity
            if entity.cls != "Resolution":
                continue
            prefix = re.split(r"/(?:RES|DEC)/", entity.key, maxsplit=1)[0]
            organ = self.factory.lookup_surface(organ_names.get(prefix, ""))
            if organ is not None:
                self.add(entity, "adoptedBy", organ, self.sentences.around(mention.start),
                         "resolution-symbol-series", 0.95)

    def adopted_in(self) -> None:
        footnote_rule = re.compile(self.cues["adopted_in_footnote"])
        clean = self.result.clean
        for note in clean.footnotes:
            note_text = clean.text[note.start:note.end]
            if not footnote_rule.match(note_text):
                continue
            resolutions = self.mentions_in(note.start, note.end, "Resolution")
            if not resolutions:
                continue
            for marker in note.marker_offsets:
                instrument = self._instrument_ending_at(marker)
                if instrument is not None:
                    self.add(instrument.entity, "adoptedIn", resolutions[0].entity,
                             self.sentences.around(instrument.start), "footnote-annex", 0.9)
        for index, mention in enumerate(self.mentions):
            if mention.entity.cls != "Instrument":
                continue
            for following in self.mentions[index + 1:index + 3]:
                gap = self.text[mention.end:following.start]
                opens_parenthesis = re.fullmatch(r"\s*[(（]\s*(?:大会)?\s*", gap)
                if following.entity.cls == "Resolution" and opens_parenthesis:
                    self.add(mention.entity, "adoptedIn", following.entity,
                             self.sentences.around(mention.start), "parenthesis", 0.85)

    def _instrument_ending_at(self, offset: int) -> Mention | None:
        for mention in self.mentions:
            if mention.entity.cls == "Instrument" and 0 <= offset - mention.end <= 1:
                return mention
        return None

    def instrument_adopters(self) -> None:
        verbs = "|".join(map(re.escape, self.cues["adoption_verbs"]))
        window = int(self.cues["adoption_window"])
        for mention in self.mentions:
            if mention.entity.cls != "Instrument":
                continue
            start, _ = self.sentences.around(mention.start)
            before = self.text[max(start, mention.start - window):mention.start]
            cue = re.search(rf"(?:{verbs})(?:一项|一份)?\s*$", before)
            if cue is None:
                continue
            cue_at = mention.start - len(before) + cue.start()
            actors = self.mentions_in(max(start, mention.start - window), cue_at, "Actor")
            if actors:
                self.add(mention.entity, "adoptedBy", actors[-1].entity,
                         self.sentences.around(mention.start), "actor-adopted-title", 0.8)

    def requests(self) -> None:
        verbs = "|".join(map(re.escape, self.cues["request_verbs"]))
        fillers = "|".join(map(re.escape, self.cues["request_fillers"]))
        gap = int(self.cues["request_gap"])
        cue = re.compile(rf"(?:{verbs})(?:{fillers})*")
        is_resolution_doc = self.result.metadata.doc_type in RESOLUTION_DOC_TYPES
        for match in cue.finditer(self.text):
            actor = next((m for m in self.mentions if match.end() <= m.start <= match.end() + gap
                          and m.entity.cls == "Actor"), None)
            if actor is None:
                continue
            sentence = self.sentences.around(match.start())
            resolutions = self.mentions_in(sentence[0], match.start(), "Resolution")
            if resolutions:
                self.add(resolutions[-1].entity, "requests", actor.entity, sentence,
                         "resolution-request-verb", 0.8)
            elif is_resolution_doc and match.start() < self.result.clean.body_end:
                self.add(None, "requests", actor.entity, sentence, "document-request-verb", 0.75)

    def run(self) -> list[Relation]:
        self.authors()
        self.resolution_organs()
        self.adopted_in()
        self.instrument_adopters()
        self.requests()
        return list(self.relations.values())


def extract_relations(result: ExtractionResult, factory: EntityFactory) -> list[Relation]:
    return RelationExtractor(result, factory).run()
