"""Articles and paragraphs of instruments cited in the text: "《联合国宪章》第一条第三款",
"该宣言第 22 条", "(第二条第一款)" after an instrument, with Chinese numerals normalized.

The instrument cited is the nearest instrument mention before the citation (cue patterns in
``patterns/articles.yaml``).
"""

from __future__ import annotations

import bisect
import re

from hrkg.extract.model import ArticleCitation, ExtractionResult, Mention
from hrkg.extract.numerals import chinese_to_int
from hrkg.extract.patterns import load_patterns


class _Mentions:
    """Mentions sorted by start, with what bounds a backward walk from an offset."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.mentions = mentions
        self.starts = [m.start for m in mentions]
        self.longest = max((m.end - m.start for m in mentions), default=0)


def _instrument_before(mentions: _Mentions, text: str, offset: int, window: int,
                       blocked: list[str]) -> Mention | None:
    """The nearest instrument mention ending before ``offset`` (within ``window``
    characters, no ``blocked`` word between); walks back from ``offset`` only as far as
    a mention can still end within the window."""
    before = bisect.bisect_right(mentions.starts, offset)  # the rest start after it
    for index in range(before - 1, -1, -1):
        mention = mentions.mentions[index]
        if offset - (mention.start + mentions.longest) > window:
            return None  # this one and all before it end too far back
        if mention.end > offset or mention.entity.cls != "Instrument":
            continue
        if offset - mention.end > window:
            return None
        between = text[mention.end:offset]
        if any(word in between for word in blocked):
            return None
        return mention
    return None


def extract_articles(result: ExtractionResult) -> list[ArticleCitation]:
    """Article citations in the running text, each tied to the instrument it belongs to."""
    patterns = load_patterns("articles")
    clean = result.clean
    text = clean.text[:clean.body_end]
    mentions = _Mentions(sorted((m for m in result.mentions if m.end <= clean.body_end),
                                key=lambda m: m.start))
    spans = sorted(clean.sentences)  # disjoint: at most one holds an offset
    starts = [start for start, _ in spans]
    found: list[ArticleCitation] = []
    for match in re.finditer(patterns["citation"], text):
        instrument = _instrument_before(mentions, text, match.start(),
                                        int(patterns["instrument_window"]),
                                        patterns["blocked_between"])
        if instrument is None:
            continue
        paragraph = match.group("paragraph")
        index = bisect.bisect_right(starts, match.start()) - 1
        sentence = spans[index] if index >= 0 and match.start() < spans[index][1] \
            else (match.start(), match.end())
        found.append(ArticleCitation(
            instrument=instrument.entity, article=chinese_to_int(match.group("article")),
            paragraph=chinese_to_int(paragraph) if paragraph else None,
            start=match.start(), end=match.end(),
            sentence_start=sentence[0], sentence_end=sentence[1]))
    return found
