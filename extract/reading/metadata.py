"""Document metadata read from the first lines of a UN document.

UN documents open with a head: issuing organ ("人权理事会"), session
("第四十四届会议"), session dates, agenda item, then the document's title and
a line naming its kind and author ("联合国人权事务高级专员的报告",
"大会主席提交的决议草案", "人权理事会 2019 年 7 月 11 日通过的决议"). A
publication opens with its title, subtitle and author instead. The patterns
are in ``patterns/metadata.yaml``; ``DocumentMetadata.evidence`` records the
clean span each field was read from (fields taken from a page header or the
file name have none).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from hrkg.extract.cleaning.furniture import load_layout, split_lines
from hrkg.extract.model import CleanText, DocumentMetadata, SourceText
from hrkg.extract.numerals import chinese_to_int
from hrkg.extract.organs import load_organs
from hrkg.extract.patterns import load_patterns

_WIDE = re.compile(r"[\u2010-\u206f\u2e80-\ufe4f\uff00-\uff60]")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_SENTENCE_PUNCT = re.compile(r"[。，；,;！？]")


@dataclass(frozen=True)
class HeadLine:
    """One line of the document head: its clean span and its text."""

    start: int
    end: int
    text: str
    indent: int  # leading whitespace of the line in the original text


@dataclass(frozen=True)
class _DocType:
    name: str
    pattern: re.Pattern[str]
    title: str  # "before" or "after" the type line, "self" (it is the title) or "none"
    author: str = ""  # "organ", "before" (the line above) or "masthead" (the first line)


@dataclass(frozen=True)
class _Rules:
    symbol: re.Pattern[str]
    masthead_symbol: re.Pattern[str]
    masthead_lines: int
    organs: dict[str, str]  # alias -> canonical name
    symbol_organs: list[tuple[str, str]]  # longest prefix first
    session: re.Pattern[str]
    head_end: re.Pattern[str]
    preamble: re.Pattern[str]
    head_max_columns: int
    head_max_lines: int
    doc_types: list[_DocType]
    title_number_prefix: re.Pattern[str]
    office: re.Pattern[str]
    office_prefix: str
    date_zh: re.Pattern[str]
    date_range_marks: re.Pattern[str]
    date_en: re.Pattern[str]
    months_en: list[str]
    subtitle_joiner: str
    subtitle_max_chars: int
    cjk_share_zh: float


@cache
def _rules() -> _Rules:
    data = load_patterns("metadata")
    prefixes = "|".join(sorted(map(re.escape, data["symbol_prefixes"]), key=len, reverse=True))
    offices = "|".join(sorted(map(re.escape, data["offices"]), key=len, reverse=True))
    issuing = load_organs().organs
    organs = {alias: organ.zh for organ in issuing for alias in organ.names}
    return _Rules(
        symbol=re.compile(f"(?:{prefixes}){data['symbol_shape']}"),
        masthead_symbol=re.compile(data["masthead_symbol"]),
        masthead_lines=int(data["masthead_lines"]),
        organs=organs,
        symbol_organs=sorted(((f"{organ.prefix}/", organ.zh) for organ in issuing),
                             key=lambda kv: -len(kv[0])),
        session=re.compile(data["session"]),
        head_end=re.compile("|".join(f"(?:{p})" for p in data["head_end"])),
        preamble=re.compile(data["preamble"]),
        head_max_columns=int(data["head_max_columns"]),
        head_max_lines=int(data["head_max_lines"]),
        doc_types=[_DocType(t["type"], re.compile(t["pattern"]), t["title"], t.get("author", ""))
                   for t in data["doc_types"]],
        title_number_prefix=re.compile(data["title_number_prefix"]),
        office=re.compile(f"(?P<office>.*?(?:{offices}))(?P<person>{data['person_name']})"),
        office_prefix=data["office_prefix"],
        date_zh=re.compile(data["date_zh"]),
        date_range_marks=re.compile(data["date_range_marks"]),
        date_en=re.compile(data["date_en"]),
        months_en=list(data["months_en"]),
        subtitle_joiner=data["subtitle_joiner"],
        subtitle_max_chars=int(data["subtitle_max_chars"]),
        cjk_share_zh=float(data["cjk_share_zh"]),
    )


def symbol_from_file_name(file_name: str) -> str | None:
    """"A-HRC-44-28.txt" -> "A/HRC/44/28", when the name has a UN symbol's shape."""
    stem = Path(file_name).stem
    for suffix in (".txt", ".md", ".pdf", ".docx"):  # "A-79-L.2.txt": stem keeps ".2"
        if file_name.endswith(suffix):
            stem = file_name[: -len(suffix)]
    candidate = re.sub(r"[-_]", "/", Path(stem).name)
    return candidate if _rules().symbol.fullmatch(candidate) else None


def find_own_symbol(source: SourceText) -> str | None:
    """The document's own symbol: from the first-page masthead ("联 合 国 A/HRC/44/28"),
    else the UN symbol printed most often alone on a line (a page header), else the
    file name."""
    layout, rules = load_layout(), _rules()
    text = source.text
    counts: Counter[str] = Counter()
    for number, line in enumerate(split_lines(text)):
        content = text[line.lead:line.trail]
        if not content:
            continue
        if number < rules.masthead_lines:
            match = rules.masthead_symbol.fullmatch(content)
            if match and rules.symbol.fullmatch(match.group("symbol")):
                return match.group("symbol")
        if layout.symbol_line.fullmatch(content) and rules.symbol.fullmatch(content):
            counts[content] += 1
    if counts:
        return counts.most_common(1)[0][0]
    return symbol_from_file_name(source.file_name)


def _width(text: str) -> int:
    return len(text) + len(_WIDE.findall(text))


def _indent(original: str, index: int) -> int:
    """Whitespace before original ``index`` back to the start of its line."""
    count = 0
    while index - count - 1 >= 0 and original[index - count - 1] in " \t\u3000\xa0":
        count += 1
    return count


def head_lines(clean: CleanText, original: str) -> tuple[list[HeadLine], HeadLine | None]:
    """The head lines of a document and its resolution preamble line ("大会，"), if any."""
    rules = _rules()
    lines: list[HeadLine] = []
    position = 0
    body = clean.text[: clean.body_end]
    while position < len(body) and len(lines) < rules.head_max_lines:
        end = body.find("\n", position)
        end = len(body) if end < 0 else end
        raw = body[position:end]
        text = raw.strip().rstrip("*").rstrip()
        if text:
            start = position + (len(raw) - len(raw.lstrip()))
            line = HeadLine(start, start + len(text), text,
                            _indent(original, clean.offsets[start]))
            if rules.preamble.fullmatch(text):
                return lines, line
            if rules.head_end.fullmatch(text) or _width(text) > rules.head_max_columns:
                break
            lines.append(line)
        position = end + 1
    return lines, None


def _iso_date(year: str, month: str | None, day: str | None) -> str:
    if month is None:
        return year
    if day is None:
        return f"{year}-{int(month):02d}"
    return f"{year}-{int(month):02d}-{int(day):02d}"


class _Reader:
    """Fills a DocumentMetadata from the head lines."""

    def __init__(self, source: SourceText, clean: CleanText) -> None:
        self.rules = _rules()
        self.source, self.clean = source, clean
        self.head, self.preamble = head_lines(clean, source.text)
        self.meta = DocumentMetadata()

    def set(self, name: str, value, line: HeadLine | None = None,
            span: tuple[int, int] | None = None) -> None:
        setattr(self.meta, name, value)
        if span is None and line is not None:
            span = (line.start, line.end)
        if span is not None:
            self.meta.evidence[name] = span

    def read(self) -> DocumentMetadata:
        self.meta.symbol = find_own_symbol(self.source)
        self.meta.language = self._language()
        self._session()
        kind = self._doc_type()
        if kind is None:
            self.meta.doc_type = "publication"
            self._publication()
        self._organ()
        if self.meta.date is None:
            self._date()
        return self.meta

    def _language(self) -> str:
        sample = self.clean.text[: self.clean.body_end] or self.clean.text
        cjk, latin = len(_CJK.findall(sample)), len(_LATIN.findall(sample))
        if cjk + latin == 0:
            return "zh"
        return "zh" if cjk / (cjk + latin) >= self.rules.cjk_share_zh else "en"

    def _session(self) -> None:
        for line in self.head:
            match = self.rules.session.search(line.text)
            if match:
                number = chinese_to_int(match.group("number"))
                self.set("session", str(number), span=(line.start + match.start(),
                                                       line.start + match.end()))
                return

    def _doc_type(self) -> str | None:
        found = None
        for index, line in enumerate(self.head):
            for kind in self.rules.doc_types:
                match = kind.pattern.fullmatch(line.text)
                if match:
                    found = (index, kind, match)
                    break
        if found is None:
            return None
        index, kind, match = found
        line = self.head[index]
        self.set("doc_type", kind.name, line)
        groups = match.groupdict()
        if groups.get("author"):
            start = line.start + match.start("author")
            self._authors(match.group("author").strip(), start)
        if groups.get("organ"):
            organ = self.rules.organs.get(match.group("organ"), match.group("organ"))
            self.set("organ", organ, span=(line.start + match.start("organ"),
                                           line.start + match.end("organ")))
        if groups.get("date"):
            self._date_in(line, match.start("date"), match.end("date"))
        self._author_from(kind.author, index)
        title = {"before": self._title_before, "after": self._title_after,
                 "self": lambda i: (line.text, (line.start, line.end)),
                 "none": lambda i: None}[kind.title](index)
        if title is not None:
            text, span = title
            self.set("title", text, span=span)
        return kind.name

    def _author_from(self, where: str, index: int) -> None:
        """Authors not written on the type line: the adopting organ ("2023年6月7日经济及社会
        理事会决议"), the line above ("…委员会" / "第413次会议简要记录") or the masthead's
        first line (an executive board's report under its organization's name)."""
        if self.meta.authors or not where:
            return
        if where == "organ" and self.meta.organ:
            span = self.meta.evidence.get("organ", (self.head[index].start,) * 2)
            self.meta.authors = [self.meta.organ]
            self.meta.evidence["authors"] = span
            return
        source = {"before": self.head[index - 1] if index > 0 else None,
                  "masthead": self.head[0] if index > 0 else None}.get(where)
        if source is not None and source.text not in self.rules.organs:
            self._authors(source.text, source.start)

    def _authors(self, author: str, start: int) -> None:
        """Authors as written; an office followed by a person's name gives both."""
        match = self.rules.office.fullmatch(author)
        if match:
            office = match.group("office")
            if office.startswith(self.rules.office_prefix):
                office = office[len(self.rules.office_prefix):]
            self.meta.authors = [office, match.group("person")]
        else:
            self.meta.authors = [author]
        self.meta.evidence["authors"] = (start, start + len(author))

    def _title_before(self, index: int) -> tuple[str, tuple[int, int]] | None:
        if index == 0:
            return None
        first = last = index - 1
        indent = self.head[last].indent
        while indent > 0 and first > 0 and self.head[first - 1].indent == indent:
            first -= 1
        lines = self.head[first:last + 1]
        return "".join(line.text for line in lines), (lines[0].start, lines[-1].end)

    def _title_after(self, index: int) -> tuple[str, tuple[int, int]] | None:
        if index + 1 >= len(self.head):
            return None
        line = self.head[index + 1]
        prefix = self.rules.title_number_prefix.match(line.text)
        skip = prefix.end() if prefix else 0
        return line.text[skip:], (line.start + skip, line.end)

    def _is_date_line(self, text: str) -> bool:
        return bool(self.rules.date_zh.fullmatch(text) or self.rules.date_en.search(text))

    def _publication(self) -> None:
        """Title (joined with its subtitle) and author of a publication."""
        rules = self.rules
        candidates = [line for line in self.head
                      if line.text not in rules.organs and line.text != rules.office_prefix
                      and not self._is_date_line(line.text)]
        for line in self.head:
            match = rules.office.fullmatch(line.text)
            if match and not self.meta.authors:
                self._authors(line.text, line.start)
        if not candidates:
            return
        title = candidates[0]
        text, end = title.text, title.end
        following = self.head[self.head.index(title) + 1:]
        if following:
            subtitle = following[0]
            if (len(subtitle.text) <= rules.subtitle_max_chars
                    and not _SENTENCE_PUNCT.search(subtitle.text)
                    and not rules.office.fullmatch(subtitle.text)
                    and subtitle.text not in rules.organs
                    and subtitle.text != rules.office_prefix
                    and not self._is_date_line(subtitle.text)
                    and not rules.session.search(subtitle.text)):
                text = f"{title.text}{rules.subtitle_joiner}{subtitle.text}"
                end = subtitle.end
        self.set("title", text, span=(title.start, end))

    def _organ(self) -> None:
        if self.meta.organ is not None:
            return
        for line in self.head:
            name = self.rules.organs.get(re.sub(r"\s+", "", line.text))
            if name:
                self.set("organ", name, line)
                return
        if self.preamble is not None:
            match = self.rules.preamble.fullmatch(self.preamble.text)
            name = self.rules.organs.get(match.group("organ")) if match else None
            if match and name:
                self.set("organ", name, span=(self.preamble.start,
                                              self.preamble.start + match.end("organ")))
                return
        if self.meta.symbol and self.meta.doc_type != "publication":
            for prefix, name in self.rules.symbol_organs:
                if self.meta.symbol.startswith(prefix):
                    self.meta.organ = name
                    return

    def _date_in(self, line: HeadLine, start: int, end: int) -> None:
        match = self.rules.date_zh.search(line.text, start, end)
        if match:
            self.set("date", _iso_date(*match.group("year", "month", "day")),
                     span=(line.start + match.start(), line.start + match.end()))

    def _date(self) -> None:
        """A stated document date: "Distr.: General 12 May 2020", or a date alone on a
        head line that is not a session's date range."""
        rules = self.rules
        for line in self.head:
            match = rules.date_en.search(line.text)
            if match:
                month = str(rules.months_en.index(match.group("month")) + 1)
                self.set("date", _iso_date(match.group("year"), month, match.group("day")),
                         span=(line.start + match.start(), line.start + match.end()))
                return
        for line in self.head:
            match = rules.date_zh.fullmatch(line.text)
            if match and not rules.date_range_marks.search(line.text):
                self.set("date", _iso_date(*match.group("year", "month", "day")), line)
                return


def extract_metadata(source: SourceText, clean: CleanText) -> DocumentMetadata:
    """Symbol, title, organ, session, date, type, authors and language of a document."""
    return _Reader(source, clean).read()
