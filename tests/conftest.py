"""Shared fixtures: the demo build of the bundled corpus, built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from hrkg.cli import main

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
GOLD = REPO.parent / "shared" / "gold" / "dev"


def run_cli(*argv: str) -> int:
    return main([str(a) for a in argv])


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def corpus_files() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".md", ".pdf", ".docx"))


@pytest.fixture(scope="session")
def demo_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An output folder built from the bundled corpus (graph.ttl, graph.trig, store, map)."""
    out = tmp_path_factory.mktemp("demo") / "out"
    code = run_cli("build", "--out", out, "--quiet")
    assert code == 0, "building the bundled corpus failed"
    return out


@pytest.fixture(scope="session")
def demo_dataset(demo_out: Path):
    from rdflib import Dataset

    dataset = Dataset()
    dataset.parse(demo_out / "graph.trig", format="trig")
    return dataset


@pytest.fixture(scope="session")
def demo_graph(demo_out: Path):
    from rdflib import Graph

    graph = Graph()
    graph.parse(demo_out / "graph.ttl", format="turtle")
    return graph


@pytest.fixture(scope="session")
def gold_dir() -> Path:
    if not GOLD.is_dir():
        pytest.skip(f"gold annotations not found at {GOLD}")
    return GOLD


# -- extraction without a build: the extractor on the corpus or on a text of a test's own ----
@pytest.fixture(scope="module")
def extractor():
    """A fresh extractor per test module (its entity factory is per extractor)."""
    from hrkg.extract import Extractor

    return Extractor()


@pytest.fixture(scope="module")
def corpus(extractor) -> dict:
    """File name -> ExtractionResult of every bundled corpus text (with its catalog entry)."""
    from hrkg.extract import load_catalogs

    paths = sorted(CORPUS.glob("*.txt"))
    catalog = load_catalogs(paths)
    return {path.name: extractor.extract_file(path, catalog.get(path.name)) for path in paths}


def extract_text(extractor, text: str, name: str = "t.txt", *, organ: str | None = "大会",
                 doc_type: str | None = "report", authors: list[str] | None = None):
    """The ExtractionResult of ``text`` as a document called ``name`` with the metadata given."""
    from hrkg.extract import DocumentMetadata, text_source

    return extractor.extract_source(
        text_source(text, name),
        metadata=DocumentMetadata(organ=organ, doc_type=doc_type, authors=list(authors or [])))
