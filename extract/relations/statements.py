"""What a document states about itself and what it cites: ``creator`` (its authors, from
the metadata), ``reaffirms`` / ``recalls`` Document -> Instrument/Resolution (重申 / 回顾 /
忆及 followed by the title or resolution in the same clause) and ``concerns``
Instrument/Resolution -> Right."""

from __future__ import annotations

import re

from hrkg.extract.patterns import alternation
from hrkg.extract.relations.context import RelationContext


def authors(ctx: RelationContext) -> None:
    metadata = ctx.result.metadata
    span = metadata.evidence.get("authors") or metadata.evidence.get("title") or (0, 1)
    sentence = ctx.sentences.around(span[0])
    for name in metadata.authors:
        actor = ctx.factory.lookup_surface(name) or ctx.factory.open_world("Actor", name)
        ctx.add(None, "creator", actor, sentence, "metadata-author", 0.95)


def reaffirms_and_recalls(ctx: RelationContext) -> None:
    """"重申…《…》" / "回顾…第 X 号决议": the document reaffirms or recalls what follows the
    cue in the same clause (instruments and resolutions only; not one that only qualifies
    the object: "重申对《…》的承诺" reaffirms a commitment, not the instrument)."""
    reach = int(ctx.cues["affirm_reach"])
    body_end = ctx.result.clean.body_end
    commitment = re.compile(ctx.cues["affirm_object_after"])
    for predicate, words in ctx.cues["affirm_cues"].items():
        cue = re.compile("|".join(map(re.escape, words)))
        for match in cue.finditer(ctx.text, 0, body_end):
            clause = re.search(r"[，,。；;：:]", ctx.text[match.end():match.end() + reach])
            end = match.end() + (clause.start() if clause else reach)
            for mention in ctx.mentions_in(match.end(), end):
                if mention.entity.cls in ("Instrument", "Resolution") and \
                        not commitment.match(ctx.text, mention.end, end):
                    ctx.add(None, predicate, mention.entity,
                            ctx.sentences.around(match.start()), f"{predicate}-cue", 0.75)


def _right_names(ctx: RelationContext) -> re.Pattern[str] | None:
    """Every Chinese name of a right in the vocabulary, longest first."""
    names = [surface for surface, entries in ctx.factory.vocabulary.by_surface().items()
             if any(entry.cls == "Right" for entry in entries)]
    if not names:
        return None
    return re.compile(alternation(names))


def concerns(ctx: RelationContext) -> None:
    """hr:concerns Instrument/Resolution -> Right: a title that names the right
    (《发展权利宣言》), a resolution "关于<right>的…第 X 号决议" or "第 X 号决议(关于…)"."""
    names = _right_names(ctx)
    for mention in ctx.mentions:
        if mention.entity.cls != "Instrument" or mention.is_short_form or names is None:
            continue
        for match in names.finditer(mention.surface):
            right = ctx.factory.lookup_surface(match.group(), "Right")
            if right is not None:
                ctx.add(mention.entity, "concerns", right,
                        ctx.sentences.around(mention.start), "title-names-right", 0.85)
    before_right = re.compile(rf"(?:{ctx.cues['concerns_before_right']})")
    right_to_resolution = re.compile(ctx.cues["concerns_right_to_resolution"])
    resolution_to_right = re.compile(ctx.cues["concerns_resolution_to_right"])
    for mention in ctx.mentions:
        if mention.entity.cls != "Resolution":
            continue
        sentence = ctx.sentences.around(mention.start)
        for named in ctx.mentions_in(sentence[0], sentence[1], "Right"):
            stated: bool
            if named.end <= mention.start:
                stated = bool(right_to_resolution.match(ctx.text[named.end:mention.start])
                              and before_right.search(ctx.text[max(0, named.start - 6):
                                                               named.start]))
            else:
                stated = bool(named.start >= mention.end and resolution_to_right.match(
                    ctx.text[mention.end:named.start]))
            if stated:
                ctx.add(mention.entity, "concerns", named.entity, sentence,
                        "resolution-on-right", 0.8)
