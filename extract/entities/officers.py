"""Officers of the body whose meeting a summary record reports: a bare 主席, 副主席,
主席团 or 报告员 (no body named before it) is the chair, vice-chair, bureau or rapporteur
of the record's author ("主席说，…" in a committee's record is that committee's chair).
In any document with an author, a bare 执行局 is the author's executive board (a fund's
report to its board, under the fund's masthead).
A post named with its body ("大会主席", "委员会主席") is not bare and is left to the
body names. Data: patterns/bodies.yaml (officer_document_types, officers)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from spacy.tokens import Doc

from hrkg.extract.entities.candidates import Candidate, add_candidate
from hrkg.extract.entities.factory import EntityFactory
from hrkg.extract.entities.words import words
from hrkg.extract.patterns import alternation


class OfficerFinder:
    def __init__(self, factory: EntityFactory, data: dict[str, Any]) -> None:
        self.factory = factory
        self.types = set(data["officer_document_types"])
        self.officers: dict[str, str] = data["officers"]
        self.parts: dict[str, str] = data["author_parts"]
        not_after = "".join(f"(?<!{re.escape(word)})" for word in data["officer_not_after"])
        self.pattern, self.parts_pattern = (
            re.compile(rf"{not_after}(?:{alternation(list(words))})"
                       rf"(?![{data['officer_not_before']}])")
            for words in (self.officers, self.parts))
        self.clause_tags = set(data["leading_word_tags"]) | set(data["clause_word_tags"])

    def __call__(self, doc: Doc, text: str, stop_word: Callable[[str, int], str | None]) -> None:
        """Add the bare officers of ``text``; ``stop_word(text, i)``: the stop word ending
        at ``i`` (a verb or preposition that ends a name on its left), if any."""
        metadata = doc._.hrkg_context.metadata
        if not metadata.authors:
            return
        body = self.factory.lookup_surface(metadata.authors[0])
        label = body.label_zh if body is not None else metadata.authors[0]
        found = [*self.parts_pattern.finditer(text)]
        if metadata.doc_type in self.types:
            found += self.pattern.finditer(text)
        for match in found:
            if not (self._bare(text, match.start()) or stop_word(text, match.start())):
                continue
            officer = match.group()
            subclass = self.officers.get(officer) or self.parts[officer]
            entity = self.factory.open_world("Actor", label + officer, subclass)
            add_candidate(doc, Candidate(match.start(), match.end(), entity, "body-pattern"))

    def _bare(self, text: str, start: int) -> bool:
        """Whether the officer word at ``start`` has no body before it: it opens a line or
        a clause, or follows a conjunction or preposition (尽管主席团…, 经主席团审查)."""
        if start == 0 or not "\u4e00" <= text[start - 1] <= "\u9fff":
            return True
        left = max(0, start - 6)
        before = [w for w in words(text[left:start + 3], left) if w.end == start]
        return bool(before) and before[0].tag in self.clause_tags
