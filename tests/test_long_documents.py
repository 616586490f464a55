"""Documents longer than spaCy's ``max_length`` are read in sentence-aligned pieces
instead of failing with spaCy's E088 (issue 15, point 3)."""

from __future__ import annotations

from pathlib import Path

import pytest

from hrkg.extract import Extractor, load_catalogs

REPORT = Path(__file__).resolve().parents[1] / "corpus" / "A-HRC-44-28.txt"


@pytest.fixture(scope="module")
def whole_and_pieces():
    entry = load_catalogs([REPORT])[REPORT.name]
    whole = Extractor().extract_file(REPORT, entry)
    chunked = Extractor()
    nlp = chunked.pipeline_for("zh")
    nlp.max_length = 3_000  # the report is ~30,000 characters: about a dozen pieces
    pieces = chunked.extract_file(REPORT, entry)
    return whole, pieces


def test_a_text_over_max_length_is_extracted_in_pieces(whole_and_pieces) -> None:
    whole, pieces = whole_and_pieces
    assert len(whole.clean.text) > 3_000
    for mention in pieces.mentions:  # offsets shifted back: clean and original text agree
        assert pieces.clean.text[mention.start:mention.end]
        assert pieces.source.text[mention.orig_start:mention.orig_end] == mention.anchor
    # names are found in every piece, not only the first
    assert max(m.start for m in pieces.mentions) > len(pieces.clean.text) * 0.8
    full = {(m.start, m.end, m.entity.key) for m in whole.mentions if not m.is_short_form}
    found = {(m.start, m.end, m.entity.key) for m in pieces.mentions if not m.is_short_form}
    # full names do not depend on where the text was cut (short forms resolve per piece)
    assert len(full & found) >= 0.95 * len(full)
    assert {r.predicate for r in pieces.relations} >= {"creator", "adoptedBy"}
