"""Chinese numerals: "四十四" -> 44, "二〇二〇" -> 2020, "第 22 条" -> 22; ordinal words of
other languages ("twenty-ninth" -> 29, data in ``patterns/<lang>/numerals.yaml``)."""

from __future__ import annotations

import re

from hrkg.extract.patterns import load_patterns

_DIGITS = {
    "〇": 0, "零": 0, "○": 0, "Ｏ": 0,
    "一": 1, "壹": 1, "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2, "三": 3, "叁": 3, "參": 3,
    "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "陸": 6, "七": 7, "柒": 7,
    "八": 8, "捌": 8, "九": 9, "玖": 9,
}
_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_LARGE_UNITS = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
_ARABIC = re.compile(r"[0-9０-９]+(?:[,，][0-9]{3})*")
_ORDINAL = re.compile(
    r"第\s*(?P<number>[0-9０-９,，]+|[〇零○一二两兩三四五六七八九十百千万萬亿億壹贰貳叁參肆伍陆陸柒捌玖拾佰仟]+)"
)


def _arabic(text: str) -> int:
    return int(text.translate(str.maketrans("０１２３４５６７８９", "0123456789", ",，")))


def chinese_to_int(text: str) -> int:
    """The value of a number written in Chinese numerals or digits.

    Handles unit forms ("四十四", "一百零五", "两千", "一万二千"), digit-by-digit
    forms ("二〇二〇"), Arabic and full-width digits ("22", "２２", "1,453")
    and surrounding spaces. Raises ``ValueError`` for anything else.
    """
    value = text.strip()
    if not value:
        raise ValueError("empty numeral")
    if _ARABIC.fullmatch(value):
        return _arabic(value)
    if any(char not in _DIGITS and char not in _SMALL_UNITS and char not in _LARGE_UNITS
           for char in value):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    if not any(char in _SMALL_UNITS or char in _LARGE_UNITS for char in value):
        return int("".join(str(_DIGITS[char]) for char in value))  # "二〇二〇"
    total = ten_thousands = section = 0
    digit: int | None = None
    for char in value:
        if char in _DIGITS:
            digit = _DIGITS[char]
        elif char in _SMALL_UNITS:
            section += (1 if digit is None else digit) * _SMALL_UNITS[char]
            digit = None
        elif _LARGE_UNITS[char] == 10_000:
            ten_thousands += (section + (digit or 0) or 1) * 10_000
            section, digit = 0, None
        else:
            total = (total + ten_thousands + section + (digit or 0) or 1) * 100_000_000
            ten_thousands = section = 0
            digit = None
    return total + ten_thousands + section + (digit or 0)


def parse_ordinal(text: str) -> int | None:
    """The number of the first ordinal "第…" in ``text`` ("第四十四届会议" -> 44,
    "第 22 条" -> 22), or of ``text`` itself when it is a bare numeral; else None."""
    match = _ORDINAL.search(text)
    candidate = match.group("number") if match else text
    try:
        return chinese_to_int(candidate)
    except ValueError:
        return None


def ordinal_word(text: str, lang: str) -> int | None:
    """The number of an ordinal written in words or digits in ``lang`` ("twenty-ninth" -> 29,
    "sixth" -> 6, "413th" -> 413), else None."""
    data = load_patterns("numerals", lang)
    word = text.strip().lower()
    digits = re.fullmatch(data["ordinal_digits"], word)
    if digits:
        return int(digits.group("number"))
    units, tens = data["ordinal_units"], data["ordinal_tens"]
    if word in units or word in tens:
        return int(units.get(word) or tens[word])
    ten, _, unit = word.partition("-")
    cardinal_tens = data["cardinal_tens"]
    if ten in cardinal_tens and unit in units and units[unit] < 10:
        return int(cardinal_tens[ten]) + int(units[unit])
    return None
