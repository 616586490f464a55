"""Gold annotations (../shared/gold/GUIDELINES.md): one JSON file per document, read from
one or more gold folders (e.g. ``gold/dev``, ``gold/dev-extra/zh``, ``gold/dev-extra/en``)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import URIRef
from rdflib.namespace import DCTERMS

from hrkg.core.errors import HrkgError
from hrkg.graph.namespaces import HR

# gold type -> graph classes (local names in hr:)
GOLD_TYPES = {
    "Actor": ("Actor",),
    "Mechanism": ("Mechanism",),
    "Group": ("Group",),
    "Instrument": ("Instrument",),
    "Publication": ("Publication",),
    "Resolution": ("Resolution",),
    "Document": ("UNDocument",),
    "SDG": ("SDGGoal", "SDGTarget"),
    "Right": ("Right",),
}
# gold predicate -> graph property
RELATIONS: dict[str, URIRef] = {"adoptedBy": HR.adoptedBy, "adoptedIn": HR.adoptedIn,
                                "requests": HR.requests, "author": DCTERMS.creator}

GoldEntity = dict[str, Any]  # key, type, labels, en, note (GUIDELINES.md, "Schema")


@dataclass(frozen=True)
class GoldDocument:
    """The gold of one document, and where it was read from."""

    path: Path
    document: str  # the file name of the annotated document
    language: str | None  # "zh", "en"; None when the gold file does not say
    entities: list[GoldEntity]
    relations: list[dict[str, str]]  # s, p, o (entity keys, or "self" for the document)

    @property
    def folder(self) -> str:
        return str(self.path.parent)


def read_gold(folders: Sequence[Path]) -> list[GoldDocument]:
    """The gold documents of ``folders`` (``*.json``, in folder order then by name).

    Raises HrkgError for a missing or empty folder, a file that is not valid gold JSON, or
    one document annotated twice in the same language.
    """
    documents: list[GoldDocument] = []
    seen: dict[tuple[str, str | None], Path] = {}
    for folder in folders:
        if not folder.is_dir():
            raise HrkgError(f"gold folder {folder} not found (give --gold DIR)")
        files = sorted(folder.glob("*.json"))
        if not files:
            raise HrkgError(f"{folder}: no gold .json files")
        for path in files:
            gold = _read_file(path)
            key = (gold.document, gold.language)
            if key in seen:
                raise HrkgError(f"{path}: {gold.document} is annotated twice "
                                f"(also in {seen[key]})")
            seen[key] = path
            documents.append(gold)
    return documents


def _read_file(path: Path) -> GoldDocument:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return GoldDocument(path=path, document=data["document"], language=data.get("language"),
                            entities=list(data["entities"]),
                            relations=list(data.get("relations", [])))
    except ValueError as error:
        raise HrkgError(f"{path}: not valid JSON ({error})") from None
    except (KeyError, TypeError) as error:
        raise HrkgError(f"{path}: not a gold file (missing {error})") from None


def gold_identifier(entity: GoldEntity) -> str | None:
    """The identifier a graph entity must carry to match ``entity`` (symbol, SDG number)."""
    key = entity["key"]
    if entity["type"] in ("Resolution", "Document"):
        return key.replace(" ", "")
    if entity["type"] == "SDG":
        return key.replace("SDG", "").strip()
    return None
