"""Input documents that tests make themselves: PDFs with a text layer of their choosing
(NUL characters, CJK radical forms), encrypted PDFs, Word files and zip bombs."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path


def _cmap(chars: list[str]) -> bytes:
    """A ToUnicode CMap mapping 2-byte codes (the characters' code points) to Unicode."""
    entries = "\n".join(f"<{ord(c):04X}> <{ord(c):04X}>" for c in chars)
    return (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        f"{len(chars)} beginbfchar\n{entries}\nendbfchar\n"
        "endcmap CMapName currentdict /CMap defineresource pop end end\n"
    ).encode("ascii")


def make_pdf(pages: list[list[str]]) -> bytes:
    """A minimal PDF whose pages show the given lines in a CJK font whose ToUnicode map
    gives each character's own code point: the text layer holds exactly these characters
    (NUL or radical forms included, as PDF printers such as Chromium write them)."""
    chars = sorted({c for page in pages for line in page for c in line})
    objects: list[bytes] = []
    page_ids = [6 + 2 * i for i in range(len(pages))]
    kids = " ".join(f"{i} 0 R" for i in page_ids)
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding "
                   b"/Identity-H /DescendantFonts [4 0 R] /ToUnicode 5 0 R >>")
    objects.append(b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
                   b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
                   b"/DW 1000 >>")
    cmap = _cmap(chars)
    objects.append(b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"endstream")
    for page in pages:
        shown = " ".join(
            f"<{''.join(f'{ord(c):04X}' for c in line)}> Tj 0 -20 Td" for line in page)
        content = f"BT /F1 12 Tf 72 760 Td {shown} ET".encode("ascii")
        page_id = 6 + 2 * (len(objects) - 5) // 2
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font "
            f"<< /F1 3 0 R >> >> /Contents {page_id + 1} 0 R >>".encode())
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, xref))
    return out.getvalue()


def encrypt_pdf(data: bytes, *, user: str = "", owner: str = "owner-secret",
                algorithm: str = "AES-256") -> bytes:
    """``data`` encrypted with pypdf's writer (an owner password only, by default: the
    file opens without a password, as most 'protected' PDFs do)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user, owner_password=owner, algorithm=algorithm)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_docx(path: Path, paragraphs: list[str]) -> None:
    """A Word file with the given paragraphs (python-docx's default template)."""
    from docx import Document

    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(path)


def docx_bomb(path: Path, unpacked: int) -> None:
    """A Word file whose document.xml unpacks to ``unpacked`` bytes of spaces (about a
    thousandth of that packed): a real docx otherwise, and honest about its sizes."""
    make_docx(path, ["人权理事会"])
    with zipfile.ZipFile(path) as source:
        parts = {info: source.read(info) for info in source.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in parts.items():
            if info.filename != "word/document.xml":
                target.writestr(info, data)
                continue
            head, tail = data.split(b"<w:body>", 1)
            with target.open("word/document.xml", "w", force_zip64=True) as stream:
                stream.write(head + b"<w:body>")
                block = b" " * (1 << 20)
                for _ in range(unpacked // len(block)):
                    stream.write(block)
                stream.write(tail)



HOSTILE_TEXT = (
    "人权理事会 <img src=x onerror=alert(1)>\n\n"
    "第四十四届会议 <script>window.__xss = 1</script>\n\n"
    "1. 人权理事会在 2019 年 7 月 11 日第 41/3 号决议<script>alert(2)</script>中，"
    "请联合国人权事务高级专员<img src=x onerror=alert(1)>编写一份报告。\n")


def write_hostile_document(path: Path) -> Path:
    """A Chinese resolution paragraph whose text carries HTML markup and scripts, for
    tests that pages and maps show it as text and never run it."""
    path.write_text(HOSTILE_TEXT, encoding="utf-8")
    return path
