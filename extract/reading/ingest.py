"""Find input files and decode them into :class:`SourceText`.

The decoded text is kept exactly as decoded (line endings included) because
NIF offsets index into it. For ``.txt``/``.md`` that is the file's text; for
``.pdf`` it is pypdf's text of each page, pages joined with ``"\\n"``; for
``.docx`` it is the paragraphs and table cells, one per line, followed by the
footnotes printed as " N text" lines under a rule, with each footnote
reference written as its number where it stands in the text (the same layout
PDF extraction gives, so ``normalize`` treats both alike).
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from hrkg.core.errors import InputError
from hrkg.extract.model import SourceText

MEDIA_TYPES = {
    ".txt": "text/plain",
    ".md": "text/markdown",
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
SUPPORTED = tuple(MEDIA_TYPES)

_BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Encodings tried by detection when the bytes are not UTF-8.
_DETECTED = ("gb18030", "big5")
# Control characters that do not occur in text (tab, line breaks and form feed do).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")
_MAX_CONTROL_SHARE = 0.01
# Share of characters a plausible decoding must have in common scripts.
_COMMON = re.compile(r"[\t\n\r\f\x20-\x7e\u00a0-\u024f\u2000-\u206f\u3000-\u303f"
                     r"\u4e00-\u9fff\uff00-\uffef]")
_MIN_COMMON_SHARE = 0.95
# Words: letters, digits, Chinese characters and spaces; real text is mostly these.
_WORDLIKE = re.compile(r"[\sA-Za-z0-9\u4e00-\u9fff]")
_MIN_WORDLIKE_SHARE = 0.5
# Real text of some length uses more than a handful of distinct characters.
_MIN_DISTINCT = 8


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


def read_source(path: Path) -> SourceText:
    """Read and decode one input file; raise :class:`InputError` with the reason."""
    path = Path(path)
    name = str(path)
    if not path.exists():
        raise InputError(name, "file not found")
    if path.is_dir():
        raise InputError(name, "is a folder, not a file")
    suffix = path.suffix.lower()
    if suffix not in MEDIA_TYPES:
        raise InputError(name, f"unsupported file type {suffix or '(no extension)'}")
    try:
        data = path.read_bytes()
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except OSError as error:
        raise InputError(name, f"cannot read file ({error.strerror or error})") from None
    if not data:
        raise InputError(name, "file is empty")
    if suffix == ".pdf":
        text, encoding = _pdf_text(name, data), None
    elif suffix == ".docx":
        text, encoding = _docx_text(name, data), None
    else:
        text, encoding = decode_text(name, data)
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
    )


def decode_text(name: str, data: bytes) -> tuple[str, str]:
    """Decode text bytes: BOM, strict UTF-8, UTF-16 without BOM, then GB18030/Big5 detection."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as error:
                raise InputError(name, f"not valid {encoding} despite its byte-order mark "
                                       f"(byte {error.start})") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if "\x00" in text:
            return _utf16_or_binary(name, data)
        if len(_CONTROL.findall(text)) > _MAX_CONTROL_SHARE * len(text):
            raise InputError(name, "binary file (control characters), not text")
        return text, "utf-8"
    if b"\x00" in data:
        return _utf16_or_binary(name, data)
    return _detect(name, data)


def _plausible(text: str) -> bool:
    """Whether decoded text looks like text rather than mis-decoded bytes."""
    if not text:
        return False
    if len(_CONTROL.findall(text)) > _MAX_CONTROL_SHARE * len(text):
        return False
    if len(text) >= 4 * _MIN_DISTINCT and len(set(text)) < _MIN_DISTINCT:
        return False  # a few characters repeated: mis-decoded binary data
    if len(_WORDLIKE.findall(text)) < _MIN_WORDLIKE_SHARE * len(text):
        return False
    return len(_COMMON.findall(text)) >= _MIN_COMMON_SHARE * len(text)


def _utf16_or_binary(name: str, data: bytes) -> tuple[str, str]:
    """UTF-16 without a byte-order mark, told apart from binary data by its NUL bytes."""
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    order = ("utf-16-le", "utf-16-be") if odd_nuls >= even_nuls else ("utf-16-be", "utf-16-le")
    if len(data) % 2 == 0:
        for encoding in order:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if _plausible(text):
                return text, encoding
    raise InputError(name, "binary file (contains NUL bytes), not text")


def _detect(name: str, data: bytes) -> tuple[str, str]:
    """Detect GB18030 or Big5 with charset-normalizer; reject implausible results."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(_DETECTED)).best()
    if best is not None:
        text = str(best)
        if _plausible(text):
            return text, best.encoding
    raise InputError(name, "cannot decode text: not UTF-8, UTF-16, GB18030 or Big5")


def _pdf_text(name: str, data: bytes) -> str:
    """pypdf's text of every page, joined with "\\n"."""
    import io
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(name, "PDF is encrypted with a password")
        pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError) as error:
        raise InputError(name, f"corrupt or unreadable PDF ({_first_line(error)})") from None
    if not pages:
        raise InputError(name, "PDF has no pages")
    return "\n".join(pages)


def _docx_text(name: str, data: bytes) -> str:
    """Paragraphs and table cells of a Word file, then its footnotes (see module docstring)."""
    import io
    import zipfile

    from hrkg.extract.reading.docx_text import docx_text

    try:
        return docx_text(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise InputError(name, f"corrupt or unreadable Word file ({_first_line(error)})") from None
    except Exception as error:  # python-docx raises its own package errors
        if type(error).__module__.startswith(("docx", "lxml")):
            raise InputError(name, f"corrupt or unreadable Word file ({_first_line(error)})") \
                from None
        raise


def _first_line(error: BaseException) -> str:
    message = str(error).strip().splitlines()
    return message[0] if message else type(error).__name__
