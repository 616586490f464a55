"""Sessions of treaty conferences and special sessions of the General Assembly in English
(extract/entities/english_bodies.py, patterns/en/bodies.yaml conference_session,
session_names, special_session), on a text written for this test: each session is one Actor,
named by the UN's short name where the treaty has one ("COP34", "CMP21", "CMA9"); the
conference of the parties is not mentioned by it, the treaty is; a session of no named
treaty is no entity."""

from __future__ import annotations

from hrkg.extract import Extractor, text_source

TEXT = """United Nations
General Assembly Distr.: General 3 March 2031
Resolution adopted by the General Assembly on 2 March 2031
90/22. Rivers and climate
The General Assembly,
Looking forward to the thirty-fourth session of the Conference of the Parties to the United
Nations Framework Convention on Climate Change, the twenty-first session of the Conference of
the Parties serving as the Meeting of the Parties to the Kyoto Protocol and the ninth session
of the Conference of the Parties serving as the Meeting of the Parties to the Paris Agreement,
to be held in Lakeside,
Welcoming the offer to host the eighth session of the Conference of the Parties to the United
Nations Convention to Combat Desertification in Those Countries Experiencing Serious Drought
and/or Desertification, Particularly in Africa, in Lakeside,
Recalling the twelfth meeting of the Conference of the Parties to the Convention on the
Protection of Rivers, and the outcome of the thirty-first special session of the General
Assembly on rivers, entitled "Rivers for all",
Noting that the first session of the Conference of the Parties held in a river basin would be
welcome,
1. Requests the Secretary-General to report.
"""


def test_sessions_of_treaty_conferences_are_actors() -> None:
    result = Extractor().extract_source(text_source(TEXT, "rivers.txt"))
    actors = {m.entity.label_en: " ".join(m.anchor.split()) for m in result.mentions
              if m.entity.cls == "Actor"}
    assert actors["COP34"].startswith("thirty-fourth session of the Conference of the Parties")
    assert actors["CMP21"].endswith("Meeting of the Parties to the Kyoto Protocol")
    assert actors["CMA9"].endswith("to the Paris Agreement")
    assert actors["UNCCD COP8"].endswith("Particularly in Africa")  # the treaty's whole title
    assert "Twelfth meeting of the Conference of the Parties to the Convention on the " \
        "Protection of Rivers" in actors
    assert actors["Thirty-first special session of the General Assembly on rivers"] == \
        "thirty-first special session of the General Assembly on rivers"
    assert not {name for name in actors if "Conference of the Parties" in name
                and "meeting" not in name}  # no COP of its own, none of no treaty
    instruments = {m.entity.key for m in result.mentions if m.entity.cls == "Instrument"}
    assert {"unfccc", "kyoto-protocol", "paris-agreement"} <= instruments
