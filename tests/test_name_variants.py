"""Spelling variants of vocabulary names (issue 11, class 7): 和/与/及 for one another and
an optional 问题 before a body's head name the same entry; on sentences of our own."""

from __future__ import annotations

from hrkg.extract import text_source
from hrkg.extract.name_variants import name_variants
from hrkg.extract.vocabulary import load_vocabulary


def keys(extractor, text: str) -> dict[str, str]:
    found = extractor.extract_source(text_source(text)).mentions
    return {m.surface: m.entity.key for m in found}


def test_variants_of_a_name() -> None:
    assert {"科学与技术委员会", "科学及技术委员会", "科学和技术问题委员会"} <= name_variants(
        "科学和技术委员会")
    assert "土著常设论坛" in name_variants("土著问题常设论坛")
    assert "某某" not in name_variants("某某")  # too short to vary


def test_a_body_written_with_another_conjunction_or_with_wenti_is_that_body(extractor) -> None:
    vocab = load_vocabulary()
    found = keys(extractor, "科学与技术促进发展委员会和妇女地位问题委员会分别审议了报告。")
    assert found["科学与技术促进发展委员会"] == vocab.lookup("科学和技术促进发展委员会")[0].key
    assert found["妇女地位问题委员会"] == vocab.lookup("妇女地位委员会")[0].key


def test_a_variant_that_is_a_name_of_its_own_is_not_taken_over() -> None:
    vocab = load_vocabulary()
    for surface, entries in vocab.by_surface().items():
        assert len({entry.key for entry in entries}) == 1 or surface in {
            name for entry in entries for name in entry.surfaces}
