"""extract_metadata(): symbol, organ, session, date, title, type, authors, language."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from hrkg.extract.cleaning.normalize import normalize
from hrkg.extract.model import DocumentMetadata, SourceText
from hrkg.extract.reading.ingest import read_source
from hrkg.extract.reading.metadata import extract_metadata, find_own_symbol, symbol_from_file_name

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
DATA = REPO / "tests" / "data"


@cache
def read(path: Path) -> tuple[SourceText, DocumentMetadata, str]:
    source = read_source(path)
    clean = normalize(source.text)
    return source, extract_metadata(source, clean), clean.text


def meta(name: str) -> DocumentMetadata:
    return read(CORPUS / name if (CORPUS / name).exists() else DATA / name)[1]


def evidence(name: str, field: str) -> str:
    path = CORPUS / name if (CORPUS / name).exists() else DATA / name
    _, found, text = read(path)
    start, end = found.evidence[field]
    return text[start:end]


def text_of(source_text: str, file_name: str = "doc.txt") -> DocumentMetadata:
    source = SourceText(path=file_name, file_name=file_name, text=source_text, sha256="0",
                        media_type="text/plain")
    return extract_metadata(source, normalize(source.text))


def test_hrc_report() -> None:
    found = meta("A-HRC-44-28.txt")
    assert found.symbol == "A/HRC/44/28"  # from the running header
    assert found.organ == "人权理事会"
    assert found.session == "44"
    assert found.date is None  # only the session's dates are printed
    assert found.title == "落实和加强人权领域的国际合作"
    assert found.doc_type == "report"
    assert found.authors == ["联合国人权事务高级专员"]
    assert found.language == "zh"
    assert evidence("A-HRC-44-28.txt", "session") == "第四十四届会议"
    assert evidence("A-HRC-44-28.txt", "title") == found.title
    assert evidence("A-HRC-44-28.txt", "authors") == "联合国人权事务高级专员"


def test_draft_resolution() -> None:
    found = meta("A-79-L.2.txt")
    assert found.symbol == "A/79/L.2"  # from the file name
    assert found.organ == "大会"
    assert found.session == "79"
    assert found.title == "未来契约"
    assert found.doc_type == "draft-resolution"
    assert found.authors == ["大会主席"]
    assert evidence("A-79-L.2.txt", "doc_type") == "大会主席提交的决议草案"


@pytest.mark.parametrize("name", ["highest-aspiration-2020.txt",
                                  "highest-aspiration-2020-from-pdf.txt"])
def test_publication_from_either_extraction(name: str) -> None:
    found = meta(name)
    assert found.symbol is None
    assert found.doc_type == "publication"
    assert found.title == "最高愿望：人权行动呼吁"
    assert found.authors == ["秘书长", "安东尼奥·古特雷斯"]
    assert evidence(name, "title").split("\n") == ["最高愿望", "人权行动呼吁"]
    assert evidence(name, "authors") == "联合国秘书长安东尼奥·古特雷斯"


def test_publication_year_on_the_cover() -> None:
    assert meta("highest-aspiration-2020.txt").date == "2020"


def test_adopted_hrc_resolution_with_masthead() -> None:
    found = meta("hrc-resolution-masthead.txt")
    assert found.symbol == "A/HRC/RES/41/3"
    assert found.doc_type == "resolution"
    assert found.organ == "人权理事会"
    assert found.session == "41"
    assert found.date == "2019-07-11"  # the adoption date
    assert found.title == "促进人权领域的国际合作"  # without "41/3. "


def test_secretary_general_report_with_distribution_date() -> None:
    found = meta("sg-report-masthead.txt")
    assert found.symbol == "A/75/123"
    assert found.doc_type == "report"
    assert found.authors == ["秘书长"]
    assert found.title == "人权与国际团结"
    assert found.organ == "大会"  # from the symbol
    assert found.date == "2020-07-01"
    assert evidence("sg-report-masthead.txt", "date") == "1 July 2020"


def test_general_assembly_resolution() -> None:
    found = text_of(
        "大会 2015 年 9 月 25 日通过的决议\n\n70/1. 变革我们的世界：2030 年可持续发展议程\n\n"
        "大会，\n\n通过以下成果文件：\n", "A-RES-70-1.txt")
    assert (found.doc_type, found.organ, found.date) == ("resolution", "大会", "2015-09-25")
    assert found.title == "变革我们的世界：2030 年可持续发展议程"
    assert found.symbol == "A/RES/70/1"


def test_special_rapporteur_report_names_office_and_person() -> None:
    found = text_of("人权理事会\n\n第四十三届会议\n\n  安全、清洁、健康和可持续环境\n\n"
                    "  人权与环境问题特别报告员戴维·博伊德的报告\n\n 概要\n")
    assert found.authors == ["人权与环境问题特别报告员", "戴维·博伊德"]
    assert found.title == "安全、清洁、健康和可持续环境"


def test_english_text_is_detected() -> None:
    found = text_of("United Nations A/75/123\n\nReport of the Secretary-General\n\n"
                    "1. The present report is submitted pursuant to resolution 73/169.\n")
    assert found.language == "en"
    assert found.symbol == "A/75/123"


@pytest.mark.parametrize("file_name, symbol", [
    ("A-HRC-44-28.txt", "A/HRC/44/28"),
    ("A-79-L.2.txt", "A/79/L.2"),
    ("S_RES_2719(2023).pdf", "S/RES/2719(2023)"),
    ("highest-aspiration-2020.txt", None),
    ("report-2020.docx", None),
])
def test_symbol_from_file_name(file_name: str, symbol: str | None) -> None:
    assert symbol_from_file_name(file_name) == symbol


def test_header_symbol_wins_over_file_name() -> None:
    source = SourceText(path="x", file_name="A-HRC-1-1.txt", sha256="0", media_type="text/plain",
                        text="正文。\n\nA/HRC/44/28\n\nGE.20-06161 5\n\n正文。\n")
    assert find_own_symbol(source) == "A/HRC/44/28"
