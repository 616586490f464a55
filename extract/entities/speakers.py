"""Whom a person named in a record speaks for: the State or body in the parentheses right
after the name ("Mansour先生(巴勒斯坦国观察员)", "Mr. Salah (Tunisia)", "Mr. Lynk (former
Special Rapporteur on …)"), so that a Latin-script name, written the same in Chinese and
English, gets one language-independent key (extract/entities/structural_keys.py)."""

from __future__ import annotations

import re
from collections import defaultdict

from spacy.tokens import Doc

from hrkg.extract.entities.candidates import candidates
from hrkg.extract.model import Entity

_OPEN_WORLD = re.compile(r"^[a-z]{2,3}:")  # a key made from a name in one language
_OPENING = re.compile(r"[ \t]*[(（](?P<inside>[^()（）\n]{1,160})[)）]")


def speaking_for(doc: Doc, text: str, spans: list[tuple[int, int]],
                 honorific: re.Pattern[str] | None) -> dict[str, Entity]:
    """Name -> the one Actor its parentheses name, over the document (a name given two
    different ones, two persons perhaps, gets none). ``honorific``: the word that may stand
    between the name and the parentheses (先生)."""
    sides: dict[str, dict[str, Entity]] = defaultdict(dict)  # name -> key -> entity
    for start, end in spans:
        after = honorific.match(text, end) if honorific else None
        opening = _OPENING.match(text, after.end() if after else end)
        if opening is not None:
            side = _named_inside(doc, *opening.span("inside"))
            if side is not None:
                sides[text[start:end]][side.key] = side
    return {name: next(iter(found.values())) for name, found in sides.items()
            if len(found) == 1}


def _named_inside(doc: Doc, start: int, end: int) -> Entity | None:
    """The longest known Actor (language-independent key, no person) inside ``start:end``."""
    found = [c for c in candidates(doc) if start <= c.start and c.end <= end
             and c.entity is not None and c.entity.cls == "Actor"
             and c.entity.subclass != "Person" and not _OPEN_WORLD.match(c.entity.key)]
    if not found:
        return None
    best = min(found, key=lambda c: (c.start - c.end, c.start))
    return best.entity
