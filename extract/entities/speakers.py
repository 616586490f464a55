"""Whom a person named in a record speaks for: the State or body in the parentheses right
after the name ("Mansour先生(巴勒斯坦国观察员)", "Mr. Salah (Tunisia)", "Mr. Lynk (former
Special Rapporteur on …)"), so that a Latin-script name, written the same in Chinese and
English, gets one language-independent key (extract/entities/structural_keys.py)."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict

from spacy.tokens import Doc

from hrkg.extract.entities.candidates import Candidate, candidates
from hrkg.extract.model import Entity, is_open_world

_OPENING = re.compile(r"[ \t]*[(（](?P<inside>[^()（）\n]{1,160})[)）]")


def speaking_for(doc: Doc, text: str, spans: list[tuple[int, int]],
                 honorific: re.Pattern[str] | None) -> dict[str, Entity]:
    """Name -> the one Actor its parentheses name, over the document (a name given two
    different ones, two persons perhaps, gets none). ``honorific``: the word that may stand
    between the name and the parentheses (先生)."""
    sides: dict[str, dict[str, Entity]] = defaultdict(dict)  # name -> key -> entity
    actors = _known_actors(doc) if spans else []
    starts = [actor.start for actor in actors]
    for start, end in spans:
        after = honorific.match(text, end) if honorific else None
        opening = _OPENING.match(text, after.end() if after else end)
        if opening is not None:
            side = _named_inside(actors, starts, *opening.span("inside"))
            if side is not None:
                sides[text[start:end]][side.key] = side
    return {name: next(iter(found.values())) for name, found in sides.items()
            if len(found) == 1}


def _known_actors(doc: Doc) -> list[Candidate]:
    """The Actor candidates with a language-independent key (no person), by start."""
    return sorted((c for c in candidates(doc) if c.entity is not None
                   and c.entity.cls == "Actor" and c.entity.subclass != "Person"
                   and not is_open_world(c.entity.key)), key=lambda c: c.start)


def _named_inside(actors: list[Candidate], starts: list[int], start: int,
                  end: int) -> Entity | None:
    """The longest of ``actors`` (sorted by start; ``starts`` their starts) inside
    ``start:end``: only the ones starting there are read, not the document's."""
    found = [c for c in actors[bisect_left(starts, start):bisect_left(starts, end)]
             if c.end <= end]
    if not found:
        return None
    best = min(found, key=lambda c: (c.start - c.end, c.start))
    return best.entity
