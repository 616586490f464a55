"""Relation rules on a note of our own writing (not from the corpus): resolutions that
request, a footnote endorsing a practice, conference-of-the-parties decisions in footnotes,
first-person adoption, outcomes embodied by titles, and what resolutions are about."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import extract_text

from hrkg.extract.model import ExtractionResult

NOTE = Path(__file__).parent / "data" / "unseen" / "development-rights-note.txt"


@pytest.fixture(scope="module")
def note(extractor) -> ExtractionResult:
    return extract_text(extractor, NOTE.read_text(encoding="utf-8"), NOTE.name, organ="人权理事会",
                        authors=["秘书长"])


def triples(result: ExtractionResult, predicate: str) -> set[tuple[str, str]]:
    return {(r.subject.key if r.subject else "self", r.obj.key) for r in result.relations
            if r.predicate == predicate and not r.background}


def test_resolutions_request_and_concern_rights(note) -> None:
    requests = triples(note, "requests")
    assert ("A/HRC/RES/51/7", "high-commissioner-human-rights") in requests
    assert ("A/HRC/RES/48/9", "ohchr") in requests  # "…号决议认识到…，请人权高专办"
    assert ("A/HRC/RES/45/6", "states") in requests  # footnote: "…鼓励采取这种做法"
    concerns = triples(note, "concerns")
    assert ("A/HRC/RES/51/7", "right-to-development") in concerns  # 关于发展权的第 51/7 号决议
    assert ("declaration-right-to-development", "right-to-development") in concerns


def test_conference_decisions_in_footnotes(note) -> None:
    adopted_in = triples(note, "adoptedIn")
    assert ("paris-agreement", "FCCC/DEC/1/CP.21") in adopted_in
    framework = next(m.entity.key for m in note.mentions if m.surface == "保护海洋生物多样性框架")
    assert (framework, "CBD/COP/DEC/16/22") in adopted_in
    adopters = {(r.subject.key, r.obj.key) for r in note.relations if r.predicate == "adoptedBy"}
    assert ("FCCC/DEC/1/CP.21", "unfccc-cop") in adopters
    assert ("CBD/COP/DEC/16/22", "cbd-cop") in adopters


def test_first_person_and_embodied_outcomes_name_adopters(note) -> None:
    adopted = {(next(m.surface for m in note.mentions if m.entity.key == s), o)
               for s, o in triples(note, "adoptedBy")}
    assert ("数据战略", "secretary-general") in adopted  # 我近期发布的《数据战略》和《青年战略》
    assert ("青年战略", "secretary-general") in adopted
    assert ("里斯本海洋宣言", "un-ocean-conference") in adopted  # …所体现的联合国海洋大会成果
    assert ("海洋科学十年实施计划", "un-ocean-conference") in adopted


def test_every_stated_relation_has_an_evidence_sentence(note) -> None:
    for relation in note.relations:
        assert 0 <= relation.sentence_start < relation.sentence_end <= len(note.clean.text)
