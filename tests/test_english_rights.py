"""English rights that no vocabulary names, on a text written for this test (issue 12):
described rights ("right of <holder> to <act>", "freedom of <thing>" up to the clause's end
or "for"), a people's rights, group rights, and plural "rights to <a known right>"."""

from __future__ import annotations

from hrkg.extract import Extractor, text_source

TEXT = """Resolution adopted by the General Assembly on 5 May 2041
The General Assembly,
Recalling the right of every farmer to save and exchange seeds, and the freedom of passage for
island developing States, as well as the inalienable rights of the Andean people,
Recognizing the rights to self-determination of peoples and the right to development,
Noting the rights of older persons and the rights and obligations of States,
1. Requests the Secretary-General to report.
"""


def test_english_described_people_group_and_plural_rights() -> None:
    result = Extractor().extract_source(text_source(TEXT, "seeds.txt"))
    rights = {m.anchor.replace("\n", " "): m.entity.key for m in result.mentions
              if m.entity.cls == "Right"}
    assert rights.get("right of every farmer to save and exchange seeds") == \
        "en:right of every farmer to save and exchange seeds"
    assert rights.get("freedom of passage") == "en:freedom of passage"
    assert rights.get("rights of the Andean people") or rights.get(
        "inalienable rights of the Andean people"), rights
    assert rights.get("rights to self-determination") == "self-determination"
    assert rights.get("right to development") == "right-to-development"
    assert not any("obligations" in anchor for anchor in rights)
