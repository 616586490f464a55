"""Chinese numerals and ordinals."""

from __future__ import annotations

import pytest

from hrkg.extract.numerals import chinese_to_int, parse_ordinal


@pytest.mark.parametrize("text, value", [
    ("四十四", 44), ("七十九", 79), ("十", 10), ("十一", 11), ("二十", 20), ("一百零五", 105),
    ("两千", 2000), ("一千九百九十六", 1996), ("一万二千", 12000), ("三十万", 300000),
    ("一亿零五百万", 105_000_000), ("二〇二〇", 2020), ("〇", 0), ("22", 22), ("２２", 22),
    ("1,453", 1453), (" 七 ", 7),
])
def test_chinese_to_int(text: str, value: int) -> None:
    assert chinese_to_int(text) == value


@pytest.mark.parametrize("text", ["", "四十x", "第四", "abc", "1.5"])
def test_chinese_to_int_refuses_non_numerals(text: str) -> None:
    with pytest.raises(ValueError):
        chinese_to_int(text)


@pytest.mark.parametrize("text, value", [
    ("第四十四届会议", 44), ("第 22 条", 22), ("第二十一届会议", 21), ("《宪章》第五十五条", 55),
    ("第七十九届", 79), ("十二", 12), ("议程", None), ("第 条", None),
])
def test_parse_ordinal(text: str, value: int | None) -> None:
    assert parse_ordinal(text) == value
