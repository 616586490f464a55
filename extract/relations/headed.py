"""Relation rules for languages that write a verb or head word BEFORE what it governs
(English: "Requests the Secretary-General to …", "its resolutions 76/217 … and 79/279"),
with their cue words in ``patterns/<lang>/relations.yaml``. A rule does nothing for a
document whose pipeline has no such data (Chinese: ``requests.py``, ``organs.py``)."""

from __future__ import annotations

import re
from collections.abc import Iterator
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


def _listed_actors(ctx: RelationContext, start: int, cues: dict[str, Any],
                   stop: int) -> list[Mention]:
    """The actors named from ``start`` up to the action ("… to <verb>"), the end of the
    clause or ``stop``; an insertion (", in accordance with …, to") is skipped."""
    end = min(stop, start + int(cues["request_list_reach"]))
    action = re.compile(cues["request_action"]).search(ctx.text, start, end)
    if action is not None:
        end = action.start()
    insertion = re.compile(cues["insertion"]).search(ctx.text, start, end + 8)
    if insertion is not None:
        end = min(end, insertion.start())
    clause = re.compile(cues["request_clause_end"]).search(ctx.text, start, end)
    if clause is not None:
        end = clause.start()
    return ctx.mentions_in(start, end, "Actor")


def requests(ctx: RelationContext) -> None:
    """The document requests the actors named after an operative request verb ("Requests
    the Secretary-General to", "Invites Member States and …", "We urge …", "To request …"),
    or before a passive one ("The Commission is encouraged to"); a resolution requests
    the actors its own verb names ("in its resolution 72/228, the Assembly encouraged …")."""
    cues = _cues(ctx.result.metadata.language)
    if cues is None:
        return
    body_end = ctx.result.clean.body_end
    _resolution_requests(ctx, cues, body_end)
    if ctx.result.metadata.doc_type not in cues["self_request_doc_types"]:
        return
    fillers = alternation(cues["request_fillers"])
    verbs = alternation(cues["request_verbs"])
    verb = re.compile(rf"(?:^|(?<=\n)|(?<=\b[Ww]e\s)|(?<=\d\.\s)|{cues['infinitive_request']})"
                      rf"(?:(?:{fillers})\s+)*(?i:{verbs})\b", re.M)
    for match in verb.finditer(ctx.text, 0, body_end):
        sentence = ctx.sentences.around(match.start())
        for actor in _listed_actors(ctx, match.end(), cues, sentence[1]):
            ctx.add(None, "requests", actor.entity, sentence, "request-verb-headed", 0.85)
    for match in _passive_requests(ctx.text, body_end, cues):
        sentence = ctx.sentences.around(match.start())
        actors = ctx.mentions_in(max(sentence[0], match.start()), match.end("actor"), "Actor")
        if actors and re.fullmatch(r"[\s,]*", ctx.text[actors[-1].end:match.end("actor")]):
            ctx.add(None, "requests", actors[-1].entity, sentence, "passive-request", 0.8)


def _passive_requests(text: str, end: int, cues: dict[str, Any]) -> Iterator[re.Match[str]]:
    """The matches of ``passive_request`` in ``text[:end]``, searched only within
    ``passive_request_reach`` characters before each passive verb ("is requested to"):
    the lazy actor tried at every offset of the text made this rule a sixth of the
    whole extraction time of English documents."""
    passive = re.compile(cues["passive_request"].replace("{actor}", r"[^.;:\n]{1,120}?"))
    verb = re.compile(cues["passive_request"].split("{actor})", 1)[1])
    reach = int(cues["passive_request_reach"])
    done = 0
    for tail in verb.finditer(text, 0, end):
        if tail.end() <= done:
            continue
        for match in passive.finditer(text, max(done, tail.start() - reach), tail.end()):
            yield match
            done = match.end()


def _resolution_requests(ctx: RelationContext, cues: dict[str, Any], body_end: int) -> None:
    """"in its resolution X …, the Assembly encouraged <actor> to": X requests <actor>."""
    for match in re.finditer(cues["resolution_subject"], ctx.text[:body_end]):
        resolutions = ctx.mentions_in(match.start(), match.start("verb"), "Resolution")
        if not resolutions:
            continue
        sentence = ctx.sentences.around(match.start())
        for actor in _listed_actors(ctx, match.end(), cues, sentence[1]):
            for resolution in resolutions:
                ctx.add(resolution.entity, "requests", actor.entity, sentence,
                        "resolution-request-verb", 0.8)
