"""The entity search of ``hrkg serve``: labels and aliases in both languages, symbols, titles
and file names, compared with :func:`hrkg.core.names.name_key` through the name index the
query parameters use (:func:`hrkg.sparql.parameters.names_of`)."""

from __future__ import annotations

from dataclasses import dataclass

from hrkg.core.names import name_key
from hrkg.sparql.parameters import ENTITY, names_of
from hrkg.sparql.store import GraphStore

MAX_RESULTS = 100
SEARCHED = ("Document", "Actor", "Mechanism", "Group", "Right", "Instrument", "Publication",
            "Resolution", "UNDocument", "SDGGoal", "SDGTarget", "Commitment")


@dataclass(frozen=True)
class Hit:
    iri: str
    exact: bool  # a whole name matched (else a part of one)
    names: tuple[str, ...]  # the index keys that matched


def search(store: GraphStore, text: str, limit: int = MAX_RESULTS) -> list[Hit]:
    """IRIs whose names match ``text``: whole-name matches first, then names containing it."""
    wanted = name_key(text)
    if not wanted:
        return []
    index = names_of(store).index(ENTITY)
    found: dict[str, list[str]] = {}
    exact: set[str] = set()
    for key, iris in index.items():
        if wanted in key:
            for iri in iris:
                found.setdefault(iri, []).append(key)
                if key == wanted:
                    exact.add(iri)
    ranked = sorted(found, key=lambda iri: (iri not in exact, min(map(len, found[iri])), iri))
    return [Hit(iri, iri in exact, tuple(sorted(found[iri]))) for iri in ranked[:limit]]
