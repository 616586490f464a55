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
