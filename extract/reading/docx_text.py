"""Text of a Word (.docx) file in reading order, footnotes included.

Body paragraphs and table cells give one line each. A footnote reference is
written as its printed number where it stands ("…议程》7 和…"); the footnotes
follow the body under a rule as indented " 7 text" lines, numbered in order of
first reference — the layout PDF extraction produces.
"""

from __future__ import annotations

from typing import IO

from docx import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

FOOTNOTE_RULE = "__________________"
_FOOTNOTES_REL = "/footnotes"
_TEXT_TAGS = (qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr"), qn("w:footnoteReference"))


def _element_text(element, numbering: dict[str, int] | None) -> str:
    """Text of a paragraph element; footnote references become their numbers."""
    parts: list[str] = []
    for node in element.iter(*_TEXT_TAGS):
        tag = node.tag
        if tag == qn("w:t"):
            parts.append(node.text or "")
        elif tag == qn("w:tab"):
            parts.append("\t")
        elif tag in (qn("w:br"), qn("w:cr")):
            parts.append("\n")
        elif numbering is not None:
            note_id = node.get(qn("w:id"))
            if note_id is not None:
                number = numbering.setdefault(note_id, len(numbering) + 1)
                parts.append(str(number))
    return "".join(parts)


def _footnotes(document) -> dict[str, str]:
    """Footnote id -> its text (separator notes left out)."""
    notes: dict[str, str] = {}
    for rel in document.part.rels.values():
        if not rel.reltype.endswith(_FOOTNOTES_REL) or rel.is_external:
            continue
        root = etree.fromstring(rel.target_part.blob)
        for note in root.iter(qn("w:footnote")):
            if note.get(qn("w:type")) in ("separator", "continuationSeparator",
                                          "continuationNotice"):
                continue
            paragraphs = [_element_text(p, None).strip() for p in note.iter(qn("w:p"))]
            notes[note.get(qn("w:id"), "")] = " ".join(p for p in paragraphs if p)
    return notes


def docx_text(stream: IO[bytes]) -> str:
    """The text of the Word file in ``stream`` (see the module docstring)."""
    document = Document(stream)
    numbering: dict[str, int] = {}
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(_element_text(block._p, numbering))
        elif isinstance(block, Table):
            seen: set = set()  # holds the elements, so lxml keeps one proxy per element
            for row in block.rows:
                for cell in row.cells:
                    if cell._tc in seen:  # a merged cell is returned once per grid cell
                        continue
                    seen.add(cell._tc)
                    lines.extend(_element_text(p._p, numbering) for p in cell.paragraphs)
    if numbering:
        notes = _footnotes(document)
        lines.append(FOOTNOTE_RULE)
        for note_id, number in sorted(numbering.items(), key=lambda item: item[1]):
            lines.append(f" {number} {notes.get(note_id, '')}")
    return "\n".join(lines)
