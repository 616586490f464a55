"""``adoptedIn`` / ``adoptedBy`` read from the wording of a language that names the
adopting resolution in running text (keys of ``patterns/<lang>/relations.yaml``; a language
without them skips these rules):

* "Adopts the <instrument>, annexed to the present resolution": the instrument is adopted
  in the document's own resolution, by the organ that adopts the document;
* "Endorses the political declaration adopted by <conference>, which is contained in the
  annex to the present resolution": adopted by the conference, in the own resolution;
* "<instrument>, contained in the annex to resolution 70/1" / "as adopted in resolution …";
* "resolution 70/1 … entitled “<instrument>”", "resolution 69/313 … on the <instrument>";
* "<instrument>, adopted by the General Assembly on …" (adoptedBy);
* "the outcome document of <conference>, the <instrument>" / ", entitled “<instrument>”".
"""

from __future__ import annotations

import re

from hrkg.extract.model import Entity, Mention
from hrkg.extract.patterns import alternation
from hrkg.extract.relations.context import RESOLUTION_DOC_TYPES, RelationContext


def _first(ctx: RelationContext, start: int, end: int, cls: str) -> Mention | None:
    """The first mention of ``cls`` starting inside ``start``..``end``."""
    return next((m for m in ctx.mentions_from(start) if m.start < end and m.entity.cls == cls
                 and not m.is_short_form), None) if start < end else None


def _own_resolution(ctx: RelationContext) -> tuple[Entity | None, list[Entity]]:
    """The document's own resolution (when it is one) and the organs that adopt it."""
    meta = ctx.result.metadata
    if meta.doc_type not in RESOLUTION_DOC_TYPES or not meta.symbol or "/RES/" not in meta.symbol:
        return None, []
    organs = [r.obj for r in ctx.relations.values()
              if r.predicate == "creator" and r.subject is None and r.obj.cls == "Actor"]
    return ctx.factory.resolution(meta.symbol), organs


def _title_instrument(ctx: RelationContext) -> Mention | None:
    """The instrument the document's title names ("80/3. Awaza Political Declaration")."""
    span = ctx.result.metadata.evidence.get("title")
    return _first(ctx, span[0], span[1], "Instrument") if span else None


def annexed_to_self(ctx: RelationContext) -> None:
    """"Adopts the <instrument>, annexed to the present resolution" and "Endorses the … adopted
    by <conference>, which is contained in the annex to the present resolution"."""
    adopts, endorses = ctx.local_cues.get("adopts_in_self"), ctx.local_cues.get("endorses_in_self")
    own, organs = _own_resolution(ctx)
    if own is None or adopts is None or endorses is None:
        return
    for match in re.finditer(adopts, ctx.text):
        instrument = _first(ctx, *match.span("instrument"), "Instrument")
        if instrument is None:
            continue
        sentence = ctx.sentences.around(instrument.start)
        ctx.add(instrument.entity, "adoptedIn", own, sentence, "adopts-annexed", 0.9)
        for organ in organs:
            ctx.add(instrument.entity, "adoptedBy", organ, sentence, "adopts-annexed", 0.9)
    for match in re.finditer(endorses, ctx.text):
        instrument = _first(ctx, *match.span("instrument"), "Instrument") or \
            _title_instrument(ctx)
        actor = _first(ctx, *match.span("actor"), "Actor")
        if instrument is None:
            continue
        sentence = ctx.sentences.around(match.start())
        ctx.add(instrument.entity, "adoptedIn", own, sentence, "endorses-annexed", 0.85)
        if actor is not None and actor.start == match.start("actor"):
            ctx.add(instrument.entity, "adoptedBy", actor.entity, sentence,
                    "endorses-annexed", 0.85)


def adopted_in_text(ctx: RelationContext) -> None:
    """"<instrument>, contained in the annex to resolution X", "resolution X … entitled
    “<instrument>”", "resolution X … on the <instrument>"."""
    cues = ctx.local_cues
    if "adopted_in_text_gap" not in cues:
        return
    after = re.compile(cues["adopted_in_text_gap"].replace(
        "{cues}", alternation(cues["adopted_in_text"])))
    entitled = re.compile(cues["resolution_entitled_gap"])
    on = re.compile(cues["resolution_on_gap"])
    for index, mention in enumerate(ctx.mentions):
        following = [m for m in ctx.mentions[index + 1:index + 4] if not m.is_short_form]
        if mention.entity.cls == "Instrument" and not mention.is_short_form:
            resolution = next((m for m in following if m.entity.cls == "Resolution"), None)
            if resolution is not None and after.fullmatch(ctx.text, mention.end, resolution.start):
                ctx.add(mention.entity, "adoptedIn", resolution.entity,
                        ctx.sentences.around(mention.start), "contained-in-resolution", 0.85)
        elif mention.entity.cls == "Resolution":
            instrument = next((m for m in following if m.entity.cls == "Instrument"), None)
            if instrument is None:
                continue
            for gap, rule in ((entitled, "resolution-entitled"), (on, "resolution-on")):
                if gap.fullmatch(ctx.text, mention.end, instrument.start):
                    ctx.add(instrument.entity, "adoptedIn", mention.entity,
                            ctx.sentences.around(mention.start), rule, 0.8)


def adopted_by_text(ctx: RelationContext) -> None:
    """"<instrument> (, which was) adopted/proclaimed/launched by (the) <actor>"."""
    cues = ctx.local_cues
    if "adopted_by_gap" not in cues:
        return
    gap = re.compile(cues["adopted_by_gap"].replace(
        "{verbs}", alternation(cues["adoption_verbs_passive"])))
    for index, mention in enumerate(ctx.mentions):
        if mention.entity.cls not in ("Instrument", "Resolution") or mention.is_short_form:
            continue
        actor = next((m for m in ctx.mentions[index + 1:index + 3] if m.entity.cls == "Actor"),
                     None)
        if actor is not None and gap.fullmatch(ctx.text, mention.end, actor.start):
            ctx.add(mention.entity, "adoptedBy", actor.entity,
                    ctx.sentences.around(mention.start), "adopted-by-actor", 0.85)


def outcome_of_actor(ctx: RelationContext) -> None:
    """"the outcome document of <conference>, the <instrument>" (or ", entitled “…”"): the
    conference adopted the instrument."""
    cues = ctx.local_cues
    if "outcome_of_before" not in cues:
        return
    before = re.compile(f"(?:{cues['outcome_of_before']})$")
    after = re.compile(cues["outcome_of_after"])
    for index, mention in enumerate(ctx.mentions):
        if mention.entity.cls != "Actor" or not before.search(
                ctx.text, max(0, mention.start - 40), mention.start):
            continue
        instrument = next((m for m in ctx.mentions[index + 1:index + 3]
                           if m.entity.cls == "Instrument"), None)
        if instrument is not None and after.fullmatch(ctx.text, mention.end, instrument.start):
            ctx.add(instrument.entity, "adoptedBy", mention.entity,
                    ctx.sentences.around(instrument.start), "outcome-of-actor", 0.8)
