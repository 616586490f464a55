"""``requests`` Resolution -> Actor: "<resolution> … 请/邀请/促请 <actor>"; in a resolution
or draft resolution, the document itself requests (running text only); "根据<resolution>，
<actor>…" (the actor acted on the resolution); a footnoted resolution endorsing a practice."""

from __future__ import annotations

import re

from hrkg.extract.model import Mention
from hrkg.extract.relations.context import RESOLUTION_DOC_TYPES, RelationContext
from hrkg.extract.relations.organs import organ_of


def _is_request_verb(ctx: RelationContext, match: re.Match[str]) -> bool:
    """Not 请 inside 提请 / 申请 / 请求 … (see relations.yaml)."""
    verb = match.group()
    not_after = ctx.cues["request_verb_not_after"].get(verb, "")
    not_before = ctx.cues["request_verb_not_before"].get(verb, "")
    before = ctx.text[match.start() - 1] if match.start() else ""
    after = ctx.text[match.end():match.end() + 1]
    return not (before and before in not_after) and not (after and after in not_before)


def _speaking_resolution(ctx: RelationContext, resolutions: list[Mention],
                        verb_at: int) -> Mention | None:
    """The resolution that makes the request at ``verb_at``: "第 41/3 号决议中，请…",
    "…号决议，其中大会请…" (its own organ may be named), or the resolution opening its
    clause that goes on before it asks ("…号决议认识到…，请…")."""
    if not resolutions:
        return None
    last = resolutions[-1]
    gap = ctx.text[last.end:verb_at]
    stated = re.fullmatch(ctx.cues["resolution_request_gap"], gap)
    if stated and _is_own_organ(ctx, last, stated.group("organ"),
                                last.end + stated.start("organ")):
        return last
    if (len(gap) > int(ctx.cues["resolution_subject_reach"]) or re.search(r"[。；;]", gap)
            or ctx.mentions_in(last.end, verb_at, "Actor")):
        return None
    clause_start = max(ctx.text.rfind(mark, 0, last.start) for mark in "，,。；;\n")
    lead = ctx.text[clause_start + 1:last.start]
    cues = "|".join(map(re.escape, [*ctx.cues["pursuant_cues"], "见"]))
    return None if re.search(cues, lead) else last


def _other_speaker(ctx: RelationContext, verb_at: int) -> bool:
    """Whether an actor other than the document's authors asks in this clause ("欢迎秘书长
    呼吁各国…": the Secretary-General asks, not the resolution)."""
    clause_start = max(ctx.text.rfind(mark, 0, verb_at) for mark in "，,。；;：:\n") + 1
    authors = {r.obj.key for r in ctx.relations.values() if r.predicate == "creator"}
    return any(m.entity.key not in authors
               for m in ctx.mentions_in(clause_start, verb_at, "Actor"))


def _is_own_organ(ctx: RelationContext, resolution: Mention, name: str, at: int) -> bool:
    """Whether ``name`` (at ``at``) is empty or a mention of the organ that adopted the
    resolution ("…号决议，其中大会请…")."""
    if not name:
        return True
    organ = organ_of(ctx, resolution.entity)
    return organ is not None and any(
        m.start == at and m.end == at + len(name) and m.entity.key == organ.key
        for m in ctx.mentions_in(at, at + len(name), "Actor"))


def _listed_with(ctx: RelationContext, resolution: Mention) -> list[Mention]:
    """The resolutions listed before ``resolution`` that share its clause: "第 72/1 号、
    2018 年 11 月 26 日第 73/2 号和第 75/3 号决议，其中请…" (each of them requests)."""
    joiner = re.compile(ctx.cues["resolution_list_gap"])
    listed = [resolution]
    while True:
        index = ctx.index_of(listed[-1])
        previous = ctx.mentions[index - 1] if index else None
        if previous is None or previous.entity.cls != "Resolution" or \
                not joiner.fullmatch(ctx.text, previous.end, listed[-1].start):
            return listed[1:]
        listed.append(previous)


def requests(ctx: RelationContext) -> None:
    verbs = "|".join(map(re.escape, ctx.cues["request_verbs"]))
    cue = re.compile(rf"(?:{verbs})")
    is_resolution_doc = ctx.result.metadata.doc_type in RESOLUTION_DOC_TYPES
    for match in cue.finditer(ctx.text):
        if not _is_request_verb(ctx, match):
            continue
        actor = _requested_actor(ctx, match.end())
        if actor is None:
            continue
        actors = [actor, *_coordinated_actors(ctx, actor)]
        sentence = ctx.sentences.around(match.start())
        resolutions = ctx.mentions_in(sentence[0], match.start(), "Resolution")
        speaker = _speaking_resolution(ctx, resolutions, match.start())
        if speaker is not None:
            for resolution in [speaker, *_listed_with(ctx, speaker)]:
                for asked in actors:
                    ctx.add(resolution.entity, "requests", asked.entity, sentence,
                            "resolution-request-verb", 0.8)
        elif (not resolutions and is_resolution_doc
              and match.start() < ctx.result.clean.body_end
              and ctx.result.clean.footnote_at(match.start()) is None
              and not _other_speaker(ctx, match.start())):
            for asked in actors:
                ctx.add(None, "requests", asked.entity, sentence, "document-request-verb", 0.75)


def _requested_actor(ctx: RelationContext, offset: int) -> Mention | None:
    """The actor right after a request verb (fillers such as 还/所有/各 may stand between,
    or open the actor's name: 敦促各国); in "<A>主持召开的<B>" the head noun B; none when
    the actor only owns the one asked (请委员会主席…, a post or unit the text does not name
    as an entity of its own)."""
    fillers = "|".join(map(re.escape, ctx.cues["request_fillers"]))
    gap = re.compile(rf"(?:{fillers})*{ctx.cues['request_actor_gap']}")
    reach = int(ctx.cues["request_actor_reach"])
    right_after = [m for m in ctx.mentions_near(offset, reach)
                   if gap.fullmatch(ctx.text, offset, m.start)]
    # the actor that holds a title ("鼓励《巴黎协定》各缔约方") before the title inside it
    actor = next((m for m in right_after if m.entity.cls == "Actor"),
                 right_after[0] if right_after else None)
    if actor is None or actor.entity.cls != "Actor" or \
            ctx.text.startswith(tuple(ctx.cues["request_owned_heads"]), actor.end):
        return None  # 请理事会主席…: the post is asked, not the body
    modifier = re.compile(ctx.cues["modifier_clause"])
    head = next((m for m in ctx.mentions_near(actor.end, reach)
                 if modifier.fullmatch(ctx.text, actor.end, m.start)), None)
    return head if head is not None and head.entity.cls == "Actor" else actor


def _coordinated_actors(ctx: RelationContext, actor: Mention) -> list[Mention]:
    """The actors asked together with ``actor``: "请技术促进机制和委员会…" (not one that
    only modifies a head noun after it: "…和其他开发银行的理事机构")."""
    kept = []
    for mention in ctx.coordinated(actor, "Actor", ctx.cues["requested_actor_joiners"], 1):
        if ctx.text.startswith("的", mention.end):
            break
        kept.append(mention)
    return kept


def footnote_endorsements(ctx: RelationContext) -> None:
    """"各国正在探索…。11" + "11 人权理事会第 36/29 号决议鼓励采取这种做法。": the
    resolution asks the actor that opens the footnoted sentence to act so."""
    verbs = "|".join(map(re.escape, ctx.cues["request_verbs"]))
    anaphors = "|".join(map(re.escape, ctx.cues["practice_anaphors"]))
    for note in ctx.result.clean.footnotes:
        resolutions = ctx.mentions_in(note.start, note.end, "Resolution")
        if not resolutions:
            continue
        endorsed = re.compile(rf"\s*(?:中\s*[，,]?\s*)?(?:{verbs})\S{{0,4}}?(?:{anaphors})")
        if not endorsed.match(ctx.text, resolutions[-1].end):
            continue
        for marker in note.marker_offsets:
            start, _ = ctx.sentences.around(max(0, marker - 1))
            actor = next(ctx.mentions_from(start), None)
            if (actor is not None and actor.entity.cls == "Actor"
                    and re.fullmatch(r"[\s(（a-z)）0-9.]*", ctx.text[start:actor.start])):
                ctx.add(resolutions[-1].entity, "requests", actor.entity,
                        ctx.sentences.around(note.start), "footnote-endorses-practice", 0.7)


def pursuant_to(ctx: RelationContext) -> None:
    """"根据<resolution>，<actor>组织了…": the actor acted on the resolution's request."""
    cues = "|".join(map(re.escape, ctx.cues["pursuant_cues"]))
    for index, mention in enumerate(ctx.mentions):
        if mention.entity.cls != "Resolution":
            continue
        before = ctx.text[max(0, mention.start - 12):mention.start]
        if not re.search(rf"(?:{cues})[^，。；]{{0,10}}$", before):
            continue
        following = ctx.mentions[index + 1] if index + 1 < len(ctx.mentions) else None
        if (following is not None and following.entity.cls == "Actor"
                and re.fullmatch(r"\s*[，,]\s*", ctx.text[mention.end:following.start])):
            ctx.add(mention.entity, "requests", following.entity,
                    ctx.sentences.around(mention.start), "pursuant-to-resolution", 0.7)
