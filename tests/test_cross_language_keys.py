"""One IRI per entity across languages when the Chinese and the English version are built in
two separate runs (issue 12): language-independent structural keys for open-world names made
of known parts (extract/entities/structural_keys.py), persons named in Latin script by whom
they speak for (extract/entities/speakers.py), joint UN symbols and sessions of a conference
of the parties. Each language is extracted by its own Extractor: two builds that never meet."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import SKOS

from hrkg.build import Builder
from hrkg.extract import Extractor, text_source
from hrkg.extract.entities.factory import EntityFactory
from hrkg.extract.entities.structural_keys import structural_key
from hrkg.extract.model import ExtractionResult
from hrkg.extract.vocabulary import load_vocabulary
from hrkg.graph.builder import BuildInfo, build_dataset
from hrkg.graph.files import open_built_graph
from hrkg.graph.uris import entity_uri

ZH = ("近东救济工程处主任专员和巴勒斯坦国外交部长访问了加沙。\n"
      "德国联邦外交部和美国儿基会基金资助了该方案，儿基会瑞士和列支敦士登委员会也提供了捐款。\n"
      "法国外交部表示欢迎。\n"
      "Salah先生(突尼斯)说，各国应当行动。\n"
      "Ahmed先生(埃及)说，他支持该方案。Ahmed先生还说，方案很重要。\n"
      "Haddad先生说，他同意。\n"
      "见秘书长的报告A/76/871-2022/493和A/78/62-E/2023/49。\n"
      "儿基会参加了《联合国气候变化框架公约》第二十七届缔约方大会。\n")
EN = ("The UNRWA Commissioner-General and the Minister for Foreign Affairs of the State of "
      "Palestine visited Gaza.\n"
      "The German Federal Foreign Office and the United States Fund for UNICEF funded the "
      "programme, and the Committee for UNICEF Switzerland and Liechtenstein also contributed.\n"
      "The French Ministry of Foreign Affairs welcomed it.\n"
      "Mr. Salah (Tunisia) said that States should act.\n"
      "Mr. Ahmed (Egypt) said that he supported the programme. Mr. Ahmed also said that it "
      "mattered.\n"
      "Mr. Haddad said that he agreed.\n"
      "See the reports of the Secretary-General A/76/871–S/2022/493 and A/78/62-E/2023/49.\n"
      "UNICEF took part in the twenty-seventh session of the Conference of the Parties to the "
      "United Nations Framework Convention on Climate Change.\n")


def _iris(text: str, name: str) -> dict[str, set[str]]:
    """Surface -> the IRIs its mentions get, extracted by a fresh Extractor (its own build)."""
    result: ExtractionResult = Extractor().extract_source(text_source(text, name))
    found: dict[str, set[str]] = {}
    for mention in result.mentions:
        surface = " ".join(mention.surface.split())
        found.setdefault(surface, set()).add(str(entity_uri(mention.entity.cls,
                                                            mention.entity.key)))
    return found


@pytest.fixture(scope="module")
def separately() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    return _iris(ZH, "zh.txt"), _iris(EN, "en.txt")


@pytest.mark.parametrize(("zh", "en"), [
    ("近东救济工程处主任专员", "UNRWA Commissioner-General"),
    ("巴勒斯坦国外交部长", "Minister for Foreign Affairs of the State of Palestine"),
])
def test_a_post_of_a_known_body_or_state_has_one_iri(separately, zh: str, en: str) -> None:
    chinese, english = separately
    assert chinese[zh] == english[en]
    assert not any("/zh-" in iri or "/en-" in iri for iri in chinese[zh])


@pytest.mark.parametrize(("zh", "en"), [
    ("德国联邦外交部", "German Federal Foreign Office"),
    ("美国儿基会基金", "United States Fund for UNICEF"),
    ("儿基会瑞士和列支敦士登委员会", "Committee for UNICEF Switzerland and Liechtenstein"),
])
def test_a_states_ministry_and_a_national_body_have_one_iri(separately, zh: str,
                                                             en: str) -> None:
    chinese, english = separately
    assert chinese[zh] == english[en]


def test_a_post_of_a_body_named_by_its_short_form_is_that_bodys_post() -> None:
    english = _iris("The Commission on Science and Technology for Development met in Geneva.\n"
                    "It invites the Chair of the Commission to report to the Council.\n", "en.txt")
    chinese = _iris("科学和技术促进发展委员会在日内瓦举行会议。\n"
                    "请科学和技术促进发展委员会主席向理事会报告。\n", "zh.txt")
    post = {str(entity_uri("Actor", "cstd/chair"))}
    assert english["Chair of the Commission"] == chinese["科学和技术促进发展委员会主席"] == post
    # no commission named before: "the Commission" is no known body's short form here
    alone = _iris("It invites the Chair of the Commission to report to the Council.\n", "x.txt")
    assert alone.get("Chair of the Commission", set()) != post


def test_two_states_ministries_stay_two(separately) -> None:
    chinese, english = separately
    assert chinese["法国外交部"] == english["French Ministry of Foreign Affairs"]
    assert chinese["法国外交部"] != chinese["德国联邦外交部"]


def test_a_latin_name_is_keyed_by_whom_the_person_speaks_for(separately) -> None:
    chinese, english = separately
    assert chinese["Salah"] == english["Salah"]
    assert chinese["Ahmed"] == english["Ahmed"]  # a later bare mention: the same person
    assert len(chinese["Ahmed"]) == 1
    assert chinese["Salah"] != chinese["Ahmed"]
    # no State or body named for him: his name alone could be anyone's, two keys stay two
    assert chinese["Haddad"] != english["Haddad"]


def test_one_name_for_two_states_is_two_persons() -> None:
    zh = _iris("Salah先生(突尼斯)说，各国应当行动。\n", "a.txt")
    other = _iris("Salah先生(埃及)说，各国应当行动。\n", "b.txt")
    assert zh["Salah"] != other["Salah"]


def test_a_joint_symbol_is_keyed_by_its_first_symbol(separately) -> None:
    chinese, english = separately
    assert chinese["A/76/871-2022/493"] == english["A/76/871–S/2022/493"] == {
        str(entity_uri("UNDocument", "A/76/871"))}
    assert chinese["A/78/62-E/2023/49"] == english["A/78/62-E/2023/49"]


def test_a_session_of_a_conference_of_the_parties_is_keyed_by_its_un_short_name(
        separately) -> None:
    chinese, english = separately
    session = ("twenty-seventh session of the Conference of the Parties to the United "
               "Nations Framework Convention on Climate Change")
    assert chinese["第二十七届缔约方大会"] == english[session] == {
        str(entity_uri("Actor", "COP27"))}
    paris = _iris("作为《巴黎协定》缔约方会议的《公约》缔约方会议第五届会议开幕。\n", "p.txt")
    assert paris["作为巴黎协定缔约方会议的公约缔约方会议第五届会议"] == {
        str(entity_uri("Actor", "CMA5"))}  # the treaty it serves as the meeting of


@pytest.mark.parametrize(("zh", "en", "key"), [
    ("德国卫生部长", "Minister of Health of Germany", "state-de/minister-health"),
    ("德国外交部部长", "German Foreign Minister", "state-de/minister-foreign-affairs"),
    ("利比里亚司法部", "Liberia's Ministry of Justice", "state-lr/ministry-justice"),
    ("人权事务委员会主席", "Chair of the Human Rights Committee", "human-rights-committee/chair"),
    ("乌干达人权委员会", "Uganda Human Rights Commission", "state-ug/human-rights-commission"),
    ("南非人权委员会", "South African Human Rights Commission",
     "state-za/human-rights-commission"),
    ("爱尔兰人权中心", "Irish Centre for Human Rights", "state-ie/human-rights-centre"),
])
def test_the_parts_of_a_name_make_its_key_in_both_languages(zh: str, en: str,
                                                            key: str) -> None:
    factory = EntityFactory(load_vocabulary())
    assert structural_key(zh, "zh", factory) == structural_key(en, "en", factory) == key


@pytest.mark.parametrize(("name", "lang"), [
    ("德国联邦外交部新闻处", "zh"),  # a word that is no kind, no known name
    ("German Federal Foreign Office Press Unit", "en"),
    ("儿基会委员会", "zh"),  # a national body names its State
    ("各国外交部", "zh"),  # a collective is no parent
])
def test_a_name_with_an_unknown_part_gets_no_structural_key(name: str, lang: str) -> None:
    assert structural_key(name, lang, EntityFactory(load_vocabulary())) is None


POST = URIRef(entity_uri("Actor", "unrwa/commissioner-general"))
BOTH_LABELS = {Literal("近东救济工程处主任专员", lang="zh"),
               Literal("UNRWA Commissioner-General", lang="en")}


def test_one_dataset_of_both_languages_labels_a_structural_key_in_both() -> None:
    extractor = Extractor()
    results = [extractor.extract_source(text_source(text, name)) for text, name in (
        ("近东救济工程处主任专员访问了加沙。\n", "a.txt"),
        ("The UNRWA Commissioner-General visited Gaza.\n", "b.txt"))]
    dataset = build_dataset(results, BuildInfo("test", "2031-01-01T00:00:00Z"),
                            extractor.vocabulary)
    assert {o for s, p, o in dataset.triples() if (s, p) == (POST, SKOS.prefLabel)
            } == BOTH_LABELS


def test_one_build_of_both_languages_labels_a_structural_key_in_both(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("近东救济工程处主任专员访问了加沙。\n", encoding="utf-8")
    (folder / "b.txt").write_text("The UNRWA Commissioner-General visited Gaza.\n",
                                  encoding="utf-8")
    Builder(tmp_path / "out", outputs=["turtle"]).run([folder])
    graph = open_built_graph(tmp_path / "out")
    assert set(graph.objects(POST, SKOS.prefLabel)) == BOTH_LABELS
