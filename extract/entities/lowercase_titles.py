"""Instruments named by a lowercase head phrase (English, ``patterns/<lang>/titles.yaml``
``lowercase_title_*``): after an owner that the vocabulary knows as an actor ("a new UNICEF
strategy on accountability to affected populations") or after a verb that makes the text
("is developing a climate action plan anchored …", "promoting a global strategy for
nutrition and child development in emergencies"). The complement runs to a punctuation mark
or to the clause's verb. Once named, the same phrase later in the document ("the
organization's climate action plan") is the same instrument."""

from __future__ import annotations

import re
from collections.abc import Iterator

from hrkg.extract.entities.factory import EntityFactory
from hrkg.extract.patterns import alternation


class LowercaseTitles:
    """Finds lowercase-headed instrument names in one text."""

    def __init__(self, factory: EntityFactory, lang: str, data: dict) -> None:
        self.factory, self.lang = factory, lang
        heads = alternation(data["lowercase_title_heads"])
        modifier = data["lowercase_title_modifier"]
        stops = alternation(data["lowercase_title_complement_stops"])
        words = int(data["lowercase_title_complement_max_words"])
        complement = (rf"(?:\s+(?:for|on)\s+[a-z][a-z-]*(?:,?\s+(?!(?:{stops})\b)[a-z][a-z-]*)"
                      rf"{{0,{words}}}?(?=\s*[.,;:]|\s+(?:{stops})\b))?")
        phrase = rf"{modifier}(?:{heads})\b{complement}"
        self.owned = re.compile(
            rf"{data['lowercase_title_owner_lead']}(?P<title>(?P<owner>[A-Z][A-Za-z]{{1,11}})"
            rf"\s+{phrase})")
        self.made = re.compile(
            rf"\b(?:{alternation(data['lowercase_title_makers'])})\s+(?:a|an)\s+(?:new\s+)?"
            rf"(?P<title>{phrase})")

    def titles(self, text: str, end: int) -> Iterator[tuple[int, int]]:
        """(start, end) of each lowercase-headed title, and of its later repetitions."""
        names: set[str] = set()
        for pattern in (self.owned, self.made):
            for match in pattern.finditer(text, 0, end):
                owner = match.groupdict().get("owner")
                if owner is not None and self.factory.lookup_surface(
                        owner, "Actor", lang=self.lang) is None:
                    continue
                names.add(match.group("title"))
                yield match.span("title")
        for name in sorted(names, key=len, reverse=True):
            for again in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text[:end]):
                yield again.span()
