"""The extraction pipeline on real sentences of UN documents."""

from __future__ import annotations

import pytest
from conftest import extract_text


def extract(extractor, text: str, organ: str | None = None, doc_type: str | None = "report"):
    return extract_text(extractor, text, organ=organ, doc_type=doc_type)


def keys(result, cls: str) -> list[str]:
    found = []
    for mention in result.mentions:
        if mention.entity.cls == cls and mention.entity.key not in found:
            found.append(mention.entity.key)
    return found


@pytest.mark.parametrize(("text", "organ", "expected"), [
    ("大会第 73/299 号决议", None, ["A/RES/73/299"]),
    ("见第70/1号决议。", "大会", ["A/RES/70/1"]),
    ("(第 217 A (III)号决议)", None, ["A/RES/217(III)"]),
    ("安全理事会 2023 年 12 月 21 日第 2719 (2023) 号决议", None, ["S/RES/2719(2023)"]),
    ("按照理事会 1996 年 7 月 25 日第 1996/31 号决议", "大会", ["E/RES/1996/31"]),
    ("人权理事会在 2019 年 7 月 11 日第 41/3 号决议中，请高级专员编写一份报告。", None,
     ["A/HRC/RES/41/3"]),
    ("这些原则也是人权理事会任务的基础(大会第 60/251 号决议和理事会第 5/1 号决议)。", None,
     ["A/RES/60/251", "A/HRC/RES/5/1"]),
    ("见 A/RES/70/1 和 A/HRC/RES/41/3 以及 E/RES/1996/31。", None,
     ["A/RES/70/1", "A/HRC/RES/41/3", "E/RES/1996/31"]),
    ("理事会第 42/30 号决议认识到这项工作的重要性。", "人权理事会", ["A/HRC/RES/42/30"]),
    ("根据大会 2008 年 9 月 15 日第 62/557 号决定", None, ["A/DEC/62/557"]),
])
def test_resolutions_are_normalized_to_un_symbols(extractor, text, organ, expected) -> None:
    assert keys(extract(extractor, text, organ), "Resolution") == expected


def test_un_document_symbols_exclude_resolutions_and_join_corrigenda(extractor) -> None:
    text = ("见 A/HRC/42/29，第 29-68 段；A/CONF.157/24 (Part I)，第三章；E/CN.6/2021/14；"
            "CRC/C/OPAC/VUT/CO/1；A/HRC/43/31 和 Corr.1；以及第 69/313 号决议和 A/RES/70/1。")
    assert keys(extract(extractor, text), "UNDocument") == [
        "A/HRC/42/29", "A/CONF.157/24(PartI)", "E/CN.6/2021/14", "CRC/C/OPAC/VUT/CO/1",
        "A/HRC/43/31", "A/HRC/43/31/Corr.1"]


def test_sdg_goals_targets_and_lists(extractor) -> None:
    text = ("在《2030 年可持续发展议程》中，可持续发展目标 16 和可持续发展目标 16.8 很重要，"
            "各国报告了目标 17 的进展(目标 1、4、6 和 14)，以及目标 3 和 4。")
    goals = extract(extractor, text)
    assert keys(goals, "SDGGoal") == ["16", "17", "1", "4", "6", "14", "3"]
    assert keys(goals, "SDGTarget") == ["16.8"]


def test_other_frameworks_numbered_objectives_are_not_sdgs(extractor) -> None:
    text = ("《2030 年可持续发展议程》。\n目标 1. 弥合所有数字鸿沟，加快实现所有可持续发展目标\n"
            "我们将采取以下行动。")
    assert keys(extract(extractor, text), "SDGGoal") == []


def test_titles_are_classified_by_their_head(extractor) -> None:
    text = "缔约国通过了《保护海洋遗传资源区域公约》，并发表了《2031 年海洋状况年度报告》。"
    result = extract(extractor, text)
    assert [m.entity.label_zh for m in result.mentions if m.entity.cls == "Instrument"] == [
        "保护海洋遗传资源区域公约"]
    assert [m.entity.label_zh for m in result.mentions if m.entity.cls == "Publication"] == [
        "2031年海洋状况年度报告"]


def test_short_forms_resolve_to_the_full_mention(extractor) -> None:
    text = ("《世界人权宣言》得到呼应，该宣言第 22 条承认国际合作。《联合国宪章》第一条。"
            "《宪章》第五十五条。")
    result = extract(extractor, text)
    instruments = {m.surface: m.entity.key for m in result.mentions if m.entity.cls == "Instrument"}
    assert instruments["该宣言"] == instruments["世界人权宣言"]
    assert instruments["宪章"] == instruments["联合国宪章"]
    assert len(set(instruments.values())) == 2


def test_unresolved_short_forms_make_no_entity(extractor) -> None:
    result = extract(extractor, "该公约规定了义务。《宣言》很重要。")
    assert keys(result, "Instrument") == []


def test_footnote_gives_adopted_in(extractor) -> None:
    text = ("我们重申《亚的斯亚贝巴行动议程》7 的承诺。\n"
            " 7 第 69/313 号决议，附件。 \n")
    result = extract(extractor, text, organ="大会", doc_type="draft-resolution")
    adopted_in = [(r.subject.key if r.subject else None, r.obj.key)
                  for r in result.relations if r.predicate == "adoptedIn"]
    assert adopted_in and adopted_in[0][1] == "A/RES/69/313"


@pytest.mark.parametrize(("text", "expected"), [
    ("会议同时重申委员会的作用，并确保国际法院的独立。", ["国际法院"]),
    ("联合国移民问题网络和联合国大学全球健康国际研究所提供了支持。",
     ["联合国移民问题网络", "联合国大学全球健康国际研究所"]),
    ("各方应确定人工智能问题独立国际科学小组的成员。", ["人工智能问题独立国际科学小组"]),
    ("打击跨国有组织犯罪集团。", []),
    ("在日本大阪举行的 20 国集团首脑会议上，并在高级别全体会议和适当论坛上。",
     ["日本", "20国集团首脑会议"]),
])
def test_body_names_stop_at_verbs_and_keep_whole_words(extractor, text, expected) -> None:
    result = extract(extractor, text)
    assert [m.entity.label_zh for m in result.mentions if m.entity.cls == "Actor"] == expected
