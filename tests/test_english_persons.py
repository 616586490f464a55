"""English persons (extract/entities/persons.py with patterns/en/persons.yaml), on a summary
record written for this test: the name after a title (Mr., Ms., Dr.), without the title, with
lower-case particles; a title before a role word is no name."""

from __future__ import annotations

from hrkg.extract import Extractor, text_source

RECORD = """Committee on Lakes
Summary record of the 12th meeting
Chair: Mr. Odhiambo  (Kenya)
Ms. Van der Berg (Netherlands), Vice-Chair, said that the Committee would meet again.
Mr. President Smith had spoken to the members of the Committee. Dr. Abu al Hassan said that it
was a good report and that it was in the interest of all of them. Mr. Odhiambo agreed with the
speakers and thanked them for their work.
"""


def test_english_persons_after_a_title() -> None:
    result = Extractor().extract_source(text_source(RECORD, "lakes-record.txt"))
    persons = {m.anchor for m in result.mentions if m.entity.subclass == "Person"}
    assert persons == {"Odhiambo", "Van der Berg", "Abu al Hassan"}
    keys = {m.entity.key for m in result.mentions if m.anchor == "Odhiambo"}
    assert keys == {"person/Odhiambo/state-ke"}  # both mentions are one person, of Kenya
