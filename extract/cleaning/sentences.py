"""Sentence spans in clean text.

A sentence ends at 。！？； (and ! ? ; or a full stop followed by a space in
Latin text), together with any closing quotes or brackets right after it, and
at every line break. Final punctuation inside an open quotation (“…。…”) does
not end the sentence, unless the quotation runs on past a line break or for
longer than ``_MAX_QUOTE`` characters (unbalanced quotes in the source). The
body and each footnote are split separately, so no span crosses
``CleanText.body_end`` or a footnote boundary.
"""

from __future__ import annotations

from hrkg.extract.model import CleanText

_FINAL = frozenset("。！？；!?;")
_OPENERS = {"“": "”", "「": "」", "『": "』", "‘": "’"}
_CLOSERS = frozenset("”’」』）)》】〕\"'")
_MAX_QUOTE = 300


def _regions(clean: CleanText) -> list[tuple[int, int]]:
    regions = [(0, clean.body_end)]
    regions.extend((note.start, note.end) for note in clean.footnotes)
    return regions


def _split(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    """Append the sentence spans of ``text[start:end]`` to ``spans``."""
    sentence_start = start
    expected_closers: list[str] = []
    quote_start = 0
    position = start

    def close(at: int) -> None:
        nonlocal sentence_start
        left, right = sentence_start, at
        while left < right and text[left].isspace():
            left += 1
        while right > left and text[right - 1].isspace():
            right -= 1
        if right > left:
            spans.append((left, right))
        sentence_start = at

    while position < end:
        char = text[position]
        if char == "\n":
            close(position)
            expected_closers.clear()
            sentence_start = position + 1
        elif char in _OPENERS:
            if not expected_closers:
                quote_start = position
            expected_closers.append(_OPENERS[char])
        elif expected_closers and char == expected_closers[-1]:
            expected_closers.pop()
        elif char in _FINAL or (char == "." and _latin_full_stop(text, position, end)):
            if expected_closers and position - quote_start > _MAX_QUOTE:
                expected_closers.clear()
            if not expected_closers:
                after = position + 1
                while after < end and text[after] in _CLOSERS:
                    after += 1
                close(after)
                position = after
                continue
        position += 1
    close(end)


def _latin_full_stop(text: str, position: int, end: int) -> bool:
    """A "." followed by a space and a capital letter, after a lowercase word."""
    return (
        position + 2 < end
        and text[position + 1] == " "
        and text[position + 2].isupper()
        and position > 0
        and text[position - 1].islower()
    )


def sentences(clean: CleanText) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` in clean text, in reading order."""
    spans: list[tuple[int, int]] = []
    for start, end in _regions(clean):
        _split(clean.text, start, end, spans)
    return spans


_IGNORED = frozenset("《》")


def _ignored(char: str) -> bool:
    return char.isspace() or char in _IGNORED


def alone_on_line(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is all there is on its line, spaces and 《》 aside (a
    title standing as a heading: "附件二\n子孙后代问题宣言\n").

    Scans outwards from the span and stops at the line break or at the first character
    that counts, so a call costs the length of the blank run beside the span, not of the
    line (a 100,000-character line of titles stays linear)."""
    left = start - 1
    while left >= 0 and text[left] != "\n":
        if not _ignored(text[left]):
            return False
        left -= 1
    right, length = end, len(text)
    while right < length and text[right] != "\n":
        if not _ignored(text[right]):
            return False
        right += 1
    return True
