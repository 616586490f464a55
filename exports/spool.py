"""Per-document parts of the outputs, kept on disk until their writer runs.

A writer's document part (the sentences of ``sentences.json``) arrives with each document;
holding them all in memory grows the build with the corpus. :class:`Spool` is the mapping
the reduce keeps them in: each value is pickled to one temporary file as it is set and
read back when asked for, so the build holds only their offsets.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterator, MutableMapping
from typing import Any


class Spool(MutableMapping[int, Any]):
    """A mapping ``int -> picklable value`` backed by an anonymous temporary file."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile(prefix="hrkg-parts-")  # noqa: SIM115 - kept open
        self._where: dict[int, tuple[int, int]] = {}  # key -> (offset, length)

    def __setitem__(self, key: int, value: Any) -> None:
        data = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        self._file.seek(0, 2)
        self._where[key] = (self._file.tell(), len(data))
        self._file.write(data)

    def __getitem__(self, key: int) -> Any:
        offset, length = self._where[key]
        self._file.seek(offset)
        return pickle.loads(self._file.read(length))

    def __delitem__(self, key: int) -> None:
        del self._where[key]  # the bytes stay in the file until it closes

    def __iter__(self) -> Iterator[int]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)

    def close(self) -> None:
        self._file.close()
