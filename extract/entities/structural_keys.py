"""Language-independent keys for open-world names made of known parts, so that a Chinese and
an English build mint one IRI without seeing each other (issue 12):

- a post or organ of a known body or State: ``unrwa/commissioner-general``
  (近东救济工程处主任专员, "UNRWA Commissioner-General"), ``ceirpp/chair``;
- a State's ministry: ``state-de/ministry-foreign-affairs`` (德国联邦外交部, "German Federal
  Foreign Office"), or national human-rights body: ``state-ug/human-rights-commission``;
- a known organization's body for States: ``unicef/national-fund/state-us`` (美国儿基会基金,
  "United States Fund for UNICEF");
- a session of a treaty's conference of the parties: ``COP27``.

A name gets a key only when ALL of it reads as one kind word of ``patterns/structural_keys.yaml``
(both languages listed), known Actors and connector words; anything else keeps its
language's open-world key.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Protocol

from hrkg.extract.model import Entity
from hrkg.extract.patterns import load_patterns

STATES = ("State", "ObserverState")
POSSESSIVE = ("'s", "\u2019s")
MAX_ZH_PART = 40  # characters of one known name
_LATIN_NAME = re.compile(r"[A-Z][A-Za-z'\-]*(?: [A-Za-z][A-Za-z'\-]*)*")


class Known(Protocol):
    """What the parser asks of the entity factory."""

    def lookup_surface(self, text: str, cls: str | None = None,
                       lang: str = "zh") -> Entity | None: ...

    def vocabulary_key(self, key: str) -> Entity | None: ...


@dataclass(frozen=True)
class Part:
    """One piece of a parsed name: a kind word, a known Actor, or a connector."""

    group: str  # "posts" | "ministries" | "national" | "actor" | "connector"
    value: str = ""  # the kind's key
    entity: Entity | None = None


@cache
def _data() -> dict[str, Any]:
    return load_patterns("structural_keys")


@cache
def _kinds(lang: str) -> dict[str, tuple[str, str]]:
    """Surface (as written in ``lang``) -> (group, kind key)."""
    data = _data()
    kinds: dict[str, tuple[str, str]] = {}
    for group in ("posts", "ministries", "state_bodies", "national"):
        for key, names in data[group].items():
            for surface in names.get(lang, ()):
                kinds.setdefault(surface, (group, key))
    for key, names in data["ministries"].items():
        for surface in names.get(lang, ()):
            for minister in _minister_names(surface, data["minister_forms"][lang]):
                kinds.setdefault(minister, ("posts", f"minister-{key}"))
    return kinds


def _minister_names(ministry: str, forms: dict[str, list[str]]) -> list[str]:
    """The names of a ministry's minister: 外交部 -> 外交部长, 外交部部长; "Ministry of
    Health" -> "Minister of Health", "Minister for Health"."""
    if "suffixes" in forms:
        return [ministry + suffix for suffix in forms["suffixes"]]
    return [start + ministry[len(opening):] for opening, starts in forms.items()
            if ministry.startswith(opening) for start in starts]


@cache
def _demonyms() -> dict[str, str]:
    demonyms: dict[str, str] = load_patterns("bodies", "en").get("demonyms", {})
    return demonyms


def structural_key(name: str, lang: str, known: Known) -> str | None:
    """The language-independent key of the open-world ``name`` (written in ``lang``), or
    None when it is not made of one kind and known parts only."""
    if lang not in ("zh", "en"):
        return None
    parts = _parse_zh(name, known) if lang == "zh" else _parse_en(name, known)
    return _key_of(parts) if parts else None


def person_key(name: str, side: Entity) -> str | None:
    """``person/Mansour/state-ps``: a person named in Latin script (written the same in both
    languages) by the State or body they speak for; None for a name in another script."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", name)
                     if not unicodedata.combining(c))
    if not _LATIN_NAME.fullmatch(folded):
        return None
    return f"person/{' '.join(folded.split())}/{side.key}"


def session_key(treaty: Entity | None, number: int) -> str | None:
    """``COP27``: the UN's short name of session ``number`` of ``treaty``'s conference (or
    meeting) of the parties, when the treaty has a prefix in the data."""
    prefix = _data()["session_prefixes"].get(treaty.key) if treaty is not None else None
    return f"{prefix}{number}" if prefix else None


def _key_of(parts: Sequence[Part]) -> str | None:
    kinds = [p for p in parts if p.group not in ("actor", "connector")]
    actors = [p.entity for p in parts if p.entity is not None]
    if len(kinds) != 1 or not actors or any(
            a.subclass in _data()["not_parents"] for a in actors):
        return None
    kind = kinds[0]
    states = sorted({a.key for a in actors if a.subclass in STATES})
    others = sorted({a.key for a in actors if a.subclass not in STATES})
    if kind.group == "posts" and len(actors) == 1:
        return f"{actors[0].key}/{kind.value}"
    if kind.group == "ministries" and len(states) == 1 and not others:
        return f"{states[0]}/ministry-{kind.value}"
    if kind.group == "state_bodies" and len(states) == 1 and not others:
        return f"{states[0]}/{kind.value}"
    if kind.group == "national" and len(others) == 1 and states:
        return f"{others[0]}/{kind.value}/{'+'.join(states)}"
    return None


def _segment(size: int, piece: Callable[[int, int], Part | None]) -> list[Part] | None:
    """The segmentation of ``size`` tokens into the fewest known pieces (``piece(i, j)``: what
    tokens ``i:j`` are, if anything), or None when some token is in no piece."""
    best: list[list[Part] | None] = [[]] + [None] * size
    for end in range(1, size + 1):
        for start in range(end):
            before, current = best[start], best[end]
            if before is None or (current is not None and len(current) <= len(before) + 1):
                continue
            part = piece(start, end)
            if part is not None:
                best[end] = [*before, part]
    return best[size]


def _parse_zh(name: str, known: Known) -> list[Part] | None:
    text = "".join(name.split())
    if len(text) > 3 * MAX_ZH_PART:
        return None
    kinds = _kinds("zh")
    qualifiers = set(_data()["qualifiers"]["zh"])
    connectors = set(_data()["connectors"]["zh"])

    def piece(i: int, j: int) -> Part | None:
        surface = text[i:j]
        if j - i > MAX_ZH_PART:
            return None
        return _known_piece(surface, "zh", kinds, qualifiers, connectors, known)

    return _segment(len(text), piece)


def _parse_en(name: str, known: Known) -> list[Part] | None:
    words = name.split()
    if len(words) > 30:
        return None
    kinds = _kinds("en")
    qualifiers = set(_data()["qualifiers"]["en"])
    connectors = {word.lower() for word in _data()["connectors"]["en"]}
    demonyms = _demonyms()

    def piece(i: int, j: int) -> Part | None:
        surface = " ".join(words[i:j])
        if surface in demonyms:
            entity = known.vocabulary_key(demonyms[surface])
            return Part("actor", entity=entity) if entity is not None else None
        if j - i == 1 and surface.lower() in connectors:
            return Part("connector")
        if surface.endswith(POSSESSIVE):  # "Germany's Ministry of Health"
            owner = known.lookup_surface(surface[:-2], lang="en")
            if owner is not None and owner.cls == "Actor":
                return Part("actor", entity=owner)
        return _known_piece(surface, "en", kinds, qualifiers, set(), known)

    return _segment(len(words), piece)


def _known_piece(surface: str, lang: str, kinds: dict[str, tuple[str, str]],
                 qualifiers: set[str], connectors: set[str], known: Known) -> Part | None:
    if surface in connectors or surface in qualifiers:
        return Part("connector")
    if surface in kinds:
        group, key = kinds[surface]
        return Part(group, key)
    entity = known.lookup_surface(surface, lang=lang)
    if entity is not None and entity.cls == "Actor":
        return Part("actor", entity=entity)
    return None
