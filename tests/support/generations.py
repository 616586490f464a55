"""Helpers for the publication tests: corpora of many small real documents, builds run as
subprocesses (to kill them), and the state of an output folder."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from hrkg.core.generations import CURRENT, GENERATIONS, TMP_SUFFIX

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
SOURCES = ("highest-aspiration-2020.txt", "highest-aspiration-2020-from-pdf.txt", "A-79-L.2.txt")
# page headers such as "A/79/L.2" alone on a line would give every slice that symbol
_SYMBOL_LINE = re.compile(r"^\s*[A-Z]+(?:/[A-Za-z0-9.()\-]+)+\s*$")


def real_lines() -> list[str]:
    """The non-empty lines of three bundled documents, without their page-header symbols."""
    lines: list[str] = []
    for name in SOURCES:
        text = (CORPUS / name).read_text(encoding="utf-8")
        lines += [line for line in text.splitlines()
                  if line.strip() and not _SYMBOL_LINE.match(line)]
    return lines


def write_corpus(folder: Path, count: int, *, offset: int = 0) -> list[Path]:
    """``count`` documents of consecutive real lines (each its own file name); ``offset``
    shifts the slices, so two corpora of one size differ."""
    lines = real_lines()
    per = len(lines) // count
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        start = (number * per + offset) % len(lines)
        chunk = (lines + lines)[start:start + per]
        path = folder / f"part-{number:03d}.txt"
        path.write_text("\n".join(chunk) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def build_process(corpus: Path, out: Path) -> subprocess.Popen[str]:
    """``hrkg build CORPUS --out OUT --quiet`` as a child process."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    return subprocess.Popen([sys.executable, "-m", "hrkg", "build", str(corpus), "--out", str(out),
                             "--quiet"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env)


def leftovers(out: Path) -> list[str]:
    """What a build leaves beside the current generation: other generations, temp files."""
    found: list[str] = []
    current = Path(os.readlink(out / CURRENT)).name if (out / CURRENT).is_symlink() else None
    if (out / GENERATIONS).is_dir():
        found += [f"{GENERATIONS}/{p.name}" for p in (out / GENERATIONS).iterdir()
                  if p.name != current]
    for root, folders, files in os.walk(out):
        found += [os.path.relpath(os.path.join(root, name), out) for name in folders + files
                  if name.endswith(TMP_SUFFIX)]
    return sorted(set(found))
