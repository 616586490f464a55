"""One IRI per entity across languages, built separately (issue 12): bodies, units,
initiatives and report series of the UN system named in Chinese and in English resolve to
one vocabulary key, and a dated edition of a series (or a plan's period) is keyed
``<series key>/<year or period>`` in both languages (extract/entities/editions.py)."""

from __future__ import annotations

import pytest

from hrkg.extract import DocumentMetadata, Extractor, text_source
from hrkg.extract.vocabulary import load_vocabulary
from hrkg.graph.uris import entity_uri

# the entries added for cross-language identity (extract/vocab/*.yaml)
ADDED = (
    "unicef-executive-board", "undp-unfpa-unops-executive-board", "un-women-executive-board",
    "wfp-executive-board", "unicef-supply-division", "unicef-emergency-programmes-office",
    "unicef-emergency-programme-fund", "division-for-palestinian-rights", "iasc-principals",
    "iasc-task-force-localization", "global-cluster-coordination-group",
    "global-refugee-youth-network", "palestinian-authority", "cstd-gender-advisory-board",
    "world-humanitarian-summit", "core-commitments-children", "grand-bargain",
    "arab-peace-initiative", "water-action-agenda", "unicef-strategic-plan",
    "undp-strategic-plan", "unfpa-strategic-plan", "un-women-strategic-plan",
    "wfp-strategic-plan", "humanitarian-action-for-children", "unicef-garr-humanitarian",
    "technology-and-innovation-report", "unicef-human-resources-division", "unicef-innocenti",
    "special-information-programme-palestine", "un-mgcy", "act-accelerator",
    "sphere-standards", "unispal", "childrens-climate-risk-index",
)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _keys(extractor: Extractor, text: str, name: str) -> dict[str, str]:
    """Anchor -> entity key of every mention of ``text``."""
    result = extractor.extract_source(text_source(text, name))
    return {m.anchor: m.entity.key for m in result.mentions}


def test_every_added_entry_has_both_names() -> None:
    vocabulary = load_vocabulary()
    for key in ADDED:
        entry = vocabulary.get(key)
        assert entry is not None, key
        assert entry.zh and entry.en, key
        assert "《" not in entry.zh and not entry.en.startswith("The "), key


@pytest.mark.parametrize(("zh", "en", "key"), [
    ("各方呼吁以色列撤销对巴勒斯坦权力机构的惩罚措施。",
     "They called on Israel to revoke punitive measures against the Palestinian Authority.",
     "palestinian-authority"),
    ("巴勒斯坦人民权利司继续散发季度通讯。",
     "The Division for Palestinian Rights continued to disseminate a newsletter.",
     "division-for-palestinian-rights"),
    ("妇女署已成为机构间常设委员会负责人小组的成员。",
     "UN-Women has joined the IASC Principals Group.", "iasc-principals"),
    ("儿基会共同主持机构间常设委员会本地化工作队。",
     "UNICEF is co-chairing the IASC Task Force on Localization and leveraging its "
     "global cluster leadership.", "iasc-task-force-localization"),
    ("儿基会与全球群组协调小组合作。",
     "UNICEF worked with the Global Cluster Coordination Group.",
     "global-cluster-coordination-group"),
    ("尽管世界人道主义峰会承诺灵活供资。",
     "Despite the World Humanitarian Summit commitments to flexible funding.",
     "world-humanitarian-summit"),
    ("各项应对措施均符合《人道主义行动造福儿童的核心承诺》。",
     "Responses were aligned with the Core Commitments for Children in Humanitarian Action.",
     "core-commitments-children"),
    ("资金通过儿基会紧急方案基金的拨款拨付。",
     "Funds came from the UNICEF Emergency Programme Fund.", "unicef-emergency-programme-fund"),
    ("会员国支持履行构成《水行动议程》的自愿承诺。",
     "Member States support the commitments that constitute the Water Action Agenda.",
     "water-action-agenda"),
    ("报告已提交儿基会执行局。", "The report was submitted to the UNICEF Executive Board.",
     "unicef-executive-board"),
    ("请委员会性别平等问题咨询委员会提供见解。",
     "Requests the Gender Advisory Board of the Commission to provide input.",
     "cstd-gender-advisory-board"),
    ("委员会支持继续执行全球传播部的巴勒斯坦问题特别新闻方案。",
     "The Committee supported the continuation of the special information programme on the "
     "question of Palestine.", "special-information-programme-palestine"),
    ("联合国巴勒斯坦问题信息系统数据库为秘书处提供了资料。",
     "The United Nations Information System on the Question of Palestine database had "
     "provided documents.", "unispal"),
    ("按照环球计划标准，方案执行率良好。",
     "Recovery rates were good according to Sphere standards, with a recovery rate above "
     "target.", "sphere-standards"),
    ("2022年，儿基会儿童气候风险指数在试点国家推广。",
     "The UNICEF Children’s Climate Risk Index was extended in 2022 to the small island "
     "States.", "childrens-climate-risk-index"),
    ("其他伙伴关系包括与联合国儿童和青年主要群体的伙伴关系。",
     "Other partnerships include those with the United Nations Major Group for Children and "
     "Youth.", "un-mgcy"),
    ("儿基会发出了获取COVID-19工具加速计划的呼吁。",
     "UNICEF issued the Access to COVID-19 Tools Accelerator appeals during the year.",
     "act-accelerator"),
    ("《儿童在多重危机中的前景》，儿基会因诺琴蒂-全球研究与展望办公室，佛罗伦萨。",
     "Prospects for Children in the Polycrisis, UNICEF Innocenti – Global Office of Research "
     "and Foresight, Florence, January 2023.", "unicef-innocenti"),
])
def test_one_key_in_both_languages(extractor: Extractor, zh: str, en: str, key: str) -> None:
    assert key in _keys(extractor, zh, "zh.txt").values()
    assert key in _keys(extractor, en, "en.txt").values()


@pytest.mark.parametrize(("zh", "en", "key"), [
    ("联合国人道主义事务协调厅，《2023年全球人道主义状况概览》，日内瓦。",
     "The Office for the Coordination of Humanitarian Affairs published the Global "
     "Humanitarian Overview 2023 in Geneva.",
     "global-humanitarian-overview/2023"),
    ("儿基会在2022年人道主义行动造福儿童呼吁中收到了资金。",
     "UNICEF received funding against the 2022 Humanitarian Action for Children appeal.",
     "humanitarian-action-for-children/2022"),
    ("本节通过《2023年人道主义行动造福儿童呼吁：气候危机、冲突和流离失所》阐述成果。",
     "Results are set out in the 2023 Humanitarian Action for Children appeal: the climate "
     "crisis, conflict and displacement.", "humanitarian-action-for-children/2023"),
    ("这是实现儿基会《2022-2025年战略计划》成果的战略。",
     "This is a strategy for achieving results in the UNICEF Strategic Plan, 2022–2025.",
     "unicef-strategic-plan/2022-2025"),
    ("《2023年技术和创新报告：打开绿色之窗——实现低碳世界的技术机会》已经发布。",
     "The Technology and Innovation Report 2023: Opening Green Windows – Technological "
     "Opportunities for a Low-carbon World was issued.", "technology-and-innovation-report/2023"),
])
def test_a_dated_edition_is_keyed_by_its_series_and_date(extractor: Extractor, zh: str,
                                                         en: str, key: str) -> None:
    assert key in _keys(extractor, zh, "zh.txt").values()
    assert key in _keys(extractor, en, "en.txt").values()


def test_the_edition_key_is_the_same_iri_in_both_builds(extractor: Extractor) -> None:
    zh = extractor.extract_source(text_source("儿基会2022-2025年战略计划的成果。", "zh.txt"))
    en = extractor.extract_source(text_source(
        "Results of the 2022–25 UNICEF Strategic Plan.", "en.txt"))
    iris = {entity_uri(m.entity.cls, m.entity.key) for r in (zh, en) for m in r.mentions
            if m.entity.cls == "Instrument"}
    assert iris == {entity_uri("Instrument", "unicef-strategic-plan/2022-2025")}


def test_a_plan_takes_a_period_and_a_report_series_a_year(extractor: Extractor) -> None:
    keys = _keys(extractor, "The 2023 UNICEF Strategic Plan was discussed. The Global "
                 "Humanitarian Overview 2022–2023 was read.", "en.txt")
    assert "unicef-strategic-plan" in keys.values()
    assert not any(k.startswith(("unicef-strategic-plan/", "global-humanitarian-overview/"))
                   for k in keys.values())


def test_a_quoted_series_name_with_its_year_is_the_edition(extractor: Extractor) -> None:
    keys = _keys(extractor, "2023年“人道主义行动造福儿童”呼吁提供了深入信息。", "zh.txt")
    assert keys.get("2023年“人道主义行动造福儿童”呼吁") == "humanitarian-action-for-children/2023"


def test_an_undated_series_after_its_edition_is_that_edition(extractor: Extractor) -> None:
    zh = _keys(extractor, "《2022年全球人道主义行动年度成果报告》提供了成果说明，数字可能与"
               "《全球人道主义行动年度成果报告》中的不同。", "zh.txt")
    en = _keys(extractor, "More is provided in the 2022 Global Annual Results Report on "
               "humanitarian action, and figures may differ in the Global Annual Results "
               "Report on humanitarian action.", "en.txt")
    for keys in (zh, en):
        assert set(keys.values()) & {"unicef-garr-humanitarian/2022"}
        assert "unicef-garr-humanitarian" not in keys.values()
    alone = _keys(extractor, "数字见《全球人道主义行动年度成果报告》。", "zh.txt")
    assert "unicef-garr-humanitarian" in alone.values()


def test_the_series_name_inside_its_edition_is_no_mention_of_its_own(
        extractor: Extractor) -> None:
    result = extractor.extract_source(text_source(
        "人道协调厅，《2023年全球人道主义状况概览》，第22页。", "zh.txt"))
    keys = [m.entity.key for m in result.mentions if m.entity.cls == "Publication"]
    assert keys == ["global-humanitarian-overview/2023"]


UNIT_ZH = "紧急方案办公室征聘了一名宣传专家，人力资源司征聘了一名专注于群组的专职工作人员。"
UNIT_EN = ("A dedicated cluster-focused staff member in the Division of Human Resources is "
           "helping to address these challenges. The Division provided direct support.")


@pytest.mark.parametrize(("text", "lang"), [(UNIT_ZH, "zh"), (UNIT_EN, "en")])
def test_a_unit_named_bare_in_its_organizations_document(extractor: Extractor, text: str,
                                                         lang: str) -> None:
    def keys(authors: list[str]) -> set[str]:
        result = extractor.extract_source(text_source(text, f"{lang}.txt"), metadata=(
            DocumentMetadata(authors=authors, doc_type="report", language=lang)))
        return {m.entity.key for m in result.mentions}

    assert "unicef-human-resources-division" in keys(["联合国儿童基金会"])
    assert "unicef-human-resources-division" not in keys(["联合国难民事务高级专员办事处"])
    # a head word alone ("the Division") is no unit's name
    assert "unicef-supply-division" not in keys(["联合国儿童基金会"])


BOARD_ZH = "本报告根据执行局第2022/6号决定提交。执行局在其中请本组织提供最新资料。"
BOARD_EN = ("The present report is submitted in response to decision 2022/6 of the Executive "
            "Board. The Executive Board took note of the report.")


@pytest.mark.parametrize(("author", "board"), [
    ("联合国儿童基金会", "unicef-executive-board"),
    ("联合国开发计划署", "undp-unfpa-unops-executive-board"),
    ("联合国人口基金", "undp-unfpa-unops-executive-board"),
    ("世界粮食计划署", "wfp-executive-board"),
    ("联合国促进性别平等和增强妇女权能署", "un-women-executive-board"),
])
def test_a_funds_executive_board_named_bare_is_one_key_in_both_languages(
        extractor: Extractor, author: str, board: str) -> None:
    for text, lang in ((BOARD_ZH, "zh"), (BOARD_EN, "en")):
        result = extractor.extract_source(text_source(text, f"{lang}.txt"), metadata=(
            DocumentMetadata(authors=[author], doc_type="report", language=lang)))
        assert board in {m.entity.key for m in result.mentions}, lang
