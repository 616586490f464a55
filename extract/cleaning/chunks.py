"""Clean text in sentence-aligned pieces no longer than a limit (spaCy's ``max_length``).

spaCy refuses a text longer than ``nlp.max_length`` (1,000,000 characters: error E088).
:func:`sentence_chunks` cuts the clean text into consecutive spans that each fit, only
where one sentence ends and the next begins (``CleanText.sentences``; the body and
every footnote end a sentence too), so no mention or relation evidence is split. A
single sentence longer than the limit (a text without punctuation or line breaks) is
the one exception: it is cut at its last whitespace before the limit, else at the limit.
"""

from __future__ import annotations

from hrkg.extract.model import CleanText


def sentence_chunks(clean: CleanText, limit: int) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of the clean text, in order, covering all of it, each at
    most ``limit`` characters long, cut between sentences (see the module docstring)."""
    if limit < 1:
        raise ValueError(f"chunk limit must be positive, not {limit}")
    text = clean.text
    length = len(text)
    if length <= limit:
        return [(0, length)] if length else []
    cuts = sorted({start for start, _ in clean.sentences} | _region_starts(clean))
    chunks: list[tuple[int, int]] = []
    start = 0
    best = 0  # the furthest sentence start that keeps the chunk within the limit
    for cut in [*cuts, length]:
        while cut - start > limit:
            end = best if best > start else _forced_cut(text, start, limit)
            chunks.append((start, end))
            start = end
        if cut > start:
            best = cut
    if start < length:
        chunks.append((start, length))
    return chunks


def _region_starts(clean: CleanText) -> set[int]:
    return {clean.body_end, *(note.start for note in clean.footnotes)}


def _forced_cut(text: str, start: int, limit: int) -> int:
    """Where to cut a sentence longer than ``limit``: after its last whitespace within
    the limit, else at the limit."""
    end = start + limit
    for position in range(end - 1, start, -1):
        if text[position].isspace():
            return position + 1
    return end
