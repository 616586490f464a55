"""English citations on texts written for these tests (issue 12): the document's own symbol
against a footnote symbol in the head, joint symbols of two organs, symbols split at a
period by one-sentence-a-line sources, and agents that the vocabulary types Actor."""

from __future__ import annotations

from hrkg.extract import Extractor, text_source

BOARD_REPORT = """United Nations Children's Fund
Executive Board
Second regular session 2037
9-11 September 2037
Item 7 of the provisional agenda*
Report on water programmes
E/ICEF/2037/31.
The present report follows the report of the Secretary-General on children and armed
conflict (A/91/402–S/2037/118) and the earlier report (E/ICEF/2036/12).
Takes note of the report on water programmes (E/ICEF/2037/40).
"""


def _result(text: str, name: str):
    return Extractor().extract_source(text_source(text, name))


def test_a_symbol_closed_by_a_full_stop_in_the_head_is_a_citation_not_the_own_symbol() -> None:
    result = _result(BOARD_REPORT, "E-ICEF-2037-40.txt")
    assert result.metadata.symbol == "E/ICEF/2037/40"
    documents = {m.entity.key for m in result.mentions if m.entity.cls == "UNDocument"}
    assert "E/ICEF/2037/31" in documents and "E/ICEF/2037/40" not in documents


def test_a_joint_symbol_of_two_organs_is_one_document() -> None:
    result = _result(BOARD_REPORT, "E-ICEF-2037-40.txt")
    documents = {m.entity.key for m in result.mentions if m.entity.cls == "UNDocument"}
    assert "A/91/402" in documents  # keyed by its first symbol, as every language writes it
    assert not {"A/91/402-S/2037/118", "S/2037/118"} & documents


NOTES = """Resolution adopted by the Economic and Social Council on 2 June 2038
Forests and science
The Economic and Social Council,
Recalling the Paris Agreement,
1. Decides to remain seized of the matter.
See FCCC/CP/2015/10/Add.
1, decision 1/CP.
21, annex.
Trade and Development Board, document UNCTAD/DTL/STICT/2036/2.
"""


def test_a_symbol_split_at_its_period_across_lines_is_rejoined() -> None:
    result = _result(NOTES, "forests.txt")
    keys = {m.entity.key for m in result.mentions}
    assert {"FCCC/CP/2015/10/Add.1", "FCCC/DEC/1/CP.21", "UNCTAD/DTL/STICT/2036/2"} <= keys
    assert "FCCC/CP/2015/10/Add" not in keys


def test_the_technology_facilitation_mechanism_is_an_actor_requested_to_act() -> None:
    text = """Resolution adopted by the Economic and Social Council on 2 June 2038
The Economic and Social Council,
1. Invites the Technology Facilitation Mechanism to consider the impact of new technologies;
"""
    result = _result(text, "tfm.txt")
    classes = {m.entity.key: m.entity.cls for m in result.mentions}
    assert classes.get("technology-facilitation-mechanism") == "Actor"
    assert ("self", "technology-facilitation-mechanism") in {
        ("self" if r.subject is None else r.subject.key, r.obj.key)
        for r in result.relations if r.predicate == "requests"}


REPORT_NOTES = """United Nations Children's Fund
Executive Board
Annual session 2040
Annual report on school meals
The Executive Board
Takes note of the annual report on school meals (E/ICEF/2040/8). Marlow, Jane, “A lunch for \
every learner: why school meals pay back”, The Daily Ledger, 3 March 2039. United Nations \
Office for the Coordination of Humanitarian Affairs, Global Meals Overview 2040, OCHA, \
Geneva, 1 December 2039, p. 7. Inter-Agency Nutrition Committee, The Cost of Hunger in \
Schools, Fields and Markets: Key findings, IANC, Rome, May 2039.
Learning on an Empty Stomach, video, World Food Programme, 2039.
United Nations, Report of the Secretary-General: Children and hunger, A/94/120, United \
Nations, New York, 2 June 2039.
UNICEF, WFP and partners reached 3 million children in 2039, in 40 countries.
"""


def test_footnote_citations_name_their_titles_as_publications() -> None:
    result = _result(REPORT_NOTES, "E-ICEF-2040-8.txt")
    publications = {m.anchor for m in result.mentions if m.entity.cls == "Publication"}
    assert {"A lunch for every learner: why school meals pay back", "Global Meals Overview 2040",
            "The Cost of Hunger in Schools, Fields and Markets: Key findings",
            "Learning on an Empty Stomach"} <= publications, publications
    # a citation with a UN symbol names the document; running text names no title
    assert not any("Children and hunger" in p or "partners" in p for p in publications)


APPEALS = """United Nations Children's Fund
Executive Board
The present document was processed in its entirety by UNICEF.
UNICEF received $2 billion against the 2038 Harvest Action for Farmers appeal.
Offices with a Harvest Action for Farmers appeal reported results.
The 2039 Harvest Action for Farmers appeal was launched in December.
Results are given in the 2038 Global Annual Outcomes Report on school meals, and elsewhere.
Later figures will appear in the Global Annual Outcomes Report on school meals.
The ROOTS III evaluation found gaps. New appeal templates were issued.
The UNICEF Farmers Drought Risk Index was extended.
As the Inter-Agency Review Evaluation on Rural Equality and the Empowerment of Farmers shows,
more is needed.
"""


def test_publication_editions_complements_and_publishers() -> None:
    result = _result(APPEALS, "meals.txt")
    publications = {m.anchor: (m.entity.key, m.is_short_form) for m in result.mentions
                    if m.entity.cls == "Publication"}
    # dated editions are two publications; the undated mention is the edition named before it
    assert publications["Harvest Action for Farmers appeal"] == (
        "en:2038 Harvest Action for Farmers appeal", True)
    assert "2039 Harvest Action for Farmers appeal" in publications
    # a report's lowercase complement belongs to its name; the undated name is its short form
    assert publications["Global Annual Outcomes Report on school meals"] == (
        "en:2038 Global Annual Outcomes Report on school meals", True)
    assert "ROOTS III evaluation" in publications and not any(
        anchor.startswith("New") for anchor in publications)
    # the publisher before an index is no part of its name; "and the <Name>" continues one
    assert "Farmers Drought Risk Index" in publications
    assert "Inter-Agency Review Evaluation on Rural Equality and the Empowerment of Farmers" \
        in publications
