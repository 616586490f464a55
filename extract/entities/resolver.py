"""The last stages of the pipeline: overlapping candidates are settled (longest
span wins, then component priority; candidates may nest inside publication
titles), then the survivors become :class:`Mention` records with offsets into
the original text.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from hrkg.core.names import label_form
from hrkg.extract.entities.candidates import Candidate, DocContext, candidates, text_of
from hrkg.extract.model import Mention


def settle_overlaps(found: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates, longest first; nesting allowed inside containers.

    Each kept candidate is registered at the characters it covers, so a new one is
    compared only with the kept candidates it touches (linear, not quadratic)."""
    ranked = sorted(found, key=lambda c: (-(c.end - c.start), -c.priority, c.start, c.component))
    covering: dict[int, list[Candidate]] = {}
    kept: list[Candidate] = []
    for candidate in ranked:
        if not any(_clashes(candidate, other) for other in _touching(covering, candidate)):
            kept.append(candidate)
            for position in range(candidate.start, candidate.end):
                covering.setdefault(position, []).append(candidate)
    return sorted(kept, key=lambda c: (c.start, c.end))


def _touching(covering: dict[int, list[Candidate]], candidate: Candidate) -> list[Candidate]:
    seen: dict[int, Candidate] = {}
    for position in range(candidate.start, candidate.end):
        for other in covering.get(position, ()):
            seen.setdefault(id(other), other)
    return list(seen.values())


def _clashes(candidate: Candidate, other: Candidate) -> bool:
    """Overlap that is not strict nesting inside a container (a publication title; the members
    of a coordination of modifiers hold only each other: "rural and indigenous women" holds
    no mention of women)."""
    inside = other.start <= candidate.start and candidate.end <= other.end
    if other.info.get("coordination") == "modifiers" and "coordination" not in candidate.info:
        return True
    if inside and (candidate.start, candidate.end) not in other.info.get("holds", ((
            candidate.start, candidate.end),)):
        return True  # a title holds only the conference it names
    return not (inside and other.container
                and (candidate.start, candidate.end) != (other.start, other.end))


def drop_hopeless_short_forms(found: list[Candidate]) -> list[Candidate]:
    """Vocabulary short forms that cannot resolve yield to a name at the same place.

    A short form (调查委员会 of one commission of inquiry) resolves only to an entry named
    earlier in the document; when none was, a name found at the same span (the body
    调查委员会 in its own right) is kept instead of being hidden by it."""
    named_spans = {(c.start, c.end) for c in found if c.entity is not None}
    first_seen: dict[str, int] = {}
    for c in found:
        if c.entity is not None and c.start < first_seen.get(c.entity.key, c.start + 1):
            first_seen[c.entity.key] = c.start
    return [c for c in found if not (
        c.entity is None and "keys" in c.info and (c.start, c.end) in named_spans
        and not any(first_seen.get(key, c.start) < c.start for key in c.info["keys"]))]


class OverlapResolver:
    def __call__(self, doc: Doc) -> Doc:
        doc._.hrkg_candidates = settle_overlaps(drop_hopeless_short_forms(candidates(doc)))
        return doc


class MentionBuilder:
    def __call__(self, doc: Doc) -> Doc:
        context: DocContext = doc._.hrkg_context
        clean = context.clean
        mentions = []
        for candidate in candidates(doc):
            if candidate.entity is None:
                continue
            orig_start, orig_end = clean.orig_span(candidate.start, candidate.end)
            mentions.append(Mention(
                entity=candidate.entity,
                start=candidate.start,
                end=candidate.end,
                orig_start=orig_start,
                orig_end=orig_end,
                anchor="",  # filled from the original text by the caller
                surface=label_form(text_of(doc)[candidate.start:candidate.end]),
                component=candidate.component,
                is_short_form=candidate.short_form,
            ))
        doc._.hrkg_mentions = mentions
        return doc


@Language.factory("hrkg_overlaps", default_config={})
def make_overlap_resolver(nlp: Language, name: str) -> OverlapResolver:
    return OverlapResolver()


@Language.factory("hrkg_mentions", default_config={})
def make_mention_builder(nlp: Language, name: str) -> MentionBuilder:
    return MentionBuilder()
