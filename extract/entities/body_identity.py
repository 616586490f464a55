"""One body, several names in one document (issue 11, class 7):
- a name written "题为“X”的…" (the summit entitled X) is X;
- a later name whose characters all stand, in order, in an earlier body's name with the
  same head is that body ("人工智能问题独立国际科学小组" after "人工智能问题多学科独立国际科学
  小组"; "社会问题世界峰会" after "…社会发展问题世界首脑会议": 峰会 and 首脑会议 are one head).
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
        self.seen: dict[str, list[Entity]] = {}  # by the last two characters of the folded name

    def start(self) -> None:
        """Forget the names of the previous document."""
        self.seen = {}

    def remember(self, entity: Entity) -> None:
        folded = self._fold(entity.label_zh)
        bucket = self.seen.setdefault(folded[-2:], [])
        if entity not in bucket[-self.recent:]:
            bucket.append(entity)

    def titled_entity(self, text: str, start: int) -> Entity | None:
        """The known entity a name right after "题为“X”的" is (X), if any."""
        match = self.titled.search(text, max(0, start - 60), start)
        return self.factory.lookup_surface(match.group("name")) if match else None

    def earlier(self, name: str) -> Entity | None:
        """The latest body remembered whose name holds ``name`` in order, if any."""
        short = self._fold(name)
        if len(short) < self.min_chars:
            return None
        for entity in reversed(self.seen.get(short[-2:], [])[-self.recent:]):
            long = self._fold(entity.label_zh)
            if short != long and len(short) >= self.min_share * len(long) \
                    and _in_order(short, long):
                return entity
        return None

    def _fold(self, name: str) -> str:
        for form, head in self.synonyms.items():
            if name.endswith(form):
                return name[:-len(form)] + head
        return name


def _in_order(short: str, long: str) -> bool:
    """Whether every character of ``short`` stands in ``long``, in the same order."""
    rest = iter(long)
    return all(char in rest for char in short)
