"""Label language tags (issue 12.5): an entity's names are tagged by their script (Han @zh,
Latin @en), an English-only open-world entity has an English prefLabel and no empty one, a
Latin-script name found in a Chinese text is never @zh; the graph still conforms."""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import SKOS

from hrkg.extract import Extractor, text_source
from hrkg.graph.builder import BuildInfo, build_dataset
from hrkg.graph.labels import preferred_labels, script_language
from hrkg.graph.uris import entity_uri
from hrkg.graph.validate import validate_graph

ENGLISH = """United Nations
General Assembly Distr.: General 3 March 2031
Resolution adopted by the General Assembly on 2 March 2031
90/14. Rivers and lakes
The General Assembly,
Welcoming the Lakeside Declaration on Freshwater Stewardship adopted at Kisumu in 2030,
Recalling the Convention on the Rights of the Child,
1. Invites Member States to take into account the Lakeside Declaration on Freshwater
Stewardship when preparing national plans;
"""

CHINESE = """联合国 大会 决议
大会，
回顾《儿童权利公约》，
鼓励 Lakeview、Ostrand Mining 等企业尊重人权，
1. 请秘书长提交报告。
"""


def _labels(ds, uri: URIRef, predicate: URIRef) -> set[tuple[str, str | None]]:
    return {(str(o), o.language) for g in ds.graphs() for o in g.objects(uri, predicate)
            if isinstance(o, Literal)}


def _build(extractor: Extractor, text: str, name: str):
    result = extractor.extract_source(text_source(text, name))
    return result, build_dataset([result], BuildInfo("test", "2031-01-01T00:00:00Z"),
                                 extractor.vocabulary).to_dataset()


def test_script_decides_the_tag() -> None:
    assert [script_language(t) for t in ("儿童权利公约", "ACAPS", "PROSPECTS伙伴关系",
                                          "74/151", "L'Oréal")] == ["zh", "en", "zh", None, "en"]
    assert preferred_labels("", "Lakeside Declaration", "en:x") == (
        {"en": "Lakeside Declaration"}, [])
    assert preferred_labels("ACAPS", None, "zh:ACAPS") == ({"en": "ACAPS"}, [])
    assert preferred_labels("A/80/83", "A/80/83", "A/80/83") == ({"en": "A/80/83"}, [])
    assert preferred_labels("儿童基金会", "UNICEF", "unicef") == (
        {"zh": "儿童基金会", "en": "UNICEF"}, [])
    assert preferred_labels("ACAPS", "Assessment Capacities Project", "acaps") == (
        {"en": "Assessment Capacities Project"}, ["ACAPS"])
    assert preferred_labels("", None, "en:Lakeside") == ({"en": "en:Lakeside"}, [])


def test_english_open_world_entity_has_an_english_label_only() -> None:
    extractor = Extractor()
    result, ds = _build(extractor, ENGLISH, "rivers.txt")
    lakeside = [m.entity for m in result.mentions
                if m.entity.label_en == "Lakeside Declaration on Freshwater Stewardship"]
    assert lakeside, "the English title is found"
    uri = entity_uri(lakeside[0].cls, lakeside[0].key)
    assert _labels(ds, uri, SKOS.prefLabel) == {
        ("Lakeside Declaration on Freshwater Stewardship", "en")}
    crc = entity_uri("Instrument", "crc")
    assert {lang for _, lang in _labels(ds, crc, SKOS.prefLabel)} == {"zh", "en"}
    for g in ds.graphs():
        for _, predicate, label in g.triples((None, None, None)):
            if predicate in (SKOS.prefLabel, SKOS.altLabel):
                assert str(label), "no empty label"
                assert not (label.language == "zh" and script_language(str(label)) != "zh")
    report = validate_graph(ds)
    assert report.conforms, report.violations[:3]


def test_latin_name_in_a_chinese_text_is_not_chinese() -> None:
    result, ds = _build(Extractor(), CHINESE, "acaps.txt")
    found = {m.anchor: m.entity for m in result.mentions}
    assert {"Lakeview", "Ostrand Mining"} <= set(found), "the company names are found"
    for name in ("Lakeview", "Ostrand Mining"):
        entity = found[name]
        assert _labels(ds, entity_uri(entity.cls, entity.key), SKOS.prefLabel) == {(name, "en")}
