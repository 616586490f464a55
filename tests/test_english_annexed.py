"""English adoptedIn / adoptedBy read from running text and English headed titles, on texts
written for these tests (issue 12): "Adopts the …, annexed to the present resolution",
"Endorses the … adopted by <conference>, which is contained in the annex to the present
resolution", "contained in the annex to resolution …", "resolution … entitled “…”",
"resolution … on the …", "<instrument>, adopted by <actor>", a short title of a longer one,
a heading that runs into the next paragraph, a quoted title after a complement."""

from __future__ import annotations

from hrkg.extract import Extractor, text_source

ADOPTING = """---
symbol: A/RES/93/12
language: EN
---

Resolution adopted by the General Assembly on 3 May 2039

93/12. 2039 Political Declaration on the Review of the United Nations Global Strategy to \
Protect Wetlands

The General Assembly

Adopts the 2039 Political Declaration on the Review of the United Nations Global Strategy \
to Protect Wetlands, annexed to the present resolution.

Annex

1. We welcome the United Nations Global Strategy to Protect Wetlands and recall that the Global
Strategy guides our work, as well as the Kigali Framework for Water Security, contained in the
annex to resolution 88/140, and the Madrid Programme of Action for Small Farmers, adopted by the
General Assembly in 2036.
2. We recall resolution 86/21 of 4 June 2031 entitled "Transforming our world: the 2030 Agenda
for Sustainable Development" and resolution 69/313 of 27 July 2015 on the Addis Ababa Action
Agenda.
"""


def _relations(text: str, name: str) -> set[tuple[str, str, str]]:
    result = Extractor().extract_source(text_source(text, name, "text/markdown"))
    return {("self" if r.subject is None else r.subject.key, r.predicate, r.obj.key)
            for r in result.relations if not r.background}


def test_an_instrument_annexed_to_the_present_resolution_is_adopted_in_it_by_its_organ() -> None:
    found = _relations(ADOPTING, "declaration.md")
    declaration = ("en:2039 Political Declaration on the Review of the United Nations Global "
                   "Strategy to Protect Wetlands")
    assert {(declaration, "adoptedIn", "A/RES/93/12"),
            (declaration, "adoptedBy", "general-assembly")} <= found


def test_instruments_contained_in_entitled_on_and_adopted_by() -> None:
    found = _relations(ADOPTING, "declaration.md")
    assert {("en:Kigali Framework for Water Security", "adoptedIn", "A/RES/88/140"),
            ("en:Madrid Programme of Action for Small Farmers", "adoptedBy", "general-assembly"),
            ("agenda-2030", "adoptedIn", "A/RES/86/21"),
            ("aaaa", "adoptedIn", "A/RES/69/313")} <= found
    # "contained in", "entitled", "on the": the resolution's organ is not stated as adopter
    assert ("en:Kigali Framework for Water Security", "adoptedBy", "general-assembly") \
        not in found


def test_a_short_title_is_the_longer_title_and_a_heading_stops_at_the_next_paragraph() -> None:
    result = Extractor().extract_source(text_source(ADOPTING, "declaration.md", "text/markdown"))
    by_anchor = {m.anchor: (m.entity.key, m.is_short_form) for m in result.mentions
                 if m.entity.cls == "Instrument"}
    strategy = "en:United Nations Global Strategy to Protect Wetlands"
    assert by_anchor["United Nations Global Strategy to Protect Wetlands"] == (strategy, False)
    assert by_anchor["Global\nStrategy"] == (strategy, True) or \
        by_anchor.get("Global Strategy") == (strategy, True)
    keys = {key for key, _ in by_anchor.values()}
    assert not any(key.endswith("The General Assembly") for key in keys)


ENDORSING = """---
symbol: A/RES/94/2
language: EN
---

Resolution adopted by the General Assembly on 9 October 2040

94/2. Lima Political Declaration

The General Assembly,

1. Endorses the political declaration adopted by the Fourth United Nations Conference on \
Landlocked Developing Countries, which is contained in the annex to the present resolution;

Recalling the outcome document of the twenty-ninth special session of the General Assembly \
on rivers, entitled "Clean water for every village", 1 which remains valid,

[^1]: Resolution S-29/3, annex.
"""


def test_an_endorsed_declaration_is_adopted_by_the_conference_in_the_present_resolution() -> None:
    found = _relations(ENDORSING, "lima.md")
    declaration = "en:Lima Political Declaration"
    assert (declaration, "adoptedIn", "A/RES/94/2") in found
    assert (declaration, "adoptedBy", "general-assembly") not in found


def test_a_quoted_title_after_a_complement_is_an_instrument_with_its_footnote() -> None:
    found = _relations(ENDORSING, "lima.md")
    assert ("en:Clean water for every village", "adoptedIn", "A/RES/S-29/3") in found
    # "the outcome document of <session>, entitled “…”": the session adopted it
    assert ("en:Clean water for every village", "adoptedBy",
            "en:Twenty-ninth special session of the General Assembly on rivers") in found


PROGRAMME_REPORT = """United Nations Children's Fund
Executive Board
Annual report on school meals
The present document was processed in its entirety by UNICEF.
All country offices were guided by a new UNICEF strategy on school meals in crisis settings.
UNICEF is developing a kitchen resilience plan anchored around two pillars: stoves and food.
Funding for the organization's kitchen resilience plan rose in 2039.
UNICEF is also promoting a regional framework for meals and learning in emergencies.
UNICEF revised its Protocol on Meals, Water and Hygiene Standards and the Harvest Recovery \
Plan (2038–40) for the Sahel.
The response included a rapid delivery team strategy and an engagement strategy with farmers.
"""


def test_lowercase_titles_after_an_owner_or_a_maker_verb_and_title_tails() -> None:
    result = Extractor().extract_source(text_source(PROGRAMME_REPORT, "meals.txt"))
    instruments = {m.anchor: m.entity.key for m in result.mentions
                   if m.entity.cls == "Instrument"}
    assert {"UNICEF strategy on school meals in crisis settings", "kitchen resilience plan",
            "regional framework for meals and learning in emergencies",
            "Protocol on Meals, Water and Hygiene Standards",
            "Harvest Recovery Plan (2038–40)"} <= set(instruments), instruments
    assert not any("team strategy" in anchor or "engagement strategy" in anchor
                   for anchor in instruments)
    later = [m for m in result.mentions if m.anchor == "kitchen resilience plan"]
    assert len(later) == 2 and len({m.entity.key for m in later}) == 1


RECALLED = """Resolution adopted by the General Assembly on 7 June 2042
The General Assembly,
Recalling its resolution 95/14 of 3 May 2041 on rivers as a source of life in its three \
dimensions – social, economic and cultural – in which it called upon riparian States and other \
Member States to protect river basins,
Noting that General Assembly resolution 95/20 contained a request for an advisory opinion from \
the International Court of Justice,
1. Decides to remain seized of the matter.
"""


def test_requests_of_a_recalled_resolution_after_a_dash_and_as_a_noun() -> None:
    found = _relations(RECALLED, "rivers.txt")
    assert ("A/RES/95/14", "requests", "member-states") in found
    assert ("A/RES/95/20", "requests", "icj") in found


COMMENTS = """Resolution adopted by the General Assembly on 7 June 2043
The General Assembly,
Taking note of Committee on the Rights of the Child general comment No. 31 (2041) on children \
and rivers, and of the negotiations on a legally binding instrument on river pollution,
1. Decides to remain seized of the matter.
"""


def test_a_general_comment_is_keyed_by_its_committee_which_adopted_it() -> None:
    result = Extractor().extract_source(text_source(COMMENTS, "comments.txt"))
    keys = {m.entity.key: m.anchor for m in result.mentions if m.entity.cls == "Instrument"}
    assert keys.get("crc-committee/general-comment/31") == \
        "general comment No. 31 (2041) on children and rivers", keys
    assert "en:legally binding instrument on river pollution" in keys
    found = {(r.subject.key, r.predicate, r.obj.key) for r in result.relations if r.subject}
    assert ("crc-committee/general-comment/31", "adoptedBy", "crc-committee") in found
