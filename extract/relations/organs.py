"""``adoptedBy`` Resolution -> organ: the organ whose symbol series a resolution has,
stated when the sentence names the organ, background when only the symbol tells it;
an instrument adopted in a resolution is adopted by the resolution's organ."""

from __future__ import annotations

import re

from hrkg.extract.model import Entity, Mention
from hrkg.extract.organs import load_organs, resolution_prefix
from hrkg.extract.relations import headed
from hrkg.extract.relations.context import RelationContext


def organ_of(ctx: RelationContext, resolution: Entity) -> Entity | None:
    """The organ whose symbol series the resolution or decision has (for a treaty decision,
    the body its number names)."""
    organs = load_organs()
    body = organs.decision_body(resolution.key)
    if body is not None:
        return ctx.factory.lookup_surface(body)
    organ = organs.of_prefix(resolution_prefix(resolution.key))
    return ctx.factory.vocabulary_key(organ.actor) if organ else None


def _organ_names(ctx: RelationContext, prefix: str) -> list[str]:
    """The names that state the organ of resolutions with symbol ``prefix``."""
    organs = load_organs()
    organ = organs.of_prefix(prefix)
    if organ is None:
        return []
    return [*organ.names, *([organs.council_short_form] if organ.council else [])]


def organ_stated(ctx: RelationContext, mention: Mention) -> bool:
    """Whether the sentence names the organ of the cited resolution (see relations.yaml)."""
    if (headed_list := headed.organ_stated(ctx, mention)) is not None:  # English
        return headed_list
    names = _organ_names(ctx, resolution_prefix(mention.entity.key))
    if not names:
        return False
    sentence_start, sentence_end = ctx.sentences.around(mention.start)
    window = int(ctx.cues["organ_stated_window"])
    before = ctx.text[max(sentence_start, mention.start - window):mention.start]
    organ = None
    for match in re.finditer("|".join(map(re.escape, names)), before):
        organ = match
    if organ is not None and not re.search(r"号\s*(?:决议|决定)", before[organ.end():]):
        return True
    after = re.match(ctx.cues["organ_stated_after"], ctx.text[mention.end:sentence_end])
    if after and any(after.group("organ").endswith(n) for n in names):
        return True
    index = ctx.index_of(mention)
    previous = next((m for m in reversed(ctx.mentions[:index])
                     if m.entity.cls == "Resolution"), None)
    if previous is None or previous.start < sentence_start:
        return False
    gap = ctx.text[previous.end:mention.start]
    joined = re.match(ctx.cues["organ_stated_list_joiners"], gap)
    same_series = previous.entity.key.split("/")[0] == mention.entity.key.split("/")[0]
    return bool(joined and same_series and not re.search(r"[，,。；;]", gap)
                and organ_stated(ctx, previous))


def resolution_organs(ctx: RelationContext) -> None:
    """Resolution adoptedBy the organ of its symbol series."""
    for mention in ctx.mentions:
        entity = mention.entity
        if entity.cls != "Resolution":
            continue
        organ = organ_of(ctx, entity)
        if organ is not None:
            ctx.add(entity, "adoptedBy", organ, ctx.sentences.around(mention.start),
                    "resolution-symbol-series", 0.95,
                    background=not organ_stated(ctx, mention))


def organ_of_adopting_resolution(ctx: RelationContext) -> None:
    """An instrument adopted in a resolution is adopted by the resolution's organ: stated
    when the sentence names the resolution, background when only a footnote does."""
    for relation in list(ctx.relations.values()):
        if relation.predicate != "adoptedIn" or relation.subject is None \
                or relation.rule == "endorses-annexed":  # the organ endorsed, another adopted
            continue
        organ = organ_of(ctx, relation.obj)
        if organ is not None:
            ctx.add(relation.subject, "adoptedBy", organ,
                    (relation.sentence_start, relation.sentence_end),
                    "adopted-in-organ-resolution", 0.8,
                    background=relation.rule.startswith(("footnote-annex", "titled-resolution",
                                                         "contained-in-resolution",
                                                         "resolution-entitled", "resolution-on")))
