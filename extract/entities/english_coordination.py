"""Coordinated names in a language that writes words apart (English,
``patterns/<lang>/coordination.yaml``), read distributively:

- modifiers sharing one head after them: "intergovernmental and non-governmental
  organizations" -> intergovernmental organizations, non-governmental organizations;
  "children and youth with disabilities", "Olympic and Paralympic movements";
- one plural head before distinct complements: "Special Rapporteurs of the Council on A, and
  on B" -> the Special Rapporteur on A, the Special Rapporteur on B.

Each member is a vocabulary Actor or Group (names, aliases and their other number); its
mention runs from the member's first word to the end of the shared head, so every member
entity carries the coordination as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from hrkg.extract.patterns import alternation, load_patterns
from hrkg.extract.vocabulary import VocabEntry

_WORD = re.compile(r"[A-Za-z0-9\u00C0-\u024F][\w'\u2019\u2010-\u2015-]*")
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015", "-"))
_LAST_WORD = re.compile(r"[A-Za-z0-9\u00C0-\u024F][\w'\u2019\u2010-\u2015-]*$")
_CLASSES = ("Actor", "Group")


@dataclass(frozen=True)
class Member:
    """A member of a coordination: the entry it names, at clean offsets [start, end); ``kind``:
    "modifiers" (shared head after) or "complements" (shared head before)."""

    start: int
    end: int
    entry: VocabEntry
    kind: str = "modifiers"


class EnglishCoordination:
    """Finds coordinated Actor and Group names; ``forms``: lower-cased name -> entry."""

    def __init__(self, lang: str, forms: dict[str, VocabEntry]) -> None:
        data = load_patterns("coordination", lang)
        self.forms = {form: entry for form, entry in forms.items() if entry.cls in _CLASSES}
        self.item_words = int(data["item_max_words"])
        self.head_words = int(data["head_max_words"])
        self.max_unknown = int(data["max_unknown_items"])
        self.not_split = [name.lower() for name in data["not_split"]]
        self.words_joining = frozenset(c for c in data["conjunctions"] if c != ",")
        self.conjunction = re.compile(
            rf"[ \t]+(?:{alternation(self.words_joining)})[ \t]+")
        self.shared_head = re.compile(data["shared_head_complement"])

    def find(self, text: str) -> Iterator[Member]:
        for match in self.conjunction.finditer(text):
            yield from self._shared_modifiers(text, match.start(), match.end())
        for match in self.shared_head.finditer(text):
            yield from self._shared_complements(match)

    # -- "A, B and C head" -------------------------------------------------------------
    def _shared_modifiers(self, text: str, left_end: int, right_start: int) -> list[Member]:
        right = _words_after(text, right_start, self.item_words + self.head_words)
        left = _items_before(text, left_end, self.item_words)
        if not right or not left:
            return []
        best: tuple[int, int, list[Member]] | None = None
        for split in range(1, min(self.item_words, len(right) - 1) + 1):
            for stop in range(split + 1, min(split + self.head_words, len(right)) + 1):
                members = self._members(text, left, right[:split], right[split:stop])
                if members is None:
                    continue
                rank = (len(members), stop - split)
                if best is None or rank > best[:2]:
                    best = (*rank, members)
        return best[2] if best else []

    def _members(self, text: str, left: list[list[tuple[int, int]]],
                 modifier: list[tuple[int, int]], head: list[tuple[int, int]],
                 ) -> list[Member] | None:
        """The known members when the head is ``head``, or None when the coordination does not
        read so (the item before the conjunction names nothing with it, too many unknown)."""
        head_text, end = _join(text, head).translate(_DASHES), head[-1][1]
        if any(text[start:stop] in self.words_joining for start, stop in [*modifier, *head]):
            return None  # "women and children and youth with …": an item is one phrase
        phrase = _join(text, [*left[-1], *modifier, *head]).lower()  # joined once, not per name
        if any(name in phrase for name in self.not_split):
            return None
        found: list[Member] = []
        last = self._longest_known(text, left[-1], head_text, end)
        if last is None:
            return None
        unknown = 0
        for item in reversed(left[:-1]):  # "A, B and C": the list starts after a non-member
            member = self._known(text, item, head_text, end)
            if member is None:
                break
            found.insert(0, member)
        found.append(last)
        member = self._known(text, modifier, head_text, end)
        unknown += member is None
        found += [member] if member else []
        return found if unknown <= self.max_unknown else None

    def _longest_known(self, text: str, words: list[tuple[int, int]], head: str,
                       end: int) -> Member | None:
        """The item ending ``words`` (its last one to three words) that names an entry with
        ``head``, longest first."""
        for size in range(min(len(words), self.item_words), 0, -1):
            if any(text[start:stop] in self.words_joining for start, stop in words[-size:]):
                continue
            member = self._known(text, words[-size:], head, end)
            if member is not None:
                return member
        return None

    def _known(self, text: str, words: list[tuple[int, int]], head: str,
               end: int) -> Member | None:
        entry = self.forms.get(f"{_join(text, words)} {head}".lower().translate(_DASHES))
        return Member(words[0][0], end, entry) if entry is not None else None

    # -- "Heads of X on A, and on B" -----------------------------------------------------
    def _shared_complements(self, match: re.Match[str]) -> list[Member]:
        head = match.group("head")
        singular = head[:-1] if head.endswith("s") else head
        found = []
        for part in ("first", "second"):
            prefix = f"{singular} {' '.join(match.group(part).split())}".lower()
            entry = next((entry for form, entry in self.forms.items()
                          if form == prefix or form.startswith(prefix + ",")), None)
            if entry is not None:
                found.append(Member(match.start(), match.end(part), entry, "complements"))
        return found if len(found) == 2 else []


def _words_after(text: str, start: int, limit: int) -> list[tuple[int, int]]:
    """Up to ``limit`` words from ``start``, separated by spaces only (no punctuation)."""
    found: list[tuple[int, int]] = []
    position = start
    while len(found) < limit:
        word = _WORD.match(text, position)
        if word is None:
            break
        found.append(word.span())
        gap = re.match(r"[ \t]+", text[word.end():word.end() + 8])
        if gap is None:
            break
        position = word.end() + gap.end()
    return found


def _items_before(text: str, end: int, item_words: int) -> list[list[tuple[int, int]]]:
    """The items before a conjunction at ``end``: the words of the last run (at most
    ``item_words`` + 1, for the longest item to be found), and before it the items of a
    comma list ("A, B and C"), each of at most ``item_words`` words."""
    items: list[list[tuple[int, int]]] = []
    position = end
    while True:
        run = _words_before(text, position, item_words + 1)
        if not run:
            break
        if items and len(run) > item_words:
            break  # a list item is short: this is the clause before the list
        items.insert(0, run)
        comma = re.search(r",[ \t]+$", text[max(0, run[0][0] - 4):run[0][0]])
        if comma is None or len(run) > item_words:
            break
        position = run[0][0] - len(comma.group())
    return items


def _words_before(text: str, end: int, limit: int) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    position = end
    while len(found) < limit:
        word = _LAST_WORD.search(text[max(0, position - 40):position])
        if word is None:
            break
        start = position - len(word.group())
        found.insert(0, (start, position))
        gap = re.search(r"[ \t]+$", text[max(0, start - 8):start])
        if gap is None:
            break
        position = start - len(gap.group())
    return found


def _join(text: str, words: list[tuple[int, int]]) -> str:
    return " ".join(text[start:end] for start, end in words)


def lower_forms(names: dict[str, list[VocabEntry]],
                variants: Callable[[str, VocabEntry], list[str]]) -> dict[str, VocabEntry]:
    """Every name of ``names`` and its ``variants`` (other number), lower-cased -> its entry."""
    forms: dict[str, VocabEntry] = {}
    for surface in sorted(names):
        entry = names[surface][0]
        for form in variants(surface, entry):
            forms.setdefault(form.lower(), entry)
    return forms
