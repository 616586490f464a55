"""``adoptedBy`` Instrument -> Actor read from the running text: "<actor> … 通过的《…》",
"<actor>的《…》", "《…》所体现的<conference>成果", "在《…》中，<organ>", a conference
convened in a preamble, and in a resolution "<organ>, 通过以下<instrument>" (annexes
share the adopter)."""

from __future__ import annotations

import re

from hrkg.extract.cleaning.sentences import alone_on_line
from hrkg.extract.model import Entity, Mention
from hrkg.extract.organs import load_organs
from hrkg.extract.patterns import alternation
from hrkg.extract.relations.context import RESOLUTION_DOC_TYPES, RelationContext


def _first_person_authors(ctx: RelationContext) -> list[Entity]:
    """Who "我" is in this document: its authors, offices before persons."""
    if ctx.result.metadata.doc_type not in ctx.cues["first_person_doc_types"]:
        return []
    authors = [a.obj for a in ctx.relations.values() if a.predicate == "creator"]
    offices = [a for a in authors if a.subclass != "Person"]
    return offices[:1] or authors[:1]


def instrument_adopters(ctx: RelationContext) -> None:
    """"<actor>…通过的《…》", "<actor>通过了一项…的<title>", "我近期发布的《…》和《…》"."""
    verbs = alternation(ctx.cues["adoption_verbs"])
    measures = "|".join(map(re.escape, ctx.cues["adoption_measure_words"]))
    reach = int(ctx.cues["adoption_modifier_reach"])
    cue_pattern = re.compile(
        rf"(?:{verbs})(?:{ctx.cues['adopter_named_again']})?"
        rf"(?:(?:{measures})(?:[^。；;]{{0,{reach}}}的)?)?[\s“\"《]*$")
    first_person = re.compile(rf"{ctx.cues['first_person']}\s*$")
    window = int(ctx.cues["adoption_window"]) + reach
    for mention in ctx.mentions:
        if mention.entity.cls != "Instrument":
            continue
        start, _ = ctx.sentences.around(mention.start)
        lo = max(start, mention.start - window)
        cue = cue_pattern.search(ctx.text, lo, mention.start)
        if cue is None or ctx.mentions_in(cue.start(), mention.start, "Actor"):
            continue
        nearby = ctx.mentions_in(lo, cue.start(), "Actor")
        apart = re.compile(ctx.cues["adopter_cue_apart"])
        actors = [a.entity for a in nearby
                  if not apart.search(ctx.text[a.end:cue.start()])][-1:]
        rule = "actor-adopted-title"
        if not actors and first_person.search(ctx.text, lo, cue.start()):
            actors, rule = _first_person_authors(ctx), "first-person-adopted-title"
        for actor in actors:
            for title in [mention, *ctx.coordinated_after(mention)]:
                ctx.add(title.entity, "adoptedBy", actor,
                        ctx.sentences.around(title.start), rule, 0.8)


def _owner_of(ctx: RelationContext, index: int) -> Mention | None:
    """The actor that opens the title at ``index`` (信息社会世界峰会成果) or stands right
    before it, joined by 的 or nothing (非洲联盟《2063 年议程》, 20国集团新的…原则)."""
    title = ctx.mentions[index]
    joiners = "|".join(map(re.escape, ctx.cues["owner_joiners"]))
    for other in ctx.mentions[max(0, index - 3):index + 3]:
        if other.entity.cls != "Actor" or other.surface in ctx.cues["owner_excluded"]:
            continue
        # a conference inside a title that is more than its outcome (…会议亚的斯亚贝巴行动议程)
        # names where the text comes from, not who adopted it
        nested = other.start in (title.start, title.start + 1) and other.end < title.end \
            and other.component != "title-event"
        before = other.end <= title.start and re.fullmatch(
            rf"\s*(?:{joiners})?\s*[《“]?", ctx.text[other.end:title.start])
        if nested or before:
            return other
    return None


def owner_before_title(ctx: RelationContext) -> None:
    """"<actor>的《…》", "<A>和<B>的<title>": the actors right before the title adopted it."""
    joiners = ctx.cues["actor_list_joiners"]
    for index, mention in enumerate(ctx.mentions):
        if mention.entity.cls != "Instrument" or mention.is_short_form:
            continue
        owner = _owner_of(ctx, index)
        if owner is None:
            continue
        for actor in [owner, *ctx.coordinated(owner, "Actor", joiners, -1)]:
            ctx.add(mention.entity, "adoptedBy", actor.entity,
                    ctx.sentences.around(mention.start), "actor-before-title", 0.75)


def embodied_outcome(ctx: RelationContext) -> None:
    """"《A》和《B》以及《C》所体现的<conference>成果": the conference adopted the titles."""
    linker = re.compile(ctx.cues["embodied_outcome"])
    heads = "|".join(map(re.escape, ctx.cues["outcome_heads"]))
    for mention in ctx.mentions:
        if mention.entity.cls != "Instrument" or mention.is_short_form:
            continue
        link = linker.match(ctx.text, mention.end)
        if link is None:
            continue
        actor = next((m for m in ctx.mentions_from(link.end()) if m.start == link.end()
                      and m.entity.cls == "Actor"), None)
        if actor is None or not re.match(rf"\s*的?\s*(?:{heads})", ctx.text[actor.end:]):
            continue
        for title in [mention, *ctx.coordinated_before(mention)]:
            ctx.add(title.entity, "adoptedBy", actor.entity,
                    ctx.sentences.around(title.start), "embodied-outcome", 0.75)


def organ_in_title(ctx: RelationContext) -> None:
    """"在《…》中，<organ>…", "<organ>在该议程中…", "在<conference>的<title>中，<organ>":
    an adopting organ speaks in its text."""
    organs = {organ.zh for organ in load_organs().adopting}
    anaphor = tuple(ctx.cues["anaphor_prefixes"])
    for index, mention in enumerate(ctx.mentions):
        if mention.entity.cls != "Instrument":
            continue
        if mention.is_short_form and not (mention.surface.startswith(anaphor)
                                          and _named_just_before(ctx, mention)):
            continue
        inside = re.match(r"[》”]?\s*中\s*[，,]?\s*", ctx.text[mention.end:mention.end + 6])
        if inside is None:
            continue
        lead = mention.start
        owner = _owner_of(ctx, index)
        if owner is not None and owner.end <= mention.start:
            lead = owner.start
        opening = re.search(r"在\s*[《“]?$", ctx.text[max(0, lead - 3):lead])
        if opening is None:
            continue
        at = lead - 3 + opening.start() if lead >= 3 else opening.start()
        after = mention.end + inside.end()
        near = [m for m in ctx.mentions[max(0, index - 3):index + 4]
                if m.entity.cls == "Actor" and m.entity.label_zh in organs
                and (0 <= at - m.end <= 1 or 0 <= m.start - after <= 1)]
        for actor in near:
            ctx.add(mention.entity, "adoptedBy", actor.entity,
                    ctx.sentences.around(mention.start), "organ-in-title", 0.75)


def _named_just_before(ctx: RelationContext, anaphor: Mention) -> bool:
    """An anaphor (该议程) whose entity was named in full shortly before it."""
    reach = int(ctx.cues["anaphor_reach"])
    return any(m.entity.key == anaphor.entity.key and not m.is_short_form
               for m in ctx.mentions_in(max(0, anaphor.start - reach), anaphor.start))


def convened_conference(ctx: RelationContext) -> None:
    """"<title heading>\n我们，…于…举行<conference>，…发表宣言如下：": the conference the
    preamble convenes adopts the instrument whose title heads it."""
    verbs = "|".join(map(re.escape, ctx.cues["convene_verbs"]))
    heads = tuple(ctx.cues["conference_heads"])
    reach = int(ctx.cues["preamble_reach"])
    body_end = ctx.result.clean.body_end
    for formula in re.compile(ctx.cues["adopting_formula"]).finditer(ctx.text, 0, body_end):
        heading = next((m for m in ctx.mentions_back_from(formula.start(), reach)
                        if m.end <= formula.start() and m.entity.cls == "Instrument"
                        and formula.start() - m.end <= reach
                        and alone_on_line(ctx.text, m.start, m.end)), None)
        if heading is None:
            continue
        for convene in re.compile(verbs).finditer(ctx.text, heading.end, formula.start()):
            actor = next((m for m in ctx.mentions_from(convene.end())
                          if m.start == convene.end() and m.entity.cls == "Actor"
                          and m.entity.label_zh.endswith(heads)), None)
            if actor is not None:
                ctx.add(heading.entity, "adoptedBy", actor.entity,
                        ctx.sentences.around(actor.start), "preamble-convened", 0.75)
                break


def document_adoptions(ctx: RelationContext) -> None:
    """"大会, 通过以下未来契约": the organ heading a resolution adopts the instrument;
    "将《X》作为本契约的附件": an annex shares the adopter of the text it is annexed to."""
    if ctx.result.metadata.doc_type not in RESOLUTION_DOC_TYPES:
        return
    verb = ctx.cues["resolution_adopt_pattern"]
    adopted: list[tuple[Entity, Entity]] = []
    for index, mention in enumerate(ctx.mentions):
        if mention.entity.cls != "Actor":
            continue
        following = next((m for m in ctx.mentions[index + 1:index + 3]
                          if m.entity.cls == "Instrument"), None)
        if following is None:
            continue
        if re.fullmatch(verb, ctx.text[mention.end:following.start]):
            adopted.append((following.entity, mention.entity))
            ctx.add(following.entity, "adoptedBy", mention.entity,
                    ctx.sentences.around(following.start), "resolution-adopts", 0.85)
    annex = re.compile(ctx.cues["annex_pattern"])
    for mention in ctx.mentions:
        if mention.entity.cls != "Instrument":
            continue
        if annex.match(ctx.text, mention.end):
            for _, organ in adopted:
                ctx.add(mention.entity, "adoptedBy", organ,
                        ctx.sentences.around(mention.start), "annex-of-adopted", 0.75)
