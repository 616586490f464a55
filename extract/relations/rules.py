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
from collections.abc import Iterator
from itertools import islice

from hrkg.extract.cleaning.sentences import alone_on_line
from hrkg.extract.entities.factory import EntityFactory
from hrkg.extract.model import Entity, ExtractionResult, Footnote, Mention, Relation
from hrkg.extract.patterns import alternation, load_patterns

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
        self.sentences = SentenceIndex(result.clean.sentences)
        self.mentions = sorted(result.mentions, key=lambda m: m.start)
        self._starts = [m.start for m in self.mentions]
        self.relations: dict[tuple, Relation] = {}
        organs = load_patterns("resolutions")["organs"]
        self._resolution_organs = {name: rule["prefix"] for name, rule in organs.items()}

    def add(self, subject: Entity | None, predicate: str, obj: Entity,
            sentence: tuple[int, int], rule: str, confidence: float,
            background: bool = False) -> None:
        key = (subject.cls if subject else None, subject.key if subject else None,
               predicate, obj.cls, obj.key)
        known = self.relations.get(key)
        if known is None or (known.background and not background):
            self.relations[key] = Relation(subject, predicate, obj, sentence[0], sentence[1],
                                           rule, confidence, background)

    def mentions_from(self, offset: int) -> Iterator[Mention]:
        """The mentions starting at or after ``offset``, in reading order."""
        return islice(self.mentions, bisect.bisect_left(self._starts, offset), None)

    def mentions_in(self, start: int, end: int, cls: str | None = None) -> list[Mention]:
        found = []
        for m in self.mentions_from(start):
            if m.start > end:
                break
            if m.end <= end and (cls is None or m.entity.cls == cls):
                found.append(m)
        return found

    # -- rules ---------------------------------------------------------------------
    def authors(self) -> None:
        metadata = self.result.metadata
        span = metadata.evidence.get("authors") or metadata.evidence.get("title") or (0, 1)
        sentence = self.sentences.around(span[0])
        for name in metadata.authors:
            actor = self.factory.lookup_surface(name) or self.factory.open_world("Actor", name)
            self.add(None, "creator", actor, sentence, "metadata-author", 0.95)

    def organ_of(self, resolution: Entity) -> Entity | None:
        """The organ whose symbol series the resolution or decision has."""
        parts = re.split(r"/(?:RES|DEC)/", resolution.key, maxsplit=1)
        prefix, number = parts[0], parts[-1] if len(parts) > 1 else ""
        name = self.cues["organ_of_prefix"].get(prefix, "")
        body = re.search(r"/(?P<body>[A-Z]+)\.\d+$", f"/{number}")
        if body:
            name = self.cues["organ_of_decision_body"].get(body.group("body"), name)
        return self.factory.lookup_surface(name) if name else None

    def _organ_names(self, prefix: str) -> list[str]:
        names = [n for p, n in self.cues["organ_of_prefix"].items() if p == prefix]
        names += [n for n, rule in self._resolution_organs.items() if rule == prefix]
        if prefix in self.cues["council_prefixes"]:
            names.append(self.cues["council_short_form"])
        return names

    def organ_stated(self, mention: Mention) -> bool:
        """Whether the sentence names the organ of the cited resolution (see relations.yaml)."""
        prefix = re.split(r"/(?:RES|DEC)/", mention.entity.key, maxsplit=1)[0]
        names = self._organ_names(prefix)
        if not names:
            return False
        sentence_start, sentence_end = self.sentences.around(mention.start)
        window = int(self.cues["organ_stated_window"])
        before = self.text[max(sentence_start, mention.start - window):mention.start]
        organ = None
        for match in re.finditer("|".join(map(re.escape, names)), before):
            organ = match
        if organ is not None and not re.search(r"号\s*(?:决议|决定)", before[organ.end():]):
            return True
        after = re.match(self.cues["organ_stated_after"], self.text[mention.end:sentence_end])
        if after and any(after.group("organ").endswith(n) for n in names):
            return True
        index = self.mentions.index(mention)
        previous = next((m for m in reversed(self.mentions[:index])
                         if m.entity.cls == "Resolution"), None)
        if previous is None or previous.start < sentence_start:
            return False
        gap = self.text[previous.end:mention.start]
        joined = re.match(self.cues["organ_stated_list_joiners"], gap)
        same_series = previous.entity.key.split("/")[0] == mention.entity.key.split("/")[0]
        return bool(joined and same_series and not re.search(r"[，,。；;]", gap)
                    and self.organ_stated(previous))

    def resolution_organs(self) -> None:
        for mention in self.mentions:
            entity = mention.entity
            if entity.cls != "Resolution":
                continue
            organ = self.organ_of(entity)
            if organ is not None:
                self.add(entity, "adoptedBy", organ, self.sentences.around(mention.start),
                         "resolution-symbol-series", 0.95,
                         background=not self.organ_stated(mention))

    def _adopting_resolution(self, note: Footnote) -> Entity | None:
        """The resolution or decision a footnote gives as the text's source: the whole note
        ("第 69/313 号决议，附件。") or a citation ending with it ("…，第 1/CP.21 号决定。")."""
        note_text = self.text[note.start:note.end]
        resolutions = self.mentions_in(note.start, note.end, "Resolution")
        if not resolutions:
            return None
        if re.match(self.cues["adopted_in_footnote"], note_text):
            return resolutions[0].entity
        last = resolutions[-1]
        if (len(resolutions) == 1
                and re.match(self.cues["adopted_in_footnote_tail"], self.text[last.end:note.end])
                and re.match(self.cues["adopted_in_footnote_lead"], note_text)):
            return last.entity
        return None

    def adopted_in(self) -> None:
        for note in self.result.clean.footnotes:
            resolution = self._adopting_resolution(note)
            if resolution is None:
                continue
            for marker in note.marker_offsets:
                instrument = self._instrument_ending_at(marker)
                rule, confidence = "footnote-annex", 0.9
                if instrument is None:
                    instrument = self._sole_instrument_before(marker)
                    rule, confidence = "footnote-annex-clause", 0.8
                if instrument is not None:
                    self.add(instrument.entity, "adoptedIn", resolution,
                             self.sentences.around(instrument.start), rule, confidence)
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

    def _instrument_listed_before(self, marker: int) -> Mention | None:
        """The last entity title of a list closed at ``marker`` by a title that is no entity."""
        joiners = self.cues["title_list_joiners"]
        tail = re.compile(rf"(?:{joiners})[^《》\n]{{1,30}}》[，,；;。]?\s*")
        return next((m for m in reversed(self.mentions) if m.end < marker
                     and m.entity.cls == "Instrument"
                     and tail.fullmatch(self.text, m.end, marker)), None)

    def _sole_instrument_before(self, marker: int) -> Mention | None:
        """The one title of the clause a footnote marker closes ("根据《…》确保…保障；10")."""
        clause_start = max(self.text.rfind(mark, 0, max(0, marker - 1)) for mark in "，,。；;\n")
        titles = [m for m in self.mentions_in(clause_start + 1, marker, "Instrument")
                  if not m.is_short_form]
        return titles[0] if len({m.entity.key for m in titles}) == 1 else None

    def _coordinated(self, mention: Mention, cls: str, joiners: str,
                     step: int) -> list[Mention]:
        """Mentions of ``cls`` joined to ``mention`` by 和/及/以及/、 before it (step -1) or
        after it (step 1): 《北京宣言》和《行动纲要》, 国际电信联盟和联合国儿童基金会."""
        chain: list[Mention] = []
        index = self.mentions.index(mention)
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

    def _coordinated_before(self, mention: Mention) -> list[Mention]:
        return self._coordinated(mention, "Instrument", self.cues["title_list_joiners"], -1)

    def _coordinated_after(self, mention: Mention) -> list[Mention]:
        return self._coordinated(mention, "Instrument", self.cues["title_list_joiners"], 1)

    def _first_person_authors(self) -> list[Entity]:
        """Who "我" is in this document: its authors, offices before persons."""
        if self.result.metadata.doc_type not in self.cues["first_person_doc_types"]:
            return []
        authors = [a.obj for a in self.relations.values() if a.predicate == "creator"]
        offices = [a for a in authors if a.subclass != "Person"]
        return offices[:1] or authors[:1]

    def instrument_adopters(self) -> None:
        """"<actor>…通过的《…》", "<actor>通过了一项…的<title>", "我近期发布的《…》和《…》"."""
        verbs = alternation(self.cues["adoption_verbs"])
        measures = "|".join(map(re.escape, self.cues["adoption_measure_words"]))
        reach = int(self.cues["adoption_modifier_reach"])
        cue_pattern = re.compile(
            rf"(?:{verbs})(?:(?:{measures})(?:[^。；;]{{0,{reach}}}的)?)?[\s“\"《]*$")
        first_person = re.compile(rf"{self.cues['first_person']}\s*$")
        window = int(self.cues["adoption_window"]) + reach
        for mention in self.mentions:
            if mention.entity.cls != "Instrument":
                continue
            start, _ = self.sentences.around(mention.start)
            lo = max(start, mention.start - window)
            cue = cue_pattern.search(self.text, lo, mention.start)
            if cue is None or self.mentions_in(cue.start(), mention.start, "Actor"):
                continue
            nearby = self.mentions_in(lo, cue.start(), "Actor")
            apart = re.compile(self.cues["adopter_cue_apart"])
            actors = [a.entity for a in nearby
                      if not apart.search(self.text[a.end:cue.start()])][-1:]
            rule = "actor-adopted-title"
            if not actors and first_person.search(self.text, lo, cue.start()):
                actors, rule = self._first_person_authors(), "first-person-adopted-title"
            for actor in actors:
                for title in [mention, *self._coordinated_after(mention)]:
                    self.add(title.entity, "adoptedBy", actor,
                             self.sentences.around(title.start), rule, 0.8)

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
                titles = [instrument] if instrument is not None else []
                if instrument is None:  # 《北京宣言》和《行动纲要》5: the last title is no entity
                    instrument = self._instrument_listed_before(marker)
                    titles = [instrument] if instrument is not None else []
                if instrument is None:
                    continue
                for title in [*titles, *self._coordinated_before(instrument)]:
                    self.add(title.entity, "adoptedBy", actors[0].entity,
                             self.sentences.around(title.start), "footnote-source", 0.8)

    def _owner_of(self, index: int) -> Mention | None:
        """The actor that opens the title at ``index`` (信息社会世界峰会成果) or stands right
        before it, joined by 的 or nothing (非洲联盟《2063 年议程》, 20国集团新的…原则)."""
        title = self.mentions[index]
        joiners = "|".join(map(re.escape, self.cues["owner_joiners"]))
        for other in self.mentions[max(0, index - 3):index + 3]:
            if other.entity.cls != "Actor" or other.surface in self.cues["owner_excluded"]:
                continue
            nested = other.start in (title.start, title.start + 1) and other.end < title.end
            before = other.end <= title.start and re.fullmatch(
                rf"\s*(?:{joiners})?\s*[《“]?", self.text[other.end:title.start])
            if nested or before:
                return other
        return None

    def owner_before_title(self) -> None:
        """"<actor>的《…》", "<A>和<B>的<title>": the actors right before the title adopted it."""
        joiners = self.cues["actor_list_joiners"]
        for index, mention in enumerate(self.mentions):
            if mention.entity.cls != "Instrument" or mention.is_short_form:
                continue
            owner = self._owner_of(index)
            if owner is None:
                continue
            for actor in [owner, *self._coordinated(owner, "Actor", joiners, -1)]:
                self.add(mention.entity, "adoptedBy", actor.entity,
                         self.sentences.around(mention.start), "actor-before-title", 0.75)

    def embodied_outcome(self) -> None:
        """"《A》和《B》以及《C》所体现的<conference>成果": the conference adopted the titles."""
        linker = re.compile(self.cues["embodied_outcome"])
        heads = "|".join(map(re.escape, self.cues["outcome_heads"]))
        for mention in self.mentions:
            if mention.entity.cls != "Instrument" or mention.is_short_form:
                continue
            link = linker.match(self.text, mention.end)
            if link is None:
                continue
            actor = next((m for m in self.mentions_from(link.end()) if m.start == link.end()
                          and m.entity.cls == "Actor"), None)
            if actor is None or not re.match(rf"\s*的?\s*(?:{heads})", self.text[actor.end:]):
                continue
            for title in [mention, *self._coordinated_before(mention)]:
                self.add(title.entity, "adoptedBy", actor.entity,
                         self.sentences.around(title.start), "embodied-outcome", 0.75)

    def organ_in_title(self) -> None:
        """"在《…》中，<organ>…", "<organ>在该议程中…", "在<conference>的<title>中，<organ>":
        an adopting organ speaks in its text."""
        organs = set(self.cues["organ_of_prefix"].values())
        anaphor = tuple(self.cues["anaphor_prefixes"])
        for index, mention in enumerate(self.mentions):
            if mention.entity.cls != "Instrument":
                continue
            if mention.is_short_form and not (mention.surface.startswith(anaphor)
                                              and self._named_just_before(mention)):
                continue
            inside = re.match(r"[》”]?\s*中\s*[，,]?\s*", self.text[mention.end:mention.end + 6])
            if inside is None:
                continue
            lead = mention.start
            owner = self._owner_of(index)
            if owner is not None and owner.end <= mention.start:
                lead = owner.start
            opening = re.search(r"在\s*[《“]?$", self.text[max(0, lead - 3):lead])
            if opening is None:
                continue
            at = lead - 3 + opening.start() if lead >= 3 else opening.start()
            after = mention.end + inside.end()
            near = [m for m in self.mentions[max(0, index - 3):index + 4]
                    if m.entity.cls == "Actor" and m.entity.label_zh in organs
                    and (0 <= at - m.end <= 1 or 0 <= m.start - after <= 1)]
            for actor in near:
                self.add(mention.entity, "adoptedBy", actor.entity,
                         self.sentences.around(mention.start), "organ-in-title", 0.75)

    def _named_just_before(self, anaphor: Mention) -> bool:
        """An anaphor (该议程) whose entity was named in full shortly before it."""
        reach = int(self.cues["anaphor_reach"])
        return any(m.entity.key == anaphor.entity.key and not m.is_short_form
                   for m in self.mentions_in(max(0, anaphor.start - reach), anaphor.start))

    def convened_conference(self) -> None:
        """"<title heading>\n我们，…于…举行<conference>，…发表宣言如下：": the conference the
        preamble convenes adopts the instrument whose title heads it."""
        verbs = "|".join(map(re.escape, self.cues["convene_verbs"]))
        heads = tuple(self.cues["conference_heads"])
        reach = int(self.cues["preamble_reach"])
        body_end = self.result.clean.body_end
        for formula in re.compile(self.cues["adopting_formula"]).finditer(self.text, 0, body_end):
            heading = next((m for m in reversed(self.mentions)
                            if m.end <= formula.start() and m.entity.cls == "Instrument"
                            and formula.start() - m.end <= reach
                            and alone_on_line(self.text, m.start, m.end)), None)
            if heading is None:
                continue
            for convene in re.compile(verbs).finditer(self.text, heading.end, formula.start()):
                actor = next((m for m in self.mentions_from(convene.end())
                              if m.start == convene.end() and m.entity.cls == "Actor"
                              and m.entity.label_zh.endswith(heads)), None)
                if actor is not None:
                    self.add(heading.entity, "adoptedBy", actor.entity,
                             self.sentences.around(actor.start), "preamble-convened", 0.75)
                    break


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

    def _is_request_verb(self, match: re.Match[str]) -> bool:
        """Not 请 inside 提请 / 申请 / 请求 … (see relations.yaml)."""
        verb = match.group()
        not_after = self.cues["request_verb_not_after"].get(verb, "")
        not_before = self.cues["request_verb_not_before"].get(verb, "")
        before = self.text[match.start() - 1] if match.start() else ""
        after = self.text[match.end():match.end() + 1]
        return not (before and before in not_after) and not (after and after in not_before)

    def _speaking_resolution(self, resolutions: list[Mention], verb_at: int) -> Mention | None:
        """The resolution that makes the request at ``verb_at``: "第 41/3 号决议中，请…", or
        the resolution opening its clause that goes on before it asks ("…号决议认识到…，请…")."""
        if not resolutions:
            return None
        last = resolutions[-1]
        gap = self.text[last.end:verb_at]
        if re.fullmatch(self.cues["resolution_request_gap"], gap):
            return last
        if (len(gap) > int(self.cues["resolution_subject_reach"]) or re.search(r"[。；;]", gap)
                or self.mentions_in(last.end, verb_at, "Actor")):
            return None
        clause_start = max(self.text.rfind(mark, 0, last.start) for mark in "，,。；;\n")
        lead = self.text[clause_start + 1:last.start]
        cues = "|".join(map(re.escape, [*self.cues["pursuant_cues"], "见"]))
        return None if re.search(cues, lead) else last

    def requests(self) -> None:
        verbs = "|".join(map(re.escape, self.cues["request_verbs"]))
        cue = re.compile(rf"(?:{verbs})")
        is_resolution_doc = self.result.metadata.doc_type in RESOLUTION_DOC_TYPES
        for match in cue.finditer(self.text):
            if not self._is_request_verb(match):
                continue
            actor = self._requested_actor(match.end())
            if actor is None:
                continue
            sentence = self.sentences.around(match.start())
            resolutions = self.mentions_in(sentence[0], match.start(), "Resolution")
            speaker = self._speaking_resolution(resolutions, match.start())
            if speaker is not None:
                self.add(speaker.entity, "requests", actor.entity, sentence,
                         "resolution-request-verb", 0.8)
            elif (not resolutions and is_resolution_doc
                  and match.start() < self.result.clean.body_end
                  and self.result.clean.footnote_at(match.start()) is None):
                self.add(None, "requests", actor.entity, sentence, "document-request-verb", 0.75)

    def _requested_actor(self, offset: int) -> Mention | None:
        """The actor right after a request verb (fillers such as 还/所有/各 may stand between,
        or open the actor's name: 敦促各国); in "<A>主持召开的<B>" the head noun B."""
        fillers = "|".join(map(re.escape, self.cues["request_fillers"]))
        gap = re.compile(rf"(?:{fillers})*{self.cues['request_actor_gap']}")
        actor = next((m for m in self.mentions_from(offset)
                      if gap.fullmatch(self.text, offset, m.start)), None)
        if actor is None or actor.entity.cls != "Actor":
            return None
        modifier = re.compile(self.cues["modifier_clause"])
        head = next((m for m in self.mentions_from(actor.end)
                     if modifier.fullmatch(self.text, actor.end, m.start)), None)
        return head if head is not None and head.entity.cls == "Actor" else actor

    def footnote_endorsements(self) -> None:
        """"各国正在探索…。11" + "11 人权理事会第 36/29 号决议鼓励采取这种做法。": the
        resolution asks the actor that opens the footnoted sentence to act so."""
        verbs = "|".join(map(re.escape, self.cues["request_verbs"]))
        anaphors = "|".join(map(re.escape, self.cues["practice_anaphors"]))
        for note in self.result.clean.footnotes:
            resolutions = self.mentions_in(note.start, note.end, "Resolution")
            if not resolutions:
                continue
            endorsed = re.compile(rf"\s*(?:中\s*[，,]?\s*)?(?:{verbs})\S{{0,4}}?(?:{anaphors})")
            if not endorsed.match(self.text, resolutions[-1].end):
                continue
            for marker in note.marker_offsets:
                start, _ = self.sentences.around(max(0, marker - 1))
                actor = next(self.mentions_from(start), None)
                if (actor is not None and actor.entity.cls == "Actor"
                        and re.fullmatch(r"[\s(（a-z)）0-9.]*", self.text[start:actor.start])):
                    self.add(resolutions[-1].entity, "requests", actor.entity,
                             self.sentences.around(note.start), "footnote-endorses-practice", 0.7)

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

    def _right_names(self) -> re.Pattern[str] | None:
        """Every Chinese name of a right in the vocabulary, longest first."""
        names = [surface for surface, entries in self.factory.vocabulary.by_surface().items()
                 if any(entry.cls == "Right" for entry in entries)]
        if not names:
            return None
        return re.compile(alternation(names))

    def concerns(self) -> None:
        """hr:concerns Instrument/Resolution -> Right: a title that names the right
        (《发展权利宣言》), a resolution "关于<right>的…第 X 号决议" or "第 X 号决议(关于…)"."""
        names = self._right_names()
        for mention in self.mentions:
            if mention.entity.cls != "Instrument" or mention.is_short_form or names is None:
                continue
            for match in names.finditer(mention.surface):
                right = self.factory.lookup_surface(match.group(), "Right")
                if right is not None:
                    self.add(mention.entity, "concerns", right,
                             self.sentences.around(mention.start), "title-names-right", 0.85)
        before_right = re.compile(rf"(?:{self.cues['concerns_before_right']})")
        right_to_resolution = re.compile(self.cues["concerns_right_to_resolution"])
        resolution_to_right = re.compile(self.cues["concerns_resolution_to_right"])
        for mention in self.mentions:
            if mention.entity.cls != "Resolution":
                continue
            sentence = self.sentences.around(mention.start)
            for right in self.mentions_in(sentence[0], sentence[1], "Right"):
                if right.end <= mention.start:
                    stated = (right_to_resolution.match(self.text[right.end:mention.start])
                              and before_right.search(self.text[max(0, right.start - 6):
                                                                right.start]))
                else:
                    stated = (right.start >= mention.end and resolution_to_right.match(
                        self.text[mention.end:right.start]))
                if stated:
                    self.add(mention.entity, "concerns", right.entity, sentence,
                             "resolution-on-right", 0.8)

    def organ_of_adopting_resolution(self) -> None:
        """An instrument adopted in a resolution is adopted by the resolution's organ: stated
        when the sentence names the resolution, background when only a footnote does."""
        for relation in list(self.relations.values()):
            if relation.predicate != "adoptedIn" or relation.subject is None:
                continue
            organ = self.organ_of(relation.obj)
            if organ is not None:
                self.add(relation.subject, "adoptedBy", organ,
                         (relation.sentence_start, relation.sentence_end),
                         "adopted-in-organ-resolution", 0.8,
                         background=relation.rule.startswith("footnote-annex"))

    def run(self) -> list[Relation]:
        self.authors()
        self.resolution_organs()
        self.adopted_in()
        self.instrument_adopters()
        self.footnote_adopters()
        self.owner_before_title()
        self.embodied_outcome()
        self.organ_in_title()
        self.convened_conference()
        self.document_adoptions()
        self.requests()
        self.footnote_endorsements()
        self.pursuant_to()
        self.reaffirms_and_recalls()
        self.concerns()
        self.organ_of_adopting_resolution()
        return list(self.relations.values())


def extract_relations(result: ExtractionResult, factory: EntityFactory) -> list[Relation]:
    return RelationExtractor(result, factory).run()
