"""Instruments, rights, groups, mechanisms and publications: named with or without
《》, coordinated rights as one right, short forms that refer (and compounds that
do not) — on the bundled corpus and on a text the rules were not written from."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import extract_text

UNSEEN = Path(__file__).parent / "data" / "unseen"


@pytest.fixture(scope="module")
def unseen(extractor):
    text = (UNSEEN / "mountain-rights-convention.txt").read_text(encoding="utf-8")
    return extract_text(extractor, text, "mountain.txt")


def keys(result, cls: str) -> set[str]:
    return {m.entity.key for m in result.mentions if m.entity.cls == cls}


def labels(result, cls: str) -> set[str]:
    return {m.entity.label_zh for m in result.mentions if m.entity.cls == cls}


def entity_at(result, anchor: str):
    found = {m.entity.key for m in result.mentions if re.sub(r"\s+", "", m.anchor) == anchor}
    assert len(found) == 1, (anchor, found)
    return found.pop()


# ---------------------------------------------------------------- corpus
def test_instruments_named_without_brackets(corpus) -> None:
    report = labels(corpus["A-HRC-44-28.txt"], "Instrument")
    assert {"关于缔约国义务性质的第3号一般性意见", "利比里亚第二个国家人权行动计划",
            "哥伦比亚国家人权行动计划", "几内亚国家人权计划",
            "布宜诺斯艾利斯成果文件", "可持续发展问题高级别政治论坛政治宣言", "信仰促进权利框架",
            "关于仇恨言论和数据的战略", "关于发展权的具有法律约束力的文书"} <= report
    assert "秘书长" in labels(corpus["A-HRC-44-28.txt"], "Actor")  # not swallowed


def test_the_summit_declaration_is_one_instrument_in_both_forms(corpus) -> None:
    pact = corpus["A-79-L.2.txt"]
    declaration = "zh:2023年可持续发展目标峰会政治宣言"
    assert entity_at(pact, "《政治宣言》") == declaration
    assert entity_at(pact, "2023年可持续发展目标峰会政治宣言") == declaration
    assert "zh:政治宣言" not in keys(pact, "Instrument")
    assert "可持续发展目标峰会" in labels(pact, "Actor")


def test_the_sdgs_as_a_whole_are_no_instrument(corpus) -> None:
    for result in corpus.values():
        names = labels(result, "Instrument") | labels(result, "Publication")
        assert not {"可持续发展目标", "目标"} & names


def test_beijing_declaration_and_platform_are_two_texts(corpus) -> None:
    assert {"beijing-declaration", "beijing-platform-for-action"} <= keys(
        corpus["A-79-L.2.txt"], "Instrument")


def test_own_declaration_is_the_annex_under_its_heading(corpus) -> None:
    pact = corpus["A-79-L.2.txt"]
    own = {m.entity.key for m in pact.mentions if m.anchor in ("《宣言》", "本宣言")}
    assert own == {"declaration-future-generations"}


def test_compound_nouns_are_no_short_forms(corpus) -> None:
    pact = corpus["A-79-L.2.txt"]
    assert not [m for m in pact.mentions if m.anchor in ("协定", "宣言") and m.is_short_form]


def test_sg_initiatives_are_instruments(corpus) -> None:
    for name in ("highest-aspiration-2020.txt", "highest-aspiration-2020-from-pdf.txt"):
        result = corpus[name]
        assert {"human-rights-up-front", "highest-aspiration"} <= keys(result, "Instrument")
        assert not keys(result, "Publication") & {"highest-aspiration"}


def test_coordinated_rights_are_one_right(corpus) -> None:
    pact = keys(corpus["A-79-L.2.txt"], "Right")
    assert {"civil-political-esc-rights", "esc-rights"} <= pact  # the named tail nests
    call = corpus["highest-aspiration-2020.txt"]
    rights = keys(call, "Right")
    assert {"freedom-from-fear-and-want", "freedom-of-assembly-and-association",
            "civil-political-esc-rights", "civil-political-rights"} <= rights
    assert not {"cultural-rights", "social-rights", "freedom-of-association",
                "freedom-from-fear"} & rights
    assert entity_at(call, "经济、公民、文化、政治和社会权利") == "civil-political-esc-rights"


def test_generic_phrases_are_no_rights_or_mechanisms(corpus) -> None:
    for result in corpus.values():
        assert not {"基本自由", "诉诸司法", "集体权利"} & labels(result, "Right")
        assert "人权机制" not in labels(result, "Mechanism")


def test_present_and_future_generations_are_future_generations(corpus) -> None:
    pact = corpus["A-79-L.2.txt"]
    assert entity_at(pact, "今世后代") == entity_at(pact, "子孙后代") == "future-generations"


def test_volume_title_joins_its_report(corpus) -> None:
    pact = corpus["A-79-L.2.txt"]
    assert entity_at(pact, "《环发会议通过的决议》") == \
        "zh:联合国环境与发展会议的报告，1992年6月3日至14日，里约热内卢"


# ---------------------------------------------------------------- unseen text
def test_unseen_instruments_come_out_with_their_class(unseen) -> None:
    subclasses = {m.entity.label_zh: m.entity.subclass for m in unseen.mentions
                  if m.entity.cls == "Instrument"}
    assert subclasses["关于山地生态系统与人权的区域公约"] == "Treaty"
    assert subclasses["关于数字环境中儿童权利的第25号一般性意见"] == "GeneralComment"
    assert subclasses["蒙古2023-2027年国家人权行动计划"] == "Plan"
    assert subclasses["尼泊尔第三个国家人权行动计划"] == "Plan"  # the nearest State
    assert subclasses["关于工商业活动与人权的具有法律约束力的国际文书"] == "Treaty"
    assert "山地权利青年领导力倡议" in subclasses
    assert "第三次发展筹资问题国际会议成果文件" in subclasses
    assert "第三次发展筹资问题国际会议" in labels(unseen, "Actor")


def test_unseen_sdgs_title_is_no_entity(unseen) -> None:
    assert not {"可持续发展目标"} & (labels(unseen, "Instrument") | labels(unseen, "Publication"))


def test_unseen_own_convention_under_its_heading(unseen) -> None:
    own = {m.entity.key for m in unseen.mentions if m.anchor in ("《公约》", "本公约")}
    assert own == {"zh:关于山地生态系统与人权的区域公约"}


def test_unseen_compound_is_not_the_paris_agreement(unseen) -> None:
    paris = [m.anchor for m in unseen.mentions if m.entity.key == "paris-agreement"]
    assert paris == ["《巴黎协定》"]


def test_unseen_rights_in_a_new_order_are_one_right(unseen) -> None:
    rights = keys(unseen, "Right")
    assert entity_at(unseen, "公民、文化、经济、政治和社会权利") == "civil-political-esc-rights"
    assert {"freedom-of-assembly-and-association", "freedom-of-thought-conscience-religion",
            "freedom-from-fear-and-want"} <= rights
    assert not {"cultural-rights", "social-rights", "freedom-of-association"} & rights


def test_unseen_groups(unseen) -> None:
    assert {"future-generations", "ethnic-groups"} <= keys(unseen, "Group")


def test_a_forum_that_adopts_a_declaration_names_it(extractor) -> None:
    """Unseen wording: "<forum>通过了一项政治宣言(大会第 X 号决议)"; the mention is the head
    alone, the instrument is named after the forum's canonical name, and the forum adopted
    it in that resolution."""
    text = ("二、背景\n\n2024 年 10 月举行的社会论坛通过了一项政治宣言(大会第 79/321 号决议)，"
            "在该宣言中，各国承诺加强国际合作。\n")
    result = extract_text(extractor, text, "forum.txt")
    declaration = next(m.entity for m in result.mentions if m.anchor == "政治宣言")
    assert declaration.cls == "Instrument"
    assert declaration.label_zh == "社会论坛政治宣言"
    found = {(r.predicate, r.obj.label_zh) for r in result.relations
             if r.subject is not None and r.subject.key == declaration.key}
    assert ("adoptedBy", "社会论坛") in found
    assert ("adoptedIn", "大会第79/321号决议") in {(p, o.replace(" ", "")) for p, o in found}


def test_national_plans_belong_to_their_country(extractor) -> None:
    """Unseen text: two countries' national plans are two instruments, named after the
    country of the paragraph ("在蒙古，…") or the State the sentence names first; a plan of
    no known country keeps its bare name."""
    text = ("12. 在蒙古，人权高专办支持司法部起草第二个国家人权行动计划。\n\n"
            "13. 巴拉圭于 2023 年通过了一项国家人权行动计划，涵盖发展权。\n\n"
            "14. 许多国家正在制定国家人权行动计划。\n")
    result = extract_text(extractor, text, "plans.txt")
    plans = [m.entity.label_zh for m in sorted(result.mentions, key=lambda m: m.orig_start)
             if m.entity.cls == "Instrument" and "计划" in m.anchor]
    assert plans == ["蒙古第二个国家人权行动计划", "巴拉圭国家人权行动计划", "国家人权行动计划"]
