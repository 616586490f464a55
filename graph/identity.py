"""Document identity: which node of the graph a source file becomes.

A document is known by its UN symbol and language when it has a symbol (the Chinese
A/HRC/44/28 is ``A/HRC/44/28/zh``, whatever its file is called), else by its path
relative to the build root, the common folder of the inputs, and its language
(``file/人权报告.txt/zh``, ``file/a/report.txt/en``): the Chinese and English versions of
one unnumbered text built in two runs (zh/x.txt and en/x.txt, each its own root) stay two
nodes when their graphs are loaded together. Keys are percent-encoded (UTF-8) so IRIs stay
ASCII; the encoding is one-to-one, so two files never share a node unless they are the same
document: same symbol, same language. Such a pair is an error naming both files, and
only the first (by path) is built (:func:`unique_documents`).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from hrkg.core.errors import InputError
from hrkg.extract.model import ExtractionResult

PATH_PREFIX = "file/"  # symbols never start with it (they are upper case)


def build_root(inputs: Sequence[Path | str]) -> Path | None:
    """The common folder of the inputs given (a folder counts as itself, a file as the
    folder it is in); None for no inputs."""
    folders = {os.path.abspath(path if os.path.isdir(path) else os.path.dirname(path) or ".")
               for path in inputs}
    return Path(os.path.commonpath(sorted(folders))) if folders else None


def relative_path(path: Path | str, root: Path | None) -> str:
    """``path`` relative to ``root``, with ``/`` separators (its file name without a root)."""
    if root is not None:
        relative = os.path.relpath(os.path.abspath(path), root)
        if not relative.startswith(".."):
            return PurePosixPath(*Path(relative).parts).as_posix()
    return Path(path).name


def _encode(text: str) -> str:
    return quote(text, safe="/-._~")


def document_key(path: Path | str, symbol: str | None, language: str | None,
                 root: Path | None) -> str:
    """The key of a document's IRIs: ``<symbol>/<language>``, else
    ``file/<relative path>/<language>`` (``file/<relative path>`` when no language is known)."""
    if symbol and language:
        return f"{_encode(symbol)}/{_encode(language)}"
    key = PATH_PREFIX + _encode(relative_path(path, root))
    return f"{key}/{_encode(language)}" if language else key


def result_key(result: ExtractionResult, root: Path | None) -> str:
    """The key of an extracted document (its symbol and language, else its path)."""
    meta = result.metadata
    return document_key(result.source.path, meta.symbol, meta.language, root)


def unique_documents(results: Sequence[ExtractionResult], root: Path | None,
                     ) -> tuple[list[ExtractionResult], list[InputError]]:
    """The results with one file per document: of files that claim the same symbol and
    language, the first by path is kept; each other one is an error naming both."""
    first: dict[str, ExtractionResult] = {}
    for result in sorted(results, key=lambda r: str(r.source.path)):
        first.setdefault(result_key(result, root), result)
    kept: list[ExtractionResult] = []
    errors: list[InputError] = []
    for result in results:
        owner = first[result_key(result, root)]
        if owner is result:
            kept.append(result)
            continue
        meta = result.metadata
        errors.append(InputError(str(result.source.path),
                                 f"same document as {owner.source.path} ({meta.symbol}, "
                                 f"language {meta.language}): not built, only that file is"))
    return kept, errors
