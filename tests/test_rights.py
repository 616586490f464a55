"""Rights written in ways no vocabulary entry spells out, and publications named
without 《》 or symbol: distributive coordinations (言论和信仰自由), rights of a
rights-holder group (子孙后代的权利), rights described by what they entitle to
(平等获取经济资源的权利), reports of the Secretary-General cited by subject,
reports named after their author, Latin-named toolkits — on the bundled corpus and
on a text the rules were not written from."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import extract_text

UNSEEN = Path(__file__).parent / "data" / "unseen" / "rights-in-new-words-note.txt"


@pytest.fixture(scope="module")
def note(extractor):
    text = UNSEEN.read_text(encoding="utf-8")
    return extract_text(extractor, text, UNSEEN.name, doc_type="note")


def at(result, cls: str) -> dict[str, set[str]]:
    """anchor (no whitespace) -> keys of the entities of class ``cls`` mentioned there."""
    found: dict[str, set[str]] = {}
    for m in result.mentions:
        if m.entity.cls == cls:
            found.setdefault(re.sub(r"\s+", "", m.anchor), set()).add(m.entity.key)
    return found


def keys(result, cls: str) -> set[str]:
    return {m.entity.key for m in result.mentions if m.entity.cls == cls}


# ---------------------------------------------------------------- corpus
def test_unnamed_coordinations_are_read_distributively(corpus) -> None:
    call = corpus["highest-aspiration-2020.txt"]
    rights = at(call, "Right")
    assert rights["言论和信仰自由"] == {"freedom-of-expression"}
    assert rights["信仰自由"] == {"freedom-of-religion"}
    assert rights["表达、参与、集会和结社自由"] == {"freedom-of-expression"}
    assert rights["集会和结社自由"] == {"freedom-of-assembly-and-association"}
    assert not [key for key in keys(call, "Right") if key.startswith("zh:") and "自由" in key]


def test_rights_of_a_group(corpus) -> None:
    for name in ("highest-aspiration-2020.txt", "highest-aspiration-2020-from-pdf.txt"):
        assert at(corpus[name], "Right")["子孙后代的权利"] == {"rights-of-future-generations"}
    # a right the vocabulary names for the group keeps its identity
    assert at(corpus["highest-aspiration-2020.txt"], "Right")["土著人民的权利"] == \
        {"indigenous-rights"}
    # 少数民族权利监察专员办公室 is an office, not a right
    assert "minority-rights" not in keys(corpus["A-HRC-44-28.txt"], "Right")


def test_rights_described_by_what_they_entitle_to(corpus) -> None:
    pact = keys(corpus["A-79-L.2.txt"], "Right")
    assert {"zh:平等获取经济资源的权利", "zh:为和平目的研究、生产和使用核能的不可剥夺的权利",
            "zh:充分参与国家政治、经济、社会和文化生活的权利"} <= pact
    assert "right-to-health" in pact  # 享有能达到的最高标准身心健康的权利 stays the vocabulary's
    described = [k for r in corpus.values() for k in keys(r, "Right") if k.startswith("zh:")]
    assert not [k for k in described if "义务" in k or "福祉" in k]


def test_public_participation_and_voting_power(corpus) -> None:
    report = at(corpus["A-HRC-44-28.txt"], "Right")
    assert report["公众参与权"] == {"right-to-public-participation"}
    assert report["参与公共事务权"] == {"public-participation"}
    assert "right-to-vote" not in keys(corpus["A-79-L.2.txt"], "Right")  # IMF voting power


def test_publications_named_without_brackets(corpus) -> None:
    pact = keys(corpus["A-79-L.2.txt"], "Publication")
    assert "zh:秘书长关于当前科学技术发展及其对国际安全及裁军努力的潜在影响的报告" in pact
    assert "秘书长" in {m.entity.label_zh for m in corpus["A-79-L.2.txt"].mentions}
    assert "zh:#Faith4Rights工具包" in keys(corpus["A-HRC-44-28.txt"], "Publication")
    assert "zh:罗森塔尔报告" in keys(corpus["highest-aspiration-2020.txt"], "Publication")


# ---------------------------------------------------------------- unseen text
def test_unseen_coordinations(note) -> None:
    rights = at(note, "Right")
    assert rights["宗教和结社自由"] == {"freedom-of-religion"}
    assert rights["表达、迁徙和结社自由"] == {"freedom-of-expression"}
    assert rights["迁徙和结社自由"] == {"freedom-of-movement"}
    assert rights["结社自由"] == {"freedom-of-association"}


def test_unseen_group_and_described_rights(note) -> None:
    rights = at(note, "Right")
    assert rights["难民的权利"] == {"rights-of-refugees"}
    assert rights["人权维护者的权利"] == {"rights-of-human-rights-defenders"}
    assert rights["老年人的权利"] == {"older-persons-rights"}
    assert rights["为和平目的探索和利用外层空间的权利"] == {"zh:为和平目的探索和利用外层空间的权利"}
    assert rights["平等获得基本医疗服务的权利"] == {"zh:平等获得基本医疗服务的权利"}
    assert rights["自由选择职业的权利"] == {"zh:自由选择职业的权利"}
    assert not [a for a in rights if "义务" in a or "投票权" in a]


def test_unseen_publications(note) -> None:
    publications = at(note, "Publication")
    assert publications["关于外层空间活动透明度和建立信任措施的报告"] == \
        {"zh:秘书长关于外层空间活动透明度和建立信任措施的报告"}
    assert publications["布伦特兰报告"] == {"zh:布伦特兰报告"}
    assert publications["#Space4Rights工具包"] == {"zh:#Space4Rights工具包"}
    # cited with its symbol it is a UN document; a state's name makes no report's name
    assert not [a for a in publications if "海洋法" in a or "尼日利亚" in a]
    assert "A/80/66" in keys(note, "UNDocument")
