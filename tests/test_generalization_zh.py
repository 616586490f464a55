"""Chinese phrasings of issue 11 (ECOSOC resolutions, publications, small forms), each a
CLASS of phrasing on a text written for the test: requests made by recalled resolutions and
by the document itself, titles in running text, short forms after a verb or a conjunction."""

from __future__ import annotations

import pytest
from conftest import extract_text

from hrkg.extract import text_source

RESOLUTION_HEAD = "2021年届会\n议程项目12\n2021年7月20日经济及社会理事会决议\n经济及社会理事会，\n"


@pytest.fixture(scope="module")
def ecosoc_resolution(extractor):
    text = RESOLUTION_HEAD + (
        "回顾人口与发展委员会和社会发展委员会的工作，\n"
        "回顾大会2016年12月21日第71/5号、2018年12月20日第73/9号和2020年12月21日第75/8号决议，"
        "其中大会请统计委员会和人口与发展委员会在现有资源范围内审议移徙数据问题，\n"
        "又回顾大会2019年12月19日第74/12号决议鼓励委员会加强与区域委员会的合作，\n"
        "注意到理事会的工作，\n"
        "鼓励委员会：\n(一)\n继续审查移徙数据的质量；\n(二)\n与各国统计局密切合作；\n"
        "请理事会主席向大会报告。\n")
    return extractor.extract_source(text_source(text, "ecosoc-res.txt"))


def requests_of(result) -> set[tuple[str, str]]:
    return {(r.subject.key if r.subject else "self", r.obj.key) for r in result.relations
            if r.predicate == "requests" and not r.background}


# -- requests: a recalled resolution list that asks, "其中<organ>请A和B" -----------------
def test_every_resolution_of_a_recalled_list_requests_every_actor_asked(ecosoc_resolution):
    found = requests_of(ecosoc_resolution)
    for resolution in ("A/RES/71/5", "A/RES/73/9", "A/RES/75/8"):
        assert (resolution, "statistical-commission") in found
        assert (resolution, "cpd") in found


def test_a_short_form_after_a_request_verb_is_the_body_asked(ecosoc_resolution):
    found = requests_of(ecosoc_resolution)
    # "第74/12号决议鼓励委员会": the commission named last before (人口与发展委员会)
    assert ("A/RES/74/12", "cpd") in found
    # "鼓励委员会：" heading a list of operative sub-paragraphs: the document asks it
    assert ("self", "cpd") in found
    assert ("self", "csocd") not in found
    assert ("self", "ecosoc") not in found  # 请理事会主席…: the President is asked, not the Council


def test_a_request_naming_another_actor_before_the_verb_is_not_the_resolutions(extractor):
    text = RESOLUTION_HEAD + ("回顾大会第70/3号决议，秘书长在其中请各国提供资料，\n"
                              "又回顾第71/9号决议，各国应与开发署合作，\n")
    result = extractor.extract_source(text_source(text, "ecosoc-res2.txt"))
    found = requests_of(result)
    assert ("A/RES/70/3", "states") not in found
    assert not any(subject == "A/RES/71/9" for subject, _ in found)


# -- small forms: undotted targets, coordinated groups, a coordinated freedom --------------
def test_a_target_written_without_its_dot_is_the_target(extractor):
    text = ("为实现《2030年议程》，各国应努力落实具体目标5a和具体目标6.b"
            "以及可持续发展目标具体目标2c。")
    result = extract_text(extractor, text)
    found = {(m.surface, m.entity.key) for m in result.mentions if m.entity.cls.startswith("SDG")}
    assert ("具体目标5a", "5.a") in found
    assert ("具体目标6.b", "6.b") in found
    assert any(key == "2.c" for _, key in found)


def test_modifiers_sharing_a_group_head_are_each_a_group(extractor):
    text = "方案优先照顾残疾和无人陪伴儿童以及农村和土著妇女，并支持小岛屿和内陆发展中国家。"
    keys = {m.entity.key for m in extract_text(extractor, text).mentions
            if m.entity.cls == "Group"}
    assert {"rural-women", "indigenous-women", "sids", "lldcs"} <= keys
    assert "women" not in keys and "children" not in keys  # the shared head is no group alone


def test_opinion_and_expression_is_one_freedom(extractor):
    text = "各国应保障见解和言论自由，并保护记者。"
    rights = {m.entity.key for m in extract_text(extractor, text).mentions
              if m.entity.cls == "Right"}
    assert rights == {"freedom-of-expression"}


# -- class 9: a commitment to an instrument is no reaffirmation of the instrument ------------
def test_reaffirming_a_commitment_to_an_instrument_is_not_reaffirming_it(extractor):
    text = ("重申对《巴黎协定》的承诺，重申《北京宣言》所载的各项承诺，"
            "并重申《世界人权宣言》。")
    result = extract_text(extractor, text)
    reaffirmed = {r.obj.key for r in result.relations if r.predicate == "reaffirms"}
    assert reaffirmed == {"udhr"}


# -- publications and instruments named without 《》 -----------------------------------------
def test_a_bibliographic_line_names_its_title(extractor):
    text = ("正文提到了这些研究。\n"
            "国际发展学会，农村妇女获得土地的机会：区域比较，发展研究丛刊，罗马，2019年5月。\n"
            "世界气象组织，“沿海城市的热浪”，信息图，2021年7月。\n"
            "山区妇女的生计——2020年：一个村庄的故事，视频，开发署，2020年。\n"
            "联合国，秘书长的报告：儿童与武装冲突，A/76/871，联合国，纽约，2022年6月23日。\n"
            "同上，第4页。\n")
    result = extract_text(extractor, text)
    titles = {m.surface for m in result.mentions if m.entity.cls == "Publication"}
    assert titles == {"农村妇女获得土地的机会：区域比较", "沿海城市的热浪",
                      "山区妇女的生计——2020年：一个村庄的故事"}  # not the symbol-cited report
    assert any(m.surface == "世界气象组织" and m.entity.cls == "Actor" for m in result.mentions)


def test_agreed_conclusions_are_an_instrument_of_the_commission(extractor):
    text = ("又回顾妇女地位委员会第六十三届会议通过的委员会关于社会保护制度和可持续基础设施"
            "促进性别平等的商定结论，")
    result = extractor.extract_source(text_source(RESOLUTION_HEAD + text, "ecosoc-res3.txt"))
    conclusions = next(m.entity for m in result.mentions if m.surface.endswith("商定结论"))
    assert conclusions.cls == "Instrument"
    assert conclusions.label_zh.startswith("关于社会保护制度")  # the commission stays apart
    adopted = {(r.subject.key, r.obj.key) for r in result.relations
               if r.predicate == "adoptedBy" and r.subject is not None}
    assert (conclusions.key, "csw") in adopted


def test_a_framework_an_organization_says_it_made_is_named(extractor):
    text = ("开发署还更新了其数据政策，并正在制定一个区域城市韧性框架，将于明年推出。"
            "欢迎委员会的工作，回顾粮农组织已制定国家粮食、营养和农业政策评估框架。"
            "儿基会正在拟订一项全球学校供水和卫生战略行动计划。"
            "各国应制定一项国家行动计划。儿基会将采取办法：就新问题制定和实施人道主义政策和指南。"
            "开发署支持农业部结成伙伴关系，目的是为社区委员会制定山区土地管理计划。")
    result = extract_text(extractor, text)
    named = {m.surface: m.entity.cls for m in result.mentions
             if m.entity.cls in ("Instrument", "Publication")}
    assert named == {"区域城市韧性框架": "Instrument",                 # …，并正在制定一个…
                     "国家粮食、营养和农业政策评估框架": "Instrument",  # 回顾<organization>已制定…
                     "全球学校供水和卫生战略行动计划": "Instrument"}
    # not a bare 国家行动计划, not a verb phrase, not a plan another clause's subject makes


# -- adoptedIn: the resolution named before the title it adopts ------------------------------
@pytest.mark.parametrize("text", [
    "重申大会在第71/2号决议中通过的《海洋可持续利用行动纲领》。",
    "回顾大会第71/2号决议所载的《海洋可持续利用行动纲领》。",
    "回顾大会第71/2号决议核可的《海洋可持续利用行动纲领》。",
    "回顾大会第71/2号决议，其中大会通过了《海洋可持续利用行动纲领》。",
    "回顾大会题为《海洋可持续利用行动纲领》的2016年10月5日第71/2号决议。",
])
def test_a_resolution_that_adopts_the_title_it_names(extractor, text):
    result = extract_text(extractor, text)
    adopted_in = {r.obj.key for r in result.relations
                  if r.predicate == "adoptedIn" and r.subject is not None
                  and r.subject.label_zh == "海洋可持续利用行动纲领"}
    assert adopted_in == {"A/RES/71/2"}


def test_a_resolution_only_listed_with_a_title_does_not_adopt_it(extractor):
    result = extract_text(extractor, "回顾第71/2号决议和《海洋可持续利用行动纲领》。")
    assert not [r for r in result.relations if r.predicate == "adoptedIn"]


def test_a_request_another_actor_makes_is_not_the_documents(extractor):
    text = RESOLUTION_HEAD + (
        "回顾人口与发展委员会的工作，\n欢迎秘书长呼吁各国加强数据合作，\n"
        "注意到人权高专办鼓励民间社会参与，\n"
        "1. 请秘书长向理事会下届会议提交关于移徙数据的报告；\n2. 还鼓励会员国提供资料。\n")
    result = extractor.extract_source(text_source(text, "ecosoc-res4.txt"))
    found = requests_of(result)
    assert ("self", "secretary-general") in found and ("self", "member-states") in found
    assert ("self", "states") not in found and ("self", "civil-society") not in found


def test_a_report_or_brief_named_by_its_quoted_title(extractor):
    text = ("注意到秘书长题为“我们共同的数字未来”的报告和人权高专办题为“以人权为本的数据方法”的"
            "指导说明，欢迎题为“城市与人权”的政策简报，以及秘书长题为“移民与发展”的报告"
            "(A/77/236)和题为“数据促进发展”的第76/5号决议。")
    result = extract_text(extractor, text)
    named = {m.surface for m in result.mentions if m.entity.cls == "Publication"}
    assert named == {"我们共同的数字未来", "以人权为本的数据方法", "城市与人权"}
    assert any(m.entity.key == "A/77/236" for m in result.mentions)  # cited by symbol


def test_the_parties_to_a_treaty_are_an_actor_asked(extractor):
    text = RESOLUTION_HEAD + ("回顾其以往各项决议，\n"
                              "1. 鼓励《巴黎协定》各缔约方提出更有力的减排目标；\n"
                              "2. 欢迎《生物多样性公约》缔约方大会的决定。\n")
    result = extractor.extract_source(text_source(text, "ecosoc-res5.txt"))
    parties = next(m.entity for m in result.mentions if m.surface == "巴黎协定各缔约方")
    assert parties.cls == "Actor"
    assert any(m.entity.key == "paris-agreement" for m in result.mentions)  # kept inside
    assert ("self", parties.key) in requests_of(result)
    # …缔约方大会 is the treaty's conference, not its parties
    assert "生物多样性公约缔约方" not in {m.entity.label_zh for m in result.mentions}


def test_evaluations_and_short_titles_named_nowhere_before(extractor):
    text = ("正如关于农村妇女经济权能的机构间人道主义评价所强调的，以及关于开发署的协调作用的"
            "第二次评价所建议的，还需要关于执行情况的评价。参见《城市准入概览》和"
            "《金融时报》的报道。")
    result = extract_text(extractor, text)
    named = {m.surface for m in result.mentions if m.entity.cls == "Publication"}
    assert named == {"关于农村妇女经济权能的机构间人道主义评价", "关于开发署的协调作用的第二次评价",
                     "城市准入概览"}  # not a bare 关于…的评价, not a newspaper
    assert any(m.surface == "开发署" for m in result.mentions)  # kept inside the title


def test_a_titled_citation_with_its_symbol_is_the_document(extractor):
    text = ("见《大会正式记录，第七十五届会议，补编第53号》(A/75/53)，第一章，"
            "以及《2020年山区发展报告》。")
    result = extract_text(extractor, text)
    by_surface = {m.surface: (m.entity.cls, m.entity.key) for m in result.mentions}
    assert by_surface["大会正式记录，第七十五届会议，补编第53号"] == ("UNDocument", "A/75/53")
    assert by_surface["2020年山区发展报告"][0] == "Publication"  # no symbol: a publication
    assert not any(m.entity.cls == "Publication" and "正式记录" in m.surface
                   for m in result.mentions)
