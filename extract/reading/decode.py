"""Bytes of a text file -> text: byte-order marks, UTF-8, UTF-16 without a mark,
GB18030 and Big5, and UTF-8 with a few damaged bytes.

Order of trial: a byte-order mark; strict UTF-8; UTF-16 without a mark (told by its
NUL bytes, or for Chinese-only text, which has none, by its code units falling in the
CJK blocks); UTF-8 with a few bad bytes (each replaced by U+FFFD, with a warning that
names their byte offsets); GB18030 or Big5 detection; anything else is refused.

:func:`xml_safe` then removes what no RDF output can hold (XML 1.0 forbids NUL and
most C0 controls), from text of any format.
"""

from __future__ import annotations

import codecs
import re
import threading
from dataclasses import dataclass, field

from hrkg.core.errors import InputError

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
# Chinese text in UTF-16 without NUL bytes: code units in the CJK blocks and full-width
# forms (a GB18030, Big5 or UTF-8 file read as UTF-16 lands in Hangul, private use and
# rare blocks instead).
_CHINESE_UNIT = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
_MIN_CHINESE_SHARE = 0.9
_MIN_CHINESE_UNITS = 4
# UTF-8 with damage: at least this many well-formed non-ASCII characters per bad byte,
# or bad bytes at most this share of the file when no other encoding fits.
_MIN_GOOD_PER_BAD = 20
_MAX_BAD_SHARE = 0.01
_OFFSETS_SHOWN = 8
# What XML 1.0 cannot carry. A form feed (a page break) becomes a line break; the rest
# is removed.
_UNREPRESENTABLE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass
class Decoded:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def decode_text(name: str, data: bytes) -> Decoded:
    """Decode the bytes of a text file (see the module docstring)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(encoding), encoding)
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
        return Decoded(text, "utf-8")
    if b"\x00" in data:
        return _utf16_or_binary(name, data)
    chinese = _utf16_chinese(data)
    if chinese is not None:
        return chinese
    damaged = _damaged_utf8(data)
    if damaged is not None and damaged[1] >= _MIN_GOOD_PER_BAD * len(damaged[2]):
        return _with_replacements(damaged)
    detected = _detect(data)
    if detected is not None:
        return detected
    if damaged is not None and len(damaged[2]) <= _MAX_BAD_SHARE * len(data) and _plausible(
            damaged[0].replace("\ufffd", "")):
        return _with_replacements(damaged)
    raise InputError(name, "cannot decode text: not UTF-8, UTF-16, GB18030 or Big5")


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


def _utf16_or_binary(name: str, data: bytes) -> Decoded:
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
                return Decoded(text, encoding)
    raise InputError(name, "binary file (contains NUL bytes), not text")


def _utf16_chinese(data: bytes) -> Decoded | None:
    """Chinese-only UTF-16 without a byte-order mark (no NUL byte: no ASCII character)."""
    if len(data) % 2 or len(data) < 2 * _MIN_CHINESE_UNITS:
        return None
    best: tuple[float, Decoded] | None = None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        share = len(_CHINESE_UNIT.findall(text)) / len(text)
        if share >= _MIN_CHINESE_SHARE and (best is None or share > best[0]):
            best = (share, Decoded(text, encoding))
    return best[1] if best else None


_BAD_BYTES = threading.local()  # byte offsets noted by the error handler below


def _note_bad_bytes(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: U+FFFD for a bad byte sequence, its offset noted."""
    assert isinstance(error, UnicodeDecodeError)
    _BAD_BYTES.offsets.append(error.start)
    return "\ufffd", error.end


codecs.register_error("hrkg-note-bad-bytes", _note_bad_bytes)


def _damaged_utf8(data: bytes) -> tuple[str, int, list[int]]:
    """UTF-8 decoding with every bad byte sequence replaced by U+FFFD: (text, count of
    well-formed non-ASCII characters, byte offsets of the bad sequences)."""
    _BAD_BYTES.offsets = []
    text = data.decode("utf-8", errors="hrkg-note-bad-bytes")
    bad: list[int] = _BAD_BYTES.offsets
    good = len(text) - text.count("\ufffd") - len(text.encode("ascii", "ignore"))
    return text, good, bad


def _with_replacements(damaged: tuple[str, int, list[int]]) -> Decoded:
    text, _, bad = damaged
    shown = ", ".join(map(str, bad[:_OFFSETS_SHOWN])) + (", …" if len(bad) > _OFFSETS_SHOWN
                                                         else "")
    noun, where = ("sequence", "offset") if len(bad) == 1 else ("sequences", "offsets")
    return Decoded(text, "utf-8", [
        f"{len(bad)} invalid UTF-8 byte {noun} replaced by U+FFFD (at byte {where} {shown})"])


def _detect(data: bytes) -> Decoded | None:
    """GB18030 or Big5 detected by charset-normalizer, if the result is plausible text."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(_DETECTED)).best()
    if best is not None:
        text = str(best)
        if _plausible(text):
            return Decoded(text, best.encoding)
    return None


def xml_safe(text: str) -> tuple[str, list[str]]:
    """``text`` without the characters XML 1.0 forbids (NUL, C0 controls, U+FFFE/U+FFFF,
    lone surrogates), form feeds turned into line breaks; and a warning naming what was
    removed. Everything after this indexes the returned text (NIF offsets)."""
    if "\f" in text:
        text = text.replace("\f", "\n")
    found = [match.start() for match in _UNREPRESENTABLE.finditer(text)]
    if not found:
        return text, []
    names = sorted({f"U+{ord(text[i]):04X}" for i in found})
    shown = ", ".join(map(str, found[:_OFFSETS_SHOWN])) + (", …" if len(found) > _OFFSETS_SHOWN
                                                          else "")
    cleaned = _UNREPRESENTABLE.sub("", text)
    noun, where = ("character", "offset") if len(found) == 1 else ("characters", "offsets")
    return cleaned, [f"{len(found)} control {noun} removed ({', '.join(names[:6])}) "
                     f"at character {where} {shown}"]
