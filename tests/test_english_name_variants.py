"""English vocabulary names whose parts are joined by a hyphen are also found with a space
(patterns/en/vocabulary.yaml hyphen_between_names), on a text written for this test."""

from __future__ import annotations

from hrkg.extract import Extractor, text_source

TEXT = """United Nations
General Assembly Distr.: General 3 March 2031
Resolution adopted by the General Assembly on 2 March 2031
90/25. Lakes
The General Assembly,
Welcoming the statements of Guinea Bissau and Timor Leste, and of Guinea-Bissau again,
1. Decides to remain seized of the matter.
"""


def test_a_hyphenated_name_written_with_a_space_is_found() -> None:
    result = Extractor().extract_source(text_source(TEXT, "lakes5.txt"))
    found = {(m.entity.key, m.anchor) for m in result.mentions}
    assert {("state-gw", "Guinea Bissau"), ("state-tl", "Timor Leste"),
            ("state-gw", "Guinea-Bissau")} <= found
