"""Lines of an extracted document and what each one is: text, blank, page furniture, links.

The patterns live in ``patterns/layout.yaml``. Nothing here changes the text: a
:class:`Line` only records where a line and its non-blank content sit in it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from enum import Enum
from functools import cache

from hrkg.extract.patterns import load_patterns

_LINE = re.compile(r"([^\n\r\f]*)(\r\n|[\n\r\f]|$)")


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the original text; all fields are indices into that text."""

    start: int  # first character of the line
    end: int  # one past its last character (line break excluded)
    lead: int  # first non-whitespace character (== end for a blank line)
    trail: int  # one past the last non-whitespace character (== lead for a blank line)
    newline: int  # where the line break starts (== end; == len(text) on the last line)
    break_end: int  # one past the line break

    @property
    def blank(self) -> bool:
        return self.lead >= self.trail

    @property
    def indented(self) -> bool:
        return self.lead > self.start

    @property
    def trailing_space(self) -> bool:
        return self.trail < self.end


class Kind(Enum):
    TEXT = "text"
    BLANK = "blank"  # empty line
    SPACE = "space"  # whitespace only: PDF extraction prints one above a page's footnotes
    SEPARATOR = "separator"  # the rule above the footnotes
    LINK = "link"  # a hyperlink target printed as its own line
    FURNITURE = "furniture"  # running header or footer, barcode, page number


@dataclass(frozen=True)
class Layout:
    """Compiled ``patterns/layout.yaml``."""

    furniture: re.Pattern[str]
    furniture_max_chars: int
    symbol_line: re.Pattern[str]
    split_symbol_end: re.Pattern[str]
    separator: re.Pattern[str]
    link_line: re.Pattern[str]
    link_junk: re.Pattern[str]
    footnote_line: re.Pattern[str]
    footnote_line_unindented: re.Pattern[str]
    star_note_line: re.Pattern[str]
    max_footnote_number: int
    footnote_skip: int
    cjk_marker: re.Pattern[str]
    latin_marker: re.Pattern[str]
    star_marker: re.Pattern[str]
    paragraph_start: re.Pattern[str]
    line_prefix_strip: re.Pattern[str]
    line_final: frozenset[str]
    closers: str
    short_line_ratio: float
    short_line_columns: int
    fixed_width_share: float
    full_width_band: int
    over_width_share: float


def _alternatives(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


@cache
def load_layout() -> Layout:
    """The layout patterns, compiled once."""
    data = load_patterns("layout")
    marker = data["marker"]
    not_after = marker["not_after"]
    abbreviations = "".join(f"(?<!{re.escape(a)})" for a in marker.get("latin_abbreviations", []))
    cjk_marker = (
        f"(?<={marker['cjk_before']})(?<!{marker['not_before']})"
        rf"(?P<number>[1-9]\d{{0,2}})(?![\d.,/:\-A-Za-z%．])(?!{not_after})"
    )
    latin_marker = (
        f"(?<={marker['latin_before']}){abbreviations}"
        rf"(?P<number>[1-9]\d{{0,2}})(?=\s|$)"
    )
    star_marker = (
        f"(?:(?<={marker['cjk_before']})|(?<=[a-z)]))"
        rf"(?P<number>{marker['star']})(?=\s|$|[\u3400-\u9fff])"
    )
    return Layout(
        furniture=re.compile(_alternatives(data["furniture"])),
        furniture_max_chars=int(data["furniture_max_chars"]),
        symbol_line=re.compile(data["symbol_line"]),
        split_symbol_end=re.compile(f"(?:{data['split_symbol_end']})\\Z"),
        separator=re.compile(data["separator"]),
        link_line=re.compile(data["link_line"]),
        link_junk=re.compile(data["link_junk"]),
        footnote_line=re.compile(data["footnote_line"]),
        footnote_line_unindented=re.compile(data["footnote_line_unindented"]),
        star_note_line=re.compile(data["star_note_line"]),
        max_footnote_number=int(data["max_footnote_number"]),
        footnote_skip=int(data["footnote_skip"]),
        cjk_marker=re.compile(cjk_marker),
        latin_marker=re.compile(latin_marker),
        star_marker=re.compile(star_marker),
        paragraph_start=re.compile(_alternatives(data["paragraph_start"])),
        line_prefix_strip=re.compile(_alternatives(data["line_prefix_strip"])),
        line_final=frozenset(data["line_final"]),
        closers=data["closers"],
        short_line_ratio=float(data["short_line_ratio"]),
        short_line_columns=int(data["short_line_columns"]),
        fixed_width_share=float(data["fixed_width_share"]),
        full_width_band=int(data["full_width_band"]),
        over_width_share=float(data["over_width_share"]),
    )


def split_lines(text: str) -> list[Line]:
    """All lines of ``text`` (``\\n``, ``\\r\\n``, ``\\r`` and form feed end a line)."""
    if "\r" in text or "\f" in text:
        return _split_lines_any_break(text)
    lines: list[Line] = []
    size = len(text)
    position = 0
    raws = text.split("\n")
    if len(raws) > 1 and raws[-1] == "":
        raws.pop()  # the break ending the last line does not open another
    for raw in raws:
        end = position + len(raw)
        stripped = raw.lstrip()
        lead = end - len(stripped)
        trail = lead + len(stripped.rstrip())
        break_end = end + 1 if end < size else end
        lines.append(Line(position, end, lead, trail, end, break_end))
        position = break_end
    return lines


def _split_lines_any_break(text: str) -> list[Line]:
    lines: list[Line] = []
    size = len(text)
    for match in _LINE.finditer(text):
        start, end = match.span(1)
        break_end = match.end(2)
        if start == size and lines and lines[-1].break_end == size:
            break
        content = match.group(1)
        stripped = content.lstrip()
        lead = end - len(stripped)
        trail = lead + len(stripped.rstrip())
        lines.append(Line(start, end, lead, trail, end, break_end))
        if break_end == size:
            break
    return lines


def classify_lines(text: str, lines: list[Line], layout: Layout,
                   own_symbol: str | None = None) -> list[Kind]:
    """The :class:`Kind` of every line.

    A UN symbol alone on a line is a running header when it is ``own_symbol``,
    appears alone on two or more lines, or sits next to other furniture;
    otherwise it stays text.
    """
    kinds: list[Kind] = []
    symbol_lines: list[int] = []
    short = layout.furniture_max_chars
    for index, line in enumerate(lines):
        content = text[line.lead:line.trail]
        if not content:
            kinds.append(Kind.SPACE if line.end > line.start else Kind.BLANK)
        elif content[0] in "hHwW" and layout.link_line.fullmatch(content):
            kinds.append(Kind.LINK)
        elif not content[0].isalnum() and layout.separator.fullmatch(content):
            kinds.append(Kind.SEPARATOR)
        elif len(content) <= short and layout.furniture.fullmatch(content):
            kinds.append(Kind.FURNITURE)
        else:
            if len(content) <= short and layout.symbol_line.fullmatch(content):
                symbol_lines.append(index)
            kinds.append(Kind.TEXT)
    counts = Counter(text[lines[i].lead:lines[i].trail] for i in symbol_lines)
    for index in symbol_lines:
        content = text[lines[index].lead:lines[index].trail]
        if content == own_symbol or counts[content] > 1 or _near_furniture(kinds, index):
            kinds[index] = Kind.FURNITURE
    return kinds


def _near_furniture(kinds: list[Kind], index: int, reach: int = 3) -> bool:
    """Whether a furniture line lies within ``reach`` non-blank lines of ``index``."""
    for step in (-1, 1):
        seen = 0
        position = index + step
        while 0 <= position < len(kinds) and seen < reach:
            kind = kinds[position]
            if kind is Kind.FURNITURE:
                return True
            if kind not in (Kind.BLANK, Kind.SPACE):
                seen += 1
            position += step
    return False


def link_target(layout: Layout, raw: str) -> str:
    """A printed link with extraction junk removed ("http://见www.x" -> "http://www.x")."""
    return layout.link_junk.sub("", raw.strip())
