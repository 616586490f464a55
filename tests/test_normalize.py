"""normalize(): furniture, links and footnotes out, lines rejoined, exact offsets back."""

from __future__ import annotations

import random
import re
from functools import cache
from pathlib import Path

import pytest

from hrkg.extract.cleaning.normalize import normalize, sentences
from hrkg.extract.model import CleanText

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
FILES = ("A-79-L.2.txt", "A-HRC-44-28.txt", "highest-aspiration-2020-from-pdf.txt",
         "highest-aspiration-2020.txt")


@cache
def original(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")


@cache
def clean(name: str) -> CleanText:
    return normalize(original(name))


def body(name: str) -> str:
    result = clean(name)
    return result.text[: result.body_end]


def note(name: str, number: int):
    matches = [n for n in clean(name).footnotes if n.number == number]
    assert len(matches) == 1, f"footnote {number} found {len(matches)} times"
    return matches[0]


def note_text(name: str, number: int) -> str:
    found = note(name, number)
    return clean(name).text[found.start:found.end]


def original_of(name: str, start: int, end: int) -> str:
    begin, stop = clean(name).orig_span(start, end)
    return original(name)[begin:stop]


def inserted(char: str, source_char: str) -> bool:
    """A separator added by joining: a space or line break standing on source whitespace."""
    return char in " \n" and source_char.isspace()


# --- the offset contract, checked on every character of every corpus file ---------------

@pytest.mark.parametrize("name", FILES)
def test_every_clean_character_maps_to_the_same_original_character(name: str) -> None:
    result, source = clean(name), original(name)
    assert len(result.offsets) == len(result.text) + 1
    mismatches = [
        i for i, char in enumerate(result.text)
        if char != source[result.offsets[i]] and not inserted(char, source[result.offsets[i]])
    ]
    assert mismatches == []


@pytest.mark.parametrize("name", FILES)
def test_offsets_increase_strictly_within_body_and_each_footnote(name: str) -> None:
    result = clean(name)
    regions = [(0, result.body_end)] + [(n.start, n.end) for n in result.footnotes]
    for start, end in regions:
        run = result.offsets[start:end]
        increasing = all(a < b for a, b in zip(run, run[1:], strict=False))
        assert increasing, f"offsets not increasing in {start}-{end}"


@pytest.mark.parametrize("name", FILES)
def test_random_spans_map_to_verbatim_original_passages(name: str) -> None:
    """The original passage of a clean span holds the same text plus only whitespace,
    removed markers and (across a page break) removed page material."""
    result, source = clean(name), original(name)
    rng = random.Random(20240601)
    for _ in range(300):
        start = rng.randrange(0, result.body_end - 1)
        end = min(result.body_end, start + rng.randrange(1, 40))
        begin, stop = result.orig_span(start, end)
        passage = source[begin:stop]
        assert passage[0] == result.text[start] or inserted(result.text[start], passage[0])
        wanted = iter(passage)  # clean characters appear in order within the passage
        assert all(c in wanted for c in result.text[start:end] if not c.isspace())


def _random_document(rng: random.Random) -> str:
    """Corpus lines shuffled with page furniture, links, footnote-like lines and odd spacing."""
    pool = [line for name in FILES for line in original(name).split("\n")]
    extras = [
        "GE.20-06161 5", "A/HRC/44/28", "__________________", " ", "https://undocs.org/ch/A/RES/70/1",
        " 3 第 70/1 号决议。", "7 月 25 日", "http://见www.un.org/x", "- \\ 要点", "\u3000缩进",
        "word-", "wrapped", "*2006161*", " * 星号注。", "第七十九届会议", "重申《公约》1 和",
        "《议程》2 及其", " 1 第 1/1 号决议。", " 2 同上，第 1 卷", "续行", "报告*",
    ]
    lines = [rng.choice(pool) if rng.random() < 0.8 else rng.choice(extras)
             for _ in range(rng.randrange(1, 120))]
    breaks = ["\n", "\n\n", "\r\n", "\n \n", "\f"]
    return "".join(line + rng.choice(breaks) for line in lines)


def test_offset_contract_holds_on_random_documents() -> None:
    rng = random.Random(7)
    for _ in range(200):
        source = _random_document(rng)
        result = normalize(source)
        assert len(result.offsets) == len(result.text) + 1
        for i, char in enumerate(result.text):
            assert char == source[result.offsets[i]] or inserted(char, source[result.offsets[i]])
        regions = [(0, result.body_end)] + [(n.start, n.end) for n in result.footnotes]
        for start, end in regions:
            run = result.offsets[start:end]
            assert all(a < b for a, b in zip(run, run[1:], strict=False))
        for start, end in sentences(result):
            assert any(a <= start < end <= b for a, b in regions)


# --- line joining -------------------------------------------------------------------------

def test_words_broken_across_lines_are_rejoined() -> None:
    name = "highest-aspiration-2020-from-pdf.txt"
    start = body(name).index("《世界人权宣言》更全面地界定了这些权利")
    assert original_of(name, start, start + len("《世界人权宣言》")) == "《世\n\n界人权宣言》"


def test_break_between_two_cjk_characters_leaves_nothing_between() -> None:
    text = body("A-HRC-44-28.txt")
    assert "请联合国人权事务高级专员编写一份报告" in text
    assert "人权事务高级\n" not in text and "人权事务高级 专员" not in text


def test_latin_words_split_by_a_line_break_get_one_space() -> None:
    text = body("A-HRC-44-28.txt")
    assert "(The highest aspiration: a call to action for human rights)" in text
    assert "(“COVID-19 and human rights: we are all in this together”)" in text


def test_number_after_a_cjk_line_end_gets_the_inline_space() -> None:
    name = "A-HRC-44-28.txt"
    text = body(name)
    start = text.index("大会第 60/251 号决议")
    passage = original_of(name, start, start + len("大会第 60/251 号决议"))
    assert passage == "大会第\n\n60/251 号决议"


def test_inline_spaces_are_kept_as_printed() -> None:
    assert "第 73/299 号决议" in body("A-HRC-44-28.txt")
    assert "《2030年可持续发展议程》" in body("highest-aspiration-2020.txt")


def test_wrapped_url_in_a_footnote_is_joined_without_a_space() -> None:
    assert "sg_report_socio-economic_impact_of_covid19.pdf" in note_text("A-HRC-44-28.txt", 1)


def test_text_continues_across_a_page_with_footnotes_and_links() -> None:
    assert "实现所有人权，承认所有人权均普遍适用" in body("A-79-L.2.txt")
    assert "在《亚的斯亚贝巴行动议程》中，会员国承诺" in body("A-HRC-44-28.txt")


def test_text_continues_across_running_header_and_footer() -> None:
    assert "为此，在全球一级通过联合国可持续发展集团" in body("A-HRC-44-28.txt")


# --- paragraphs -------------------------------------------------------------------------

def test_numbered_paragraphs_and_headings_start_lines() -> None:
    lines = body("A-HRC-44-28.txt").split("\n")
    assert "一. 导言" in lines
    first = "1. 人权理事会在 2019 年 7 月 11 日第 41/3 号决议中"
    assert any(line.startswith(first) for line in lines)
    pact = body("A-79-L.2.txt").split("\n")
    numbered = [line[:4] for line in pact if re.match(r"1[0-9]\. ", line)]
    assert numbered[:3] == ["10. ", "11. ", "12. "]


def test_sentence_final_punctuation_at_line_end_ends_the_paragraph() -> None:
    assert "我们决定：\n(a) 加大努力" in body("A-79-L.2.txt")


def test_heading_lines_stay_separate() -> None:
    lines = body("highest-aspiration-2020-from-pdf.txt").split("\n")
    assert lines[:3] == ["最高愿望", "人权行动呼吁", "联合国秘书长安东尼奥·古特雷斯"]
    assert "指导原则" in lines and "权利是可持续发展的核心" in lines


def test_epigraph_and_first_paragraph_are_separate_in_both_extractions() -> None:
    for name in ("highest-aspiration-2020.txt", "highest-aspiration-2020-from-pdf.txt"):
        assert any(line.startswith("七十五年前，") for line in body(name).split("\n")), name


def test_markdown_list_marks_are_removed() -> None:
    text = body("highest-aspiration-2020.txt")
    assert "- \\" not in text
    assert "\n人权是普遍、不可分割的。" in text


def test_one_paragraph_a_line_text_keeps_page_split_paragraphs_whole() -> None:
    assert "追求一个更美好的世界。" in body("highest-aspiration-2020.txt")


# --- page furniture and links -----------------------------------------------------------

@pytest.mark.parametrize("name", FILES)
def test_no_page_furniture_or_link_lines_remain(name: str) -> None:
    result = clean(name)
    for line in result.text.split("\n"):
        assert not re.fullmatch(r"\s*(?:https?://|www\.)\S+\s*", line), line
        assert "GE.20-" not in line
        assert line.strip() not in ("A/HRC/44/28", "__________________")


def test_link_targets_are_collected_and_repaired() -> None:
    links = clean("A-HRC-44-28.txt").links
    assert "http://www.un.org/esa/ffd/ffddialogue/" in links
    assert "https://undocs.org/A/74/559" in links
    assert all(link.isascii() for link in links)
    assert len(links) == len(set(links))


def test_own_symbol_removes_a_header_printed_only_once() -> None:
    text = "第四十四届会议\n\n落实人权\n\nA/HRC/44/99\n\n正文继续。\n"
    assert "A/HRC/44/99" in normalize(text).text
    assert "A/HRC/44/99" not in normalize(text, own_symbol="A/HRC/44/99").text


# --- footnotes ----------------------------------------------------------------------------

def test_footnote_seven_of_the_pact() -> None:
    name = "A-79-L.2.txt"
    seven = note(name, 7)
    assert note_text(name, 7) == "第 69/313 号决议，附件。"
    (marker,) = seven.marker_offsets
    assert clean(name).text[:marker].endswith("《亚的斯亚贝巴行动议程》")
    assert "https://undocs.org/ch/A/RES/69/313" in seven.links


def test_footnote_eleven_of_the_report() -> None:
    assert "人权理事会第 36/29 号决议" in note_text("A-HRC-44-28.txt", 11)


@pytest.mark.parametrize("name, count", [("A-79-L.2.txt", 26), ("A-HRC-44-28.txt", 16)])
def test_footnotes_run_in_sequence_each_with_its_marker(name: str, count: int) -> None:
    result = clean(name)
    assert [n.number for n in result.footnotes] == list(range(1, count + 1))
    markers = [n.marker_offsets[0] for n in result.footnotes if n.marker_offsets]
    assert len(markers) == count
    assert markers == sorted(markers) and markers[-1] <= result.body_end


@pytest.mark.parametrize("name", FILES)
def test_footnotes_follow_the_body_one_per_line(name: str) -> None:
    result = clean(name)
    previous_end = result.body_end
    for found in result.footnotes:
        assert found.start == previous_end + 1 and result.text[previous_end] == "\n"
        assert "\n" not in result.text[found.start:found.end]
        assert not re.match(r"\d", result.text[found.start])  # printed number left out
        previous_end = found.end
    assert previous_end == len(result.text)


def test_footnote_text_is_not_left_in_the_body() -> None:
    assert "第 69/313 号决议，附件。" not in body("A-79-L.2.txt")
    assert "人权理事会第 36/29 号决议鼓励" not in body("A-HRC-44-28.txt")


def test_markers_are_removed_from_the_body() -> None:
    assert "《亚的斯亚贝巴行动议程》和《巴黎协定》" in body("A-79-L.2.txt")
    assert "政治意愿和合作”。这场危机突出表明" in body("A-HRC-44-28.txt")
    assert "的出版物和题为《分担责任" in body("A-HRC-44-28.txt")


def test_lines_starting_with_numbers_are_not_footnotes() -> None:
    report, pact = body("A-HRC-44-28.txt"), body("A-79-L.2.txt")
    assert "所有 51 个在 2020 年报名参加自愿国家审查的国家" in report
    assert "(第一部分第 10 段)。此外" in report
    assert "以每年 1 000 亿美元为下限" in pact
    assert "理事会 1996 年 7 月 25 日第 1996/31 号决议" in pact
    assert "1 000 亿美元的特别提款权" in pact


def test_numbers_glued_to_words_that_are_not_markers_stay() -> None:
    assert "#Faith4Rights" in body("A-HRC-44-28.txt")
    assert "COVID-19" in body("A-HRC-44-28.txt")


def test_unindented_footnotes_under_a_rule_with_star_note() -> None:
    text = (
        "联合国人权事务高级专员的报告*\n"
        "本报告提及《世界人权宣言》1 和《2030 年议程》。2\n"
        "__________________\n"
        " * 本报告逾期提交。\n"
        "1 第 217 A (III)号决议。\n"
        "2 第 70/1 号决议。\n"
    )
    result = normalize(text)
    assert [n.number for n in result.footnotes] == [0, 1, 2]
    assert result.text[: result.body_end] == (
        "联合国人权事务高级专员的报告\n本报告提及《世界人权宣言》和《2030 年议程》。")
    assert [result.text[n.start:n.end] for n in result.footnotes][1:] == [
        "第 217 A (III)号决议。", "第 70/1 号决议。"]


def test_an_excerpt_may_start_its_footnotes_at_any_number() -> None:
    result = normalize("我们重申《亚的斯亚贝巴行动议程》7 的承诺。\n 7 第 69/313 号决议，附件。 \n")
    assert [n.number for n in result.footnotes] == [7]
    assert result.text[: result.body_end] == "我们重申《亚的斯亚贝巴行动议程》的承诺。"


def test_a_number_without_a_marker_or_page_bottom_context_is_body_text() -> None:
    text = "各国重申承诺。\n\n 3 个国家提交了报告。\n"
    result = normalize(text)
    assert result.footnotes == []
    assert "3 个国家提交了报告。" in result.text


# --- line endings and Latin text ------------------------------------------------------------

def test_crlf_text_gives_the_same_clean_text_and_exact_offsets() -> None:
    name = "A-HRC-44-28.txt"
    source = original(name).replace("\n", "\r\n")
    result = normalize(source)
    assert result.text == clean(name).text
    assert all(c == source[result.offsets[i]] or inserted(c, source[result.offsets[i]])
               for i, c in enumerate(result.text))


def test_english_wrapped_lines_are_joined_with_an_inserted_space() -> None:
    lines = [
        "1. The Human Rights Council, in its resolution 41/3 of 11 July 2019, requested",
        "the United Nations High Commissioner for Human Rights to prepare a report on",
        "the work of the Office in enhancing international cooperation in the field of",
        "human rights, and to identify possible ways to address challenges to the",
        "promotion and protection of all human rights, including the right to",
        "development, in an efficient and comprehensive manner.",
        "2. International cooperation is instrumental for the realization of rights.",
    ]
    text = "\n\n".join(lines) + "\n"
    result = normalize(text)
    assert result.text == " ".join(lines[:6]) + "\n" + lines[6]
    space = result.text.index(" the United Nations High")
    assert text[result.offsets[space]] == "\n"


def test_empty_text_normalizes_to_empty() -> None:
    result = normalize("")
    assert result.text == "" and result.offsets == [0] and result.body_end == 0


# --- sentences ------------------------------------------------------------------------------

@pytest.mark.parametrize("name", FILES)
def test_sentences_stay_inside_body_or_one_footnote(name: str) -> None:
    result = clean(name)
    regions = [(0, result.body_end)] + [(n.start, n.end) for n in result.footnotes]
    spans = sentences(result)
    assert spans == sorted(spans)
    for start, end in spans:
        assert any(a <= start < end <= b for a, b in regions)
        assert "\n" not in result.text[start:end]
        assert result.text[start:end] == result.text[start:end].strip()


def test_sentences_split_at_final_punctuation_and_keep_quotes_whole() -> None:
    result = clean("A-HRC-44-28.txt")
    texts = [result.text[s:e] for s, e in sentences(result)]
    assert "这场危机突出表明，国际合作非常重要。" in texts
    quoted = [t for t in texts if "为了能够共同度过这场危机" in t]
    assert quoted == ["当前，人类面临着 2019 冠状病毒病造成的直接威胁，“为了能够共同度过这场危机，"
                      "我们比以往任何时候都更需要团结、希望、政治意愿和合作”。"]
    assert "第 69/313 号决议，附件。" in [
        clean("A-79-L.2.txt").text[s:e] for s, e in sentences(clean("A-79-L.2.txt"))]
