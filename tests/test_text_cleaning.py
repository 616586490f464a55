"""Text from real files cleaned (issue 15, point 4): control characters removed, CJK
radical and compatibility forms and full-width letters folded with every mention still
cutting its exact original characters, damaged UTF-8 read with a warning, Chinese-only
UTF-16 without a byte-order mark, AES-256 PDFs; and long texts cut into sentence-aligned
chunks for spaCy."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_cli
from support.documents import encrypt_pdf, make_pdf

from hrkg.core.errors import InputError
from hrkg.extract.cleaning.chunks import sentence_chunks
from hrkg.extract.cleaning.fold import fold
from hrkg.extract.cleaning.normalize import normalize
from hrkg.extract.reading.decode import decode_text, xml_safe
from hrkg.extract.reading.ingest import read_source

PREAMBLE = ("大会，\n回顾《世界人权宣言》、《公民权利和政治权利国际公约》、《经济、社会及文化"
            "权利国际公约》、《儿童权利公约》和《消除对妇女一切形式歧视公约》，\n"
            "又回顾人权理事会第 5/1 号决议，\n")
# As a PDF printed by Chromium gives it: radical forms for some ideographs.
RADICALS = {"大": "\u2f24", "人": "\u2f08", "民": "\u2ea0", "儿": "\u2f09", "文": "\u2f42"}


def with_radicals(text: str) -> str:
    return "".join(RADICALS.get(char, char) for char in text)


def entities(result) -> list[tuple[str, str]]:
    return sorted({(m.entity.cls, m.entity.key) for m in result.mentions})


def assert_anchors_exact(result) -> None:
    for mention in result.mentions:
        assert mention.anchor == result.source.text[mention.orig_start:mention.orig_end]
        folded, _ = fold(mention.anchor)
        assert folded.replace("\n", "") == result.clean.text[mention.start:mention.end] \
            .replace("\n", "")


# --- folding --------------------------------------------------------------------------------

@pytest.mark.parametrize("original, folded", [
    ("\u2f08权", "人权"),  # Kangxi radical (NFKC)
    ("\u2ea0族", "民族"),  # CJK Radicals Supplement (generated table: NFKC leaves it)
    ("\uf9dc", "\u9686"),  # CJK compatibility ideograph 隆
    ("Ａ／ＨＲＣ／４４／２８", "A/HRC/44/28"),  # full-width letters, digits, solidus
    ("\ufb01nal", "final"),  # one character folds to two
    ("人\x00权\u200b理事会\ufeff", "人权理事会"),  # NUL, zero-width space, BOM removed
    ("，；：（）！？。㈠", "，；：（）！？。㈠"),  # Chinese punctuation and ㈠ stay
])
def test_fold(original: str, folded: str) -> None:
    text, origin = fold(original)
    assert text == folded
    if origin is not None:
        assert len(origin) == len(text) + 1 and origin[-1] == len(original)
        assert origin == sorted(origin)


def test_a_character_folding_to_several_keeps_its_one_original_span() -> None:
    original = "见\ufb01nal报告"
    clean = normalize(original)
    assert clean.text == "见final报告"
    assert clean.orig_span(1, 2) == (1, 2)  # "f" of "ﬁ": the whole ligature
    assert clean.orig_span(2, 3) == (1, 2)  # "i" of "ﬁ"
    assert original[slice(*clean.orig_span(1, 6))] == "\ufb01nal"


def test_text_without_anything_to_fold_is_not_copied() -> None:
    text = "人权理事会，（一）第 5/1 号决议；"
    assert fold(text) == (text, None)


def test_radical_forms_give_the_same_entities_with_exact_original_anchors(extractor) -> None:
    from conftest import extract_text

    plain = extract_text(extractor, PREAMBLE)
    printed = extract_text(extractor, with_radicals(PREAMBLE))
    assert len(entities(plain)) >= 6
    assert entities(printed) == entities(plain)
    assert_anchors_exact(printed)
    anchors = {m.anchor for m in printed.mentions}
    assert "《\u2f09童权利公约》" in anchors  # 儿 printed as the radical ⼉


def test_radical_form_pdf_reads_like_its_text(tmp_path: Path, extractor) -> None:
    pdf = tmp_path / "printed.pdf"
    pdf.write_bytes(make_pdf([with_radicals(PREAMBLE).splitlines()]))
    txt = tmp_path / "plain.txt"
    txt.write_text(PREAMBLE, encoding="utf-8")
    from_pdf = extractor.extract_file(pdf)
    assert "\u2ea0" in from_pdf.source.text  # the text layer holds the radical forms
    assert entities(from_pdf) == entities(extractor.extract_file(txt))
    assert_anchors_exact(from_pdf)


# --- control characters ---------------------------------------------------------------------

def test_xml_safe_removes_what_xml_cannot_hold() -> None:
    text, warnings = xml_safe("人\x00权\x01理事会\f第\ufffe一")
    assert text == "人权理事会\n第一"
    assert warnings == ["3 control characters removed (U+0000, U+0001, U+FFFE) at character "
                        "offsets 1, 3, 9"]
    assert xml_safe("人权\t理事会\r\n") == ("人权\t理事会\r\n", [])


def test_pdf_with_nul_in_its_text_layer_builds_a_graph_without_nul(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pdf = tmp_path / "nul.pdf"
    lines = [line.replace("权", "\x00权") for line in PREAMBLE.splitlines()]
    pdf.write_bytes(make_pdf([lines]))
    assert read_source(pdf).warnings[0].startswith("6 control characters removed (U+0000)")
    out = tmp_path / "out"
    assert run_cli("build", pdf, "--out", out, "--quiet", "--no-map", "--no-store") == 0
    assert "control characters removed (U+0000)" in capsys.readouterr().err
    for name in ("graph.ttl", "graph.trig"):
        data = (out / name).read_bytes()
        assert b"\x00" not in data and b"\\u0000" not in data
        assert "公民权利和政治权利国际公约".encode() in data


# --- decoding ----------------------------------------------------------------------------------

def test_one_bad_byte_is_replaced_with_a_warning_naming_its_offset(tmp_path: Path,
                                                                  extractor) -> None:
    data = PREAMBLE.encode("utf-8")
    at = data.index("人权理事会".encode())
    path = tmp_path / "damaged.txt"
    path.write_bytes(data[:at] + b"\xff" + data[at:])
    result = extractor.extract_file(path)
    assert result.source.text == PREAMBLE.replace("人权理事会", "\ufffd人权理事会")
    assert result.warnings == [f"1 invalid UTF-8 byte sequence replaced by U+FFFD (at byte "
                               f"offset {at})"]
    assert any(m.entity.label_zh == "人权理事会" for m in result.mentions)
    assert_anchors_exact(result)


def test_many_bad_bytes_are_listed_up_to_eight() -> None:
    data = "人权理事会".encode() * 200
    damaged = b"\xfe".join(data[i:i + 300] for i in range(0, len(data), 300))
    decoded = decode_text("x.txt", damaged)
    assert decoded.encoding == "utf-8" and decoded.text.count("\ufffd") == 9
    assert decoded.warnings[0].startswith("9 invalid UTF-8 byte sequences replaced by U+FFFD "
                                          "(at byte offsets 300, 601, ")
    assert decoded.warnings[0].endswith(", …)")


def test_gb18030_is_not_mistaken_for_damaged_utf8() -> None:
    decoded = decode_text("x.txt", PREAMBLE.encode("gb18030"))
    assert (decoded.text, decoded.encoding, decoded.warnings) == (PREAMBLE, "gb18030", [])


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [
    "人权理事会第四十四届会议通过关于世界人权宣言的决议",  # one line: no NUL byte at all
    "人权理事会\n第四十四届会议\n世界人权宣言",
])
def test_chinese_only_utf16_without_bom(tmp_path: Path, encoding: str, text: str) -> None:
    path = tmp_path / "zh.txt"
    path.write_bytes(text.encode(encoding))
    source = read_source(path)
    assert (source.text, source.encoding) == (text, encoding)


def test_undecodable_bytes_are_still_refused() -> None:
    with pytest.raises(InputError, match="cannot decode text"):
        decode_text("x.txt", bytes(range(128, 256)) * 3)


# --- encrypted PDFs ---------------------------------------------------------------------------

def test_aes256_pdf_with_an_owner_password_only_opens(tmp_path: Path) -> None:
    path = tmp_path / "protected.pdf"
    path.write_bytes(encrypt_pdf(make_pdf([PREAMBLE.splitlines()])))
    assert b"/AESV3" in path.read_bytes()
    assert normalize(read_source(path).text).text.startswith("大会，\n回顾《世界人权宣言》")


def test_pdf_needing_a_user_password_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "secret.pdf"
    path.write_bytes(encrypt_pdf(make_pdf([["人权理事会"]]), user="user-secret"))
    with pytest.raises(InputError) as caught:
        read_source(path)
    assert caught.value.reason == "PDF is encrypted with a password"


# --- chunks for spaCy --------------------------------------------------------------------------

def test_sentence_chunks_cut_between_sentences_within_the_limit() -> None:
    clean = normalize("第一句话。第二句话很长很长。\n第三句。" * 50)
    chunks = sentence_chunks(clean, 40)
    assert chunks[0][0] == 0 and chunks[-1][1] == len(clean.text)
    assert all(end == start for (_, end), (start, _) in zip(chunks, chunks[1:], strict=False))
    assert all(0 < end - start <= 40 for start, end in chunks)
    starts = {start for start, _ in clean.sentences}
    assert all(start in starts for start, _ in chunks)


def test_sentence_chunks_keep_short_text_whole_and_cut_an_overlong_sentence() -> None:
    assert sentence_chunks(normalize("人权理事会。"), 100) == [(0, 6)]
    clean = normalize("人" * 95)
    assert sentence_chunks(clean, 40) == [(0, 40), (40, 80), (80, 95)]
    clean = normalize("human rights council " * 5)  # cut after a space
    assert all(clean.text[end - 1] == " " for _, end in sentence_chunks(clean, 30)[:-1])


def test_sentence_chunks_respect_footnotes() -> None:
    text = "正文第一句。" * 10 + "注1。\n__________________\n 1 第 60/251 号决议。\n"
    clean = normalize(text)
    note = clean.footnotes[0]
    assert clean.text[note.start:note.end] == "第 60/251 号决议。"
    for start, end in sentence_chunks(clean, 25):
        assert not (start < clean.body_end and note.start < end)


# --- the generated radical table ----------------------------------------------------------

def test_radicals_yaml_is_what_the_generator_writes() -> None:
    import importlib
    import sys

    from hrkg.core.paths import patterns_dir

    tools = Path(__file__).resolve().parents[1] / "extract" / "vocab_tools"
    sys.path.insert(0, str(tools))
    try:
        generator = importlib.import_module("build_radicals")
    finally:
        sys.path.remove(str(tools))
    if not generator.SOURCE.is_file():
        pytest.skip(f"{generator.SOURCE} not installed (Debian package unicode-data)")
    text, count = generator.render()
    assert count >= 100
    assert '"\u2ea0": "民"' in text
    assert text == (patterns_dir() / "radicals.yaml").read_text(encoding="utf-8")
