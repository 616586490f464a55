"""Sub-units of organizations, posts held in them, and the officers of the body whose
meeting a summary record reports (issue 11, Chinese generalization), on text of our own."""

from __future__ import annotations

import pytest

from hrkg.extract import text_source
from hrkg.extract.model import Mention


def mentions(extractor, text: str) -> list[Mention]:
    """The mentions found in ``text``, its metadata read from its head."""
    return extractor.extract_source(text_source(text)).mentions


def actors(found: list[Mention]) -> dict[str, str]:
    """Surface form -> canonical Chinese label of every Actor mention."""
    return {m.surface: m.entity.label_zh for m in found if m.entity.cls == "Actor"}


# -- units: divisions, task forces, groups of a named organization --------------------------
def test_a_division_named_with_its_agency_is_one_unit_with_its_short_name(extractor) -> None:
    found = mentions(extractor, "2024年，开发署采购司向受灾地区运送了物资。采购司还与合作伙伴"
                                "协调。粮食署财务司发布了指南。")
    units = [m for m in found if m.surface in ("开发署采购司", "采购司")]
    assert len(units) == 2 and units[0].entity is units[1].entity
    assert units[0].entity.label_zh == "开发署采购司"
    assert actors(found)["粮食署财务司"] == "粮食署财务司"


def test_task_forces_and_groups_of_an_inter_agency_body(extractor) -> None:
    found = actors(mentions(extractor, "世卫组织牵头成立了机构间常设委员会性别平等工作队，"
                                       "并向机构间常设委员会负责人小组报告。"))
    # 负责人 (the heads) is a noun, not the verb 负责; 平等 is no 等 ending a list
    assert {"机构间常设委员会性别平等工作队", "机构间常设委员会负责人小组"} <= set(found)


def test_a_commissioner_s_gongshu_is_the_commissioner_s_office(extractor) -> None:
    found = {m.surface: m.entity.key for m in mentions(
        extractor, "联合国人权事务高级专员公署和难民事务高级专员公署发表了联合声明。")}
    assert found["联合国人权事务高级专员公署"] == "ohchr"
    assert found["难民事务高级专员公署"] == "unhcr"


# -- posts held in a named body or State ----------------------------------------------------
def test_posts_held_in_a_named_body_or_state(extractor) -> None:
    found = actors(mentions(extractor, "代表团会见了肯尼亚卫生与社会保障部长、秘鲁外交部长和"
                                       "开发署执行主任。"))
    assert {"肯尼亚卫生与社会保障部长", "秘鲁外交部长", "开发署执行主任"} <= set(found)
    assert "秘鲁外交部" not in found  # the minister, not the ministry


@pytest.mark.parametrize("text", ["一位部长在会上讲话。", "部长级会议随后举行。",
                                  "秘书处通报委员会，副主席代表工作组发言。"])
def test_posts_of_no_named_holder_and_verbs_before_a_head_are_not_actors(extractor,
                                                                          text) -> None:
    found = actors(mentions(extractor, text))
    assert not {"一位部长", "部长", "通报委员会", "代表工作组"} & set(found)


# -- officers of the body whose meeting a summary record reports ----------------------------
RECORD = """残疾人权利委员会
第99次会议简要记录
主席：某某先生 (智利)
通过议程
1. 主席说，委员会将审议年度报告。
副主席某某女士(挪威)代表报告员发言。
尽管主席团尽力而为，但经主席团审查的请求仍然很多。
大会主席出席了会议。特别报告员通过视频发言。
"""


def test_bare_officers_in_a_summary_record_are_the_author_s_officers(extractor) -> None:
    found = mentions(extractor, RECORD)
    officers = {(m.surface, m.entity.label_zh) for m in found if m.component == "body-pattern"}
    assert officers >= {("主席", "残疾人权利委员会主席"), ("副主席", "残疾人权利委员会副主席"),
                        ("报告员", "残疾人权利委员会报告员"), ("主席团", "残疾人权利委员会主席团")}
    assert sum(m.surface == "主席团" for m in found) == 2
    labels = {m.entity.label_zh for m in found}
    assert "大会主席" in labels  # a post named with its body stays that body's
    assert "残疾人权利委员会特别报告员" not in labels
    # the agenda item "通过议程" is no instrument
    assert not [m for m in found if m.entity.cls == "Instrument"]


def test_bare_officers_outside_a_summary_record_are_not_guessed(extractor) -> None:
    found = mentions(extractor, "残疾人权利委员会的报告\n主席说，委员会将审议报告。\n")
    assert not [m for m in found if m.surface == "主席"]


# -- centres, associations, authorities and ministries named after their State --------------
def test_centres_associations_and_authorities_of_a_named_state(extractor) -> None:
    found = actors(mentions(extractor, "挪威人权中心的研究报告和智利土地协会的声明都提到，"
                                       "各方敦促尊重巴勒斯坦权力机构。"))
    assert {"挪威人权中心", "智利土地协会", "巴勒斯坦权力机构"} <= set(found)
    assert "挪威" not in found  # inside the centre's name


@pytest.mark.parametrize("text", ["儿童被转诊到临时学习中心。", "我们采取以人为中心的方针。"])
def test_centres_with_no_named_holder_are_not_actors(extractor, text) -> None:
    assert not [name for name in actors(mentions(extractor, text)) if name.endswith("中心")]


def test_a_ministry_of_a_state_with_an_unlisted_subject(extractor) -> None:
    found = actors(mentions(extractor, "代表团会见了芬兰联邦经济合作与发展部的官员。"
                                       "援助送到了法国北部和儿基会总部。"))
    assert found["芬兰联邦经济合作与发展部"] == "芬兰联邦经济合作与发展部"
    assert not {"法国北部", "儿基会总部"} & set(found)


def test_a_language_named_after_a_state_is_no_state(extractor) -> None:
    found = actors(mentions(extractor, "材料以英文、法文和西班牙文提供，并开设了葡萄牙语课程。"
                                       "德国文化部和葡萄牙政府给予支持。"))
    assert "西班牙" not in found
    assert list(found).count("葡萄牙") == 1 and "德国文化部" in found


def test_a_bare_executive_board_under_a_fund_s_masthead_is_the_fund_s(extractor) -> None:
    text = ("联合国人口基金\n执行局\n2030年年会\n人口基金人道主义工作年度报告\n"
            "执行局将审议本报告。\n")
    found = [m for m in mentions(extractor, text) if m.surface == "执行局"]
    # UNFPA reports to the Executive Board it shares with UNDP and UNOPS
    assert len(found) == 2
    assert {m.entity.key for m in found} == {"undp-unfpa-unops-executive-board"}


# -- kinds of bodies, bodies of an organization for two States, Latin names, COP sessions ---
def test_a_kind_of_body_after_a_list_or_other_is_no_name(extractor) -> None:
    found = actors(mentions(extractor, "我们在大会和人权理事会等国际论坛上发言，并与开发署和"
                                       "其他发展组织合作，这一协调小组每月开会，协调具体组织"
                                       "和不同委员会的工作。"))
    assert {"大会", "人权理事会", "开发署"} <= set(found)
    assert not {"国际论坛", "发展组织", "协调小组", "协调具体组织", "不同委员会"} & set(found)


def test_an_organization_s_body_for_two_states_is_one_name(extractor) -> None:
    found = actors(mentions(extractor, "捐款来自开发署挪威和冰岛委员会以及芬兰。"))
    assert "开发署挪威和冰岛委员会" in found
    assert not {"挪威", "冰岛委员会"} & set(found) and "芬兰" in found


def test_a_latin_name_before_a_body_head_is_a_body(extractor) -> None:
    found = actors(mentions(extractor, "该机构加入了ALPHA联盟和多方BRIDGE伙伴关系。WHO组织。"))
    assert {"ALPHA联盟", "BRIDGE伙伴关系"} <= set(found)
    assert "WHO组织" not in found  # a known acronym is that body's


def test_a_session_written_after_its_convention_is_a_conference(extractor) -> None:
    found = {m.surface: m.entity for m in mentions(
        extractor, "2030年《联合国气候变化框架公约》第三十五届缔约方大会将讨论适应问题。")}
    session = found["第三十五届缔约方大会"]
    assert session.subclass == "Conference"
    assert session.label_zh == "联合国气候变化框架公约第三十五届缔约方大会"
    assert found["联合国气候变化框架公约"].key == "unfccc"


def test_offices_and_teams_of_a_kind_are_no_names(extractor) -> None:
    found = actors(mentions(extractor, "增援人员被派往国家办事处、区域办事处和总部办事处，开发署"
                                       "分区办事处和一个混合小组提供了支持。"))
    assert "开发署" in found
    assert not {"总部办事处", "开发署分区办事处", "分区办事处", "混合小组"} & set(found)


# -- one body, several names in one document (issue 11, class 7) ----------------------------
def test_a_body_entitled_with_a_known_name_is_that_body(extractor) -> None:
    found = {m.surface: m.entity for m in mentions(
        extractor, "会员国筹备题为“第二次社会发展问题世界首脑会议”的社会峰会。")}
    assert found["社会峰会"] is found["第二次社会发展问题世界首脑会议"]


def test_a_shorter_later_name_of_a_body_is_that_body(extractor) -> None:
    found = {m.surface: m.entity for m in mentions(
        extractor, "秘书长设立了一个海洋问题多学科独立国际专家小组和一个水资源专家小组。"
                   "两年后，海洋问题独立国际专家小组提交了报告，粮食安全专家小组也成立了。")}
    assert found["海洋问题独立国际专家小组"] is found["海洋问题多学科独立国际专家小组"]
    assert found["粮食安全专家小组"] is not found["水资源专家小组"]


def test_names_leaving_out_a_joined_name_or_a_number_are_other_bodies(extractor) -> None:
    found = {m.surface: m.entity for m in mentions(
        extractor, "秘书长召集了水资源和能源问题专家小组，后来又设立了能源问题专家小组。"
                   "海洋问题第二十一次协商会议之后举行了海洋问题第二次协商会议。")}
    assert found["能源问题专家小组"] is not found["水资源和能源问题专家小组"]


def test_a_name_cut_short_or_of_a_former_holder_is_the_known_post(extractor) -> None:
    found = {m.surface: m.entity.key for m in mentions(
        extractor, "会上，关于伊朗的伊斯兰共和国人权状况前特别报告员作了发言。")}
    assert found["伊斯兰共和国人权状况前特别报告员"] == "sr-iran"
    # a tail several vocabulary names share is no one's
    assert not [key for surface, key in mentions_keys(extractor, "该国人权状况前特别报告员发言。")
                if key.startswith("sr-")]


def mentions_keys(extractor, text: str) -> list[tuple[str, str]]:
    return [(m.surface, m.entity.key) for m in mentions(extractor, text)]


@pytest.mark.parametrize(("text", "not_names"), [
    ("开发署拥有许多内部学习中心。", {"开发署拥有许多内部学习中心"}),  # a verb inside
    ("卫生组织在肯尼亚和赞比亚部署了专家。", {"赞比亚部"}),  # 部署: deploy
    ("财务司司长和采购司司长出席。", {"财务司司", "采购司司"}),  # 司长: its director
    ("问题工作队每年开会两次。", {"问题工作队"}),
])
def test_verbs_directors_and_bare_topics_make_no_unit_names(extractor, text, not_names) -> None:
    assert not not_names & set(actors(mentions(extractor, text)))
