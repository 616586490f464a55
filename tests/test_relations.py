"""Relation rules on the bundled corpus: each rule read from the real text."""

from __future__ import annotations

from pathlib import Path

import pytest

from hrkg.extract.ingest import read_source
from hrkg.extract.metadata import extract_metadata, find_own_symbol
from hrkg.extract.model import ExtractionResult, Relation
from hrkg.extract.normalize import normalize
from hrkg.extract.pipeline import create_pipeline, extract_document

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


@pytest.fixture(scope="module")
def nlp():
    return create_pipeline()


def extract(nlp, name: str) -> ExtractionResult:
    source = read_source(CORPUS / name)
    clean = normalize(source.text, own_symbol=find_own_symbol(source))
    return extract_document(nlp, source, clean, extract_metadata(source, clean))


@pytest.fixture(scope="module")
def pact(nlp) -> ExtractionResult:
    return extract(nlp, "A-79-L.2.txt")


@pytest.fixture(scope="module")
def council_report(nlp) -> ExtractionResult:
    return extract(nlp, "A-HRC-44-28.txt")


def find(result: ExtractionResult, predicate: str, subject: str | None,
         obj: str) -> list[Relation]:
    return [r for r in result.relations if r.predicate == predicate
            and (r.subject.label_zh if r.subject else None) == subject
            and r.obj.label_zh == obj]


def rules(result: ExtractionResult, rule: str) -> list[Relation]:
    return [r for r in result.relations if r.rule == rule]


def test_footnote_opening_with_a_conference_names_the_adopter(pact):
    found = [r for r in pact.relations if r.predicate == "adoptedBy"
             and "里约宣言" in r.subject.label_zh]
    assert found, "footnote 6 on the Rio Declaration names the Conference on Environment"
    assert all("环境与发展会议" in r.obj.label_zh for r in found)
    assert any(r.rule == "footnote-source" for r in pact.relations)


def test_treaty_series_footnote_names_no_adopter(pact):
    assert not [r for r in rules(pact, "footnote-source") if r.obj.label_zh == "联合国"]


def test_resolution_heading_adopts_the_instrument_and_its_annexes(pact):
    adopted = {r.subject.label_zh for r in rules(pact, "resolution-adopts")}
    assert "未来契约" in adopted
    annexed = {r.subject.label_zh for r in rules(pact, "annex-of-adopted")}
    assert "全球数字契约" in annexed


def test_organs_of_resolutions_cited_only_in_footnotes_are_background(pact):
    clean = pact.clean
    series = rules(pact, "resolution-symbol-series")
    assert any(r.background for r in series) and any(not r.background for r in series)
    for relation in series:
        in_text = (clean.footnote_at(relation.sentence_start) is None
                   and relation.sentence_start < clean.body_end)
        assert relation.background is not in_text


def test_footnote_resolution_gives_adopted_in(pact):
    subjects = {r.subject.label_zh for r in rules(pact, "footnote-annex")}
    assert any("亚的斯亚贝巴" in s for s in subjects)


def test_resolution_requests_the_high_commissioner(council_report):
    found = [r for r in rules(council_report, "resolution-request-verb")
             if "41/3" in (r.subject.key if r.subject else "")]
    assert found and "高级专员" in found[0].obj.label_zh



def test_pact_actions_and_compact_objectives_are_commitments(pact):
    actions = [c for c in pact.commitments if c.kind == "action"]
    objectives = [c for c in pact.commitments if c.kind == "objective"]
    assert [c.number for c in actions] == list(range(1, len(actions) + 1))
    assert len(actions) >= 50 and len(objectives) >= 5
    assert {c.instrument.label_zh for c in actions} == {"未来契约"}
    for commitment in pact.commitments:
        heading = pact.clean.text[commitment.start:commitment.end]
        assert heading.startswith(commitment.label.replace(" ", "")[:2])
        assert commitment.end <= commitment.text_end


def test_commitments_link_what_their_text_names(pact):
    council = next(c for c in pact.commitments if c.label == "行动 39")
    assert "安全理事会" in {e.label_zh for e in council.entities}
    linked_sdgs = {e.key for c in pact.commitments for e in c.entities
                   if e.cls in ("SDGGoal", "SDGTarget")}
    assert linked_sdgs


def test_articles_normalize_numerals_and_find_their_instrument(council_report):
    cited = {(a.instrument.label_zh, a.article, a.paragraph) for a in council_report.articles}
    assert ("联合国宪章", 1, 3) in cited  # 《联合国宪章》第一条第三款
    assert ("世界人权宣言", 22, None) in cited  # 该宣言第 22 条
    assert ("经济社会文化权利国际公约", 2, 1) in cited  # (第二条第一款)
    assert ("发展权利宣言", 3, 1) in cited  # (第 3 条第 1 款)
    for citation in council_report.articles:
        assert citation.sentence_start <= citation.start < citation.sentence_end


def test_reaffirms_and_recalls_read_the_clause_after_the_cue(pact):
    reaffirmed = {r.obj.label_zh for r in pact.relations if r.predicate == "reaffirms"}
    recalled = {r.obj.key for r in pact.relations if r.predicate == "recalls"}
    assert "世界人权宣言" in reaffirmed  # 我们重申对《世界人权宣言》的承诺
    assert "A/RES/48/141" in recalled  # 回顾 1993 年 12 月 20 日第 48/141 号决议
    for relation in pact.relations:
        if relation.predicate in ("reaffirms", "recalls"):
            assert relation.subject is None
            assert relation.obj.cls in ("Instrument", "Resolution")


def test_comentions_count_sentences_that_name_both(council_report):
    from hrkg.extract.comentions import sentence_comentions
    from hrkg.extract.sentences import sentences

    counts = sentence_comentions(council_report)
    assert counts and all(a < b for a, b in counts)
    (a, b), top = counts.most_common(1)[0]
    spans = sentences(council_report.clean)
    both = 0
    for start, end in spans:
        inside = {(m.entity.cls, m.entity.key) for m in council_report.mentions
                  if start <= m.start < end}
        both += a in inside and b in inside
    assert both == top
