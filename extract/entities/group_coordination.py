"""Chinese groups whose modifiers share one head: 农村和土著妇女 -> 农村妇女, 土著妇女;
小岛屿和内陆发展中国家 -> both country groups. Read distributively when every modifier makes a
vocabulary Group with the head (the heads and modifiers come from the vocabulary's own names:
a Group name that ends in another Group name). Each member's mention runs from its modifier
to the end of the shared head, as the English coordinations do."""

from __future__ import annotations

import re
from collections.abc import Iterator

from hrkg.extract.entities.english_coordination import Member
from hrkg.extract.patterns import alternation, conjunctions, load_patterns
from hrkg.extract.vocabulary import VocabEntry

_HAN_ONLY = re.compile(r"[\u4e00-\u9fff]+")


class GroupCoordination:
    """Finds coordinated modifiers of a Group head; ``names``: Chinese name -> entries."""

    def __init__(self, names: dict[str, list[VocabEntry]]) -> None:
        longest = int(load_patterns("coordination")["group_item_max_chars"])
        self.joiners = tuple(conjunctions("right_modifiers"))
        groups = {name: entries[0] for name, entries in names.items()
                  if entries[0].cls == "Group" and _HAN_ONLY.fullmatch(name)}
        self.members: dict[str, dict[str, VocabEntry]] = {}  # head -> modifier -> entry
        for name, entry in groups.items():
            for size in range(1, min(longest, len(name) - 1) + 1):
                head, modifier = name[size:], name[:size]
                if head in groups and not any(j in modifier for j in self.joiners):
                    self.members.setdefault(head, {})[modifier] = entry
        self.heads = re.compile(alternation(self.members)) if self.members else None

    def find(self, text: str) -> Iterator[Member]:
        if self.heads is None:
            return
        for match in self.heads.finditer(text):
            modifiers = self.members[match.group()]
            found: list[tuple[int, VocabEntry]] = []
            position = match.start()
            while True:
                modifier = self._modifier_before(text, position, modifiers)
                if modifier is None:
                    break
                position -= len(modifier)
                found.append((position, modifiers[modifier]))
                joiner = next((j for j in self.joiners if text.endswith(j, 0, position)), None)
                if joiner is None:
                    break
                position -= len(joiner)
            if len(found) >= 2:
                for start, entry in found:
                    yield Member(start, match.end(), entry)

    @staticmethod
    def _modifier_before(text: str, end: int, modifiers: dict[str, VocabEntry]) -> str | None:
        """The longest known modifier ending at ``end``."""
        return next((m for m in sorted(modifiers, key=len, reverse=True)
                     if text.endswith(m, 0, end)), None)
