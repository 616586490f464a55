"""Relation rules for languages that write a verb or head word BEFORE what it governs
(English: "Requests the Secretary-General to …", "its resolutions 76/217 … and 79/279"),
with their cue words in ``patterns/<lang>/relations.yaml``. A rule does nothing for a
document whose pipeline has no such data (Chinese: ``requests.py``, ``organs.py``)."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from hrkg.extract.model import Mention
from hrkg.extract.organs import load_organs, resolution_prefix
from hrkg.extract.patterns import alternation, load_patterns
from hrkg.extract.relations.context import RelationContext

_HEAD = re.compile(r"(?i)\b(?:resolutions?|decisions?)\b")


@cache
def _cues(lang: str) -> dict[str, Any] | None:
    data = load_patterns("relations", lang)
    return data if "operative_cues" in data else None


def organ_stated(ctx: RelationContext, mention: Mention) -> bool | None:
    """Whether the sentence states the organ of a resolution written head + list: the
    organ's name or a possessive ("its resolutions") before the list's head word; None
    when the document's language has no head + list data."""
    if _cues(ctx.result.metadata.language) is None:
        return None
    organ = load_organs().of_prefix(resolution_prefix(mention.entity.key))
    if organ is None:
        return False
    entry = ctx.factory.vocabulary.get(organ.actor)
    names = [n for n in (organ.en, *(entry.en_aliases if entry else ())) if n]
    start, _ = ctx.sentences.around(mention.start)
    heads = list(_HEAD.finditer(ctx.text, start, mention.end))
    if not heads:
        return False
    before = ctx.text[max(start, heads[-1].start() - 60):heads[-1].start()]
    stated = rf"(?:\b(?:its|their)|{alternation(names)}|Assembly|Council)\s+(?:in\s+its\s+)?$"
    return bool(names) and re.search(stated, before) is not None


def requests(ctx: RelationContext) -> None:
    """The document requests the actors named right after an operative request verb
    ("Requests the Secretary-General to", "Invites Member States and …", "We urge …")."""
    cues = _cues(ctx.result.metadata.language)
    if cues is None or ctx.result.metadata.doc_type not in cues["self_request_doc_types"]:
        return
    fillers = alternation(cues["request_fillers"])
    verbs = alternation(cues["request_verbs"])
    verb = re.compile(rf"(?:^|(?<=\n)|(?<=\bWe\s)|(?<=\d\.\s))(?:(?:{fillers})\s+)*"
                      rf"(?i:{verbs})\b{cues['request_actor_gap']}?", re.M)
    joiners = cues["actor_list_joiners"]
    for match in verb.finditer(ctx.text, 0, ctx.result.clean.body_end):
        first = next(iter(ctx.mentions_from(match.end())), None)
        if first is None or first.start - match.end() > 30:
            continue
        sentence = ctx.sentences.around(match.start())
        if first.entity.cls != "Actor":
            continue
        for actor in [first, *ctx.coordinated(first, "Actor", joiners, 1)]:
            if actor.start < sentence[1]:
                ctx.add(None, "requests", actor.entity, sentence, "request-verb-headed", 0.85)
