"""English bodies in no vocabulary (extract/entities/english_bodies.py), on a text written
for this test: capitalized names ending in a head word, with complements and mandate topics;
names that only look like bodies (two known names joined, a place, a name over a sentence
end) are not bodies."""

from __future__ import annotations

from hrkg.extract import Extractor, text_source

TEXT = """United Nations
General Assembly Distr.: General 3 March 2031
Resolution adopted by the General Assembly on 2 March 2031
90/15. Lakes
The General Assembly,
Welcoming the work of the Lakeshore Monitoring Division and of the Technology Bank for
Freshwater Innovation, and the report of the Chair of the Working Group on lake basins,
Taking note of the cooperation between the General Assembly and the Security Council,
1. Invites the Special Rapporteur on the right to water, especially in rural areas, to visit
the West Bank. The Committee will report on its work.
"""


def test_english_bodies() -> None:
    result = Extractor().extract_source(text_source(TEXT, "lakes.txt"))
    bodies = {m.anchor.replace("\n", " ") for m in result.mentions
              if m.entity.cls == "Actor" and m.entity.key.startswith("en:")}
    assert {"Lakeshore Monitoring Division", "Technology Bank for Freshwater Innovation",
            "Special Rapporteur on the right to water, especially in rural areas"} <= bodies
    assert not {b for b in bodies if "Security Council" in b or "West Bank" in b
                or ". The" in b}


SENTENCES = """United Nations
General Assembly Distr.: General 3 March 2031
Resolution adopted by the General Assembly on 2 March 2031
90/16. Rivers
The General Assembly,
Noting the opinion of the Permanent Court of River Arbitration. He recalled that the Board
had met the Minister for Water Affairs of the Republic of Riverland in March, and the
Standing Panel on Delta Erosion in Support of Coastal Towns,
1. Decides to remain seized of the matter.
"""


def test_a_body_name_ends_before_a_sentence_end_and_a_trailing_month() -> None:
    result = Extractor().extract_source(text_source(SENTENCES, "rivers.txt"))
    bodies = {m.anchor.replace("\n", " ") for m in result.mentions
              if m.entity.cls == "Actor" and m.entity.key.startswith("en:")}
    assert {"Permanent Court of River Arbitration",
            "Minister for Water Affairs of the Republic of Riverland"} <= bodies
    assert not {b for b in bodies if ". He" in b or b.endswith("March")}


RECORD = """Committee on the Rights of the Child
Summary record of the 2901st meeting
Held at the Palais Wilson, Geneva, on Monday, 3 May 2032, at 10 a.m.
Chair: Ms. Okafor (Nigeria)
The Chair said that the Bureau had met twice. Ms. Lind (Sweden), Vice-Chair, speaking on
behalf of the Rapporteur, said that the report of the Chair of the Working Group on Rivers
was ready and that the Special Rapporteur on water had been invited.
"""


def test_officers_in_a_summary_record_belong_to_its_body() -> None:
    result = Extractor().extract_source(text_source(RECORD, "crc-record.txt"))
    officers = {(m.anchor, m.entity.label_en) for m in result.mentions
                if not m.entity.in_vocabulary and m.entity.subclass in ("Post", "Committee")}
    body = "Committee on the Rights of the Child"
    assert {(o, f"{o} of the {body}") for o in ("Chair", "Bureau", "Vice-Chair", "Rapporteur")
            } <= officers
    assert not {o for o in officers if o[0] == "Rapporteur" and "Special" in o[1]}
    assert ("Chair", f"Chair of the {body}") in officers  # not the Working Group's Chair
    assert sum(1 for m in result.mentions if m.anchor == "Chair") == 1
