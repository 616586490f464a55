"""The sentences writer: ``sentences.json``, each document's sentences with their offsets in
the original text, so that entity pages (``hrkg serve``) quote the sentence of every
mention (see :mod:`hrkg.sparql.sentences`)."""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Mapping
from pathlib import Path

from hrkg.core.atomic import atomic_open, write_text
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


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def write_streamed(path: Path, parts: Mapping[int, tuple[str, list[Span]]]) -> None:
    """``sentences.json`` from document parts read one at a time (a :class:`~hrkg.exports.
    spool.Spool` on disk), the same bytes as :func:`sentences_payload` of them all: files by
    name; of two files with one name, the larger (name, spans) pair, as a dict keeps."""
    names = sorted((parts[index][0], index) for index in parts)
    payload = _dumps(sentences_payload([]))
    with atomic_open(path) as handle:
        handle.write(payload[:-2])  # '{"format":…,"files":{' without '}}'
        for number, (name, group) in enumerate(itertools.groupby(names, key=lambda n: n[0])):
            spans = max(parts[index] for _, index in group)[1]
            handle.write(("," if number else "") + _dumps(name) + ":"
                         + _dumps([list(span) for span in sorted(spans)]))
        handle.write("}}\n")


def write(record: BuildRecord) -> dict[str, Path]:
    parts = record.totals.parts.get(NAME, {})
    path = record.out_dir / SENTENCES_FILE
    if parts:
        write_streamed(path, parts)
        return {NAME: path}
    documents = [document_part(result) for result in record.results]
    write_text(path, _dumps(sentences_payload(documents)) + "\n")
    return {NAME: path}
