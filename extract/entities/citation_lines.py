"""Publications cited by a bibliographic line without 《》: "<publisher>，<title>，<medium or
publisher>，<place>，<date>。" (a footnote or reference line: 某机构，某主题：关键信息，日内瓦，
2022年11月。). The title is the first field after a known publisher (or the line's first
field) that is neither an organization, a medium, a place nor a date; the line must carry a
date after the title and no UN symbol (a document cited by its symbol is a Document). The
fields and words are data (``patterns/titles.yaml``, ``citation_lines``)."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from hrkg.core.names import label_form
from hrkg.extract.entities.candidates import Candidate, add_candidate
from hrkg.extract.entities.factory import EntityFactory

_LINE = re.compile(r"^[^\n]+$", re.MULTILINE)


class CitationTitles:
    def __init__(self, factory: EntityFactory, data: dict) -> None:
        self.factory = factory
        self.separator = re.compile(data["separator"])
        self.date = re.compile(data["date"])
        self.symbol = re.compile(data["symbol"])
        self.not_titles = frozenset(data["not_titles"])
        self.min_han = int(data["title_min_han"])
        self.max_fields = int(data["max_fields"])
        self.publishers = tuple(data["publisher_heads"])

    def __call__(self, doc: Doc, text: str) -> None:
        for line in _LINE.finditer(text):
            found = self._title(line.group())
            if found is not None:
                start, end = found
                name = label_form(line.group()[start:end])
                entity = self.factory.lookup_surface(name, "Publication") or \
                    self.factory.open_world("Publication", name)
                add_candidate(doc, Candidate(line.start() + start, line.start() + end, entity,
                                             "title", container=True, nested_ok=True))

    def _title(self, line: str) -> tuple[int, int] | None:
        """[start, end) of the cited title in a citation line, if the line is one."""
        body = line.rstrip().rstrip("。.")
        if "《" in body or "。" in body or self.symbol.search(body):
            return None
        fields = [(m.start(), m.end()) for m in re.finditer(
            rf"[^{self.separator.pattern}]+", body)]
        if not 3 <= len(fields) <= self.max_fields:
            return None
        for index, (start, end) in enumerate(fields[:2]):
            value = body[start:end].strip()
            if self._is_publisher(value):
                continue
            if index == 1 and fields[0] and not self._publisher(body, fields[0]):
                return None
            rest = [body[s:e].strip() for s, e in fields[index + 1:]]
            if not any(self.date.fullmatch(field) for field in rest):
                return None
            return self._strip_quotes(body, start, end, value)
        return None

    def _publisher(self, body: str, field: tuple[int, int]) -> bool:
        return self._is_publisher(body[field[0]:field[1]].strip())

    def _is_publisher(self, value: str) -> bool:
        """A known organization, or a name ending in an organization's head (学会, 基金会 …)."""
        known = self.factory.lookup_surface(value)
        return (known is not None and known.cls == "Actor") or value.endswith(self.publishers)

    def _strip_quotes(self, body: str, start: int, end: int,
                      value: str) -> tuple[int, int] | None:
        inner = value.strip("“”\"")
        if inner in self.not_titles or self.date.fullmatch(inner) or \
                len(re.findall(r"[\u4e00-\u9fff]", inner)) < self.min_han:
            return None
        offset = body.index(inner, start)
        return offset, offset + len(inner)
