"""discover_inputs() and read_source(): files, folders, encodings, PDF, Word, bad input."""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import zipfile
from pathlib import Path

import pytest
from support.documents import make_pdf

from hrkg.core.errors import InputError
from hrkg.extract.cleaning.normalize import normalize
from hrkg.extract.reading import limits
from hrkg.extract.reading.ingest import discover_inputs, read_source

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
DATA = REPO / "tests" / "data"
REPORT = CORPUS / "A-HRC-44-28.txt"


def reason(path: Path) -> str:
    with pytest.raises(InputError) as caught:
        read_source(path)
    assert caught.value.path == str(path)
    return caught.value.reason


# --- discovering inputs ---------------------------------------------------------------------

def test_corpus_folder_lists_its_documents_sorted() -> None:
    files, errors = discover_inputs([CORPUS])
    assert errors == []
    assert [f.name for f in files] == sorted(
        p.name for p in CORPUS.iterdir() if p.suffix in (".txt", ".md", ".pdf", ".docx"))
    assert "__init__.py" not in [f.name for f in files]


def test_folders_are_walked_recursively_skipping_hidden_and_unsupported(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    for name in ("b/z.md", "a.txt", "b/c.pdf", ".secret.txt", ".hidden/d.txt", "e.py", "f.docx"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    files, errors = discover_inputs([tmp_path])
    assert errors == []
    assert [f.relative_to(tmp_path).as_posix() for f in files] == [
        "a.txt", "f.docx", "b/c.pdf", "b/z.md"]


def test_explicit_files_missing_unsupported_and_duplicates(tmp_path: Path) -> None:
    good = tmp_path / "a.txt"
    good.write_text("正文", encoding="utf-8")
    image = tmp_path / "scan.png"
    image.write_bytes(b"\x89PNG")
    files, errors = discover_inputs([good, tmp_path / "gone.txt", image, good, tmp_path])
    assert files == [good]
    assert [(e.path, e.reason) for e in errors] == [
        (str(tmp_path / "gone.txt"), "no such file or folder"),
        (str(image), "unsupported file type .png; expected .txt, .md, .pdf or .docx"),
    ]


# --- text files -------------------------------------------------------------------------------

def test_corpus_file_is_read_verbatim_with_its_hash() -> None:
    data = REPORT.read_bytes()
    source = read_source(REPORT)
    assert source.text == data.decode("utf-8")
    assert source.sha256 == hashlib.sha256(data).hexdigest()
    assert (source.file_name, source.encoding, source.media_type) == (
        "A-HRC-44-28.txt", "utf-8", "text/plain")


@pytest.mark.parametrize("encoding, bom", [
    ("utf-8", codecs.BOM_UTF8),
    ("utf-16-le", codecs.BOM_UTF16_LE),
    ("utf-16-be", codecs.BOM_UTF16_BE),
    ("utf-32-le", codecs.BOM_UTF32_LE),
    ("utf-16-le", b""),
    ("utf-16-be", b""),
    ("gb18030", b""),
])
def test_encodings_round_trip_a_corpus_file(tmp_path: Path, encoding: str, bom: bytes) -> None:
    text = REPORT.read_text(encoding="utf-8")
    path = tmp_path / "report.txt"
    path.write_bytes(bom + text.encode(encoding))
    assert read_source(path).text == text


def test_big5_traditional_chinese_round_trips(tmp_path: Path) -> None:
    text = (DATA / "udhr-preamble-zh-hant.txt").read_text(encoding="utf-8")
    path = tmp_path / "udhr.txt"
    path.write_bytes(text.encode("big5"))
    source = read_source(path)
    assert source.text == text
    assert source.encoding == "big5"


def test_line_endings_are_kept_as_decoded(tmp_path: Path) -> None:
    path = tmp_path / "crlf.md"
    path.write_bytes("人权理事会\r\n\r\n第四十四届会议\r\n".encode())
    source = read_source(path)
    assert source.text == "人权理事会\r\n\r\n第四十四届会议\r\n"
    assert source.media_type == "text/markdown"


@pytest.mark.parametrize("content, expected", [
    (b"", "file is empty"),
    (b" \n\t\r\n  ", "file holds only whitespace"),
    (b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x03\x00>\x00\x01\x00\x00\x00", "binary file"),
    (bytes(range(256)) * 4, "binary file"),
    (b"\x80\x81\xfe\xfd\xfc" * 50, "cannot decode text"),
    (bytes(range(128, 256)) * 3, "cannot decode text"),
])
def test_bad_text_files_are_refused_with_a_reason(tmp_path: Path, content: bytes,
                                                 expected: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    assert reason(path).startswith(expected)


def test_missing_file_and_folder_are_refused(tmp_path: Path) -> None:
    assert reason(tmp_path / "gone.txt") == "file not found"
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    assert reason(folder) == "is a folder, not a file"


def test_unreadable_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("正文", encoding="utf-8")

    if os.geteuid() != 0:  # root reads a file whatever its mode: stand in for the refusal
        path.chmod(0)
    else:
        def denied(name: object, flags: int, *args: object) -> int:
            raise PermissionError(13, "Permission denied", str(name))

        monkeypatch.setattr(limits.os, "open", denied)
    assert reason(path) == "permission denied"


# --- PDF --------------------------------------------------------------------------------------

def test_pdf_text_is_extracted_page_by_page(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(make_pdf([["人权理事会", "第四十四届会议"], ["落实和加强人权领域的国际合作"]]))
    source = read_source(path)
    assert source.media_type == "application/pdf" and source.encoding is None
    assert source.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    lines = [line.strip() for line in source.text.split("\n") if line.strip()]
    assert lines == ["人权理事会", "第四十四届会议", "落实和加强人权领域的国际合作"]
    assert normalize(source.text).text.split("\n")[-1] == "落实和加强人权领域的国际合作"


def test_pdf_without_text_is_refused(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    path = tmp_path / "scan.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    assert reason(path) == "PDF has no extractable text (scanned images?)"


@pytest.mark.parametrize("content", [b"%PDF-1.4\nthis is not a PDF body", b"not a pdf at all"])
def test_corrupt_pdf_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(content)
    assert re.match(r"corrupt or unreadable PDF|PDF has no (pages|extractable text)", reason(path))


# --- Word -------------------------------------------------------------------------------------

FOOTNOTES_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:id="5"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> '
    '第 69/313 号决议，附件。</w:t></w:r></w:p></w:footnote>'
    "</w:footnotes>"
)


def make_docx(path: Path, *, footnote_after: str | None = None) -> None:
    """A Word file with two paragraphs and a table; optionally a footnote reference
    right after the text ``footnote_after`` in the second paragraph."""
    from docx import Document

    document = Document()
    document.add_paragraph("大会主席提交的决议草案")
    document.add_paragraph("我们决定：加大努力，全面落实《亚的斯亚贝巴行动议程》和《巴黎协定》。")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "行动 1"
    table.cell(0, 1).text = "可持续发展"
    document.save(path)
    if footnote_after is None:
        return
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    body = parts["word/document.xml"].decode("utf-8")
    body = body.replace(footnote_after, footnote_after + '</w:t></w:r><w:r><w:footnoteReference '
                        'w:id="5"/></w:r><w:r><w:t xml:space="preserve">', 1)
    parts["word/document.xml"] = body.encode("utf-8")
    rels = parts["word/_rels/document.xml.rels"].decode("utf-8")
    parts["word/_rels/document.xml.rels"] = rels.replace("</Relationships>", (
        '<Relationship Id="rIdNotes" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>')).encode()
    types = parts["[Content_Types].xml"].decode("utf-8")
    parts["[Content_Types].xml"] = types.replace("</Types>", (
        '<Override PartName="/word/footnotes.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>')).encode()
    parts["word/footnotes.xml"] = FOOTNOTES_XML.encode("utf-8")
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)


def test_docx_paragraphs_and_table_cells_become_lines(tmp_path: Path) -> None:
    path = tmp_path / "draft.docx"
    make_docx(path)
    source = read_source(path)
    assert source.text.split("\n") == [
        "大会主席提交的决议草案",
        "我们决定：加大努力，全面落实《亚的斯亚贝巴行动议程》和《巴黎协定》。",
        "行动 1", "可持续发展"]


def test_docx_footnotes_are_laid_out_like_pdf_footnotes(tmp_path: Path) -> None:
    path = tmp_path / "draft.docx"
    make_docx(path, footnote_after="《亚的斯亚贝巴行动议程》")
    source = read_source(path)
    assert "《亚的斯亚贝巴行动议程》1和" in source.text
    assert source.text.endswith("__________________\n 1 第 69/313 号决议，附件。")
    clean = normalize(source.text)
    (note,) = clean.footnotes
    assert clean.text[note.start:note.end] == "第 69/313 号决议，附件。"
    assert clean.text[: note.marker_offsets[0]].endswith("《亚的斯亚贝巴行动议程》")


def test_corrupt_docx_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 truncated zip")
    assert reason(path).startswith("corrupt or unreadable Word file")
    path.write_bytes(b"plain text pretending")
    assert reason(path).startswith("corrupt or unreadable Word file")


def test_empty_docx_is_refused(tmp_path: Path) -> None:
    from docx import Document

    path = tmp_path / "empty.docx"
    Document().save(path)
    assert reason(path) == "Word document has no text"
