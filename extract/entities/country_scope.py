"""Which country a passage is about, for names that only make sense with one.

"司法部" or "国家人权行动计划" name a different thing in every country; the bodies and
titles components prefix them with the State the text is about, so two countries'
ministries or plans stay two entities. Patterns: ``patterns/country_scope.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from hrkg.extract.model import Entity
from hrkg.extract.patterns import load_patterns

STATE_SUBCLASSES = ("State", "ObserverState")
Lookup = Callable[[str], "Entity | None"]
Scope = tuple[int, int, Entity]  # start, end, the State


def _data() -> dict:
    return load_patterns("country_scope")


def _state(lookup: Lookup, name: str) -> Entity | None:
    entity = lookup(name)
    return entity if entity is not None and entity.subclass in STATE_SUBCLASSES else None


def country_scopes(text: str, lookup: Lookup) -> list[Scope]:
    """Paragraphs about one country ("在利比里亚，…"): (start, end, the State)."""
    scopes = []
    for match in re.finditer(_data()["scope_opening"], text):
        state = _state(lookup, match["state"])
        if state is None:
            continue
        paragraph_end = text.find("\n", match.end())
        scopes.append((match.end(), paragraph_end if paragraph_end >= 0 else len(text), state))
    return scopes


def scope_at(scopes: list[Scope], position: int) -> Entity | None:
    """The State of the scope holding ``position``, if any."""
    for start, end, country in scopes:
        if start <= position < end:
            return country
    return None


def state_named_before(text: str, position: int, lookup: Lookup,
                       longest_name: int = 12) -> Entity | None:
    """The State named nearest before ``position`` in the same sentence, if any
    (几内亚通过了一项…国家人权计划; 蒙古启动了…，尼泊尔通过了第三个…计划 → 尼泊尔)."""
    data = _data()
    start = max(0, position - int(data["sentence_window"]))
    sentence_start = max(text.rfind(mark, start, position) for mark in data["sentence_breaks"])
    start = max(start, sentence_start + 1)
    for begin in range(position - 2, start - 1, -1):
        for end in range(min(position, begin + longest_name), begin + 1, -1):
            state = _state(lookup, text[begin:end])
            if state is not None:
                return state
    return None
