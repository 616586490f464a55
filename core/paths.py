"""Where the bundled resources live (works from a source tree and from a wheel)."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def resource_dir(package: str) -> Path:
    return Path(str(files(package)))


def ontology_dir() -> Path:
    return resource_dir("hrkg.ontology")


def corpus_dir() -> Path:
    return resource_dir("hrkg.corpus")


def queries_dir() -> Path:
    return resource_dir("hrkg.queries")


def vocab_dir() -> Path:
    return resource_dir("hrkg.extract") / "vocab"


def patterns_dir() -> Path:
    return resource_dir("hrkg.extract") / "patterns"


DEFAULT_OUT = Path("out")
