"""The sentences writer: ``sentences.json``, each document's sentences with their offsets in
the original text, so that entity pages (``hrkg serve``) quote the sentence of every
mention (see :mod:`hrkg.sparql.sentences`)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from hrkg.core.atomic import write_text
from hrkg.exports.record import BuildRecord
from hrkg.extract.model import ExtractionResult
from hrkg.sparql.sentences import SENTENCES_FILE, Span, sentences_payload

NAME = "sentences"
FILES = (SENTENCES_FILE,)


PARAGRAPH = re.compile(r"\S(?:.|\n(?!\s*\n))*")  # text up to a blank line


def gaps(text: str, spans: list[Span]) -> list[Span]:
    """The paragraphs of ``text`` no sentence covers (headings, tables, page furniture), so
    that every offset of the text has a quotable span."""
    found: list[Span] = []
    covered = 0
    for begin, end, _ in [*sorted(spans), (len(text), len(text), "")]:
        if begin > covered:
            found += [(m.start(), m.end(), m.group())
                      for m in PARAGRAPH.finditer(text, covered, begin)]
        covered = max(covered, end)
    return found


def document_part(result: ExtractionResult) -> tuple[str, list[Span]]:
    """One document's entry of ``sentences.json`` (computed where the document is read)."""
    text = result.source.text
    spans = []
    for start, end in result.clean.sentences:
        begin, stop = result.clean.orig_span(start, end)
        spans.append((begin, stop, text[begin:stop]))
    return result.source.file_name, spans + gaps(text, spans)


def write(record: BuildRecord) -> dict[str, Path]:
    parts = record.totals.parts.get(NAME, {})
    documents = ([parts[index] for index in sorted(parts)] if parts
                 else [document_part(result) for result in record.results])
    path = record.out_dir / SENTENCES_FILE
    write_text(path, json.dumps(sentences_payload(documents), ensure_ascii=False,
                                separators=(",", ":")) + "\n")
    return {NAME: path}
