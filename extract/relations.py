"""Relations read from the text, each with the sentence it was read from.

Rules (cue words in ``patterns/relations.yaml``):

* ``creator``: the document's authors from its metadata.
* ``adoptedBy`` Resolution -> organ: the organ whose symbol series the resolution has.
* ``adoptedIn`` Instrument -> Resolution: a footnote whose text is the resolution
  ("第 69/313 号决议，附件。") attached to the instrument's title, or a resolution in
  parentheses right after the title.
* ``adoptedBy`` Instrument -> Actor: "<actor> … 通过的《…》".
* ``requests`` Resolution -> Actor: "<resolution> … 请/邀请/促请 <actor>"; in a
  resolution or draft resolution, the document itself requests (running text only);
  "根据<resolution>，<actor>…" (the actor acted on the resolution).
* ``adoptedBy`` Instrument -> Actor also from a footnote opening with the adopting conference
  or organization, "<actor>的《…》", "在《…》中，<organ>", and in a resolution "<organ>,
  通过以下<instrument>" (annexes share the adopter).
* ``reaffirms`` / ``recalls`` Document -> Instrument/Resolution: 重申 / 回顾 / 忆及 followed by
  the title or resolution in the same clause.
* Resolution -> organ from the symbol series goes to the background graph when the
  resolution is cited only in a footnote (known from the identifier, not stated).
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
            sentence: tuple[int, int], rule: str, confidence: float,
            background: bool = False) -> None:
        key = (subject.cls if subject else None, subject.key if subject else None,
               predicate, obj.cls, obj.key)
        known = self.relations.get(key)
        if known is None or (known.background and not background):
            self.relations[key] = Relation(subject, predicate, obj, sentence[0], sentence[1],
                                           rule, confidence, background)

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
                         "resolution-symbol-series", 0.95,
                         background=not self._in_running_text(mention))

    def _in_running_text(self, mention: Mention) -> bool:
        """Not in a footnote: a footnote citing a resolution is a reference, not a statement."""
        return (mention.start < self.result.clean.body_end
                and self.result.clean.footnote_at(mention.start) is None)

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
            if mention.entity.cls != "Instrument" or mention.is_short_form:
                continue
            for following in self.mentions[index + 1:index + 3]:
                gap = self.text[mention.end:following.start]
                opens_parenthesis = re.fullmatch(r"\s*[(（]\s*(?:大会)?\s*", gap)
                if following.entity.cls == "Resolution" and opens_parenthesis:
                    self.add(mention.entity, "adoptedIn", following.entity,
                             self.sentences.around(mention.start), "parenthesis", 0.85)

    def _instrument_ending_at(self, offset: int, short_forms: bool = False) -> Mention | None:
        for mention in self.mentions:
            if (mention.entity.cls == "Instrument" and (short_forms or not mention.is_short_form)
                    and 0 <= offset - mention.end <= 1):
                return mention
        return None

    def _coordinated_before(self, mention: Mention) -> list[Mention]:
        """Titles joined to ``mention`` by 和/及/、 just before it (《北京宣言》和《行动纲要》)."""
        chain: list[Mention] = []
        index = self.mentions.index(mention)
        while index > 0:
            previous = self.mentions[index - 1]
            gap = self.text[previous.end:self.mentions[index].start]
            joined = re.fullmatch(r"》?\s*[和及、]\s*《?", gap)
            if previous.entity.cls != "Instrument" or not joined:
                break
            chain.append(previous)
            index -= 1
        return chain

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
            nearby = self.mentions_in(max(start, mention.start - window), cue_at, "Actor")
            actors = [a for a in nearby if not re.search(r"[，,；;。]", self.text[a.end:cue_at])]
            if actors:
                self.add(mention.entity, "adoptedBy", actors[-1].entity,
                         self.sentences.around(mention.start), "actor-adopted-title", 0.8)

    def footnote_adopters(self) -> None:
        """A footnote opening with an actor (《<conference>的报告…》, 联合国教科文组织，…)."""
        clean = self.result.clean
        lead = int(self.cues["footnote_actor_lead"])
        for note in clean.footnotes:
            actors = self.mentions_in(note.start, min(note.end, note.start + lead + 40), "Actor")
            if not actors or actors[0].start - note.start > lead:
                continue
            opening = clean.text[actors[0].end:actors[0].end + 12]
            if any(word in opening for word in self.cues["footnote_not_adopter"]):
                continue
            for marker in note.marker_offsets:
                instrument = self._instrument_ending_at(marker, short_forms=True)
                if instrument is None:
                    continue
                for title in [instrument, *self._coordinated_before(instrument)]:
                    self.add(title.entity, "adoptedBy", actors[0].entity,
                             self.sentences.around(title.start), "footnote-source", 0.8)

    def owner_before_title(self) -> None:
        """"<actor>的《…》" or "<actor>《…》": the actor right before the title adopted it."""
        joiners = "|".join(map(re.escape, self.cues["owner_joiners"]))
        for index, mention in enumerate(self.mentions):
            if mention.entity.cls != "Instrument" or mention.is_short_form or index == 0:
                continue
            previous = self.mentions[index - 1]
            gap = self.text[previous.end:mention.start]
            if previous.surface in self.cues["owner_excluded"]:
                continue
            if previous.entity.cls == "Actor" and re.fullmatch(rf"\s*(?:{joiners})?\s*《?", gap):
                self.add(mention.entity, "adoptedBy", previous.entity,
                         self.sentences.around(mention.start), "actor-before-title", 0.75)

    def organ_in_title(self) -> None:
        """"在《…》中，<organ>…" or "<organ>在《…》中": an adopting organ speaks in its text."""
        organs = set(self.cues["organ_of_prefix"].values())
        for index, mention in enumerate(self.mentions):
            if mention.entity.cls != "Instrument" or mention.is_short_form:
                continue
            before = self.text[max(0, mention.start - 3):mention.start]
            after = self.text[mention.end:mention.end + 4]
            if not re.search(r"在\s*《?$", before) or not re.match(r"》?\s*中", after):
                continue
            near = [m for m in self.mentions[max(0, index - 1):index + 2]
                    if m.entity.cls == "Actor" and m.entity.label_zh in organs
                    and (0 <= mention.start - m.end <= 4 or 0 <= m.start - mention.end <= 5)]
            for actor in near:
                self.add(mention.entity, "adoptedBy", actor.entity,
                         self.sentences.around(mention.start), "organ-in-title", 0.75)

    def document_adoptions(self) -> None:
        """"大会, 通过以下未来契约": the organ heading a resolution adopts the instrument;
        "将《X》作为本契约的附件": an annex shares the adopter of the text it is annexed to."""
        if self.result.metadata.doc_type not in RESOLUTION_DOC_TYPES:
            return
        verb = self.cues["resolution_adopt_pattern"]
        adopted: list[tuple[Entity, Entity]] = []
        for index, mention in enumerate(self.mentions):
            if mention.entity.cls != "Actor":
                continue
            following = next((m for m in self.mentions[index + 1:index + 3]
                              if m.entity.cls == "Instrument"), None)
            if following is None:
                continue
            if re.fullmatch(verb, self.text[mention.end:following.start]):
                adopted.append((following.entity, mention.entity))
                self.add(following.entity, "adoptedBy", mention.entity,
                         self.sentences.around(following.start), "resolution-adopts", 0.85)
        annex = re.compile(self.cues["annex_pattern"])
        for mention in self.mentions:
            if mention.entity.cls != "Instrument":
                continue
            if annex.match(self.text, mention.end):
                for _, organ in adopted:
                    self.add(mention.entity, "adoptedBy", organ,
                             self.sentences.around(mention.start), "annex-of-adopted", 0.75)

    def requests(self) -> None:
        verbs = "|".join(map(re.escape, self.cues["request_verbs"]))
        fillers = "|".join(map(re.escape, self.cues["request_fillers"]))
        cue = re.compile(rf"(?:{verbs})(?:{fillers})*")
        speaks = re.compile(self.cues["resolution_request_gap"])
        is_resolution_doc = self.result.metadata.doc_type in RESOLUTION_DOC_TYPES
        for match in cue.finditer(self.text):
            actor = self._requested_actor(match.end())
            if actor is None:
                continue
            sentence = self.sentences.around(match.start())
            resolutions = self.mentions_in(sentence[0], match.start(), "Resolution")
            if resolutions and speaks.fullmatch(self.text[resolutions[-1].end:match.start()]):
                self.add(resolutions[-1].entity, "requests", actor.entity, sentence,
                         "resolution-request-verb", 0.8)
            elif (not resolutions and is_resolution_doc
                  and match.start() < self.result.clean.body_end
                  and self.result.clean.footnote_at(match.start()) is None):
                self.add(None, "requests", actor.entity, sentence, "document-request-verb", 0.75)

    def _requested_actor(self, offset: int) -> Mention | None:
        """The actor right after a request verb; in "<A>主持召开的<B>" the head noun B."""
        gap = self.cues["request_actor_gap"]
        actor = next((m for m in self.mentions if m.start >= offset
                      and re.fullmatch(gap, self.text[offset:m.start])), None)
        if actor is None or actor.entity.cls != "Actor":
            return None
        head = next((m for m in self.mentions if m.start >= actor.end
                     and re.fullmatch(self.cues["modifier_clause"], self.text[actor.end:m.start])),
                    None)
        return head if head is not None and head.entity.cls == "Actor" else actor

    def pursuant_to(self) -> None:
        """"根据<resolution>，<actor>组织了…": the actor acted on the resolution's request."""
        cues = "|".join(map(re.escape, self.cues["pursuant_cues"]))
        for index, mention in enumerate(self.mentions):
            if mention.entity.cls != "Resolution":
                continue
            before = self.text[max(0, mention.start - 12):mention.start]
            if not re.search(rf"(?:{cues})[^，。；]{{0,10}}$", before):
                continue
            following = self.mentions[index + 1] if index + 1 < len(self.mentions) else None
            if (following is not None and following.entity.cls == "Actor"
                    and re.fullmatch(r"\s*[，,]\s*", self.text[mention.end:following.start])):
                self.add(mention.entity, "requests", following.entity,
                         self.sentences.around(mention.start), "pursuant-to-resolution", 0.7)

    def reaffirms_and_recalls(self) -> None:
        """"重申…《…》" / "回顾…第 X 号决议": the document reaffirms or recalls what follows the
        cue in the same clause (instruments and resolutions only)."""
        reach = int(self.cues["affirm_reach"])
        body_end = self.result.clean.body_end
        for predicate, words in self.cues["affirm_cues"].items():
            cue = re.compile("|".join(map(re.escape, words)))
            for match in cue.finditer(self.text, 0, body_end):
                clause = re.search(r"[，,。；;：:]", self.text[match.end():match.end() + reach])
                end = match.end() + (clause.start() if clause else reach)
                for mention in self.mentions_in(match.end(), end):
                    if mention.entity.cls in ("Instrument", "Resolution"):
                        self.add(None, predicate, mention.entity,
                                 self.sentences.around(match.start()), f"{predicate}-cue", 0.75)

    def organ_of_adopting_resolution(self) -> None:
        """An instrument adopted in a resolution is adopted by the resolution's organ: stated
        when the sentence names the resolution, background when only a footnote does."""
        organ_names = self.cues["organ_of_prefix"]
        for relation in list(self.relations.values()):
            if relation.predicate != "adoptedIn" or relation.subject is None:
                continue
            prefix = re.split(r"/(?:RES|DEC)/", relation.obj.key, maxsplit=1)[0]
            organ = self.factory.lookup_surface(organ_names.get(prefix, ""))
            if organ is not None:
                self.add(relation.subject, "adoptedBy", organ,
                         (relation.sentence_start, relation.sentence_end),
                         "adopted-in-organ-resolution", 0.8,
                         background=relation.rule == "footnote-annex")

    def run(self) -> list[Relation]:
        self.authors()
        self.resolution_organs()
        self.adopted_in()
        self.instrument_adopters()
        self.footnote_adopters()
        self.owner_before_title()
        self.organ_in_title()
        self.document_adoptions()
        self.requests()
        self.pursuant_to()
        self.reaffirms_and_recalls()
        self.organ_of_adopting_resolution()
        return list(self.relations.values())


def extract_relations(result: ExtractionResult, factory: EntityFactory) -> list[Relation]:
    return RelationExtractor(result, factory).run()
