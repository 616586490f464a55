"""Footnotes that lost their numbers and markers: a resolution's notes printed as plain lines
after its end ("大会第60/1号决议。", "见FCCC/CP/2015/10/Add.1，第1/CP.21号决定，附件。"). Such a
note cites the resolution whose text an instrument is, but no marker says which instrument:
it is the one the body names whose adopting resolution the vocabulary gives as that one
(《2005年世界首脑会议成果》 -> 第60/1号决议). Only lines that are nothing but the citation
count, and only outside the notes the cleaning already numbered."""

from __future__ import annotations

import re

from hrkg.extract.model import Mention
from hrkg.extract.relations.context import RelationContext

_CONTINUED = re.compile(r"[A-Za-z0-9./]")


def _note_of(ctx: RelationContext, mention: Mention) -> str | None:
    """The text of the unnumbered note ``mention`` stands in: its whole line, with the lines
    a split symbol continues ("见FCCC/CP/2015/10/Add." / "1，第1/CP." / "21号决定，附件。"),
    up to the full stop that ends the line; None when the mention is not in such a line."""
    text = ctx.text
    start = text.rfind("\n", 0, mention.start) + 1
    while start > 1 and _CONTINUED.match(text, start - 2):  # the line before ends mid-symbol
        start = text.rfind("\n", 0, start - 1) + 1
    end = text.find("。", mention.end)
    if end < 0 or "。" in text[start:mention.start] or "\n" in text[mention.end:end] or \
            text[end + 1:end + 2] not in ("", "\n"):
        return None
    return re.sub(r"\s+", "", text[start:end + 1])


def _cites_source(ctx: RelationContext, note: str) -> bool:
    """Whether ``note`` is only the citation of an adopting resolution (its annex)."""
    cues = ctx.local_cues
    if re.match(cues["adopted_in_footnote"], note):
        return True
    tail = re.search(r"号决[议定]", note)
    return tail is not None and re.match(cues["adopted_in_footnote_lead"], note) is not None \
        and re.match(cues["adopted_in_footnote_tail"], note[tail.end():]) is not None


def unmarked_notes(ctx: RelationContext) -> None:
    """Instrument adoptedIn Resolution from a note line without number or marker."""
    numbered = [(note.start, note.end) for note in ctx.result.clean.footnotes]
    vocabulary = ctx.factory.vocabulary
    for mention in ctx.mentions:
        if mention.entity.cls != "Resolution" or \
                any(s <= mention.start < e for s, e in numbered):
            continue
        note = _note_of(ctx, mention)
        if note is None or not _cites_source(ctx, note):
            continue
        for earlier in ctx.mentions:
            if earlier.start >= mention.start:
                break
            entry = vocabulary.get(earlier.entity.key)
            if earlier.entity.cls == "Instrument" and entry is not None and \
                    entry.adopted_in == mention.entity.key:
                ctx.add(earlier.entity, "adoptedIn", mention.entity,
                        ctx.sentences.around(earlier.start), "footnote-annex-unmarked", 0.75)
                break
