"""Persons in no vocabulary: the name before an honorific ("Mansour先生", "主席：尼昂先生") and
transliterated names joined by the middle dot ("马丁·格里菲思"). Word edges come from jieba
(:mod:`hrkg.extract.entities.words`); cue words are in ``patterns/persons.yaml``."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from hrkg.extract.entities.candidates import Candidate, add_candidate, text_of
from hrkg.extract.entities.factory import EntityFactory
from hrkg.extract.entities.speakers import speaking_for
from hrkg.extract.entities.words import Word, words
from hrkg.extract.model import Entity
from hrkg.extract.patterns import alternation, load_patterns

WINDOW = 12  # characters read on each side of a cue


class PersonFinder:
    def __init__(self, factory: EntityFactory, lang: str = "zh") -> None:
        data = load_patterns("persons", lang)
        self.factory = factory
        self.honorific = re.compile(alternation(data["honorifics"])) if data["honorifics"] else None
        titles = data.get("titles_before")  # English: "Mr. Mansour", the title before the name
        self.titled = re.compile(
            rf"(?<![\w.])(?:{alternation(titles)})[ \t]+(?P<name>{data['name_after_title']})"
        ) if titles else None
        self.not_names = frozenset(data.get("not_names", ()))
        self.lang = lang
        self.latin = re.compile(data["latin_name"])
        self.name_tags = set(data["name_word_tags"])
        self.dot = data["middle_dot"]
        self.part_tags = set(data["dotted_part_tags"])
        self.not_after = tuple(data["not_after"])
        self.hyphens = set(data["hyphens"])

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        spans: list[tuple[int, int]] = []
        for match in self.honorific.finditer(text) if self.honorific else ():
            span = self._before_honorific(text, match.start())
            if span is not None:
                spans.append(span)
        for match in self.titled.finditer(text) if self.titled else ():
            if match.group("name").split()[0] not in self.not_names:
                spans.append(match.span("name"))
        for match in re.finditer(re.escape(self.dot), text) if self.dot else ():
            span = self._dotted(text, match.start())
            if span is not None:
                spans.append(span)
        sides = speaking_for(doc, text, sorted(spans), self.honorific)
        for start, end in spans:
            self._add(doc, text, start, end, sides.get(text[start:end]))
        return doc

    def _before_honorific(self, text: str, position: int) -> tuple[int, int] | None:
        left = max(0, position - 4 * WINDOW)
        latin = self.latin.search(text, left, position)
        if latin is not None:
            return latin.start(), latin.start() + len(latin.group().rstrip())
        before = words(text[max(0, position - WINDOW):position], max(0, position - WINDOW))
        if before and before[-1].tag in self.name_tags and len(before[-1].text) >= 2:
            return before[-1].start, position
        return None

    def _dotted(self, text: str, position: int) -> tuple[int, int] | None:
        lower, upper = max(0, position - WINDOW), min(len(text), position + 1 + WINDOW)
        left = words(text[lower:position], lower)
        right = words(text[position + 1:upper], position + 1)
        if not left or not right or not self._is_part(left[-1]) or not self._is_part(right[0]):
            return None
        start = left[-1].start
        while len(left) >= 3 and left[-2].text in self.hyphens and self._is_part(left[-3]):
            left = left[:-2]  # "让-皮埃尔·…"
            start = left[-1].start
        end = right[0].end
        for word in right[1:]:
            if not self._is_part(word):
                break
            end = word.end
        phrase = re.match(r"[\u4e00-\u9fff]*", text[end:end + WINDOW])
        if phrase and any(word in phrase.group() for word in self.not_after):
            return None  # "夸梅·恩克鲁玛妇女科学英才奖": named after the person
        return start, end

    def _is_part(self, word: Word) -> bool:
        return "\u4e00" <= word.text[0] <= "\u9fff" and (
            word.tag in self.part_tags or len(word.text) == 1)

    def _add(self, doc: Doc, text: str, start: int, end: int, side: Entity | None) -> None:
        name = text[start:end]
        entity = self.factory.lookup_surface(name, lang=self.lang) or (
            self.factory.person(name, side, self.lang) if side is not None else None
        ) or self.factory.open_world("Actor", name, "Person", lang=self.lang)
        add_candidate(doc, Candidate(start, end, entity, "body-pattern"))


@Language.factory("hrkg_persons", default_config={})
def make_person_finder(nlp: Language, name: str) -> PersonFinder:
    from hrkg.extract.pipeline import shared_factory

    return PersonFinder(shared_factory(nlp), nlp.lang or "zh")
