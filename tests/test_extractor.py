"""The extraction stage's entry point (hrkg.extract.Extractor) on a real corpus file."""

from __future__ import annotations

from pathlib import Path

import pytest

from hrkg.core.errors import InputError
from hrkg.extract import DocumentMetadata, discover_inputs, load_catalogs, text_source

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
REPORT = CORPUS / "A-HRC-44-28.txt"


@pytest.fixture(scope="module")
def report(extractor):
    return extractor.extract_file(REPORT, load_catalogs([REPORT])[REPORT.name])


def test_a_file_is_read_normalized_and_extracted(report) -> None:
    assert report.source.file_name == "A-HRC-44-28.txt"
    assert report.metadata.symbol == "A/HRC/44/28"
    assert report.metadata.organ == "人权理事会"
    assert report.metadata.doc_type == "report"
    assert report.metadata.session == "44"
    classes = {m.entity.cls for m in report.mentions}
    assert {"Actor", "Instrument", "Resolution", "Right"} <= classes
    # every mention points back into the file's own text
    for mention in report.mentions:
        assert report.source.text[mention.orig_start:mention.orig_end] == mention.anchor
    assert any(r.predicate == "creator" for r in report.relations)
    assert any(r.predicate == "adoptedBy" and r.subject is not None
               and r.subject.cls == "Resolution" for r in report.relations)


def test_a_text_in_memory_extracts_like_its_file(extractor, report) -> None:
    source = text_source(REPORT.read_text(encoding="utf-8"), REPORT.name)
    again = extractor.extract_source(source, load_catalogs([REPORT])[REPORT.name])
    assert [(m.start, m.end, m.entity.key) for m in again.mentions] == \
        [(m.start, m.end, m.entity.key) for m in report.mentions]
    assert len(again.relations) == len(report.relations)


def test_the_catalog_fills_what_the_text_does_not_state(extractor) -> None:
    source = text_source("各国应与人权理事会合作。", "note.txt")
    entry = {"file": "note.txt", "symbol": "A/HRC/99/1", "organ": "人权理事会", "date": "2021"}
    bare = extractor.extract_source(source).metadata
    catalogued = extractor.extract_source(source, entry).metadata
    assert (bare.symbol, bare.date) == (None, None)
    assert (catalogued.symbol, catalogued.organ, catalogued.date) == \
        ("A/HRC/99/1", "人权理事会", "2021")


def test_stated_metadata_replaces_the_head(extractor) -> None:
    result = extractor.extract_source(text_source("人权理事会第 41/3 号决议请各国合作。"),
                                      metadata=DocumentMetadata(doc_type="note"))
    assert result.metadata.doc_type == "note"
    assert [m.entity.key for m in result.mentions if m.entity.cls == "Resolution"] == \
        ["A/HRC/RES/41/3"]


def test_the_pipeline_is_loaded_once(extractor) -> None:
    assert extractor.pipeline_for("zh") is extractor.pipeline_for("zh")


def test_inputs_are_discovered_and_bad_files_reported(extractor, tmp_path) -> None:
    paths, problems = discover_inputs([CORPUS])
    assert REPORT in paths and not problems
    with pytest.raises(InputError, match="file not found"):
        extractor.extract_file(tmp_path / "missing.txt")
