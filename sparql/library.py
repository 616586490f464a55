"""The canned query library: ``queries/*.rq`` files with a comment header.

A header is ``# title:``, ``# description:`` (repeatable) and ``# param:`` lines; a
param line reads ``name [(class)] — meaning (default value)``. A file without a
header is just its query.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from hrkg.core.errors import HrkgError
from hrkg.core.paths import queries_dir


@dataclass(frozen=True)
class QueryParam:
    """A declared parameter. ``kind`` None: a string literal; else the name of the class
    (``entity`` for any) whose members the value is resolved to, by name or identifier."""

    name: str
    meaning: str
    default: str | None = None
    kind: str | None = None


@dataclass(frozen=True)
class CannedQuery:
    """A query file: its name (the file stem), header and text."""

    name: str
    path: Path
    title: str
    description: str
    params: tuple[QueryParam, ...]
    text: str

    @property
    def kinds(self) -> dict[str, str | None]:
        return {param.name: param.kind for param in self.params}

    def arguments(self, values: Mapping[str, str]) -> dict[str, str]:
        """Declared parameters filled from ``values`` or their defaults; unknown names refused."""
        declared = {param.name: param for param in self.params}
        unknown = sorted(set(values) - set(declared))
        if unknown:
            accepted = ", ".join(declared) or "none"
            raise HrkgError(f"query {self.name} has no parameter {', '.join(unknown)} "
                            f"(parameters: {accepted})")
        filled = {}
        for name, param in declared.items():
            value = values.get(name, param.default)
            if value is None:
                raise HrkgError(f"query {self.name} needs --param {name}=… ({param.meaning})")
            filled[name] = value
        return filled


_HEADER = re.compile(r"^#\s*(title|description|param)\s*:\s*(.*?)\s*$")
_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_]\w*)(?:\s*\((?P<kind>[\w:]+)\))?\s*(?:—|–|--|-|:)\s*(?P<meaning>.*?)"
    r"(?:\s*\(default:?\s*(?P<default>[^()]*)\))?$")


def read_query_file(path: Path) -> CannedQuery:
    """A query file and its comment header (a file without one is just its text)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise HrkgError(f"{path}: cannot read the query: {error}") from None
    title, description, params = "", [], []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        found = _HEADER.match(line)
        if not found:
            continue
        key, value = found.groups()
        if key == "title":
            title = value
        elif key == "description":
            description.append(value)
        else:
            param = _PARAM.match(value)
            if not param:
                raise HrkgError(f"{path}: bad param line (want '# param: name [(class)] — "
                                f"meaning (default …)'): {line}")
            default = param["default"]
            params.append(QueryParam(param["name"], param["meaning"],
                                     default.strip() if default is not None else None,
                                     param["kind"]))
    return CannedQuery(Path(path).stem, Path(path), title, " ".join(description),
                       tuple(params), text)


def load_library(directory: Path | None = None) -> dict[str, CannedQuery]:
    """The canned queries by name (file stem), sorted by name."""
    folder = Path(directory) if directory else queries_dir()
    return {path.stem: read_query_file(path) for path in sorted(folder.glob("*.rq"))}


