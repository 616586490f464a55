"""``requests`` stated as a noun (keys of ``patterns/<lang>/relations.yaml``; a language
without them skips the rule): "resolution 77/247 contained a request for an advisory opinion
from the International Court of Justice" -> that resolution requests the Court."""

from __future__ import annotations

import re

from hrkg.extract.relations.context import RelationContext


def resolution_request_nouns(ctx: RelationContext) -> None:
    """"<resolution> contained a request (for …) from/to <actor>"."""
    pattern = ctx.local_cues.get("resolution_request_noun")
    if pattern is None:
        return
    between = re.compile(pattern)
    for index, mention in enumerate(ctx.mentions):
        if mention.entity.cls != "Resolution":
            continue
        actor = next((m for m in ctx.mentions[index + 1:index + 4] if m.entity.cls == "Actor"),
                     None)
        if actor is not None and between.fullmatch(ctx.text, mention.end, actor.start):
            ctx.add(mention.entity, "requests", actor.entity,
                    ctx.sentences.around(mention.start), "resolution-request-noun", 0.8)
