"""English relations on texts written for these tests (issue 12): Markdown footnotes
("[^n]" definitions, markers left as plain digits by the PDF conversion) linked like
Chinese footnotes, and the relations read from them and from operative paragraphs."""

from __future__ import annotations

from hrkg.extract import Extractor, text_source
from hrkg.extract.cleaning.normalize import normalize

MARKDOWN = """---
symbol: A/RES/91/7
language: EN
---

United Nations

Resolution adopted by the General Assembly on 4 May 2036

91/7. Clean rivers

The General Assembly,

Reaffirming the 2030 Agenda for Sustainable Development,1 and the Paris Agreement 2  and
the Sendai Framework for Disaster Risk Reduction 2015–2030[^3], and recalling the Political
Declarations of 20184 and the Addis Ababa Action Agenda, 5 which remain valid,

1. Requests the Secretary-General to report on Goal 6 and article 3 of the Agreement.

---

[^1]: Resolution 70/1.

[^2]: Adopted under the UNFCCC in FCCC/CP/2015/10/Add.1,
    decision 1/CP.21.

[^3]: Resolution 69/283, annex II.

[^4]: Resolution 73/2.

[^5]: Resolution 69/313, annex.
"""


def test_markdown_footnotes_are_found_with_their_markers() -> None:
    clean = normalize(MARKDOWN)
    notes = {note.number: note for note in clean.footnotes}
    assert sorted(notes) == [1, 2, 3, 4, 5]
    before = {n: clean.text[:note.marker_offsets[0]].rstrip(" ,") for n, note in notes.items()}
    ends = {1: "Sustainable Development", 2: "the Paris Agreement", 3: "Reduction 2015–2030",
            4: "Declarations of 2018", 5: "Addis Ababa Action Agenda"}
    assert all(before[n].endswith(end) for n, end in ends.items()), before
    assert clean.text[notes[2].start:notes[2].end] == (
        "Adopted under the UNFCCC in FCCC/CP/2015/10/Add.1, decision 1/CP.21.")
    assert "[^3]" not in clean.text and "20184" not in clean.text
    assert "Goal 6" in clean.text and "article 3" in clean.text  # numbers, not markers


def test_footnoted_titles_are_adopted_in_the_resolution_of_the_note() -> None:
    result = Extractor().extract_source(text_source(MARKDOWN, "rivers.md", "text/markdown"))
    adopted_in = {(r.subject.key, r.obj.key) for r in result.relations
                  if r.predicate == "adoptedIn" and r.subject is not None}
    assert {("agenda-2030", "A/RES/70/1"), ("paris-agreement", "FCCC/DEC/1/CP.21"),
            ("sendai-framework", "A/RES/69/283"),
            ("aaaa", "A/RES/69/313")} <= adopted_in


DECLARATION = """Resolution adopted by the Economic and Social Council on 9 July 2034

The Economic and Social Council,

Recalling that, in General Assembly resolution 88/14 of 3 May 2033, the Assembly encouraged the
United Nations Children's Fund and the World Health Organization to work together,

1. Requests the Secretary-General, in consultation with Member States, to report in 2035;
2. We invite the landlocked developing countries, their development partners, the United
Nations Development Programme and all other relevant stakeholders to act;
3. The World Bank is encouraged to support the plan;
4. Decides:
(i) To request the International Labour Organization to prepare a study;
"""


def test_operative_passive_infinitive_and_resolution_requests() -> None:
    result = Extractor().extract_source(text_source(DECLARATION, "health.txt"))
    found = {(r.subject.key if r.subject else "self", r.obj.key) for r in result.relations
             if r.predicate == "requests"}
    assert found == {("A/RES/88/14", "unicef"), ("A/RES/88/14", "who"),
                     ("self", "secretary-general"), ("self", "development-partners"),
                     ("self", "undp"), ("self", "world-bank"), ("self", "ilo")}, found


COUNCIL = """United Nations
Economic and Social Council Distr.: General 9 June 2036
Resolution adopted by the Economic and Social Council on 8 June 2036
2036/5. Rivers and science
The Economic and Social Council,
Recalling that, in its resolution 88/301 of 20 December 2033, the General Assembly encouraged
cooperation on rivers, and recalling also its resolution 2035/7 of 2 July 2035,
1. Decides to remain seized of the matter.
"""


def test_its_resolution_belongs_to_the_organ_named_in_the_same_clause() -> None:
    result = Extractor().extract_source(text_source(COUNCIL, "council.txt"))
    keys = {m.entity.key for m in result.mentions if m.entity.cls == "Resolution"}
    assert {"A/RES/88/301", "E/RES/2035/7"} <= keys
    assert "E/RES/88/301" not in keys
