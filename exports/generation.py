"""Atomic publication of a build: write a new generation, then switch ``current`` to it.

:class:`OutputFolder` locks an output folder for one build (``flock`` on ``out/.lock``: a
second build into the same folder is refused at once, in one line), removes what killed
builds left behind, and hands out one new generation folder to write into::

    with OutputFolder(out) as folder:          # lock + leftovers removed
        ...                                    # extraction
        with folder.generation() as path:      # out/.generations/<id>.tmp/
            ...                                # every writer writes into path
        # here: renamed to .generations/<id>, `current` switched by one rename,
        # out/graph.ttl … linked through current, the previous generation removed

Until the switch, readers see the previous generation whole; after it, the new one
whole. A kill at any moment leaves at most a ``.tmp`` folder that the next build removes.
The layout is described in :mod:`hrkg.core.generations`.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import IO

from hrkg.core.errors import HrkgError
from hrkg.core.generations import CURRENT, GENERATIONS, LOCK, TMP_SUFFIX, generation_id


class BuildLocked(HrkgError):
    """Another build holds the output folder."""


class OutputFolder:
    """An output folder locked for one build (a context manager)."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = Path(out_dir)
        self.generations = self.out_dir / GENERATIONS
        self._lock: IO[str] | None = None

    # -- the lock ---------------------------------------------------------------------
    def __enter__(self) -> OutputFolder:
        self.out_dir.mkdir(parents=True, exist_ok=True)
        handle = open(self.out_dir / LOCK, "a+", encoding="utf-8")  # noqa: SIM115 - held
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip()
            handle.close()
            who = f" (pid {holder})" if holder.isdigit() else ""
            raise BuildLocked(f"--out {self.out_dir}: another hrkg build{who} is writing this "
                              "folder; wait for it to finish") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        self._lock = handle
        self.remove_leftovers()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self._lock is not None:
            self._lock.seek(0)
            self._lock.truncate()
            fcntl.flock(self._lock.fileno(), fcntl.LOCK_UN)
            self._lock.close()
            self._lock = None

    # -- writing and publishing -----------------------------------------------------
    @contextmanager
    def generation(self) -> Iterator[Path]:
        """A new, empty generation folder to write into; published when the block ends
        without an error, removed otherwise."""
        if self._lock is None:
            raise ValueError("OutputFolder.generation() outside 'with OutputFolder(...)'")
        self.generations.mkdir(exist_ok=True)
        name = time.strftime("%Y%m%dT%H%M%S", time.gmtime()) + f"-{time.time_ns() % 10**9:09d}"
        writing = self.generations / (name + TMP_SUFFIX)
        writing.mkdir()
        try:
            yield writing
        except BaseException:
            shutil.rmtree(writing, ignore_errors=True)
            raise
        self.publish(writing, name)

    def publish(self, writing: Path, name: str) -> None:
        """Rename the written folder to its final name, switch ``current`` to it (one
        rename), link the published names through ``current``, remove older generations."""
        final = self.generations / name
        writing.rename(final)
        self._replace_link(self.out_dir / CURRENT, f"{GENERATIONS}/{name}")
        self._fsync_dir(self.out_dir)
        written = sorted(os.listdir(final))
        for output in written:
            self._replace_link(self.out_dir / output, f"{CURRENT}/{output}")
        for link in self.out_dir.iterdir():  # outputs of earlier builds this one has not
            if link.name not in written and link.is_symlink() \
                    and os.readlink(link) == f"{CURRENT}/{link.name}":
                link.unlink()
        self.remove_leftovers()

    def _replace_link(self, link: Path, target: str) -> None:
        """Make ``link`` a symlink to ``target`` in one rename (a plain file or a folder left
        by a build before generations is moved aside first)."""
        if link.is_symlink() and os.readlink(link) == target:
            return
        if link.is_dir() and not link.is_symlink():
            link.rename(self.out_dir / f".{link.name}.old{TMP_SUFFIX}")
        temporary = self.out_dir / f".{link.name}.link{TMP_SUFFIX}"
        temporary.unlink(missing_ok=True)
        os.symlink(target, temporary)
        os.replace(temporary, link)

    @staticmethod
    def _fsync_dir(folder: Path) -> None:
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)

    # -- cleaning ---------------------------------------------------------------------
    def remove_leftovers(self) -> list[Path]:
        """Remove every generation but the current one and every ``.*.tmp`` in the folder
        (what killed builds leave); only called while the lock is held."""
        keep = generation_id(self.out_dir)
        removed: list[Path] = []
        candidates = [p for p in self.generations.iterdir() if p.name != keep] \
            if self.generations.is_dir() else []
        candidates += [p for p in self.out_dir.iterdir()
                       if p.name.startswith(".") and p.name.endswith(TMP_SUFFIX)]
        for path in candidates:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
            removed.append(path)
        return removed


def published_path(out_dir: Path, generation: Path, path: Path) -> Path:
    """Where a file written into ``generation`` is seen by users: under ``out_dir``."""
    try:
        return Path(out_dir) / Path(path).relative_to(generation)
    except ValueError:
        return Path(path)
