"""Body names the head-word scan cannot find (extract/entities/bodies.py): sessions of a
Conference of the Parties ("《公约》缔约方会议第五届会议", "《公约》第二十七届缔约方大会"),
Latin-script companies listed before 等企业, Latin-script names before a body's head
("PROSPECTS伙伴关系"), forums named by their quoted title ("“…”论坛"), and phrases that
only look like names (发展伙伴关系), which block shorter names. Data: patterns/bodies.yaml."""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Doc

from hrkg.extract.entities.candidates import Candidate, add_candidate
from hrkg.extract.entities.factory import EntityFactory
from hrkg.extract.numerals import parse_ordinal
from hrkg.extract.patterns import alternation, load_patterns


class SpecialNames:
    def __init__(self, factory: EntityFactory, data: dict[str, Any]) -> None:
        self.factory = factory
        self.session = re.compile(data["conference_session"])
        self.session_after_title = re.compile(data["conference_session_after_title"])
        self.session_parts = re.compile(load_patterns("structural_keys")["session_treaty"])
        self.companies = re.compile(data["company_list"])
        self.company_separator = re.compile(data["company_separator"])
        self.latin_names = re.compile(data["latin_body_name"])
        self.latin_heads: dict[str, str] = data["latin_body_heads"]
        self.not_names = re.compile(alternation(data["not_names"]))
        self.quoted = re.compile(data["quoted_body_name"])
        self.quoted_heads: dict[str, str] = data["quoted_body_heads"]

    def __call__(self, doc: Doc, text: str) -> list[tuple[int, int]]:
        """Add the special names of ``text``; the spans no head-word name may start in."""
        spans = []
        for match in self.session.finditer(text):
            self._session(doc, match.start(), match.end(), match, match.group(), True)
            spans.append((match.start(), match.end()))
        for match in self.session_after_title.finditer(text):
            # "《公约》第二十七届缔约方大会": the convention keeps its mention, the session's
            # name keeps the convention
            name = match.group("title") + match.group("session")
            self._session(doc, *match.span("session"), match, name)
            spans.append(match.span("session"))
        for match in self.companies.finditer(text):
            position = match.start("names")
            for part in self.company_separator.split(match.group("names")):
                name = part.strip()
                begin = text.index(name, position)
                position = begin + len(name)
                self._add(doc, begin, position, name, "Company")
        for match in self.latin_names.finditer(text):
            name = match.group("name")
            if self.factory.lookup_surface(name) is None and \
                    self.factory.lookup_surface(name, lang="en") is None:
                self._add(doc, match.start(), match.end(), match.group(),
                          self.latin_heads[match.group("head")])
                spans.append((match.start(), match.end()))
        for match in self.quoted.finditer(text):
            name = match.group("name")
            entity = self.factory.lookup_surface(name, "Actor") or self.factory.open_world(
                "Actor", name + match.group("head"), self.quoted_heads[match.group("head")])
            add_candidate(doc, Candidate(*match.span("name"), entity, "body-pattern"))
            spans.append(match.span())
        for match in self.not_names.finditer(text):
            add_candidate(doc, Candidate(match.start(), match.end(), None, "body-pattern",
                                         info={"keys": []}))
        return spans

    def _session(self, doc: Doc, start: int, end: int, match: re.Match[str], name: str,
                 container: bool = False) -> None:
        """A session of a treaty's conference of the parties, keyed COP27 where the data
        knows the treaty (the one it serves as the meeting of, if it says so)."""
        parts = self.session_parts.match(match.group())
        title = parts and (parts.group("serving") or parts.group("title"))
        treaty = self.factory.lookup_surface(title, "Instrument") if title else None
        entity = self.factory.conference_session(treaty, parse_ordinal(match.group()), name)
        add_candidate(doc, Candidate(start, end, entity, "body-pattern", container=container))

    def _add(self, doc: Doc, start: int, end: int, name: str, subclass: str,
             container: bool = False) -> None:
        entity = self.factory.open_world("Actor", name, subclass)
        add_candidate(doc, Candidate(start, end, entity, "body-pattern", container=container))
