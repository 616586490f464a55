"""Articles and paragraphs of instruments cited in the text: "《联合国宪章》第一条第三款",
"该宣言第 22 条", "(第二条第一款)" after an instrument, with Chinese numerals normalized.

The instrument cited is the nearest instrument mention before the citation (cue patterns in
``patterns/articles.yaml``).
"""

from __future__ import annotations

import re

from hrkg.extract.model import ArticleCitation, ExtractionResult, Mention
from hrkg.extract.numerals import chinese_to_int
from hrkg.extract.patterns import load_patterns


def _instrument_before(mentions: list[Mention], text: str, offset: int, window: int,
                       blocked: list[str]) -> Mention | None:
    for mention in reversed(mentions):
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
    mentions = sorted((m for m in result.mentions if m.end <= clean.body_end),
                      key=lambda m: m.start)
    spans = clean.sentences
    found: list[ArticleCitation] = []
    for match in re.finditer(patterns["citation"], text):
        instrument = _instrument_before(mentions, text, match.start(),
                                        int(patterns["instrument_window"]),
                                        patterns["blocked_between"])
        if instrument is None:
            continue
        paragraph = match.group("paragraph")
        sentence = next(((s, e) for s, e in spans if s <= match.start() < e),
                        (match.start(), match.end()))
        found.append(ArticleCitation(
            instrument=instrument.entity, article=chinese_to_int(match.group("article")),
            paragraph=chinese_to_int(paragraph) if paragraph else None,
            start=match.start(), end=match.end(),
            sentence_start=sentence[0], sentence_end=sentence[1]))
    return found
