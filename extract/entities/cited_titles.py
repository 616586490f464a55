"""Publications cited in footnote style in a language without title brackets (English,
``patterns/<lang>/titles.yaml`` ``citation_*``): "<author>, <title>, <publisher>, <place>,
<date>" ("United Nations Office for the Coordination of Humanitarian Affairs, Global
Humanitarian Overview 2031, OCHA, Geneva, 1 December 2030, p. 5."), a person author
("Surname, Given, “<title>”, <journal>, <date>"), a quoted title, or a title alone before its
medium ("<title>, video, World Food Programme, 2031"). The title is the field after the
author, with the commas inside it, up to the first field that is a publisher (a known
actor), a place or a date, a medium word or a page; a citation with a UN symbol names that
document instead (cited by the symbol finder)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from hrkg.extract.entities.factory import EntityFactory

_PERSON_PART = re.compile(r"[A-Z][a-z'’-]+")
_SYMBOL = re.compile(r"\b[A-Z]{1,6}(?:\.\d+)?/[A-Za-z0-9.]*\d")
_PAGE = re.compile(r"^(?:pp?\.|p\s|available at|chap\.|para\.)")
_QUOTED = re.compile(r"^[“\"](?P<title>[^”\"]{3,200}?)[,.]?[”\"]$")


class CitationReader:
    """Finds the titles of footnote-style citations."""

    def __init__(self, factory: EntityFactory, lang: str, data: dict) -> None:
        self.factory, self.lang = factory, lang
        self.separator = re.compile(data["citation_fields_separator"])
        self.place_or_date = re.compile(data["citation_place_or_date"])
        self.media = frozenset(data["citation_medium_words"])
        self.max_words = int(data["citation_title_max_words"])
        self.split = re.compile(data["citation_split"])
        self.acronym = re.compile(data["citation_publisher_acronym"])
        self.body_words = frozenset(data["name_body_words"])
        self.joiners = frozenset(w for j in data["name_joiners"] for w in j.split())

    def titles(self, text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
        """(start, end) of the cited titles in the sentence ``text[start:end]`` (notes run
        together are read one by one)."""
        position = start
        for match in [*self.split.finditer(text, start, end), None]:
            stop = match.start() if match else end
            yield from self._titles(text, position, stop)
            position = match.end() if match else end

    def _titles(self, text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
        sentence = text[start:end].rstrip(" .")
        if _SYMBOL.search(sentence):
            return
        fields = self._fields(sentence, start)
        first = self._title_start(fields)
        if first is None:
            return
        if _QUOTED.match(fields[first][0]):  # a quoted title ends at its quote
            span = self._title(fields, first, first)
            if span is not None and len(fields) > first + 1:
                yield span
            return
        for last in range(first, len(fields) - 1):
            if self._ends_title(fields[last + 1][0]):
                span = self._title(fields, first, last)
                if span is not None:
                    yield span
                return
            if last - first > 2:  # a title has at most a few commas inside
                return

    def _fields(self, sentence: str, offset: int) -> list[tuple[str, int, int]]:
        fields, position = [], 0
        for match in [*self.separator.finditer(sentence), None]:
            stop = match.start() if match else len(sentence)
            fields.append((sentence[position:stop], offset + position, offset + stop))
            position = match.end() if match else stop
        return fields

    def _title_start(self, fields: list[tuple[str, int, int]]) -> int | None:
        """Where the title starts: after a known author, after "Surname, Given", or at the
        start when a medium word follows the first field."""
        if len(fields) < 3:
            return None
        if self._is_actor(fields[0][0]) or self._names_body(fields):
            return 1
        if all(_PERSON_PART.fullmatch(f[0]) for f in fields[:2]):
            return 2
        if fields[1][0].lower() in self.media:
            return 0
        return None

    def _names_body(self, fields: list[tuple[str, int, int]]) -> bool:
        """An author the vocabulary does not know: capitalized words ending in a body word
        ("Inter-Agency Standing Committee"), in a note that ends with a date or a page."""
        words = fields[0][0].split()
        return (len(words) >= 2 and words[-1] in self.body_words
                and all(w[:1].isupper() or w in self.joiners for w in words)
                and self._ends_title(fields[-1][0]))

    def _title(self, fields: list[tuple[str, int, int]], first: int,
               last: int) -> tuple[int, int] | None:
        text = ", ".join(f[0] for f in fields[first:last + 1])
        quoted = _QUOTED.match(text)
        if quoted is not None:
            return fields[first][1] + 1, fields[first][1] + 1 + len(quoted.group("title"))
        if not text[:1].isupper() or len(text.split()) > self.max_words \
                or sum(word[:1].isupper() for word in text.split()) < 2:
            return None
        return fields[first][1], fields[last][2]

    def _ends_title(self, field: str) -> bool:
        """A publisher (a known actor, or one opening the field), a place, a date, a medium
        word or a page reference."""
        field = field.strip()
        return (field.lower() in self.media or _PAGE.match(field) is not None
                or self.acronym.match(field) is not None
                or self.place_or_date.search(field) is not None or self._is_actor(field)
                or self._is_actor(field.split(" ")[0]))

    def _is_actor(self, field: str) -> bool:
        name = field.strip().replace("\u2019", "'")
        return self.factory.lookup_surface(name, "Actor", lang=self.lang) is not None
