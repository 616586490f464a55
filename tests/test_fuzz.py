"""Fuzz tests (Hypothesis, fixed seed, bounded example counts; issue 15).

- the cleaner: every clean character maps back to an original character it comes
  from, and any clean span maps to an original span in bounds and in order;
- the extractor: every mention's anchor is the original text at its offsets;
- the readers: random, truncated and damaged PDF, Word and text bytes either read or
  raise :class:`InputError` (one line), never another exception;
- the linear character tokenizer gives spaCy's own words and spaces.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from conftest import extract_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.documents import encrypt_pdf, make_docx, make_pdf

from hrkg.core.errors import InputError
from hrkg.extract.char_tokenizer import char_words_and_spaces
from hrkg.extract.cleaning.fold import fold, load_folding
from hrkg.extract.cleaning.normalize import normalize
from hrkg.extract.reading.ingest import read_source

_FIXED = settings(derandomize=True, database=None, deadline=None,
                  suppress_health_check=[HealthCheck.too_slow,
                                         HealthCheck.function_scoped_fixture])


def fuzz(examples: int) -> settings:
    """Derandomized (a fixed seed: the same examples every run), ``examples`` of them."""
    return settings(_FIXED, max_examples=examples)


# Pieces of real documents and of what goes wrong in them: titles, bodies, footnote
# markers and rules, symbols, line breaks, radical and full-width forms, controls.
PIECES = ["《世界人权宣言》", "人权理事会", "大会", "第 60/251 号决议", "A/HRC/44/28", "。", "，",
          "；", "1", "12", " ", "\n", "\n\n", "\r\n", "\t", "\u3000", "__________________",
          " 1 ", "\u2f08", "\u2ea0", "Ａ／ＨＲＣ", "\ufb01", "\x00", "\x07", "\u200b", "\ufffd",
          "“", "”", "（一）", "㈠", "联 合 国", "可持续发展目标", "儿童权利公约", "human rights",
          "Council. The", "\f", "《", "》"]
texts = st.lists(st.sampled_from(PIECES) | st.text(max_size=3), max_size=40).map("".join)


def comes_from(clean_char: str, original_char: str) -> bool:
    """Whether a clean character is the original one, part of its folded form, or a
    separator inserted by joining lines."""
    folded = load_folding().table.get(original_char, original_char)
    return clean_char in folded or clean_char in "\n "


@fuzz(400)
@given(texts)
def test_fold_maps_every_character_back(text: str) -> None:
    folded, origin = fold(text)
    if origin is None:
        assert folded == text
        return
    assert len(origin) == len(folded) + 1 and origin[-1] == len(text)
    assert origin == sorted(origin)
    for index, char in enumerate(folded):
        assert comes_from(char, text[origin[index]])


@fuzz(400)
@given(texts)
def test_normalize_offsets_point_at_the_original(text: str) -> None:
    clean = normalize(text)
    assert len(clean.offsets) == len(clean.text) + 1
    for index, char in enumerate(clean.text):
        assert 0 <= clean.offsets[index] < len(text)
        assert comes_from(char, text[clean.offsets[index]]), (index, char)
    regions = [(0, clean.body_end)] + [(n.start, n.end) for n in clean.footnotes]
    for start, end in regions:
        within = clean.offsets[start:end]
        assert within == sorted(within)
        if end > start:
            begin, stop = clean.orig_span(start, end)
            assert 0 <= begin < stop <= len(text)


@fuzz(60)
@given(texts)
def test_mentions_cut_their_exact_original_characters(extractor, text: str) -> None:
    result = extract_text(extractor, text)
    for mention in result.mentions:
        assert 0 <= mention.orig_start < mention.orig_end <= len(text)
        assert mention.anchor == text[mention.orig_start:mention.orig_end]
        assert (mention.orig_start, mention.orig_end) == result.clean.orig_span(
            mention.start, mention.end)


def _pdf() -> bytes:
    return make_pdf([["人权理事会", "《世界人权宣言》"], ["第 60/251 号决议"]])


def _compressed_pdf() -> bytes:
    """The same PDF rewritten by pypdf with Flate-compressed page contents."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_pdf())))
    for page in writer.pages:
        page.compress_content_streams()
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _docx() -> bytes:
    from docx import Document

    buffer = io.BytesIO()

    document = Document()
    document.add_paragraph("人权理事会")
    document.save(buffer)
    return buffer.getvalue()


@st.composite
def damaged(draw: st.DrawFn, original: bytes) -> bytes:
    """``original`` truncated, with bytes overwritten, or both."""
    data = bytearray(original)
    if draw(st.booleans()):
        data = data[:draw(st.integers(0, len(data)))]
    for _ in range(draw(st.integers(0, 8))):
        if data:
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    return bytes(data)


def _read(tmp_path: Path, suffix: str, data: bytes) -> None:
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    try:
        source = read_source(path)
    except InputError as error:
        assert "\n" not in error.reason and error.reason
        return
    assert source.text.strip()


@fuzz(200)
@given(data=st.one_of(st.binary(max_size=600), damaged(_pdf()), damaged(_compressed_pdf()),
                      damaged(encrypt_pdf(_pdf()))))
def test_pdf_reader_reads_or_gives_a_reason(tmp_path: Path, data: bytes) -> None:
    _read(tmp_path, ".pdf", data)


@fuzz(150)
@given(data=st.one_of(st.binary(max_size=600), damaged(_docx())))
def test_word_reader_reads_or_gives_a_reason(tmp_path: Path, data: bytes) -> None:
    _read(tmp_path, ".docx", data)


@fuzz(300)
@given(data=st.one_of(st.binary(max_size=300),
                      damaged("人权理事会第四十四届会议\n《世界人权宣言》".encode() * 3)))
def test_text_reader_reads_or_gives_a_reason(tmp_path: Path, data: bytes) -> None:
    _read(tmp_path, ".txt", data)


@fuzz(500)
@given(st.lists(st.sampled_from(["人", "a", " ", "  ", "\n", "\t", "\u3000", "\xa0", " \n ",
                                 "b", "\u200b"]), max_size=30).map("".join))
def test_char_tokenizer_matches_spacy(text: str) -> None:
    from spacy.util import get_words_and_spaces

    assert char_words_and_spaces(text) == get_words_and_spaces(list(text), text)


def test_fuzz_inputs_are_real_documents(tmp_path: Path) -> None:
    """The documents the readers are fuzzed from are read whole when undamaged."""
    pdf, docx = tmp_path / "a.pdf", tmp_path / "a.docx"
    pdf.write_bytes(_pdf())
    docx.write_bytes(_docx())
    assert "《世界人权宣言》" in read_source(pdf).text
    assert read_source(docx).text == "人权理事会"
    make_docx(tmp_path / "b.docx", ["大会"])
    assert read_source(tmp_path / "b.docx").text == "大会"


pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")
