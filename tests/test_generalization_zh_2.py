"""Chinese phrasings of issue 11 (second set), each a CLASS of phrasing on a text written for
the test: conferences named inside titles, meetings of a body, kinds of bodies in a list,
conferences written with their year."""

from __future__ import annotations

from conftest import extract_text


def actors(result) -> dict[str, str]:
    return {m.surface: m.entity.key for m in result.mentions if m.entity.cls == "Actor"}


# -- a conference of the vocabulary named inside a title -----------------------------------
def test_a_conference_inside_a_title_is_a_mention_of_its_own(extractor):
    text = ("回顾关于《第四次发展筹资问题国际会议塞维利亚承诺》的大会决议，"
            "以及大会题为《关于社会发展问题世界首脑会议成果执行情况的审查》的第80/12号决议，"
            "又回顾《2005年世界首脑会议成果》。")
    result = extract_text(extractor, text)
    found = actors(result)
    assert found.get("第四次发展筹资问题国际会议") == "ffd4"
    assert "社会发展问题世界首脑会议" in found
    # a title that is only the outcome of its event holds no mention of the event
    assert "2005年世界首脑会议" not in found
    titles = {m.surface for m in result.mentions if m.entity.cls == "Instrument"}
    assert "第四次发展筹资问题国际会议塞维利亚承诺" in titles  # the title keeps its mention
    # the conference named inside is where the text comes from, not stated as its adopter
    assert not [r for r in result.relations
                if r.predicate == "adoptedBy" and r.obj.key == "ffd4"]


# -- a meeting of a body is no conference ----------------------------------------------------
def test_a_meeting_of_a_body_is_no_conference(extractor):
    text = ("请咨询小组在委员会年度会议上报告进展，并向大会高级别会议和方案协调委员会"
            "第五十次会议提交资料；欢迎拉丁美洲妇女问题区域会议的成果。")
    found = actors(extract_text(extractor, text))
    for meeting in ("委员会年度会议", "大会高级别会议", "方案协调委员会第五十次会议"):
        assert meeting not in found
    assert "方案协调委员会" in found and "大会" in found  # the bodies keep their mentions
    assert "拉丁美洲妇女问题区域会议" in found  # a named conference still is one


# -- every member of a list of other bodies is a kind of body --------------------------------
def test_the_members_of_a_list_of_other_bodies_are_kinds(extractor):
    text = ("委员会应与其他的卫生、教育和人道主义国际论坛协作，"
            "并与这些人权、发展与和平组织合作，支持全球移民青年论坛。")
    found = actors(extract_text(extractor, text))
    assert not any(name.endswith(("国际论坛", "和平组织")) for name in found)
    assert "全球移民青年论坛" in found  # a name outside the list is still one


# -- notes printed after the end without numbers or markers ----------------------------------
def test_an_unmarked_note_line_gives_the_adopting_resolution(extractor):
    text = ("经济及社会理事会，\n回顾《2030年可持续发展议程》 和《巴黎协定》 的执行情况，\n"
            "又回顾《仙台减少灾害风险框架》，并注意到大会第70/1号决议，附件。所述目标，\n"
            "第30次全体会议\n2024年7月24日\n大会第70/1号决议。\n见FCCC/CP/2015/10/Add.\n"
            "1，第1/CP.\n21号决定，附件。\n见第77/1号决议。\n")
    result = extract_text(extractor, text, organ="经济及社会理事会", doc_type="resolution")
    adopted_in = {(r.subject.key, r.obj.key) for r in result.relations
                  if r.predicate == "adoptedIn" and r.subject is not None}
    assert ("agenda-2030", "A/RES/70/1") in adopted_in
    assert ("paris-agreement", "FCCC/DEC/1/CP.21") in adopted_in  # a split symbol's lines
    # a note whose resolution adopted no instrument named before, and a citation inside a
    # body line, give none
    assert not any(key == "A/RES/77/1" for _, key in adopted_in)
    assert not any(subject == "sendai-framework" for subject, _ in adopted_in)


# -- a body's chair named with the body -------------------------------------------------------
def test_a_chair_named_with_its_body_is_that_bodys_post(extractor):
    text = ("经济及社会理事会，\n回顾人权事务委员会主席的发言，\n鼓励社会发展委员会：\n"
            "(一)\n继续开展工作；\n请委员会主席向理事会报告，并邀请主席团和主席国参加。\n")
    result = extract_text(extractor, text, organ="经济及社会理事会", doc_type="resolution")
    found = actors(result)
    assert found["人权事务委员会主席"] == "human-rights-committee/chair"
    assert found["委员会主席"] == "csocd/chair"  # 委员会: the commission named before
    assert found["人权事务委员会"] == "human-rights-committee"  # the body keeps its mention
    assert not any(name.endswith(("主席团", "主席国")) for name in found)


# -- a body named shorter than the vocabulary body named before --------------------------------
def test_a_shorter_name_of_a_vocabulary_body_as_written_before_is_that_body(extractor):
    text = ("科学和技术促进发展委员会邀请委员会性别平等问题咨询委员会提供见解，"
            "并赞赏性别咨询委员会的贡献。")
    found = actors(extract_text(extractor, text))
    # all its characters stand, in order, in the name as written before (not in the
    # vocabulary's full label, of which it is less than half)
    assert found["性别咨询委员会"] == found["委员会性别平等问题咨询委员会"] \
        == "cstd-gender-advisory-board"


# -- a role a body plays is no body of its own -------------------------------------------------
def test_a_role_after_as_or_is_is_no_body(extractor):
    text = ("回顾人口基金是委员会的秘书处，并由人口基金作为委员会秘书处举办讲习班，"
            "开发署担任区域协作平台联合秘书处，作为联合国移民问题协调中心开展工作；"
            "会议请秘书处提交报告，特别是秘书处统计司。")
    result = extract_text(extractor, text)
    found = actors(result)
    assert not any(name.endswith(("秘书处", "协调中心")) for name in found
                   if not name.startswith(("请", "秘书处")))
    assert "委员会秘书处" not in found and "区域协作平台联合秘书处" not in found
    secretariat = [m for m in result.mentions if m.entity.key == "un-secretariat"]
    assert len(secretariat) == 1  # 请秘书处…: the Secretariat itself still is one
    assert {"人口基金", "开发署"} <= set(found)


# -- a forum named by its quoted title --------------------------------------------------------
def test_a_forum_named_by_its_quoted_title(extractor):
    text = ("回顾2021年在日内瓦举行的“数据促进妇女和女童参与创新”论坛的成果文件，"
            "以及主题为“数字合作”的区域会议。")
    result = extract_text(extractor, text)
    forums = [m for m in result.mentions if m.entity.cls == "Actor"]
    assert [(m.surface, m.entity.subclass) for m in forums] == \
        [("数据促进妇女和女童参与创新", "Forum")]  # a quoted theme before 的 names no body


# -- a conference written with its year after its convener ------------------------------------
def test_a_conference_written_with_its_year_is_the_vocabularys(extractor):
    text = "欢迎联合国2017年海洋会议和联合国2026年水事会议的成果。"
    found = actors(extract_text(extractor, text))
    assert found == {"联合国2017年海洋会议": "un-ocean-conference",
                     "联合国2026年水事会议": "un-water-conference"}
