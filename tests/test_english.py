"""English extraction on texts written for these tests (issue 12): the same components as
Chinese read English data; vocabulary entities and resolution symbols are one entity
whatever the language; a text in neither language gets the language-independent
extractors and a warning."""

from __future__ import annotations

from hrkg.extract import Extractor, text_source

RESOLUTION = """United Nations
General Assembly Distr.: General 3 March 2031
Resolution adopted by the General Assembly on 2 March 2031
90/12. Water for all
The General Assembly,
Recalling its resolutions 70/1 of 25 September 2015 and 71/256 of 23 December 2016, and
Human Rights Council resolution 41/3,
Reaffirming the Universal Declaration of Human Rights and the Convention on the Rights of
the Child, and recalling that the Convention protects every child,
1. Requests the Secretary-General to report on the implementation of the present resolution;
2. Invites Member States to support women and children in rural areas.
"""


def _english(extractor: Extractor):
    return extractor.extract_source(text_source(RESOLUTION, "water.txt"))


def test_english_head_gives_type_organ_author_and_date() -> None:
    result = _english(Extractor())
    meta = result.metadata
    assert (meta.language, meta.doc_type, meta.date, meta.title) == (
        "en", "resolution", "2031-03-02", "Water for all")
    assert [(r.predicate, r.obj.key) for r in result.relations
            if r.subject is None and r.predicate == "creator"] == [("creator", "general-assembly")]


def test_resolution_lists_and_organs() -> None:
    result = _english(Extractor())
    found = {m.entity.key: m.anchor for m in result.mentions if m.entity.cls == "Resolution"}
    assert found == {"A/RES/70/1": "resolutions 70/1", "A/RES/71/256": "71/256",
                     "A/HRC/RES/41/3": "resolution 41/3"}


def test_vocabulary_names_short_forms_and_plurals() -> None:
    result = _english(Extractor())
    by_key: dict[str, list[str]] = {}
    for mention in result.mentions:
        by_key.setdefault(mention.entity.key, []).append(mention.anchor)
    assert "Secretary-General" in by_key["secretary-general"]
    assert by_key["udhr"] == ["Universal Declaration of Human Rights"]
    assert by_key["crc"] == ["Convention on the Rights of\nthe Child", "Convention"]
    assert "women" in by_key["women"] and "children" in by_key["children"]


def test_operative_requests_and_adopted_by() -> None:
    result = _english(Extractor())
    triples = {(r.subject.key if r.subject else "self", r.predicate, r.obj.key)
               for r in result.relations if not r.background}
    assert {("self", "requests", "secretary-general"), ("self", "requests", "member-states"),
            ("A/RES/70/1", "adoptedBy", "general-assembly"),
            ("A/HRC/RES/41/3", "adoptedBy", "human-rights-council")} <= triples


def test_one_entity_for_both_languages() -> None:
    extractor = Extractor()
    english = _english(extractor)
    chinese = extractor.extract_source(text_source(
        "大会，\n回顾第70/1号决议和《儿童权利公约》，\n1. 请秘书长提出报告。\n", "zh.txt"))
    def keyed(result):
        return {m.entity.key: m.entity for m in result.mentions}
    en, zh = keyed(english), keyed(chinese)
    for key in ("A/RES/70/1", "crc", "secretary-general"):
        assert en[key] is zh[key]


def test_a_text_in_neither_language_is_read_for_symbols_only() -> None:
    text = ("Rappelant la résolution A/RES/70/1 et les droits de l'enfant, le Conseil des "
            "droits de l'homme demande aux États de présenter un rapport sur la question.\n")
    result = Extractor().extract_source(text_source(text, "fr.txt"))
    assert result.metadata.language == "und"
    assert [m.entity.key for m in result.mentions] == ["A/RES/70/1"]
    assert any("neither Chinese nor English" in warning for warning in result.warnings)
