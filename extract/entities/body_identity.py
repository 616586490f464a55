"""One body, several names in one document (issue 11, class 7):
- a name written "题为“X”的…" (the summit entitled X) is X;
- a later name whose characters all stand, in order, in an earlier body's name (as written
  there, a vocabulary body's too: "性别咨询委员会" after "委员会性别平等问题咨询委员会") with the
  same head is that body ("人工智能问题独立国际科学小组" after "人工智能问题多学科独立国际科学
  小组"; "社会问题世界峰会" after "…社会发展问题世界首脑会议": 峰会 and 首脑会议 are one head);
- a name that is the end of exactly one vocabulary name, cut short by the scan ("被占领的…"
  stops at 的), is that entry; a former holder (…前特别报告员) holds the same post.
Only for names no vocabulary knows. Data: patterns/bodies.yaml (identity)."""

from __future__ import annotations

import re
from typing import Any

from hrkg.extract.entities.factory import EntityFactory
from hrkg.extract.model import Entity


class BodyIdentity:
    def __init__(self, factory: EntityFactory, data: dict[str, Any]) -> None:
        self.factory = factory
        self.titled = re.compile(data["titled_as"])
        self.synonyms: dict[str, str] = data["head_forms"]
        self.min_chars = int(data["min_chars"])
        self.min_share = float(data["min_share"])
        self.recent = int(data["recent"])
        self.not_left_out = re.compile(data["not_left_out"])
        # (name as written, entity) by the last two characters of the folded name
        self.seen: dict[str, list[tuple[str, Entity]]] = {}
        self.former = tuple(data["former_markers"])
        self.min_tail = int(data["min_tail"])
        self._tails: dict[str, set[str]] | None = None  # end of a vocabulary Actor name -> keys

    def start(self) -> None:
        """Forget the names of the previous document."""
        self.seen = {}

    def remember(self, entity: Entity, name: str | None = None) -> None:
        """Remember ``entity``, named ``name`` here (its label when not given)."""
        named = name or entity.label_zh
        folded = self._fold(named)
        bucket = self.seen.setdefault(folded[-2:], [])
        if (named, entity) not in bucket[-self.recent:]:
            bucket.append((named, entity))

    def titled_entity(self, text: str, start: int) -> Entity | None:
        """The known entity a name right after "题为“X”的" is (X), if any."""
        match = self.titled.search(text, max(0, start - 60), start)
        return self.factory.lookup_surface(match.group("name")) if match else None

    def earlier(self, name: str) -> Entity | None:
        """The latest body remembered whose name holds ``name`` in order, if any."""
        short = self._fold(name)
        if len(name) < self.min_chars:
            return None
        for named, entity in reversed(self.seen.get(short[-2:], [])[-self.recent:]):
            long = self._fold(named)
            left_out = _left_out(short, long) if short != long else None
            if left_out is not None and len(short) >= self.min_share * len(long) \
                    and not self.not_left_out.search(left_out):
                return entity
        return None

    def known_tail(self, name: str, head: str) -> Entity | None:
        """The one vocabulary Actor whose name ends with ``name`` (a former holder's marker
        before the head dropped), if there is exactly one."""
        body = name[:-len(head)]
        for marker in self.former:
            if body.endswith(marker):
                name = body[:-len(marker)] + head
                break
        found = self.factory.lookup_surface(name, "Actor")
        if found is not None or len(name) < self.min_tail:
            return found
        keys = self._tail_index().get(name, set())
        return self.factory.vocabulary_key(next(iter(keys))) if len(keys) == 1 else None

    def _tail_index(self) -> dict[str, set[str]]:
        if self._tails is None:
            self._tails = {}
            for surface, entries in self.factory.vocabulary.names_in("zh").items():
                for entry in entries:
                    if entry.cls == "Actor":
                        for size in range(self.min_tail, len(surface)):
                            self._tails.setdefault(surface[-size:], set()).add(entry.key)
        return self._tails

    def _fold(self, name: str) -> str:
        for form, head in self.synonyms.items():
            if name.endswith(form):
                return name[:-len(form)] + head
        return name


def _left_out(short: str, long: str) -> str | None:
    """The characters of ``long`` that ``short`` leaves out when all of its own stand in
    ``long`` in the same order (matched leftmost), else None."""
    out, position = [], 0
    for char in short:
        found = long.find(char, position)
        if found < 0:
            return None
        out.append(long[position:found])
        position = found + 1
    return "".join(out) + long[position:]
