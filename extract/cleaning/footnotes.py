"""Tell running text from page-bottom footnotes, and find each footnote's marker.

PDF extraction of UN documents leaves a page's footnotes between two stretches
of running text: an indented line " 7 第 69/313 号决议，附件。 " after a rule or
a whitespace-only line, then the page's hyperlinks, then the next page. Wrapped
body lines may also begin with a number ("51 个在 2020 年…", "7 月 25 日…"), so
a line is only taken as footnote ``n`` when ``n`` is the next number in the
document's sequence and either the page-bottom context or a glued marker ``n``
in the preceding text ("《亚的斯亚贝巴行动议程》7 和") confirms it.

Markdown (``patterns/en/markdown.yaml``, a format, not a language): a definition line
"[^5]: text" (continued by indented lines) is always footnote 5; its marker is the first
unused marker 5 after the previous footnote's: "[^5]", or the plain digits the PDF
conversion left (",5 ", " 5  ", a year "20175").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from hrkg.extract.cleaning.furniture import Kind, Layout, Line, link_target
from hrkg.extract.patterns import load_patterns

STAR_NUMBER = 0  # footnote number given to an asterisk note ("* 本报告逾期提交…")


@dataclass(frozen=True, slots=True)
class Marker:
    """A possible footnote marker in running text: its number and original span."""

    number: int
    start: int
    end: int


@dataclass
class NoteDraft:
    """A footnote found in the original text, before it is moved behind the body."""

    number: int
    number_start: int  # original index of its printed number
    text_start: int  # original index where its text begins
    lines: list[int]  # indices of its lines; the first holds the number
    marker: Marker | None = None
    links: list[str] = field(default_factory=list)


@dataclass
class PageSplit:
    """Which lines are running text, which are footnotes, and the links found."""

    body: list[int]
    notes: list[NoteDraft]
    links: list[str]

    @property
    def markers(self) -> list[Marker]:
        return [note.marker for note in self.notes if note.marker is not None]


@dataclass(frozen=True)
class MarkdownNotes:
    """The Markdown footnote syntax (``patterns/en/markdown.yaml``), compiled."""

    definition: re.Pattern[str]
    continuation: re.Pattern[str]
    markers: tuple[re.Pattern[str], ...]  # each with a group "number"
    not_after: frozenset[str]  # words after which a number is no marker


@cache
def markdown_notes() -> MarkdownNotes:
    data = load_patterns("markdown", "en")
    return MarkdownNotes(re.compile(data["footnote_definition"], re.M),
                         re.compile(data["footnote_continuation"], re.M),
                         tuple(re.compile(p) for p in data["footnote_markers"]),
                         frozenset(data["footnote_marker_not_after"]))


def markdown_markers(text: str) -> list[Marker]:
    """Candidate markers of a Markdown text with footnote definitions ("[^5]", plain
    digits the conversion left); none when the text defines no footnote."""
    syntax = markdown_notes()
    if syntax.definition.search(text) is None:
        return []
    found: dict[int, Marker] = {}
    for pattern in syntax.markers:
        for match in pattern.finditer(text):
            words = text[max(0, match.start() - 24):match.start()].split()
            if match.start() not in found and not (words and words[-1].lower() in syntax.not_after):
                found[match.start()] = Marker(int(match.group("number")), *match.span())
    return list(found.values())


def find_markers(text: str, layout: Layout, start: int = 0, end: int | None = None) -> list[Marker]:
    """Candidate footnote markers in ``text[start:end]``, in reading order."""
    end = len(text) if end is None else end
    found: list[Marker] = []
    for pattern in (layout.cjk_marker, layout.latin_marker):
        for match in pattern.finditer(text, start, end):
            found.append(Marker(int(match.group("number")), *match.span("number")))
    for match in layout.star_marker.finditer(text, start, end):
        found.append(Marker(STAR_NUMBER, *match.span("number")))
    found.sort(key=lambda marker: marker.start)
    return found


def _ends_note(text: str, line: Line, layout: Layout) -> bool:
    """Whether a footnote line ends its footnote (final punctuation at its end)."""
    end = line.trail
    while end > line.lead and text[end - 1] in layout.closers:
        end -= 1
    return end > line.lead and (text[end - 1] in layout.line_final or text[end - 1] in "。.")


class _Splitter:
    """One pass over the lines; see :func:`split_pages`."""

    def __init__(self, text: str, lines: list[Line], kinds: list[Kind], layout: Layout) -> None:
        self.text, self.lines, self.kinds, self.layout = text, lines, kinds, layout
        self.body: list[int] = []
        self.notes: list[NoteDraft] = []
        self.links: list[str] = []
        self.seen_links: set[str] = set()
        self.candidates: list[Marker] = []  # markers in running text, in reading order
        self.all_markers = find_markers(text, layout)  # anywhere; body lines take theirs
        markdown = markdown_markers(text)
        self.markdown = markdown_notes() if markdown else None
        if markdown:
            taken = {marker.start for marker in markdown}
            self.all_markers = sorted([*markdown, *(m for m in self.all_markers
                                                    if m.start not in taken)],
                                      key=lambda marker: marker.start)
        self.next_marker = 0
        self.last_marker = -1  # original index of the last marker given to a footnote
        self.expected = 1
        self.page_notes: list[NoteDraft] = []
        self.in_notes = False
        self.open_note: NoteDraft | None = None  # footnote that may continue on the next line
        self.after_rule = False  # a separator rule or whitespace-only line came last
        self.after_separator = False
        self.indented_notes: bool | None = None  # numbered notes on this page are indented

    def run(self) -> PageSplit:
        for index, kind in enumerate(self.kinds):
            if kind is Kind.BLANK:
                continue
            if kind in (Kind.SPACE, Kind.SEPARATOR):
                self.after_rule = True
                self.after_separator = self.after_separator or kind is Kind.SEPARATOR
            elif kind is Kind.LINK:
                self._link(index)
            elif kind is Kind.FURNITURE:
                self._end_page()
            else:
                self._text(index)
        return PageSplit(self.body, self.notes, self.links)

    def _link(self, index: int) -> None:
        line = self.lines[index]
        target = link_target(self.layout, self.text[line.lead:line.trail])
        if target not in self.seen_links:
            self.seen_links.add(target)
            self.links.append(target)
        for note in self.page_notes:
            if target not in note.links:
                note.links.append(target)
        self.open_note = None
        self.after_rule = False

    def _end_page(self) -> None:
        self.in_notes = False
        self.indented_notes = None
        self.open_note = None
        self.page_notes = []
        self.after_rule = self.after_separator = False

    def _text(self, index: int) -> None:
        line = self.lines[index]
        if self.markdown is not None and self._markdown_line(index, line):
            return
        note = self._note_start(index, line)
        if note is not None:
            self._accept(note, line)
        elif self.open_note is not None and not line.indented:
            self.open_note.lines.append(index)
            if _ends_note(self.text, line, self.layout):
                self.open_note = None
        else:
            if self.in_notes:
                self._end_page()
            self.body.append(index)
            self._take_markers(line)
        self.after_rule = self.after_separator = False

    def _take_markers(self, line: Line) -> None:
        """Move the markers on a running-text line into the candidates."""
        markers, position = self.all_markers, self.next_marker
        while position < len(markers) and markers[position].start < line.lead:
            position += 1
        while position < len(markers) and markers[position].start < line.trail:
            self.candidates.append(markers[position])
            position += 1
        self.next_marker = position

    def _markdown_line(self, index: int, line: Line) -> bool:
        """A Markdown footnote definition or its indented continuation (taken here)."""
        assert self.markdown is not None
        match = self.markdown.definition.fullmatch(self.text, line.start, line.end)
        if match is not None and match.group("label").isdigit():
            number = int(match.group("label"))
            marker = next((m for m in self.candidates if m.number == number
                           and self.last_marker < m.start < line.start), None)
            note = NoteDraft(number, match.start("label"), match.start("text"), [index], marker)
            self._accept(note, line)
            self.open_note = note
            self.after_rule = self.after_separator = False
            return True
        if (self.open_note is not None and self.in_notes
                and self.markdown.continuation.fullmatch(self.text, line.start, line.end)):
            self.open_note.lines.append(index)
            return True
        return False

    def _note_start(self, index: int, line: Line) -> NoteDraft | None:
        layout, text = self.layout, self.text
        context = self.after_rule or self.in_notes
        match = layout.footnote_line.fullmatch(text, line.start, line.end)
        unindented_ok = self.after_separator or (self.in_notes and not self.indented_notes)
        if match is None and unindented_ok:
            match = layout.footnote_line_unindented.fullmatch(text, line.start, line.end)
        if match is not None:
            number = int(match.group("number"))
            marker = self._marker_for(number, line.start)
            if not self._plausible(number, context, marker, line.indented):
                return None
        else:
            match = layout.star_note_line.fullmatch(text, line.start, line.end)
            if match is None:
                return None
            number = STAR_NUMBER
            marker = self._marker_for(number, line.start)
            if marker is None or not (context or line.indented):
                return None
        return NoteDraft(number, match.start("number"), match.start("text"), [index], marker)

    def _plausible(self, number: int, context: bool, marker: Marker | None,
                   indented: bool) -> bool:
        """Whether footnote ``number`` may start here (see the module docstring)."""
        if number == self.expected:
            return context or marker is not None
        if not self.notes and marker is not None and (context or indented):
            return True  # an excerpt whose footnotes do not start at 1
        if self.expected < number <= self.expected + self.layout.footnote_skip:
            return context and marker is not None
        return number == 1 and context and marker is not None  # numbering restarts (annex)

    def _marker_for(self, number: int, before: int) -> Marker | None:
        """The last unused marker ``number`` in running text before original index ``before``."""
        for marker in reversed(self.candidates):
            if marker.start <= self.last_marker:
                break
            if marker.number == number and marker.start < before:
                return marker
        return None

    def _accept(self, note: NoteDraft, line: Line) -> None:
        if self.indented_notes is None and note.number != STAR_NUMBER:
            self.indented_notes = line.indented
        self.in_notes = True
        if note.marker is not None and note.number != STAR_NUMBER:
            self.last_marker = note.marker.start
        if note.number != STAR_NUMBER:
            self.expected = note.number + 1
        self.notes.append(note)
        self.page_notes.append(note)
        self.open_note = None if _ends_note(self.text, line, self.layout) else note


def split_pages(text: str, lines: list[Line], kinds: list[Kind], layout: Layout) -> PageSplit:
    """Assign every text line to the running text or to a footnote; collect links.

    Links printed after a page's footnotes are attached to those footnotes.
    """
    return _Splitter(text, lines, kinds, layout).run()

