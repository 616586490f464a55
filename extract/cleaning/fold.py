"""Character folding before cleaning, one character at a time, offsets kept.

What is folded is data (``patterns/folding.yaml``): CJK radical and compatibility
forms to unified ideographs (⼈ U+2F08 -> 人 by NFKC, ⺠ U+2EA0 -> 民 by the table
generated from Unicode's EquivalentUnifiedIdeograph.txt), full-width letters and digits
to ASCII; control and invisible format characters are removed. Chinese punctuation is
left as it is.

:func:`fold` returns the folded text with, when anything changed, the original index of
every folded character. A character that folds to several characters (ﬁ -> fi) gives
each of them its own index, so any span cut from the folded text maps back to whole
original characters.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from hrkg.extract.patterns import load_patterns


@dataclass(frozen=True)
class Folding:
    """The compiled ``folding.yaml``: which characters change, and into what."""

    pattern: re.Pattern[str]  # runs of characters that fold
    table: dict[str, str]  # character -> its folded form ("" when removed)


def _char_class(ranges: list[tuple[int, int]], chars: list[str]) -> str:
    parts = [f"{re.escape(chr(low))}-{re.escape(chr(high))}" if high > low
             else re.escape(chr(low)) for low, high in ranges]
    return "[" + "".join(parts) + "".join(map(re.escape, chars)) + "]+"


@cache
def load_folding() -> Folding:
    """The folding rules, compiled once."""
    data = load_patterns("folding")
    table: dict[str, str] = {}
    nfkc = [(int(low), int(high)) for low, high in data["nfkc"]]
    for low, high in nfkc:
        for point in range(low, high + 1):
            char = chr(point)
            folded = unicodedata.normalize("NFKC", char)
            if folded != char:
                table[char] = folded
    radicals = {str(k): str(v) for k, v in load_patterns(data["radicals"])["radicals"].items()}
    table.update(radicals)
    removed = [(int(low), int(high)) for low, high in data["removed"]]
    for low, high in removed:
        for point in range(low, high + 1):
            table[chr(point)] = ""
    pattern = re.compile(_char_class(nfkc + removed, sorted(radicals)))
    return Folding(pattern, table)


def fold(text: str) -> tuple[str, list[int] | None]:
    """``text`` folded, and the original index of each folded character followed by
    ``len(text)``; ``None`` instead of the list when nothing changed."""
    folding = load_folding()
    table = folding.table
    parts: list[str] = []
    origin: list[int] = []
    position = 0
    for match in folding.pattern.finditer(text):
        start, end = match.span()
        if start > position:
            parts.append(text[position:start])
            origin.extend(range(position, start))
        for index in range(start, end):
            char = text[index]
            folded = table.get(char, char)
            parts.append(folded)
            origin.extend([index] * len(folded))
        position = end
    if not parts:
        return text, None
    parts.append(text[position:])
    origin.extend(range(position, len(text) + 1))
    return "".join(parts), origin
