"""Adoption read from footnotes and parentheses.

* ``adoptedIn`` Instrument -> Resolution: a footnote whose text is the resolution
  ("第 69/313 号决议，附件。") attached to the instrument's title, or a resolution in
  parentheses right after the title, or a resolution that adopts the title it names next
  ("第 70/1 号决议中通过的《…》").
* ``adoptedBy`` Instrument -> Actor: a footnote opening with the adopting conference or
  organization.
"""

from __future__ import annotations

import re

from hrkg.extract.model import Entity, Footnote, Mention
from hrkg.extract.relations.context import RelationContext


def _adopting_resolution(ctx: RelationContext, note: Footnote) -> Entity | None:
    """The resolution or decision a footnote gives as the text's source: the whole note
    ("第 69/313 号决议，附件。") or a citation ending with it ("…，第 1/CP.21 号决定。")."""
    note_text = ctx.text[note.start:note.end]
    resolutions = ctx.mentions_in(note.start, note.end, "Resolution")
    if not resolutions:
        return None
    cues = ctx.local_cues
    if re.match(cues["adopted_in_footnote"], note_text):
        return resolutions[0].entity
    last = resolutions[-1]
    if (len(resolutions) == 1
            and re.match(cues["adopted_in_footnote_tail"], ctx.text[last.end:note.end])
            and re.match(cues["adopted_in_footnote_lead"], note_text)):
        return last.entity
    return None


def adopted_in(ctx: RelationContext) -> None:
    """Instrument adoptedIn Resolution: the footnote on its title, or "《…》(第 X 号决议)"."""
    for note in ctx.result.clean.footnotes:
        resolution = _adopting_resolution(ctx, note)
        if resolution is None:
            continue
        for marker in note.marker_offsets:
            instrument = _instrument_ending_at(ctx, marker)
            rule, confidence = "footnote-annex", 0.9
            if instrument is None:
                instrument = _sole_instrument_before(ctx, marker)
                rule, confidence = "footnote-annex-clause", 0.8
            if instrument is not None:
                ctx.add(instrument.entity, "adoptedIn", resolution,
                        ctx.sentences.around(instrument.start), rule, confidence)
    for index, mention in enumerate(ctx.mentions):
        if mention.entity.cls != "Instrument" or mention.is_short_form:
            continue
        for following in ctx.mentions[index + 1:index + 3]:
            gap = ctx.text[mention.end:following.start]
            opens_parenthesis = re.fullmatch(r"\s*[(（]\s*(?:大会)?\s*", gap)
            if following.entity.cls == "Resolution" and opens_parenthesis:
                ctx.add(mention.entity, "adoptedIn", following.entity,
                        ctx.sentences.around(mention.start), "parenthesis", 0.85)
            elif following.entity.cls == "Resolution" and _titled(ctx, mention, gap):
                ctx.add(mention.entity, "adoptedIn", following.entity,
                        ctx.sentences.around(mention.start), "titled-resolution", 0.85)
        _resolution_before(ctx, index, mention)


def _resolution_before(ctx: RelationContext, index: int, mention: Mention) -> None:
    """"第 X 号决议中通过的《…》", "第 X 号决议所载的《…》", "第 X 号决议，其中通过了《…》":
    the resolution named right before the title adopted it."""
    cue = ctx.local_cues.get("adopted_in_resolution_before")
    if cue is None:
        return
    for previous in reversed(ctx.mentions[max(0, index - 2):index]):
        if previous.entity.cls == "Resolution" and \
                re.fullmatch(cue, ctx.text[previous.end:mention.start]):
            ctx.add(mention.entity, "adoptedIn", previous.entity,
                    ctx.sentences.around(mention.start), "titled-resolution-before", 0.8)
            return


def _titled(ctx: RelationContext, mention: Mention, gap: str) -> bool:
    """"载有《…》的第 X 号决议": a cue before the title, only 的 between it and the number."""
    cue, between = (ctx.local_cues.get(key) for key in
                    ("adopted_in_titled_cue", "adopted_in_titled_gap"))
    return (cue is not None and between is not None and re.match(between, gap) is not None
            and re.search(cue, ctx.text[max(0, mention.start - 8):mention.start]) is not None)


def _instrument_ending_at(ctx: RelationContext, offset: int,
                         short_forms: bool = False) -> Mention | None:
    """The title a footnote marker at ``offset`` closes (glued, or across the language's
    ``footnote_marker_gap``: "the Sevilla Commitment, 12 which")."""
    gap = ctx.local_cues.get("footnote_marker_gap")
    for mention in ctx.mentions:
        if (mention.entity.cls == "Instrument" and (short_forms or not mention.is_short_form)
                and (0 <= offset - mention.end <= 1 if gap is None or offset < mention.end
                     else re.fullmatch(gap, ctx.text[mention.end:offset]) is not None)):
            return mention
    return None


def _instrument_listed_before(ctx: RelationContext, marker: int) -> Mention | None:
    """The last entity title of a list closed at ``marker`` by a title that is no entity."""
    joiners = ctx.cues["title_list_joiners"]
    tail = re.compile(rf"(?:{joiners})[^《》\n]{{1,30}}》[，,；;。]?\s*")
    return next((m for m in reversed(ctx.mentions) if m.end < marker
                 and m.entity.cls == "Instrument"
                 and tail.fullmatch(ctx.text, m.end, marker)), None)


def _sole_instrument_before(ctx: RelationContext, marker: int) -> Mention | None:
    """The one title of the clause a footnote marker closes ("根据《…》确保…保障；10")."""
    clause_start = max(ctx.text.rfind(mark, 0, max(0, marker - 1)) for mark in "，,。；;\n")
    titles = [m for m in ctx.mentions_in(clause_start + 1, marker, "Instrument")
              if not m.is_short_form]
    return titles[0] if len({m.entity.key for m in titles}) == 1 else None


def footnote_adopters(ctx: RelationContext) -> None:
    """A footnote opening with an actor (《<conference>的报告…》, 联合国教科文组织，…)."""
    clean = ctx.result.clean
    lead = int(ctx.cues["footnote_actor_lead"])
    for note in clean.footnotes:
        actors = ctx.mentions_in(note.start, min(note.end, note.start + lead + 40), "Actor")
        if not actors or actors[0].start - note.start > lead:
            continue
        opening = clean.text[actors[0].end:actors[0].end + 12]
        if any(word in opening for word in ctx.cues["footnote_not_adopter"]):
            continue
        for marker in note.marker_offsets:
            instrument = _instrument_ending_at(ctx, marker, short_forms=True)
            titles = [instrument] if instrument is not None else []
            if instrument is None:  # 《北京宣言》和《行动纲要》5: the last title is no entity
                instrument = _instrument_listed_before(ctx, marker)
                titles = [instrument] if instrument is not None else []
            if instrument is None:
                continue
            for title in [*titles, *ctx.coordinated_before(instrument)]:
                ctx.add(title.entity, "adoptedBy", actors[0].entity,
                        ctx.sentences.around(title.start), "footnote-source", 0.8)
