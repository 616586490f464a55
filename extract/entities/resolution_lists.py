"""Resolutions written in words where a HEAD word precedes a LIST of numbers (English:
"resolutions 53/199 of 15 December 1998 and 61/185", "its resolution 2011/6",
"General Assembly resolution 74/151", "decision 1/CP.21"): the data is
``patterns/<lang>/resolutions.yaml`` (head words, number shapes with the Chinese group
names, list separators, where the organ is read). The organ found for the head applies to
the whole list; the symbol of each number is made as in Chinese
(:meth:`ResolutionFinder.symbol_for` for the shapes that carry their own series).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from hrkg.extract.entities.candidates import DocContext
from hrkg.extract.entities.factory import EntityFactory
from hrkg.extract.organs import load_organs
from hrkg.extract.patterns import alternation

if TYPE_CHECKING:
    from hrkg.extract.entities.resolutions import ResolutionFinder


class HeadedLists:
    """Finds head + list references; one per pipeline whose resolution data has ``heads``."""

    def __init__(self, finder: ResolutionFinder, data: dict[str, Any],
                 factory: EntityFactory) -> None:
        self.finder = finder
        self.organs = load_organs()
        self.organ_prefix: dict[str, str] = {}
        for organ in self.organs.adopting:
            names = [organ.en] if organ.en else []
            entry = factory.vocabulary.get(organ.actor)
            if entry is not None:
                names.extend(entry.en_aliases)
            for name in names:
                self.organ_prefix.setdefault(name, organ.prefix)
        for name, prefix in data["council_short_forms"].items():
            self.organ_prefix.setdefault(name, prefix)
        self.heads: dict[str, str] = data["heads"]
        self.head = re.compile(rf"(?i)\b(?P<head>{alternation(self.heads)})\s+(?=[\dSE])")
        self.numbers = [(n["name"], re.compile(n["regex"]), n.get("prefix"))
                        for n in data["numbers"]]
        self.trailer = re.compile(data["item_trailer"])
        self.separator = re.compile(data["item_separator"])
        self.window = int(data["organ_window"])
        self.before = re.compile(data["organ_before_head"].replace(
            "{organ}", alternation(self.organ_prefix)))
        self.possessive = re.compile(
            rf"\b(?:{alternation(data['possessives'])})\s+$")
        self.subject_after = re.compile(data["possessive_subject_after"].replace(
            "{organ}", alternation(self.organ_prefix)))
        self.subject_before = re.compile(data["possessive_subject_before"].replace(
            "{organ}", alternation(self.organ_prefix)))

    def _organ(self, name: str, context: DocContext) -> str:
        prefix = self.organ_prefix[name]
        if prefix == "council":  # "the Council": the document's council, else the default
            own = self.organs.named(context.metadata.organ or "")
            return own.prefix if own and own.council else self.organs.default_council
        return prefix

    def _head_organ(self, text: str, start: int, end: int, context: DocContext) -> str | None:
        """The organ of the list whose head spans [start, end): written before the head,
        or the subject a possessive ("its resolution") refers to; None: not stated."""
        before = text[max(0, start - self.window):start]
        cut = max(before.rfind("."), before.rfind(";"), before.rfind("\n"))
        before = before[cut + 1:]
        if self.possessive.search(before):
            head_less = self.possessive.sub("", before)
            after = self.subject_after.match(text, end)
            named = self.subject_before.search(head_less)
            if after is not None:
                return self._organ(after.group("organ"), context)
            if named is not None:
                return self._organ(named.group("organ"), context)
            return self._own(context)
        written = self.before.search(before)
        return self._organ(written.group("organ"), context) if written else None

    def _own(self, context: DocContext) -> str:
        own = self.organs.named(context.metadata.organ or "")
        return own.prefix if own else self.organs.default_prefix

    def find(self, text: str, context: DocContext) -> list[tuple[int, int, str]]:
        """(start, end, symbol) of every number of every list; the first spans its head."""
        found: list[tuple[int, int, str]] = []
        for head in self.head.finditer(text):
            kind = self.heads[head.group("head").lower()]
            organ = self._head_organ(text, head.start(), head.end(), context)
            position, first = head.end(), True
            while (number := self._number_at(text, position)) is not None:
                name, match, series = number
                symbol = self._symbol(name, match.groupdict(), kind, organ or series, text,
                                      head.start(), context)
                found.append((head.start() if first else match.start(), match.end(), symbol))
                first = False
                position = match.end()
                trailer = self.trailer.match(text, position)
                position = trailer.end() if trailer else position
                separator = self.separator.match(text, position)
                if separator is None:
                    break
                position = separator.end()
        return found

    def _number_at(self, text: str, position: int
                   ) -> tuple[str, re.Match[str], str | None] | None:
        """The first number shape that matches at ``position``: (name, match, series)."""
        for name, pattern, series in self.numbers:
            match = pattern.match(text, position)
            if match is not None:
                return name, match, series
        return None

    def _symbol(self, shape: str, groups: dict[str, str], kind: str, organ: str | None,
                text: str, start: int, context: DocContext) -> str:
        groups = {**groups, "kind": kind}
        if shape in ("session-number", "year-number") and organ is None:
            conference = self.finder._conference_from_document(text, start) \
                if kind == "DEC" else None
            organ = conference or (self.organs.year_number_prefix if shape == "year-number"
                                   else self._own(context))
        if shape == "year-number":
            named = self.organs.of_prefix(organ or "")
            if named is not None and named.council:
                organ = self.organs.year_number_prefix
            return f"{organ}/{kind}/{groups['year']}/{groups['number']}"
        if shape == "session-number":
            return f"{organ}/{kind}/{groups['session']}/{groups['number']}"
        return self.finder.symbol_for(shape, groups, text, start, context,
                                      organ or self.organs.default_prefix)
