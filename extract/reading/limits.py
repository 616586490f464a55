"""Bounds on what one input file may cost before it is read.

A file is read only if ``os.stat`` says it is a regular file (a FIFO, a device such
as ``/dev/zero`` behind a symlink, or a socket is refused without being opened) and
no larger than :attr:`InputLimits.max_bytes`. The read itself never takes more than
``max_bytes + 1`` bytes, so a file that grows, or whose size ``stat`` does not tell
(``/proc`` files), is still bounded. A Word file is a zip archive: its entry count
and unpacked size are checked from the zip directory before anything is unpacked.
"""

from __future__ import annotations

import os
import re
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path

from hrkg.core.errors import InputError

MB = 1024 * 1024
_UNITS = {"": 1, "b": 1, "k": 1024, "kb": 1024, "m": MB, "mb": MB, "g": 1024 * MB,
          "gb": 1024 * MB}
_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*")
_CHUNK = 1 << 20


@dataclass(frozen=True)
class InputLimits:
    """What one input file may cost (defaults documented in the README)."""

    max_bytes: int = 50 * MB  # size of the file itself (``hrkg build --max-size``)
    docx_max_unpacked: int = 100 * MB  # all entries of a .docx together, unpacked
    docx_max_entries: int = 1000  # entries in a .docx archive
    docx_max_ratio: int = 100  # unpacked / packed size, checked above docx_ratio_floor
    docx_ratio_floor: int = 8 * MB


DEFAULT_LIMITS = InputLimits()


def parse_size(text: str) -> int:
    """``"50M"``, ``"1.5GB"``, ``"800k"`` or ``"1000"`` (bytes) -> bytes; K, M, G are
    powers of 1024. Raises ``ValueError`` with the reason."""
    match = _SIZE.fullmatch(text)
    unit = match.group(2).lower() if match else ""
    if match is None or unit not in _UNITS:
        raise ValueError(f"not a size: {text!r} (examples: 50M, 1.5G, 800K, 1000)")
    size = int(float(match.group(1)) * _UNITS[unit])
    if size < 1:
        raise ValueError(f"size must be at least 1 byte: {text!r}")
    return size


def human_size(size: int) -> str:
    """1536 -> "1.5 KB", 52428800 -> "50 MB" (powers of 1024)."""
    for unit, factor in (("GB", 1024 * MB), ("MB", MB), ("KB", 1024)):
        if size >= factor:
            return f"{size / factor:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} bytes"


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def _check_regular(name: str, mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise InputError(name, "is a folder, not a file")
    if not stat.S_ISREG(mode):
        raise InputError(name, f"is {_kind(mode)}, not a regular file; only regular files "
                               "are read")


def _too_large(name: str, limits: InputLimits, size: int | None = None) -> InputError:
    told = f"{human_size(size)}, " if size is not None else ""
    return InputError(name, f"file is {told}over the {human_size(limits.max_bytes)} limit "
                            "(hrkg build --max-size to change it)")


def read_bounded(path: Path, limits: InputLimits = DEFAULT_LIMITS) -> bytes:
    """The bytes of a regular file of at most ``limits.max_bytes``; :class:`InputError`
    otherwise. Checked with ``os.stat`` before opening; opened non-blocking, so even a
    file swapped for a FIFO after the check cannot hang the read."""
    name = str(path)
    try:
        info = os.stat(path)  # follows symlinks: a link to /dev/zero is a device
    except FileNotFoundError:
        raise InputError(name, "file not found") from None
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except OSError as error:
        raise InputError(name, f"cannot read file ({error.strerror or error})") from None
    _check_regular(name, info.st_mode)
    if info.st_size > limits.max_bytes:
        raise _too_large(name, limits, info.st_size)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(path, flags)
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except OSError as error:
        raise InputError(name, f"cannot read file ({error.strerror or error})") from None
    try:
        _check_regular(name, os.fstat(descriptor).st_mode)  # the file opened is the one checked
        chunks: list[bytes] = []
        total = 0
        while total <= limits.max_bytes:
            chunk = os.read(descriptor, min(_CHUNK, limits.max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as error:
        raise InputError(name, f"cannot read file ({error.strerror or error})") from None
    finally:
        os.close(descriptor)
    if total > limits.max_bytes:
        raise _too_large(name, limits)
    return b"".join(chunks)


def check_docx_archive(name: str, archive: zipfile.ZipFile, packed: int,
                       limits: InputLimits = DEFAULT_LIMITS) -> None:
    """Refuse a .docx whose zip directory announces too many entries or too many unpacked
    bytes (a zip bomb), before any entry is unpacked. ``zipfile`` never unpacks more than
    an entry announces (it stops there with a CRC error), so the announced sizes bound
    the work."""
    entries = archive.infolist()
    if len(entries) > limits.docx_max_entries:
        raise InputError(name, f"Word file has {len(entries)} archive entries (limit "
                               f"{limits.docx_max_entries}): not a document (zip bomb?)")
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > limits.docx_max_unpacked:
        raise InputError(name, f"Word file unpacks to {human_size(unpacked)} (limit "
                               f"{human_size(limits.docx_max_unpacked)}): zip bomb?")
    if unpacked > limits.docx_ratio_floor and unpacked > limits.docx_max_ratio * packed:
        raise InputError(name, f"Word file unpacks to {human_size(unpacked)} from "
                               f"{human_size(packed)} (over {limits.docx_max_ratio} times "
                               "its size): zip bomb?")
