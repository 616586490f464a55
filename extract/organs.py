"""The UN organs and treaty conferences of ``patterns/organs.yaml``: names, symbol series,
and which organ a resolution symbol belongs to."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from hrkg.extract.patterns import load_patterns

_RESOLUTION_PART = re.compile(r"/(?:RES|DEC)/")


def resolution_prefix(symbol: str) -> str:
    """``A/HRC/RES/41/3`` -> ``A/HRC``; ``S/RES/2719(2023)`` -> ``S``."""
    return _RESOLUTION_PART.split(symbol, maxsplit=1)[0]


@dataclass(frozen=True)
class Organ:
    actor: str  # key in vocab/actors.yaml
    zh: str
    prefixes: tuple[str, ...]  # symbol series; the first is the current one
    en: str | None = None
    aliases: tuple[str, ...] = ()
    resolutions: bool = True  # adopts resolutions or decisions
    council: bool = False  # a bare 理事会 may mean it
    conference: bool = False  # a treaty conference (its decisions are labelled by number)

    @property
    def prefix(self) -> str:
        return self.prefixes[0]

    @property
    def names(self) -> tuple[str, ...]:
        return (self.zh, *self.aliases)


def _organ(raw: dict[str, Any], conference: bool) -> Organ:
    prefixes = raw.get("prefixes") or [raw["prefix"]]
    return Organ(actor=raw["actor"], zh=raw["zh"], en=raw.get("en"), prefixes=tuple(prefixes),
                 aliases=tuple(raw.get("aliases", ())),
                 resolutions=bool(raw.get("resolutions", True)),
                 council=bool(raw.get("council", False)), conference=conference)


@dataclass(frozen=True)
class Organs:
    organs: tuple[Organ, ...]  # principal organs and their bodies (issue documents)
    conferences: tuple[Organ, ...]  # treaty conferences of the parties
    treaty_series: str
    decision_bodies: dict[str, str]  # body code (CP) -> adopter's Chinese name
    council_short_form: str
    default_council: str
    default_prefix: str
    year_number_prefix: str
    _by_name: dict[str, Organ] = field(default_factory=dict, compare=False)

    @property
    def adopting(self) -> tuple[Organ, ...]:
        """The organs and conferences that adopt resolutions or decisions."""
        return tuple(o for o in (*self.organs, *self.conferences) if o.resolutions)

    def named(self, name: str) -> Organ | None:
        """The adopting organ written ``name`` (canonical name or alias)."""
        return self._by_name.get(name)

    def of_prefix(self, prefix: str) -> Organ | None:
        """The adopting organ whose symbol series is ``prefix``."""
        return next((o for o in self.adopting if prefix in o.prefixes), None)

    def decision_body(self, symbol: str) -> str | None:
        """The Chinese name of the treaty body that adopted decision ``symbol``
        (FCCC/DEC/1/CP.21 -> the body coded CP), if its number names one."""
        parts = _RESOLUTION_PART.split(symbol, maxsplit=1)
        body = re.search(r"/(?P<body>[A-Z]+)\.\d+$", f"/{parts[-1] if len(parts) > 1 else ''}")
        return self.decision_bodies.get(body.group("body")) if body else None


@cache
def load_organs() -> Organs:
    """The parsed ``patterns/organs.yaml`` (cached)."""
    data = load_patterns("organs")
    organs = tuple(_organ(raw, False) for raw in data["organs"])
    conferences = tuple(_organ(raw, True) for raw in data["conferences"])
    result = Organs(
        organs=organs, conferences=conferences,
        treaty_series=data["treaty_decisions"]["series"],
        decision_bodies=dict(data["treaty_decisions"]["bodies"]),
        council_short_form=data["council_short_form"], default_council=data["default_council"],
        default_prefix=data["default_prefix"], year_number_prefix=data["year_number_prefix"])
    for organ in result.adopting:
        for name in organ.names:
            result._by_name.setdefault(name, organ)
    return result
