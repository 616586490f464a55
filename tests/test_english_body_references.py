"""English bodies in no vocabulary and the references to them, on a text written for this
test (extract/entities/english_bodies.py, extract/entities/coreference.py with
patterns/en/bodies.yaml and patterns/en/coreference.yaml): a body named after its parent
("UNICEF … Unit", "UNICEF Lakes – Global Office …"), two heads in a row ("… Programme
Fund"), a complement that stops before a second name ("and the …") and before where the
body sits ("in the United Nations system");
"the <last words of a body's name>" and "the Division" refer to the body named earlier; a
known name followed by a title, "<words> of the <known name>" and a title's head word are no
body; "the Tribunal" with no tribunal named is nothing."""

from __future__ import annotations

from hrkg.extract import Extractor, text_source

TEXT = """United Nations
General Assembly Distr.: General 3 March 2031
Resolution adopted by the General Assembly on 2 March 2031
90/24. Lakes and rivers
The General Assembly,
Welcoming the contributions of the UNICEF Flood Response Unit, the UNICEF Water Programme Fund
and the Alliance for Clean Rivers and the Lakeshore Monitoring Division,
Noting the role of the Inter-Agency Task Force on Wetlands in the United Nations system and of
the Advisory Board of the River Commission, and the United Nations Environment Programme Global
Lakes Outlook 2030, and the situation of Chile of the Department of Water Affairs,
Welcoming also the Access to AQUA-21 Tools Accelerator and UNICEF Lakes – Global Office of Water
Research,
Taking note of the Official Records of the Human Rights Council and of the Midterm Review of the
Brussels Programme of Action,
1. Invites the Task Force and the Advisory Board to report, and requests the Division to assist
them;
2. Requests the Tribunal to take note.
"""


def _mentions() -> dict[str, set[str]]:
    result = Extractor().extract_source(text_source(TEXT, "lakes3.txt"))
    found: dict[str, set[str]] = {}
    for mention in result.mentions:
        if mention.entity.cls == "Actor":
            found.setdefault(mention.entity.key, set()).add(" ".join(mention.anchor.split()))
    return found


def test_body_names_with_a_parent_two_heads_and_a_bounded_complement() -> None:
    bodies = {key[3:] for key in _mentions() if key.startswith("en:")}
    assert {"UNICEF Flood Response Unit", "UNICEF Water Programme Fund",
            "Alliance for Clean Rivers", "Lakeshore Monitoring Division",
            "Inter-Agency Task Force on Wetlands",
            "Advisory Board of the River Commission",
            "Access to AQUA-21 Tools Accelerator"} <= bodies  # a name word with digits
    assert {b for b in bodies if b.startswith("UNICEF Lakes") and b.endswith("Water Research")}
    assert not {b for b in bodies if "Outlook" in b or b.startswith("Chile")
                or "and the" in b or "system" in b or "Records" in b or "Review" in b}


def test_the_last_words_of_a_body_name_refer_to_it() -> None:
    found = _mentions()
    assert "Task Force" in found["en:Inter-Agency Task Force on Wetlands"]
    assert "Advisory Board" in found["en:Advisory Board of the River Commission"]
    assert {"Division", "the Division"} & found["en:Lakeshore Monitoring Division"]
    assert not any(anchor in ("Tribunal", "the Tribunal")
                   for anchors in found.values() for anchor in anchors)


REPORT = """Annual report on water programmes
Summary
The present report describes the work of the organization on clean water in 2031.
Draft decision
The Executive Board takes note of the present report. The Executive Board of the United
Nations Development Programme is invited to do the same.
"""


def test_the_executive_board_in_a_fund_report_is_the_fund_board() -> None:
    from hrkg.extract import DocumentMetadata

    def boards(authors: list[str]) -> set[str]:
        result = Extractor().extract_source(
            text_source(REPORT, "water-report.txt"),
            metadata=DocumentMetadata(doc_type="report", authors=authors, language="en"))
        return {m.entity.label_en or "" for m in result.mentions if "Board" in m.anchor}

    assert "Executive Board of the United Nations Children's Fund" in boards(
        ["United Nations Children's Fund"])
    assert "Executive Board of the General Assembly" not in boards(["General Assembly"])
