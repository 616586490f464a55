"""Rights that no vocabulary names, in a language that writes them with a head word and a
preposition (English, ``patterns/<lang>/rights.yaml``): "right of the child to engage in play
and recreational activities", "freedom of transit", "the inalienable rights of the
Palestinian people" (a people's rights), "rights of <rights-holder group>" (one entity per
group, the same as the Chinese 群体的权利). Vocabulary rights (right to development,
freedom of expression) are left to the vocabulary matcher."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from hrkg.extract.entities.candidates import Candidate, add_candidate, text_of
from hrkg.extract.entities.factory import EntityFactory
from hrkg.extract.model import Entity
from hrkg.extract.patterns import alternation, load_patterns


class EnglishRightsFinder:
    """The ``hrkg_rights`` component for languages with ``described`` rights data."""

    def __init__(self, factory: EntityFactory, lang: str) -> None:
        data = load_patterns("rights", lang)
        self.factory, self.lang = factory, lang
        attributes = alternation(data["attributes"])
        subclasses = set(data["group_subclasses"])
        self.groups = {entry.en: entry for entry in factory.vocabulary.of_class("Group")
                       if entry.subclass in subclasses and entry.en}
        group = rf"(?:{alternation(list(self.groups))}|{data['peoples']})"
        self.group_rights = re.compile(
            r"(?<![\w-])" + data["group_rights"].replace("{attributes}", attributes)
            .replace("{group}", group), re.IGNORECASE)
        self.described = re.compile(
            r"(?<![\w-])" + data["described"].replace("{attributes}", attributes))
        self.not_followed = re.compile(rf"\s*(?:{alternation(data['not_followed_by'])})")
        self.not_objects = tuple(data["not_objects"])
        self.not_holders = frozenset(data["not_holders"])
        self.max_words = int(data["object_max_words"])

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        for match in self.group_rights.finditer(text):
            entity = self._group_right(match)
            if entity is not None:
                add_candidate(doc, Candidate(*self._span(text, match), entity, "rights",
                                             container=True))
        for match in self.described.finditer(text):
            if not self._described_ok(text, match):
                continue
            start, end = self._span(text, match)
            name = " ".join(text[start:end].split())
            if match.group("head") in ("rights", "freedoms"):  # "rights to self-determination …"
                known = self._known_prefix(text, start, end)
                if known is not None:
                    add_candidate(doc, Candidate(start, known[0], known[1], "rights"))
                continue
            if self.factory.lookup_surface(name, "Right", lang=self.lang) is None:
                add_candidate(doc, Candidate(start, end, self.factory.open_world(
                    "Right", name, "Right", lang=self.lang), "rights", container=True))
        return doc

    def _known_prefix(self, text: str, start: int, end: int) -> tuple[int, Entity] | None:
        """(end, right) of the longest start of a plural "rights to …" whose singular the
        vocabulary knows."""
        words = list(re.finditer(r"\S+", text[start:end]))
        for size in range(len(words), 2, -1):
            phrase = " ".join(w.group() for w in words[:size])
            known = self.factory.lookup_surface(phrase.replace("rights", "right", 1)
                                                .replace("freedoms", "freedom", 1),
                                                "Right", lang=self.lang)
            if known is not None:
                return start + words[size - 1].end(), known
        return None

    @staticmethod
    def _span(text: str, match: re.Match[str]) -> tuple[int, int]:
        start = match.start()
        lead = re.match(r"(?i)the\s+", text[start:match.end()])
        return (start + lead.end() if lead else start), match.end()

    def _group_right(self, match: re.Match[str]) -> Entity | None:
        """The rights of a rights-holder group (one entity per group) or of a people."""
        group_text = " ".join(match.group("group").split())
        entry = next((e for name, e in self.groups.items() if name.lower() == group_text.lower()),
                     None)
        if entry is None:  # a people: "the Palestinian people"
            name = " ".join(match.group().split())
            name = name[4:] if name.lower().startswith("the ") else name
            return self.factory.open_world("Right", name, "RightsCategory", lang=self.lang)
        key = f"rights-of-{entry.key}"
        return Entity(cls="Right", key=key, label_zh=f"{entry.zh}的权利",
                      label_en=f"Rights of {entry.en}", subclass="RightsCategory")

    def _described_ok(self, text: str, match: re.Match[str]) -> bool:
        holder, thing = match.group("holder"), match.group("object") or match.group("verb")
        if match.group("head") in ("rights", "freedoms") and match.group("prep") == "of":
            return False  # "rights of <holder>": group rights
        if self.not_followed.match(text, match.end()) or not thing:
            return False
        if holder and holder.strip() in self.not_holders:
            return False
        return not thing.startswith(self.not_objects) and len(thing.split()) <= self.max_words
