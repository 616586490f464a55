"""Actors: national bodies recorded with their country, field offices, companies, conference
sessions and collective actors, on sentences of the corpus and on text of our own
(tests/data/unseen/country-engagement-report.txt names countries, ministries, companies
and offices that the corpus does not)."""

from __future__ import annotations

from pathlib import Path

import pytest

from hrkg.extract import DocumentMetadata, text_source
from hrkg.extract.model import Mention

HERE = Path(__file__).parent
CORPUS = HERE.parent / "corpus"
UNSEEN = HERE / "data" / "unseen" / "country-engagement-report.txt"


def mentions(extractor, text: str, organ: str | None = None) -> list[Mention]:
    """The mentions the extractor finds in ``text``."""
    result = extractor.extract_source(text_source(text), metadata=DocumentMetadata(organ=organ))
    return result.mentions


def actors(found: list[Mention]) -> dict[str, str]:
    """Surface form -> canonical Chinese label of every Actor mention."""
    return {m.surface: m.entity.label_zh for m in found if m.entity.cls == "Actor"}


@pytest.fixture(scope="module")
def unseen(extractor) -> list[Mention]:
    return mentions(extractor, UNSEEN.read_text(encoding="utf-8"), organ="人权理事会")


@pytest.fixture(scope="module")
def report_44_28(extractor) -> list[Mention]:
    return mentions(extractor, (CORPUS / "A-HRC-44-28.txt").read_text(encoding="utf-8"),
                    organ="人权理事会")


# -- national bodies carry their country ---------------------------------------------------
def test_unseen_national_bodies_record_the_country_of_their_paragraph(unseen) -> None:
    found = actors(unseen)
    assert found["司法和内务部"] == "蒙古司法和内务部"
    assert found["宪法改革委员会"] == "蒙古宪法改革委员会"
    assert found["外交部"] == "巴拉圭外交部"
    assert found["卫生部"] == "巴拉圭卫生部"
    assert found["总检察长"] == "巴拉圭总检察长"
    assert found["国家人权委员会"] == "蒙古国家人权委员会"


def test_national_bodies_link_to_their_state(unseen) -> None:
    """The State is kept on the entity (written as dcterms:spatial by the graph builder)."""
    countries = {m.entity.label_zh: m.entity.country.key for m in unseen
                 if m.entity.cls == "Actor" and m.entity.country is not None}
    assert countries["蒙古司法和内务部"] == countries["蒙古国家统计局"] == "state-mn"
    assert countries["巴拉圭外交部"] == "state-py"
    assert countries["塞内加尔人权委员会"] == "state-sn"  # named after its State
    assert "人权高专办西非区域办事处" not in countries  # international, no State


def test_the_same_name_in_two_countries_is_two_entities(unseen) -> None:
    offices = {m.entity.key for m in unseen if m.surface == "国家统计局"}
    assert offices == {"zh:蒙古国家统计局", "zh:巴拉圭国家统计局"}


def test_a_body_named_after_its_country_keeps_its_name(unseen) -> None:
    assert actors(unseen)["塞内加尔人权委员会"] == "塞内加尔人权委员会"


def test_corpus_liberia_and_colombia_bodies(report_44_28) -> None:
    found = actors(report_44_28)
    assert found["司法部"] == "利比里亚司法部"
    assert found["法律改革委员会"] == "利比里亚法律改革委员会"
    assert found["报告和后续行动国家机制委员会"] == "利比里亚报告和后续行动国家机制委员会"
    assert found["矿产和能源部"] == "哥伦比亚矿产和能源部"
    assert found["环境部"] == "哥伦比亚环境部"
    assert found["国家统计局"] == "喀麦隆国家统计局"


def test_a_ministry_without_a_known_country_is_not_guessed(extractor) -> None:
    assert "司法部" not in actors(mentions(extractor, "各国应加强司法部与警察的协作。"))


def test_sectors_and_parts_are_not_ministries(unseen, extractor) -> None:
    assert not any(m.surface.startswith("安全部") for m in unseen)
    found = actors(mentions(extractor, "在蒙古，报告的技术部分和教育部门都有改进。"))
    assert not any(name.endswith("部") for name in found)


# -- offices, companies, conferences ------------------------------------------------------
def test_field_offices_are_cut_after_their_parent(unseen, report_44_28) -> None:
    found = actors(unseen)
    assert found["西非区域办事处"] == "人权高专办西非区域办事处"
    assert found["马里国别办事处"] == "人权高专办马里国别办事处"
    assert [m.entity.key for m in unseen if m.surface == "人权高专办"].count("ohchr") >= 3
    assert actors(report_44_28)["乌干达国别办事处"] == "人权高专办乌干达国别办事处"


def test_an_agency_office_with_no_place_is_just_the_agency(unseen) -> None:
    assert not any("开发署区域办事处" in m.surface for m in unseen)
    assert "开发署" in actors(unseen)


def test_listed_latin_company_names_are_companies(unseen, report_44_28) -> None:
    companies = {m.surface for m in unseen + report_44_28 if m.entity.subclass == "Company"}
    assert {"Petropar", "Itaipú Binacional", "Ecopetrol", "Nestlé",
            "Empresas Públicas de Medellín", "Amerisur"} <= companies  # Latin spaces kept


def test_sessions_of_a_conference_of_the_parties_are_conferences(extractor) -> None:
    text = (CORPUS / "A-79-L.2.txt").read_text(encoding="utf-8")
    found = mentions(extractor, text, organ="大会")
    sessions = {m.entity.label_zh for m in found if m.entity.subclass == "Conference"}
    assert {"联合国气候变化框架公约缔约方会议第二十八届会议",
            "作为巴黎协定缔约方会议的公约缔约方会议第五届会议"} <= sessions
    # the convention keeps its own mention inside the session's name
    assert "unfccc" in {m.entity.key for m in found}


# -- what is not an actor ------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "高专办组织了第三次联络会议。",
    "利益攸关方组织了一次圆桌会议。",
    "各国政府同民间社会组织发展伙伴关系。",
    "许多大学生参加了活动。",
    "所有相关利益攸关方都应参与。",
])
def test_meetings_verbs_and_look_alikes_are_not_actors(extractor, text) -> None:
    found = actors(mentions(extractor, text))
    assert not {"第三次联络会议", "利益攸关方组织", "发展伙伴", "大学", "利益攸关方"} & set(found)


# -- collective actors, one node each -------------------------------------------------------
def test_stakeholder_categories_are_collective_actors(unseen) -> None:
    keys = {m.entity.key for m in unseen if m.entity.subclass == "CollectiveActor"}
    assert {"social-media-platforms", "digital-technology-companies", "msmes", "universities",
            "research-institutions", "judiciary", "parliaments"} <= keys


@pytest.mark.parametrize(("surfaces", "key"), [
    (["民间社会", "民间社会组织", "民间团体"], "civil-society"),
    (["私营部门", "工商企业"], "private-sector"),
    (["社交媒体平台", "社交媒体公司"], "social-media-platforms"),
    (["议会", "议员", "各国议会"], "parliaments"),
])
def test_variant_names_of_one_collective_are_one_node(extractor, surfaces, key) -> None:
    found = mentions(extractor, "，".join(f"与{surface}合作" for surface in surfaces) + "。")
    assert [m.entity.key for m in found] == [key] * len(surfaces)


# -- short forms ---------------------------------------------------------------------------
def test_a_short_form_with_no_antecedent_yields_to_the_body_name(unseen) -> None:
    found = actors(unseen)
    assert found["调查委员会"] == "调查委员会"
    assert found["实况调查团"] == "实况调查团"


def test_a_short_form_after_its_full_name_still_resolves(extractor) -> None:
    found = mentions(extractor,
                     "乌克兰问题独立国际调查委员会提交了报告。调查委员会认为，局势严峻。")
    assert [m.entity.key for m in found if m.entity.cls == "Actor"][-1] == "coi-ukraine"


def test_mandate_holder_titles(report_44_28) -> None:
    keys = {m.surface: m.entity.key for m in report_44_28}
    assert keys["负责儿童与武装冲突问题的秘书长特别代表"] == "srsg-children-armed-conflict"
    assert keys["发展权工作组主席兼报告员"] == "zh:发展权工作组主席兼报告员"
    assert keys["发展权工作组"] == "wg-right-to-development"
