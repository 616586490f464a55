"""Plans, strategies, frameworks, toolkits, calls … named in running text without 《》 (issue 11,
class 6). A phrase ending in a head word (``patterns/named_plans.yaml``) is a name only when
something proper names it: a known organization right before it, a quoted name, a period
after it, an anniversary, a Latin-script name, or an organization that opens the sentence and
says it made it (儿基会正在制定一项全球…框架). Word edges come from jieba
(:mod:`hrkg.extract.entities.words`), so a bare 国家行动计划 or 战略重点 names nothing."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from hrkg.extract.entities.candidates import Candidate, add_candidate, text_of
from hrkg.extract.entities.factory import EntityFactory
from hrkg.extract.entities.words import words
from hrkg.extract.patterns import alternation, load_patterns

CLAUSE_END = re.compile(r"[，。；：！？,;:!?\n《》（）()]")


class NamedPlanFinder:
    def __init__(self, factory: EntityFactory) -> None:
        data = load_patterns("named_plans")
        self.factory = factory
        self.heads: dict[str, list] = data["heads"]
        not_before = alternation(data["not_before"])
        self.head = re.compile(rf"(?:{alternation(self.heads)})(?!{not_before})")
        self.owner_not = frozenset(data["owner_not_subclasses"])
        self.owner_max = int(data["owner_max_chars"])
        self.name_tags = frozenset(data["name_word_tags"])
        self.verb_tags = frozenset(data["verb_tags"])
        self.joiners = frozenset(data["name_joiners"])
        self.name_max = int(data["name_max_chars"])
        self.clause_verbs = frozenset(data["clause_verbs"])
        self.about_max = int(data["about_max_chars"])
        self.about = data["about_open"]
        self.period = re.compile(data["period"])
        self.quoted = re.compile(data["quoted"])
        self.occasion = re.compile(data["occasion"])
        self.occasion_subclass = data["occasion_subclass"]
        self.latin = re.compile(data["latin"])
        authored = data["authored"]
        self.authoring_verbs = frozenset(authored["verbs"])
        self.measures = frozenset(authored["measure_words"])
        self.authored_joiners = frozenset([*self.joiners, *authored["joiners"]])
        self.authored_min = int(authored["min_chars"])
        self.same_subject = re.compile(authored["same_subject"])
        self.sentence_lead = re.compile(alternation(authored["sentence_leads"]))
        self.paragraph_lead = re.compile(rf"[，,](?={alternation(authored['sentence_leads'])})")

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        for match in self.head.finditer(text):
            start, end = match.span()
            if _inside_title(text, start) or not self._ends_word(text, start, end):
                continue
            cls, subclass = self.heads[match.group()]
            found = self._named(text, start, end)
            if found is not None:
                mention_start, name = found
                self._add(doc, mention_start, end, name, cls, subclass)
        for match in self.occasion.finditer(text):
            name_start = self._name_start(text, match.start())
            if name_start < match.start() and not _inside_title(text, match.start()):
                self._add(doc, name_start, match.end(), text[name_start:match.end()],
                          "Instrument", self.occasion_subclass)
        return doc

    def _named(self, text: str, start: int, end: int) -> tuple[int, str] | None:
        """(mention start, name) of the head at ``start``, when something proper names it."""
        before = text[max(0, start - 40):start]
        quoted = self.quoted.search(before)
        if quoted is not None:
            return start - len(before) + quoted.start(), quoted.group() + text[start:end]
        latin = self.latin.search(before)
        if latin is not None:
            return start - len(latin.group()), latin.group() + text[start:end]
        period = self.period.match(text, end)
        if period is not None:
            name_start = self._name_start(text, start)
            if name_start < start:
                return name_start, text[name_start:period.end()]
        authored = self._authored(text, start)
        if authored is not None:
            return authored, text[authored:end]
        owned = self._owned(text, start)
        if owned is not None:
            owner, rest_start = owned
            if text.startswith(self.about, rest_start):  # 儿基会关于…的新战略: the owner
                return rest_start, owner + text[rest_start:end]  # stays a mention of its own
            return rest_start - len(owner), owner + text[rest_start:end]
        return None

    def _owned(self, text: str, head_start: int) -> tuple[str, int] | None:
        """(the owner as written, start of the rest) when a known organization stands right
        before the words that modify the head, or before 关于…的 + those words."""
        floor = _clause_start(text, head_start, self.about_max + self.name_max)
        about = text.rfind(self.about, floor, head_start)
        about_ok = about >= 0 and self._about(text, about, head_start)
        candidates = [about] if about_ok else []
        candidates += [w.start for w in words(text[floor:head_start], floor)]
        for rest_start in candidates:
            if head_start - rest_start < 2:
                continue
            if not (about_ok and rest_start == about) and \
                    not self._name_words(text, rest_start, head_start):
                continue
            owner = self._owner_before(text, rest_start)
            if owner is not None:
                return owner, rest_start
        return None

    def _authored(self, text: str, head_start: int) -> int | None:
        """Start of the name an organization says it made: "<organization>(还/正在/已)制定(了)
        (一个/一项)<name words><head>" in one sentence (the organization opens the sentence),
        the name at least ``authored_min_chars`` long."""
        floor = _clause_start(text, head_start, self.name_max + 8)
        found = words(text[floor:head_start], floor)
        index, start = len(found) - 1, head_start
        while index >= 0 and found[index].text not in self.authoring_verbs and (
                found[index].tag in self.name_tags | self.verb_tags
                or found[index].text in self.authored_joiners):
            start, index = found[index].start, index - 1
        before = found[max(0, index - 2):index + 1]
        while before and (before[-1].text in self.measures or before[-1].text == "了"):
            before.pop()
        if not before or before[-1].text not in self.authoring_verbs:
            return None
        name = [w for w in found[index + 1:]]
        while name and (name[0].text in self.authored_joiners or name[0].tag in self.verb_tags):
            name = name[1:]  # 制定和实施…: the name starts at a noun
        start = name[0].start if name else head_start
        if len(re.findall(r"[\u4e00-\u9fff]", text[start:head_start])) < self.authored_min:
            return None
        sentence = max(text.rfind(mark, 0, start) for mark in "。；;：:\n") + 1
        # a resolution's paragraphs end in commas: the last "，回顾…" opens this one
        opened = [m.start() + 1 for m in self.paragraph_lead.finditer(text, sentence, start)]
        sentence = opened[-1] if opened else sentence
        lead = self.sentence_lead.match(text, sentence)  # 回顾<organization>已制定…
        sentence = lead.end() if lead else sentence
        organization = self._organization_at(text, sentence)
        if organization is None or not self.same_subject.fullmatch(
                text, sentence + organization, before[-1].start):
            return None
        return start

    def _organization_at(self, text: str, start: int) -> int | None:
        """The length of a known organization (not a State, person, post or collective)
        opening ``start``."""
        for length in range(self.owner_max, 1, -1):
            entity = self.factory.lookup_surface(text[start:start + length])
            if entity is not None and entity.cls == "Actor" and entity.country is None and \
                    entity.subclass not in self.owner_not and entity.subclass != "State":
                return length
        return None

    def _about(self, text: str, about: int, head_start: int) -> bool:
        """关于 <subject> 的 [name words] before the head."""
        of = text.rfind("的", about, head_start)
        return of > about + len(self.about) and (
            of + 1 == head_start or self._name_words(text, of + 1, head_start))

    def _owner_before(self, text: str, end: int) -> str | None:
        """The longest name of a known organization (not a State, person or post) ending at
        ``end``, as written."""
        for length in range(min(self.owner_max, end), 1, -1):
            entity = self.factory.lookup_surface(text[end - length:end])
            if entity is not None and entity.cls == "Actor" and \
                    entity.subclass not in self.owner_not and entity.subclass != "State" and \
                    entity.country is None:
                return text[end - length:end]
        return None

    def _name_words(self, text: str, start: int, end: int) -> bool:
        """``text[start:end]`` is words a name is made of (and no clause verb first)."""
        found = words(text[start:end], start)
        if not found or found[0].text in self.clause_verbs or found[0].text in self.joiners:
            return False
        return all(w.tag in self.name_tags or w.text in self.joiners for w in found)

    def _name_start(self, text: str, end: int) -> int:
        """Where the name ending at ``end`` starts: back over name words to the clause, a
        particle, a count or a clause verb."""
        floor = _clause_start(text, end, self.name_max)
        found = words(text[floor:end], floor)
        start = end
        for word in reversed(found):
            if word.tag not in self.name_tags | self.verb_tags and word.text not in self.joiners:
                break
            start = word.start
        rest = [w for w in found if w.start >= start]
        while rest and (rest[0].text in self.clause_verbs or rest[0].text in self.joiners):
            rest = rest[1:]
        return rest[0].start if rest else end

    def _ends_word(self, text: str, start: int, end: int) -> bool:
        """The head ends a jieba word and the name (计划 in 世界粮食计划署 does not, nor 框架 in
        …框架独立审查: a noun after it is the head)."""
        lower = max(0, start - 6)
        found = words(text[lower:end + 4], lower)
        after = next((w for w in found if w.start == end), None)
        return any(w.end == end for w in found) and (
            after is None or after.tag not in self.name_tags)

    def _add(self, doc: Doc, start: int, end: int, name: str, cls: str,
             subclass: str | None) -> None:
        entity = self.factory.lookup_surface(name, cls) or self.factory.open_world(
            cls, name, subclass)
        add_candidate(doc, Candidate(start, end, entity, "title", nested_ok=True))


def _inside_title(text: str, position: int) -> bool:
    opened = text.rfind("《", 0, position)
    return opened >= 0 and text.rfind("》", opened, position) < 0


def _clause_start(text: str, end: int, reach: int) -> int:
    lower = max(0, end - reach)
    ends = list(CLAUSE_END.finditer(text, lower, end))
    return ends[-1].end() if ends else lower


@Language.factory("hrkg_named_plans", default_config={})
def make_named_plan_finder(nlp: Language, name: str) -> NamedPlanFinder:
    from hrkg.extract.pipeline import shared_factory

    return NamedPlanFinder(shared_factory(nlp))
