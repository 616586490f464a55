"""Sustainable Development Goals and targets: ``可持续发展目标 16``,
``可持续发展目标 16.8``, ``目标 17``, ``(目标 1、4、6 和 14)``, ``目标 3 和 4``, ``具体目标 4c``
(= 4.c).

A bare ``目标 N`` counts only in a document that speaks of the SDGs, and never
when it is the numbered heading of another framework's objective
(``目标 1. 弥合所有数字鸿沟`` in the Global Digital Compact).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from hrkg.extract.entities.candidates import Candidate, add_candidate, text_of
from hrkg.extract.entities.factory import EntityFactory
from hrkg.extract.patterns import load_patterns


class SdgFinder:
    def __init__(self, factory: EntityFactory) -> None:
        data = load_patterns("sdgs")
        self.factory = factory
        number = data["number"]
        separators = "|".join(map(re.escape, data["list_separators"]))
        listed = rf"{number}(?:\s*(?:{separators})\s*{number})*"
        explicit = "|".join(map(re.escape, data["explicit_prefixes"]))
        bare = "|".join(map(re.escape, data["bare_prefixes"]))
        self.explicit = re.compile(rf"(?:{explicit})\s*(?P<list>{listed})(?![\d.])")
        self.bare = re.compile(rf"(?<!发展)(?:{bare})\s*(?P<list>{listed})(?![\d])")
        self.number = re.compile(number)
        self.heading = re.compile(data["heading_after_number"])
        self.context_words = data["sdg_context"]
        self.not_before = data["not_sdg_before"]

    def _numbers(self, text: str, match: re.Match[str]) -> list[tuple[int, int, str]]:
        found = []
        for num in self.number.finditer(match.group("list")):
            start = match.start("list") + num.start()
            written = num.group().rstrip(".")
            value = re.sub(r"(?<=\d)(?=[a-g]$)", ".", written)  # 4c -> 4.c
            found.append((start, start + len(written), value))
        return found

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        taken: list[tuple[int, int]] = []
        for match in self.explicit.finditer(text):
            taken.append(match.span())
            self._add(doc, match, self._numbers(text, match))
        if not any(word in text for word in self.context_words):
            return doc
        for match in self.bare.finditer(text):
            if any(s <= match.start() < e for s, e in taken):
                continue
            if self.heading.match(text, match.end()):
                continue  # "目标 1. 弥合…": a heading of another framework's objectives
            before = text[max(0, match.start() - 6):match.start()]
            if any(before.endswith(word) for word in self.not_before):
                continue
            self._add(doc, match, self._numbers(text, match))
        return doc

    def _add(self, doc: Doc, match: re.Match[str], numbers: list[tuple[int, int, str]]) -> None:
        # the first number's mention spans the prefix ("目标 17"); later ones only the number
        for index, (start, end, value) in enumerate(numbers):
            begin = match.start() if index == 0 else start
            add_candidate(doc, Candidate(begin, end, self.factory.sdg(value), "sdg"))


@Language.factory("hrkg_sdgs", default_config={})
def make_sdg_finder(nlp: Language, name: str) -> SdgFinder:
    from hrkg.extract.pipeline import shared_factory

    return SdgFinder(shared_factory(nlp))
