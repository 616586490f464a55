"""Rights that no vocabulary names (see patterns/rights.yaml):

- rights of a rights-holder group, ``<group>(的)权利`` (子孙后代的权利): one Right per
  group, "rights of <group>", unless the vocabulary names that group's rights;
- rights described by what they entitle to, a verb-object phrase directly before
  ``的权利`` inside one clause (平等获取经济资源的权利): a Right named as written.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from hrkg.extract.entities.candidates import Candidate, add_candidate, text_of
from hrkg.extract.entities.english_rights import EnglishRightsFinder
from hrkg.extract.entities.factory import EntityFactory
from hrkg.extract.model import Entity
from hrkg.extract.patterns import alternation, conjunctions, load_patterns
from hrkg.extract.vocabulary import VocabEntry

_CLAUSE_CHAR = re.compile(r"[\u4e00-\u9fff、]")



class RightsFinder:
    def __init__(self, factory: EntityFactory) -> None:
        data = load_patterns("rights")
        self.factory = factory
        not_followed = alternation(data["not_followed_by"])
        subclasses = set(data["group_subclasses"])
        self.groups: dict[str, VocabEntry] = {
            surface: entry for entry in factory.vocabulary.of_class("Group")
            if entry.subclass in subclasses for surface in entry.surfaces if len(surface) > 1}
        self.group_right = re.compile(
            rf"(?P<group>{alternation(list(self.groups))})的?权利(?!{not_followed})")
        attributes = alternation(data["right_attributes"])
        self.described = re.compile(rf"(?:的(?:{attributes}))?的权利(?!{not_followed})")
        self.verbs = sorted(data["description_verbs"], key=len, reverse=True)
        self.adverbs = sorted(data["description_adverbs"], key=len, reverse=True)
        self.purpose = re.compile(rf"(?:{data['description_purpose']})$")
        self.object_max = int(data["object_max_chars"])
        self.verb_joiners = frozenset(conjunctions("right_verbs"))
        self._group_rights: dict[str, Entity] = {}

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        for start, end, entity in self.find(text):
            add_candidate(doc, Candidate(start, end, entity, "rights", container=True))
        return doc

    def find(self, text: str) -> list[tuple[int, int, Entity]]:
        """(start, end, right) of every group right and described right in ``text``."""
        found = []
        for match in self.group_right.finditer(text):
            entity = self._rights_of(match.group("group"), match.group())
            if entity is not None:
                found.append((match.start(), match.end(), entity))
        for match in self.described.finditer(text):
            start = self._description_start(text, match.start())
            if start is not None and not self._named_from(text, start, match.start(),
                                                         match.end()):
                entity = self.factory.open_world("Right", text[start:match.end()], "Right")
                found.append((start, match.end(), entity))
        return found

    def _rights_of(self, group_surface: str, written: str) -> Entity | None:
        """The rights of a group; None where the vocabulary names the written form itself
        (the vocabulary matcher finds it)."""
        if self._known_right(written) is not None:
            return None
        group = self.groups[group_surface]
        for name in (group.zh + "权利", group.zh + "的权利"):
            known = self._known_right(name)
            if known is not None:
                return known
        key = f"rights-of-{group.key}"
        if key not in self._group_rights:
            self._group_rights[key] = Entity(
                cls="Right", key=key, label_zh=f"{group.zh}的权利",
                label_en=f"Rights of {group.en}" if group.en else None,
                subclass="RightsCategory")
        return self._group_rights[key]

    def _known_right(self, name: str) -> Entity | None:
        return self.factory.lookup_surface(name, "Right")

    def _description_start(self, text: str, object_end: int) -> int | None:
        """Where the verb-object phrase ending at ``object_end`` starts, if there is one."""
        clause_start = object_end
        while clause_start > 0 and object_end - clause_start < self.object_max + 4 \
                and _CLAUSE_CHAR.match(text, clause_start - 1):
            clause_start -= 1
        clause = text[clause_start:object_end]
        verb_at = max((clause.rfind(verb, 0, len(clause) - 1) for verb in self.verbs),
                      default=-1)
        if verb_at < 0:
            return None
        verb_end = verb_at + next(len(v) for v in self.verbs if clause.startswith(v, verb_at))
        if not 0 < len(clause) - verb_end <= self.object_max:
            return None
        return clause_start + self._extend_left(clause, verb_at)

    def _extend_left(self, clause: str, start: int) -> int:
        """Take along coordinated or stacked verbs, a purpose phrase and adverbs."""
        while True:
            before = clause[:start]
            if before and before[-1] in self.verb_joiners:
                verb = next((v for v in self.verbs if before[:-1].endswith(v)), None)
                if verb is not None:
                    start -= 1 + len(verb)
                    continue
            word = next((w for w in self.verbs + self.adverbs if before.endswith(w)), None)
            if word is not None:
                start -= len(word)
                continue
            purpose = self.purpose.search(before)
            if purpose is not None:
                start = purpose.start()
                continue
            return start

    def _named_from(self, text: str, start: int, object_end: int, end: int) -> bool:
        """A vocabulary right is named by the phrase or by a part of it ending at 权利."""
        return any(self._known_right(text[begin:end]) is not None
                   for begin in range(start, object_end))


@Language.factory("hrkg_rights", default_config={})
def make_rights_finder(nlp: Language, name: str) -> RightsFinder | EnglishRightsFinder:
    from hrkg.extract.pipeline import shared_factory

    if nlp.lang and nlp.lang != "zh" and "described" in load_patterns("rights", nlp.lang):
        return EnglishRightsFinder(shared_factory(nlp), nlp.lang)
    return RightsFinder(shared_factory(nlp))
