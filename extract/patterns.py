"""Load the regex and word lists kept as YAML under ``extract/patterns/``."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import Any

import yaml

from hrkg.core.paths import patterns_dir

try:  # libyaml's loader: the pattern files load in a tenth of the pure-Python time
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader


@cache
def load_patterns(name: str, lang: str = "zh") -> dict[str, Any]:
    """The parsed ``patterns/<name>.yaml`` (cached; treat as read-only); for a language other
    than Chinese, ``patterns/<lang>/<name>.yaml`` when that file exists (same keys and
    named groups), else the language-independent file."""
    path = patterns_dir() / f"{name}.yaml"
    if lang != "zh" and (patterns_dir() / lang / f"{name}.yaml").is_file():
        path = patterns_dir() / lang / f"{name}.yaml"
    with path.open(encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=_Loader)  # safe: CSafeLoader or SafeLoader
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping at top level")
    return data


def conjunctions(job: str) -> list[str]:
    """The words that join coordinated items for ``job`` (``patterns/conjunctions.yaml``)."""
    words: list[str] = load_patterns("conjunctions")[job]
    return words


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` taken literally, longest first (so that 人权理事会
    wins over 理事会 at the same position)."""
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
