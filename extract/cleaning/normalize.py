"""Clean text for extraction, with a map from every clean character back to the original.

``normalize`` folds characters (``fold.py``: CJK radical and compatibility forms,
full-width letters and digits; control characters removed), removes page furniture,
hyperlink lines and footnote blocks, rejoins wrapped lines, takes footnote markers out of
the running text and appends the footnotes after the body (one per line, in printed order).

Offsets: ``CleanText.offsets[i]`` is the original index of clean character ``i``.
Every clean character is the folded form of the original character at that index
(usually the character itself), except the separators that joining inserts: a ``"\\n"``
between paragraphs or footnotes and a ``" "`` between two Latin words split by a line
break. Those map to an original whitespace character between the two pieces they join,
so offsets increase within the body and within each footnote (strictly, but for the
several characters one original folds to, which share its index), and
``text[orig_start:orig_end]`` of any clean span is the verbatim original passage
(line breaks, removed markers and all).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hrkg.extract.cleaning.fold import fold
from hrkg.extract.cleaning.footnotes import Marker, NoteDraft, split_pages
from hrkg.extract.cleaning.furniture import Layout, Line, classify_lines, load_layout, split_lines
from hrkg.extract.cleaning.sentences import sentences
from hrkg.extract.model import CleanText, Footnote

__all__ = ["normalize", "sentences"]

# Characters counted two columns wide when measuring a printed line.
_WIDE = re.compile(r"[\u2010-\u206f\u2e80-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003ffff]")
# Characters on which a Latin word, number or symbol may end or begin.
_LATIN_END = re.compile(r"[A-Za-z0-9\u00c0-\u024f,.;:!?)\]}%'\"\u201d\u2019&+*-/_]")
_LATIN_START = re.compile(r"[A-Za-z0-9\u00c0-\u024f(\[\"\u201c\u2018'&+#@$€£]")
_HYPHENS = "-/_"
_IDEOGRAPH = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")


@dataclass
class _Piece:
    """What one line contributes: its content span and the markers cut out of it."""

    line: Line
    start: int
    end: int
    cuts: list[tuple[int, int, Marker]]
    width: int  # printed width of the whole line, in columns
    starts_paragraph: bool = False
    previous: Line | None = None  # the body line before it
    previous_width: int = 0
    end_markers: list[Marker] = field(default_factory=list)  # markers cut from the line end

    @property
    def empty(self) -> bool:
        return self.start >= self.end


def _width(content: str) -> int:
    return len(content) + len(_WIDE.findall(content))


def _ideograph_meets_alnum(last: str, first: str) -> bool:
    """A CJK ideograph next to an ASCII letter or digit (printed with a space between)."""
    def alnum(char: str) -> bool:
        return char.isascii() and char.isalnum()

    return bool(_IDEOGRAPH.match(last) and alnum(first) or alnum(last) and _IDEOGRAPH.match(first))


def _is_cjk_side(char: str) -> bool:
    return not char.isascii() and not ("\u00c0" <= char <= "\u024f")


class _Output:
    """The clean text being written and its offset map."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.parts: list[str] = []
        self.offsets: list[int] = []

    @property
    def length(self) -> int:
        return len(self.offsets)

    def copy(self, start: int, end: int) -> None:
        if end > start:
            self.parts.append(self.text[start:end])
            self.offsets.extend(range(start, end))

    def put(self, char: str, at: int) -> None:
        self.parts.append(char)
        self.offsets.append(at)


class _Joiner:
    """Writes lines into the output, deciding how consecutive lines meet."""

    def __init__(self, text: str, layout: Layout, out: _Output, full_width: int | None) -> None:
        self.text, self.layout, self.out = text, layout, out
        self.full_width = full_width
        self.marker_offsets: dict[int, int] = {}  # original marker start -> clean offset

    def piece(self, line: Line, markers: list[Marker], width: int) -> _Piece:
        """A body line's content without its bullet prefix and footnote markers."""
        text, layout = self.text, self.layout
        start, end = line.lead, line.trail
        prefix = layout.line_prefix_strip.match(text, start, end)
        if prefix is not None:
            start = prefix.end()
        cuts: list[tuple[int, int, Marker]] = []
        for marker in sorted(markers, key=lambda m: m.start):
            cut_end = marker.end
            if _is_cjk_side(text[marker.start - 1]):
                while cut_end < end and text[cut_end] in " \t\u3000\xa0":
                    cut_end += 1
            cuts.append((marker.start, cut_end, marker))
        end_markers: list[Marker] = []
        while cuts and cuts[-1][1] >= end:
            cut_start, _, marker = cuts.pop()
            end = min(end, cut_start)
            end_markers.insert(0, marker)
        starts = layout.paragraph_start.match(text, line.lead, line.trail) is not None
        return _Piece(line, start, max(start, end), cuts, width, starts_paragraph=starts,
                      end_markers=end_markers)

    def write(self, piece: _Piece) -> None:
        """Copy a piece, noting the clean offset where each marker stood."""
        out, position = self.out, piece.start
        for cut_start, cut_end, marker in piece.cuts:
            out.copy(position, cut_start)
            self.marker_offsets[marker.start] = out.length
            position = cut_end
        out.copy(position, piece.end)
        for marker in piece.end_markers:
            self.marker_offsets[marker.start] = out.length

    def separator(self, before: _Piece, after: _Piece, *, in_note: bool = False) -> None:
        """Write what goes between two consecutive pieces: "\\n", " " or nothing."""
        text = self.text
        last, first = text[before.end - 1], text[after.start]
        newline_at = self._newline_index(before.line)
        if first.isdigit() and self.layout.split_symbol_end.search(text, before.start, before.end):
            return  # "…/Add." + "1": one symbol split at its period
        if not in_note and self._ends_paragraph(before, after):
            self.out.put("\n", newline_at)
            return
        space_at = next((k for k in range(before.end, before.line.end) if text[k].isspace()), None)
        latin_before = _LATIN_END.match(last) is not None
        latin_after = _LATIN_START.match(first) is not None
        if latin_before and latin_after:
            if last in _HYPHENS:
                return
            self._space(space_at, newline_at)
        elif latin_before or latin_after:
            if space_at is not None:
                self._space(space_at, newline_at)
            elif _ideograph_meets_alnum(last, first):
                self._space(None, newline_at)  # "第\n60/251 号" -> "第 60/251 号" as inline

    def _space(self, space_at: int | None, newline_at: int) -> None:
        """A real space from the source when there is one, else one mapped to the line break."""
        if space_at is not None:
            self.out.put(self.text[space_at], space_at)
        else:
            self.out.put(" ", newline_at)

    def _ends_paragraph(self, before: _Piece, after: _Piece) -> bool:
        layout, text = self.layout, self.text
        end = before.end
        while end > before.start + 1 and text[end - 1] in layout.closers:
            end -= 1
        if text[end - 1] in layout.line_final or after.starts_paragraph:
            return True
        if before.line.trailing_space and after.line.indented:
            return True  # PDF text: a paragraph's last line keeps a space, the next is indented
        if self.full_width is None:
            return before.width < layout.short_line_columns
        if before.width >= layout.short_line_ratio * self.full_width:
            return False
        # A narrower block (indented list, quotation) wraps at its own width: a line as wide
        # as the wrapped line above it is not short. (A printed space at a line's end marks
        # the last line of a paragraph or a heading in PDF text.)
        previous = before.previous
        return not (previous is not None and not previous.trailing_space
                    and not before.line.trailing_space
                    and before.previous_width >= self.full_width / 2
                    and abs(before.previous_width - before.width) <= 2 * layout.full_width_band)

    def _newline_index(self, line: Line) -> int:
        """Index of the "\\n" ending ``line`` (its first line-break character otherwise)."""
        if line.break_end > line.newline:
            if self.text[line.newline] == "\r" and line.break_end - line.newline == 2:
                return line.newline + 1
            return line.newline
        return max(line.end - 1, 0)


def _full_width(widths: list[int], layout: Layout) -> int | None:
    """The usual width of a full printed line, or None when lines have no fixed width."""
    if len(widths) < 5:
        return None
    top = max(widths)
    histogram = [0] * (top + 2)
    for width in widths:
        histogram[width] += 1
    band = layout.full_width_band
    best_width, best_count, window = 0, 0, 0
    for width in range(top + 1):
        window += histogram[width]
        if width - band - 1 >= 0:
            window -= histogram[width - band - 1]
        if window > best_count and width >= 20:
            best_width, best_count = width, window
    if best_count < layout.fixed_width_share * len(widths):
        return None
    wider = sum(histogram[best_width + band + 1:])
    if wider > layout.over_width_share * len(widths):
        return None  # one paragraph a line: no print width
    return best_width


def normalize(text: str, *, own_symbol: str | None = None) -> CleanText:
    """Clean ``text`` for extraction; see the module docstring for the offset contract.

    ``own_symbol`` (e.g. ``"A/HRC/44/28"``) marks lines holding only that symbol
    as running headers even where they occur once.
    """
    text, origin = fold(text)
    layout = load_layout()
    lines = split_lines(text)
    kinds = classify_lines(text, lines, layout, own_symbol)
    split = split_pages(text, lines, kinds, layout)
    markers_by_line = _markers_by_line(lines, split.body, split.markers)

    out = _Output(text)
    widths = [_width(text[lines[i].lead:lines[i].trail]) for i in split.body]
    joiner = _Joiner(text, layout, out, _full_width(widths, layout))
    previous: _Piece | None = None
    previous_line: Line | None = None
    previous_width = 0
    for index, width in zip(split.body, widths, strict=True):
        piece = joiner.piece(lines[index], markers_by_line.get(index, []), width)
        piece.previous, piece.previous_width = previous_line, previous_width
        previous_line, previous_width = lines[index], width
        if piece.empty:
            joiner.write(piece)
            continue
        if previous is not None:
            joiner.separator(previous, piece)
        joiner.write(piece)
        previous = piece
    body_end = out.length

    footnotes = [_write_note(note, joiner, lines, text) for note in split.notes]
    offsets = out.offsets if origin is None else [origin[i] for i in out.offsets]
    offsets.append(offsets[-1] + 1 if offsets else 0)
    return CleanText(
        text="".join(out.parts),
        offsets=offsets,
        body_end=body_end,
        footnotes=footnotes,
        links=list(split.links),
    )


def _markers_by_line(lines: list[Line], body: list[int],
                     markers: list[Marker]) -> dict[int, list[Marker]]:
    """Chosen markers grouped by the body line holding them."""
    by_line: dict[int, list[Marker]] = {}
    if not markers:
        return by_line
    ordered = sorted(markers, key=lambda m: m.start)
    position = 0
    for index in body:
        line = lines[index]
        while position < len(ordered) and ordered[position].start < line.lead:
            position += 1
        while position < len(ordered) and ordered[position].start < line.trail:
            by_line.setdefault(index, []).append(ordered[position])
            position += 1
    return by_line


def _write_note(note: NoteDraft, joiner: _Joiner, lines: list[Line], text: str) -> Footnote:
    """Append one footnote on its own line; return its record."""
    out = joiner.out
    before = note.number_start - 1
    out.put("\n", before if before >= 0 and text[before].isspace() else max(before, 0))
    start = out.length
    previous: _Piece | None = None
    for position, index in enumerate(note.lines):
        line = lines[index]
        first = note.text_start if position == 0 else line.lead
        if first >= line.trail:
            continue
        piece = _Piece(line, first, line.trail, [], 0)
        if previous is not None:
            joiner.separator(previous, piece, in_note=True)
        joiner.write(piece)
        previous = piece
    markers: tuple[int, ...] = ()
    if note.marker is not None and note.marker.start in joiner.marker_offsets:
        markers = (joiner.marker_offsets[note.marker.start],)
    return Footnote(
        number=note.number,
        start=start,
        end=out.length,
        marker_offsets=markers,
        links=tuple(note.links),
    )
