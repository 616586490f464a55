"""Relation rules on the bundled corpus: each rule read from the real text."""

from __future__ import annotations

from pathlib import Path

import pytest

from hrkg.extract.model import ExtractionResult, Relation

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def extract(extractor, name: str) -> ExtractionResult:
    """A corpus file as the extractor reads it without its catalog entry."""
    return extractor.extract_file(CORPUS / name)


@pytest.fixture(scope="module")
def pact(extractor) -> ExtractionResult:
    return extract(extractor, "A-79-L.2.txt")


@pytest.fixture(scope="module")
def council_report(extractor) -> ExtractionResult:
    return extract(extractor, "A-HRC-44-28.txt")


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
        sentence = clean.text[relation.sentence_start:relation.sentence_end]
        in_footnote = (clean.footnote_at(relation.sentence_start) is not None
                       or relation.sentence_start >= clean.body_end)
        if in_footnote and not any(o in sentence for o in ("大会", "理事会")):
            assert relation.background  # "第 70/1 号决议。": known from the symbol only
        if not in_footnote and "安全理事会" in sentence and relation.subject.key.startswith("S/"):
            assert not relation.background  # "按照安全理事会 … 第 2719(2023)号决议"


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
    from hrkg.extract.cleaning.sentences import sentences
    from hrkg.extract.relations.comentions import sentence_comentions

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


@pytest.fixture(scope="module")
def call_to_action(extractor) -> ExtractionResult:
    return extract(extractor, "highest-aspiration-2020.txt")


def test_conference_decisions_are_resolutions_with_their_symbol(pact):
    keys = {m.entity.key for m in pact.mentions if m.entity.cls == "Resolution"}
    assert {"FCCC/DEC/1/CP.21", "CBD/COP/DEC/15/4", "A/RES/217(III)"} <= keys
    assert "A/DEC/15/4" not in keys  # 第 15/4 号决定 next to CBD/COP/15/17 is the CBD COP's


def test_footnotes_give_the_adopting_resolution_or_decision(pact):
    adopted_in = {(r.subject.key, r.obj.key) for r in pact.relations if r.predicate == "adoptedIn"}
    assert ("udhr", "A/RES/217(III)") in adopted_in
    assert ("paris-agreement", "FCCC/DEC/1/CP.21") in adopted_in  # "…，第 1/CP.21 号决定。"
    framework = [r for r in rules(pact, "footnote-annex-clause") if "生物多样性框架" in
                 r.subject.label_zh]  # marker after the clause: "…框架》确保…保障；10"
    assert [r.obj.key for r in framework] == ["CBD/COP/DEC/15/4"]
    for relation in pact.relations:
        if relation.predicate == "adoptedBy" and relation.rule == "adopted-in-organ-resolution":
            assert relation.background  # the organ is known from the symbol, not stated


def test_resolution_organ_counts_as_stated_only_when_written(pact, council_report):
    series = {(r.subject.key, r.background) for r in
              rules(pact, "resolution-symbol-series") + rules(council_report,
                                                              "resolution-symbol-series")}
    assert ("A/RES/48/141", True) in series  # "回顾 1993 年 12 月 20 日第 48/141 号决议"
    assert ("A/RES/53/30", False) in series  # "大会第 62/557 号决定以及…第 53/30 号决议"
    assert ("A/HRC/RES/36/29", False) in series  # footnote "人权理事会第 36/29 号决议鼓励…"


def test_requests_read_the_actor_after_fillers_and_skip_ti_qing(pact):
    states = find(pact, "requests", None, "各国")
    assert states and "敦促各国" in pact.clean.text[states[0].sentence_start:
                                                   states[0].sentence_end]
    council = find(pact, "requests", None, "安全理事会")
    for relation in council:
        sentence = pact.clean.text[relation.sentence_start:relation.sentence_end]
        assert "促请安全理事会" in sentence  # not "鼓励秘书长提请安全理事会注意"


def test_resolution_that_opens_its_clause_requests(council_report):
    found = [r.obj.label_zh for r in rules(council_report, "resolution-request-verb")
             if r.subject.key == "A/HRC/RES/42/30"]
    assert found == ["联合国人权事务高级专员办事处"]  # "…号决议认识到…，请人权高专办…"
    endorsed = rules(council_report, "footnote-endorses-practice")
    assert [(r.subject.key, r.obj.label_zh) for r in endorsed] == [("A/HRC/RES/36/29", "各国")]


def test_conference_outcomes_and_preambles_name_the_adopter(pact):
    embodied = {r.subject.key for r in rules(pact, "embodied-outcome")}
    assert {"geneva-declaration-principles-wsis", "tunis-agenda"} <= embodied
    convened = [(r.subject.key, r.obj.key) for r in rules(pact, "preamble-convened")]
    assert convened == [("declaration-future-generations", "summit-of-the-future")]
    owners = {r.obj.label_zh for r in rules(pact, "actor-before-title")
              if r.subject.label_zh == "学校上网倡议"}
    assert owners == {"国际电信联盟", "联合国儿童基金会"}


def test_first_person_adopter_is_the_author_office(call_to_action):
    adopted = {(r.subject.key, r.obj.key) for r in
               rules(call_to_action, "first-person-adopted-title")}
    assert ("hate-speech-strategy", "secretary-general") in adopted  # 我近期发布的《…》和《…》
    assert ("religious-sites-plan-of-action", "secretary-general") in adopted
    assert all(obj == "secretary-general" for _, obj in adopted)


def test_organ_speaking_in_an_anaphor_or_an_owned_title(council_report):
    organ = {r.subject.label_zh for r in rules(council_report, "organ-in-title")}
    assert any("亚的斯亚贝巴" in label for label in organ)  # 大会在该议程中阐述了
    assert "布宜诺斯艾利斯成果文件" in organ  # 在<会议>的布宜诺斯艾利斯成果文件中，大会承诺
    assert "发展权利宣言" not in organ  # "该宣言" far from any full mention of that declaration


def test_instruments_concern_the_rights_their_titles_name(council_report):
    concerns = {(r.subject.key, r.obj.key) for r in council_report.relations
                if r.predicate == "concerns"}
    assert ("declaration-right-to-development", "right-to-development") in concerns
    for relation in council_report.relations:
        if relation.predicate == "concerns":
            assert relation.subject.cls in ("Instrument", "Resolution")
            assert relation.obj.cls == "Right" and not relation.background


def test_call_to_action_areas_are_commitments(call_to_action):
    areas = [c for c in call_to_action.commitments if c.kind == "area"]
    assert [c.number for c in areas] == list(range(1, 8))
    assert {c.instrument.key for c in areas} == {"highest-aspiration"}
    assert areas[0].heading == "权利是可持续发展的核心"
    for area in areas:  # each heads its own section of the text
        assert call_to_action.clean.text[area.start:area.end] == area.heading
        assert area.end < area.text_end
    future = next(c for c in areas if c.number == 5)
    assert "future-generations" in {e.key for e in future.entities}


def test_report_counts_co_mentions(call_to_action, council_report):
    from hrkg.exports.report import comention_counts
    from hrkg.extract.relations.comentions import sentence_comentions

    documents = [(r, sentence_comentions(r)) for r in (call_to_action, council_report)]
    rows = comention_counts(documents)  # the build counts each document's co-mentions once
    total = sum(sum(counts.values()) for _, counts in documents)
    assert sum(row["sentences"] for row in rows) == total
    assert rows[0]["sentences"] >= rows[-1]["sentences"]
    assert all(1 <= row["documents"] <= 2 and len(row["labels"]) == 2 for row in rows)
