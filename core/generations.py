"""The layout of an output folder: complete builds ("generations") and the one that is current.

``hrkg build`` never writes over what readers use; it writes a new generation and
switches to it in one step (``hrkg.exports.generation``)::

    out/
      .lock                     held (flock) by the build writing this folder
      .generations/<id>/        one complete build: graph.ttl graph.trig store/ map.html report.json
      .generations/<id>.tmp/    a build still writing (or killed: removed by the next build)
      current -> .generations/<id>       switched by one rename
      graph.ttl -> current/graph.ttl     the names users know, each a link through current
      ...

Readers resolve ``current`` once (:func:`current_generation`) and read every file from
that one folder, so they never mix two builds. A folder written before generations
existed (plain files, no ``current``) is read as it is.
"""

from __future__ import annotations

import os
from pathlib import Path

CURRENT = "current"
GENERATIONS = ".generations"
LOCK = ".lock"
TMP_SUFFIX = ".tmp"


def current_generation(out_dir: Path) -> Path:
    """The folder holding the current build of ``out_dir``: the target of ``out/current``
    (resolved now, once), else ``out_dir`` itself (a folder without generations)."""
    out_dir = Path(out_dir)
    link = out_dir / CURRENT
    try:
        target = os.readlink(link)
    except OSError:  # no link (old layout, or nothing built yet)
        return out_dir
    return out_dir / target


def generation_id(out_dir: Path) -> str | None:
    """The name of the current generation (None: a folder without generations)."""
    try:
        return Path(os.readlink(Path(out_dir) / CURRENT)).name
    except OSError:
        return None
