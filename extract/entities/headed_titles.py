"""Titles of instruments and publications in a language that writes them without brackets
(English, ``patterns/<lang>/titles.yaml``): a capitalized name ending in a head word, with
its complement ("Awaza Political Declaration", "Programme of Action for Landlocked
Developing Countries for the Decade 2024-2034", "Olympic Charter"), and quoted titles after
"entitled". A name the vocabulary knows, or one with a known name inside ("Meeting of the
Parties to the Paris Agreement"), is left to the vocabulary matcher; a name with a body word
before its head ("Conference on the … Review") names no text."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from hrkg.extract.entities.candidates import Candidate, add_candidate, text_of
from hrkg.extract.entities.factory import EntityFactory
from hrkg.extract.patterns import alternation, load_patterns

_WORD = r"(?:[A-Z][\w'’-]*|(?:19|20)\d\d(?:[–-](?:19|20)?\d\d)?)"
_GAP = r"[ \t]+"  # a name never runs over a line end


class HeadedTitleFinder:
    """The ``hrkg_titles`` component for languages with ``instrument_heads`` data in
    ``patterns/<lang>/titles.yaml`` and no title brackets."""

    def __init__(self, factory: EntityFactory, lang: str) -> None:
        data = load_patterns("titles", lang)
        self.factory, self.lang = factory, lang
        self.heads = {h: "Instrument" for h in data["instrument_heads"]}
        self.heads.update({h: "Publication" for h in data["publication_heads"]})
        self.not_entities = frozenset(data["not_entities"])
        self.not_first = frozenset(data["name_not_first"])
        self.body_words = frozenset(data["name_body_words"])
        small = alternation(data["name_joiners"])
        head = alternation(self.heads)
        self.title = re.compile(
            rf"(?<![\w'’-])(?P<name>(?:{_WORD}{_GAP}(?:(?:{small}){_GAP})*)*?(?P<head>{head})"
            rf"(?:{_GAP}(?:{small}){_GAP}(?:(?:{small}){_GAP})*{_WORD}"
            rf"(?:{_GAP}(?:(?:{small}){_GAP})*{_WORD})*)?"
            rf"(?:,{_GAP}(?:19|20)\d\d[–-](?:19|20)?\d\d)?)"  # "Strategic Plan, 2022-2025"
            rf"(?![\w-])(?!{_GAP}[A-Z][a-z])")
        self.quoted = re.compile(data["quoted_title"])
        self.entitled = {k: v for k, v in data["entitled_classes"].items()
                         if v in ("Instrument", "Publication")}

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        end = doc._.hrkg_context.clean.body_end
        for match in self.title.finditer(text, 0, end):
            name, start = match.group("name"), match.start("name")
            words = name.split()
            while words and words[0] in self.not_first:
                start = text.index(words[1], start + len(words[0])) if len(words) > 1 else start
                words = words[1:]
            name = " ".join(words)
            head = match.group("head")
            if len(words) < 2 or name == head or name in self.not_entities:
                continue
            if self.body_words & set(name[:name.rfind(head)].split()) or self._knows_inside(words):
                continue
            self._add(doc, name, start, match.end("name"), self.heads[head])
        for match in self.quoted.finditer(text, 0, end):
            cls = self.entitled.get(match.group("before").lower())
            if cls is not None:
                self._add(doc, match.group("title"), *match.span("title"), cls)
        return doc

    def _knows_inside(self, words: list[str]) -> bool:
        """Whether a run of two or more of ``words``, shorter than all of them, is a name
        the vocabulary knows."""
        size = len(words)
        return any(self.factory.lookup_surface(" ".join(words[i:j]), lang=self.lang)
                   is not None
                   for i in range(size) for j in range(i + 2, size + 1) if j - i < size)

    def _add(self, doc: Doc, name: str, start: int, end: int, cls: str) -> None:
        if self.factory.lookup_surface(name, lang=self.lang) is not None:
            return
        head = next((h for h in sorted(self.heads, key=len, reverse=True) if name.endswith(h)),
                    None)
        subclass = load_patterns("titles")["instrument_heads"].get(head) if head else None
        entity = self.factory.open_world(cls, name, subclass if cls == "Instrument" else None,
                                         lang=self.lang)
        add_candidate(doc, Candidate(start, end, entity, "title", nested_ok=True))
