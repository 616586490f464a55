"""Names of bodies in no vocabulary, in a language that capitalizes names (English,
``patterns/<lang>/bodies.yaml``): capitalized words ending in a head word (Committee, Fund,
Division, Special Rapporteur …), with a complement ("Technology Bank for the Least Developed
Countries", "Chair of the Committee on …", "Special Rapporteur on trafficking in persons,
especially women and children"). A name the vocabulary knows is left to the vocabulary
matcher; other names found inside a body's name keep their own mentions."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc

from hrkg.extract.entities.candidates import Candidate, add_candidate, candidates, text_of
from hrkg.extract.entities.coreference import Spans
from hrkg.extract.entities.factory import EntityFactory
from hrkg.extract.model import Entity
from hrkg.extract.numerals import ordinal_word
from hrkg.extract.patterns import alternation, load_patterns

_GAP = r"[ \t]+"  # a name never runs over a line end


class EnglishBodyFinder:
    """The ``hrkg_bodies`` component for languages with capitalized names."""

    def __init__(self, factory: EntityFactory, lang: str) -> None:
        data = load_patterns("bodies", lang)
        self.factory, self.lang = factory, lang
        self.heads: dict[str, str] = {h: s for h, s in data["heads"].items()
                                      if h not in data["finder_skip_heads"]}
        self.stop = frozenset(data["stop_words"])
        self.generic = frozenset(data["generic_modifiers"])
        self.lowercase_heads = frozenset(data["lowercase_complement_heads"])
        word, head = data["name_word"], alternation(self.heads)
        joiner = alternation(data["joiners"])
        prep = alternation(data["complement_prepositions"])
        continues = alternation(data["complement_comma_continues"])
        capitalized = rf"{word}(?:{_GAP}(?:(?:{joiner}){_GAP})*{word})*"
        self.body_name = re.compile(
            rf"(?<![\w'’-])(?P<name>(?:{word}{_GAP}(?:(?:{joiner}){_GAP})*)*?(?P<head>{head})"
            rf"(?P<complement>{_GAP}(?:{prep}){_GAP}(?:the{_GAP})?{capitalized})?)(?![\w-])")
        self.any_head = re.compile(rf"(?<![\w-])(?:{head})(?![\w-])")
        self.title_classes = frozenset(data["title_classes"])
        self.next_head = re.compile(rf"{_GAP}(?P<head>{head})(?![\w-])")
        self.complement = re.compile(rf"{_GAP}(?:{prep}){_GAP}(?:the{_GAP})?{capitalized}"
                                     rf"(?![\w-])")
        self.lowercase = re.compile(
            rf"{_GAP}(?:{prep}){_GAP}[a-z][^,;.:\n()]*(?:,{_GAP}(?:{continues})[^,;.:\n()]*)*")
        self.max_words = int(data["max_words"])
        self.officer_types = frozenset(data["officer_document_types"])
        self.officers: dict[str, str] = data["officers"]
        self.author_organs: dict[str, str] = data["author_organs"]
        self.organ_parents = frozenset(data["author_organ_parents"])
        self.officer = re.compile(rf"{data['officer_before']}(?P<officer>"
                                  rf"{alternation([*self.officers, *self.author_organs])})(?![\w-])"
                                  rf"(?!{data['officer_not_after']})")
        self.not_names = frozenset(data["finder_not_names"])
        self.session = re.compile(data["conference_session"])
        self.reference_determiners = frozenset(data["reference_determiners"])
        self.second_name = re.compile(rf"{_GAP}(?:{alternation(data['complement_not_across'])})"
                                      rf"(?={_GAP})")
        self.parent_not_before = frozenset(data["parent_not_before"])
        self.name_coordinators = frozenset(data["name_coordinators"])
        self.located = re.compile(rf"{_GAP}(?:{alternation(data['complement_not_before_known'])})"
                                  rf"{_GAP}(?:the{_GAP})?")
        self.special = re.compile(data["special_session"])
        self.session_names: dict[str, str] = data["session_names"]
        self.sentence_end = re.compile(r"[a-z)]\.(?=[ \t]+[A-Z])")
        months = alternation(load_patterns("metadata", lang)["months_en"])
        self.trailing = re.compile(rf"{_GAP}(?:{alternation(data['complement_not_after'])})"
                                   rf"{_GAP}(?:{months})(?:{_GAP}\d{{4}})?$")

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        end = doc._.hrkg_context.clean.body_end
        shared = {c.start for c in candidates(doc) if c.info.get("coordination") == "complements"}
        sessions = Spans(self._sessions(doc, text, end))
        titles = Spans((c.start, c.end) for c in candidates(doc) if c.entity is not None
                       and c.entity.cls in self.title_classes)
        earlier: dict[str, Entity] = {}  # open-world names so far, up to their head
        cuts: dict[int, int] = {}  # name start -> where its complement was cut
        for match in self._names(text, end, cuts):
            start, stop = match.start("name"), match.end("name")
            if start in shared or sessions.overlaps(start, stop) \
                    or titles.covers(*match.span("head")):
                continue  # "Special Rapporteurs of the Council on A, and on B": the mandates;
                # "… of the Awaza Programme of Action": the head word is a title's
            head = match.group("head")
            more = None if match.group("complement") else self.next_head.match(text, stop)
            if more is not None:  # "Emergency Programme Fund": the last head is the head
                head, stop = more.group("head"), more.end()
                complement = self.complement.match(text, stop)
                stop = complement.end() if complement else stop
            if head in self.lowercase_heads and not match.group("complement"):
                more = self.lowercase.match(text, stop)
                stop = more.end() if more else stop
            sentence = text.rfind(". ", start, match.start("head"))
            if sentence >= 0:  # a name never runs over a sentence end
                start = sentence + 2
            stop = self._before_sentence_end(text, match.end("head"), stop)
            cuts[match.start()] = stop  # "… Rivers and the Lakeshore Division": read on there
            words = text[start:stop].split()
            while words and (words[0] in self.stop or words[0][0].islower()):
                start = text.index(words[1], start + len(words[0])) if len(words) > 1 else stop
                words = words[1:]
            name = " ".join(words)
            before = name[:name.rfind(head)].split() if head in name else []
            has_complement = len(name) > name.rfind(head) + len(head)
            named = self._named_before(earlier, name, text[max(0, start - 4):start])
            if named is not None and not has_complement:  # "the Coordination Group"
                add_candidate(doc, Candidate(start, start + len(name), named, "body-pattern"))
                continue
            if (not words or len(words) > self.max_words
                    or not (has_complement or {w.lower() for w in before} - self.generic)
                    or name in self.not_names or self._knows_inside(before)
                    or self._known_prefix(words, len(before) + len(head.split()))
                    or self._owned_by_known(name)):
                continue
            entity = self.factory.open_world("Actor", self._spelt_out(doc, name, start),
                                             self.heads[head], lang=self.lang)
            earlier.setdefault(name[:name.rfind(head) + len(head)], entity)
            while stop > start and text[stop - 1] in ".,":
                stop -= 1
            while stop > start and text[stop - 1].isspace():
                stop -= 1
            add_candidate(doc, Candidate(start, stop, entity, "body-pattern", container=True))
        self._officers(doc, text, end)
        return doc

    def _names(self, text: str, end: int, cuts: dict[int, int]) -> Iterator[re.Match[str]]:
        """The matches of the name grammar in reading order; after a name whose complement was
        cut (``cuts``, filled by the caller), the search goes on where it was cut."""
        position = 0
        while (match := self.body_name.search(text, position, end)) is not None:
            yield match
            position = max(min(cuts.pop(match.start(), match.end()), match.end()),
                           match.start() + 1)

    def _spelt_out(self, doc: Doc, name: str, start: int) -> str:
        """``name`` with a short form after its last "of the" spelt out as the body of that
        short form named last before ``start`` ("Chair of the Commission" -> "Chair of the
        Commission on Science and Technology for Development"), so that a post of a known
        body is named, and keyed (structural_keys.py), as in the other language."""
        owner, _, short = name.rpartition(" of the ")
        entries = self.factory.vocabulary.short_forms_in(self.lang).get(short) if owner else None
        keys = {entry.key for entry in entries or ()}
        if not keys:  # no short form after "of the": no scan of the document's candidates
            return name
        named = [c for c in candidates(doc) if c.entity is not None and c.entity.key in keys
                 and c.end <= start]
        if not named:
            return name
        body = max(named, key=lambda c: c.start).entity
        return f"{owner} of the {body.label_en}" if body is not None and body.label_en else name

    def _named_before(self, earlier: dict[str, Entity], name: str, before: str) -> Entity | None:
        """The body named earlier that "the <name>" stands for: its name up to the head is
        ``name`` or ends with it ("the Coordination Group" after "Inter-Agency Coordination
        Group against …", "the Advisory Board" after "Advisory Board of the Commission")."""
        if before.strip() not in self.reference_determiners:
            return None
        return next((entity for known, entity in reversed(earlier.items())
                     if known == name or known.endswith(" " + name)), None)

    def _sessions(self, doc: Doc, text: str, end: int) -> list[tuple[int, int]]:
        """Sessions of a conference of the parties ("COP29") and special sessions of the General
        Assembly: one Actor each, holding no other Actor mention; their spans."""
        spans = []
        for match in [*self.session.finditer(text, 0, end), *self.special.finditer(text, 0, end)]:
            number = ordinal_word(match.group("ordinal"), self.lang)
            if number is None:
                continue
            treaty = match.groupdict().get("treaty") or ""
            prefix = next((short for name, short in self.session_names.items()
                           if treaty.startswith(name)), None)
            name = f"{prefix}{number}" if prefix else " ".join(match.group().split())
            entity = self.factory.conference_session(
                self._treaty(doc, match) if treaty else None, number,
                name[:1].upper() + name[1:], lang=self.lang)
            stop = match.end()
            if treaty:  # the treaty's full title may run on ("… Desertification in Those …")
                stop = max([stop, *(c.end for c in candidates(doc) if c.entity is not None
                                    and c.entity.cls == "Instrument"
                                    and c.start == match.start("treaty") and stop < c.end)])
            spans.append((match.start(), stop))
            add_candidate(doc, Candidate(match.start(), stop, entity, "body-pattern",
                                         container=True, info={"session": True}))
        inside = Spans(spans)
        doc._.hrkg_candidates = [c for c in candidates(doc) if not (
            self._actor(c) and "session" not in c.info and inside.covers(c.start, c.end))]
        return spans

    def _treaty(self, doc: Doc, match: re.Match[str]) -> Entity | None:
        """The treaty whose parties' session ``match`` names: the Instrument named where its
        treaty group starts, or by the group's words."""
        found = [c.entity for c in candidates(doc) if c.entity is not None
                 and c.entity.cls == "Instrument" and c.start == match.start("treaty")]
        return found[0] if found else self.factory.lookup_surface(
            " ".join(match.group("treaty").split()), "Instrument", self.lang)

    def _actor(self, candidate: Candidate) -> bool:
        """Whether ``candidate`` is an Actor or a short form that only Actors have."""
        if candidate.entity is not None:
            return candidate.entity.cls == "Actor"
        entries = [self.factory.vocabulary.get(key) for key in candidate.info.get("keys", ())]
        return bool(entries) and all(e is not None and e.cls == "Actor" for e in entries)

    def _officers(self, doc: Doc, text: str, end: int) -> None:
        """"The Chair", "the Bureau" in a summary record: officers of the document's author;
        "the Executive Board" in a document of a fund or programme: its governing body."""
        metadata = doc._.hrkg_context.metadata
        if not metadata.authors:
            return
        body = self.factory.lookup_surface(metadata.authors[0]) or \
            self.factory.lookup_surface(metadata.authors[0], lang=self.lang)
        if body is None or not body.label_en:
            return
        officers = {**(self.officers if metadata.doc_type in self.officer_types else {}),
                    **(self.author_organs if body.subclass in self.organ_parents else {})}
        for match in self.officer.finditer(text, 0, end):
            officer = match.group("officer")
            if officer not in officers:
                continue
            entity = self.factory.open_world("Actor", f"{officer} of the {body.label_en}",
                                             officers[officer], lang=self.lang)
            add_candidate(doc, Candidate(*match.span("officer"), entity, "body-pattern"))

    def _before_sentence_end(self, text: str, head_end: int, stop: int) -> int:
        """``stop``, moved back before a sentence end ("Court of Justice. He said") or a
        trailing time ("… of Palestine in April", "… in November 2022") in the complement
        after the head."""
        sentence = self.sentence_end.search(text, head_end, stop)
        if sentence is not None:
            stop = sentence.start() + 1
        second = self.second_name.search(text, head_end, stop)
        if second is not None:  # "… for Children and Youth and the Youth on the Move …"
            stop = second.start()
        trailing = self.trailing.search(text, head_end, stop)
        stop = trailing.start() if trailing is not None else stop
        for place in self.located.finditer(text, head_end, stop):  # "… in the United Nations
            rest = text[place.end():stop].split()  # system": a known name says where it is
            if any(self.factory.lookup_surface(" ".join(rest[:size]), lang=self.lang)
                   for size in range(len(rest), 0, -1)):
                return place.start()
        return stop

    def _owned_by_known(self, name: str) -> bool:
        """Whether ``name`` is "<words with no head> of (the) <a known name>" ("Official Records
        of the Economic and Social Council"): only the known name is a body."""
        for owner in re.finditer(r" of (?:the )?", name):
            if self.factory.lookup_surface(name[owner.end():], lang=self.lang) is not None:
                return not self.any_head.search(name[:owner.start()])
        return False

    def _known_prefix(self, words: list[str], least: int) -> bool:
        """Whether the name, or the first words of it through its head, is a name the
        vocabulary knows ("United Nations Conference on Trade and Development Technology and
        Innovation Report": the vocabulary's name followed by a title)."""
        return any(self.factory.lookup_surface(" ".join(words[:size]), lang=self.lang)
                   is not None for size in range(len(words), least - 1, -1))

    def _knows_inside(self, words: list[str]) -> bool:
        """Whether a run of ``words`` (those before the head) is a name the vocabulary knows
        ("General Assembly and the Security Council" is two names), other than the parent
        the name starts with ("UNICEF Supply Division", "United States Fund for …") when no
        "and" joins two names."""
        size = len(words)
        known = [(i, j) for i in range(size) for j in range(i + 1, size + 1)
                 if self.factory.lookup_surface(" ".join(words[i:j]), lang=self.lang)]
        parent = max((j for i, j in known if i == 0), default=0)
        if self.name_coordinators & set(words) or (0 < parent < size
                                                   and words[parent] in self.parent_not_before):
            return bool(known)  # "… question of Palestine of the Department of …"
        return any(i >= parent for i, _ in known)
