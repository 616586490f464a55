"""Cross-language identity: for each document annotated in two languages (same file name,
gold in both), the gold keys both gold files list, how many of them are found in both
versions, and how many of those get the same IRI in both (issue 12, point 6)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hrkg.evaluation.scores import DocumentScore


@dataclass(frozen=True)
class IdentityRow:
    """One document in two languages."""

    document: str
    languages: tuple[str, str]
    shared: int  # gold keys in both gold files
    found: int  # ... found in both versions
    same: int  # ... with the same IRI in both
    different: tuple[str, ...]  # the keys found in both with two IRIs

    @property
    def share(self) -> float:
        return self.same / self.found if self.found else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"document": self.document, "languages": list(self.languages),
                "shared": self.shared, "found_in_both": self.found, "same_iri": self.same,
                "share": round(self.share, 4), "different": list(self.different)}


def identity_rows(rows: Sequence[DocumentScore]) -> list[IdentityRow]:
    """One row per document scored in exactly two languages (by file name)."""
    by_document: dict[str, list[DocumentScore]] = defaultdict(list)
    for row in rows:
        by_document[row.document].append(row)
    table = []
    for document, versions in sorted(by_document.items()):
        languages = sorted({row.language or "?" for row in versions})
        if len(versions) != 2 or len(languages) != 2:
            continue
        a, b = sorted(versions, key=lambda row: row.language or "?")
        shared = set(a.gold_keys) & set(b.gold_keys)
        found = sorted(k for k in shared if k in a.found and k in b.found)
        different = tuple(k for k in found if a.found[k] != b.found[k])
        table.append(IdentityRow(document, (languages[0], languages[1]), len(shared),
                                 len(found), len(found) - len(different), different))
    return table


def identity_total(table: Sequence[IdentityRow]) -> dict[str, Any]:
    shared = sum(row.shared for row in table)
    found = sum(row.found for row in table)
    same = sum(row.same for row in table)
    return {"documents": len(table), "shared": shared, "found_in_both": found,
            "same_iri": same, "share": round(same / found, 4) if found else 0.0}
