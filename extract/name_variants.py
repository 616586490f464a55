"""Spelling variants of a Chinese name (patterns/name_variants.yaml): 和/与/及 for one
another, 问题 written or left out before a body's head. The vocabulary matches its names in
every variant (extract/vocabulary.py)."""

from __future__ import annotations

from functools import cache
from typing import Any

from hrkg.extract.patterns import load_patterns


@cache
def _rules() -> dict[str, Any]:
    return load_patterns("name_variants")


def name_variants(name: str) -> set[str]:
    """The other ways ``name`` is written (one rule applied at a time)."""
    rules = _rules()
    found = {name.replace(old, new) for old, new in rules["swaps"] if old in name}
    for word in rules["optional"]:
        if word in name:
            found.add(name.replace(word, ""))
            continue
        for head in rules["optional_before_heads"]:
            if name.endswith(head) and len(name) > len(head) + 1:
                found.add(name[:-len(head)] + word + head)
                break
    found.discard(name)
    return {variant for variant in found if len(variant) > 2}
