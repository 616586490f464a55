"""Find input files and decode them into :class:`SourceText`.

The decoded text is kept as decoded (line endings included) because NIF offsets
index into it; only what XML 1.0 cannot carry (NUL and other C0 controls) is taken
out (``decode.xml_safe``), with a warning. Reading is bounded (``limits``): regular
files only, a size cap, zip-bomb checks for .docx. For ``.txt``/``.md`` that is the file's text; for
``.pdf`` it is pypdf's text of each page, pages joined with ``"\\n"``; for
``.docx`` it is the paragraphs and table cells, one per line, followed by the
footnotes printed as " N text" lines under a rule, with each footnote
reference written as its number where it stands in the text (the same layout
PDF extraction gives, so ``normalize`` treats both alike).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from hrkg.core.errors import InputError
from hrkg.extract.model import SourceText
from hrkg.extract.reading.decode import decode_text, xml_safe
from hrkg.extract.reading.limits import (
    DEFAULT_LIMITS,
    InputLimits,
    check_docx_archive,
    read_bounded,
)

MEDIA_TYPES = {
    ".txt": "text/plain",
    ".md": "text/markdown",
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
SUPPORTED = tuple(MEDIA_TYPES)


def supported(path: Path) -> bool:
    return path.suffix.lower() in MEDIA_TYPES


def _walk(folder: Path) -> Iterator[Path]:
    """Supported, non-hidden files under ``folder``, sorted, recursively."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root) / name
            if not name.startswith(".") and supported(path):
                yield path


def discover_inputs(paths: Sequence[Path]) -> tuple[list[Path], list[InputError]]:
    """The input files named by ``paths`` (files or folders), and the problems found.

    Folders are walked recursively in sorted order, skipping hidden entries and
    files of unsupported types; a file named explicitly must be supported.
    Each file is listed once, in the order first reached.
    """
    found: list[Path] = []
    errors: list[InputError] = []
    seen: set[Path] = set()

    def add(path: Path) -> None:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            found.append(path)

    for path in map(Path, paths):
        if path.is_dir():
            walked = list(_walk(path))
            for file in walked:
                add(file)
            if not walked:
                errors.append(InputError(str(path),
                                         "folder holds no .txt, .md, .pdf or .docx file"))
        elif not path.exists():
            errors.append(InputError(str(path), "no such file or folder"))
        elif not supported(path):
            suffix = path.suffix or "(no extension)"
            errors.append(InputError(
                str(path), f"unsupported file type {suffix}; expected .txt, .md, .pdf or .docx"))
        else:
            add(path)
    return found, errors


def read_source(path: Path, limits: InputLimits = DEFAULT_LIMITS) -> SourceText:
    """Read and decode one input file within ``limits``; raise :class:`InputError` with
    the reason. Problems that did not stop the reading (bad bytes replaced, control
    characters removed) are listed in ``SourceText.warnings``."""
    path = Path(path)
    name = str(path)
    suffix = path.suffix.lower()
    if suffix not in MEDIA_TYPES:
        raise InputError(name, f"unsupported file type {suffix or '(no extension)'}")
    data = read_bounded(path, limits)
    if not data:
        raise InputError(name, "file is empty")
    warnings: list[str] = []
    if suffix == ".pdf":
        text, encoding = _pdf_text(name, data), None
    elif suffix == ".docx":
        text, encoding = _docx_text(name, data, limits), None
    else:
        decoded = decode_text(name, data)
        text, encoding = decoded.text, decoded.encoding
        warnings.extend(decoded.warnings)
    text, removed = xml_safe(text)
    warnings.extend(removed)
    if not text.strip():
        reason = {
            ".pdf": "PDF has no extractable text (scanned images?)",
            ".docx": "Word document has no text",
        }.get(suffix, "file holds only whitespace")
        raise InputError(name, reason)
    return SourceText(
        path=name,
        file_name=path.name,
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        media_type=MEDIA_TYPES[suffix],
        encoding=encoding,
        warnings=warnings,
    )


def _pdf_text(name: str, data: bytes) -> str:
    """pypdf's text of every page, joined with "\\n". An encrypted PDF opens when it
    needs no user password (AES through the ``cryptography`` package). Any exception
    from pypdf means the file is damaged: it becomes a one-line :class:`InputError`."""
    import io
    import logging

    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, WrongPasswordError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(name, "PDF is encrypted with a password")
        pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except (FileNotDecryptedError, WrongPasswordError):
        raise InputError(name, "PDF is encrypted with a password") from None
    except RecursionError:
        raise InputError(name, "corrupt or unreadable PDF (nested too deeply)") from None
    except Exception as error:  # noqa: BLE001 - whatever pypdf raises, the file is at fault
        raise InputError(name, f"corrupt or unreadable PDF ({_first_line(error)})") from None
    if not pages:
        raise InputError(name, "PDF has no pages")
    return "\n".join(pages)


def _docx_text(name: str, data: bytes, limits: InputLimits) -> str:
    """Paragraphs and table cells of a Word file, then its footnotes (see module
    docstring); the archive is checked against ``limits`` before anything is unpacked."""
    import io
    import zipfile

    from hrkg.extract.reading.docx_text import docx_text

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_docx_archive(name, archive, len(data), limits)
        return docx_text(io.BytesIO(data))
    except InputError:
        raise
    except RecursionError:
        raise InputError(name, "corrupt or unreadable Word file (nested too deeply)") from None
    except Exception as error:  # noqa: BLE001 - zipfile, lxml, python-docx: the file's fault
        raise InputError(name, f"corrupt or unreadable Word file ({_first_line(error)})") \
            from None


def _first_line(error: BaseException) -> str:
    message = str(error).strip().splitlines()
    line = message[0] if message else type(error).__name__
    return line if len(line) <= 200 else line[:199] + "…"
