"""Names of bodies that are in no vocabulary, found by their head word
(…委员会, …理事会, …组织, …会议, …论坛, …工作组, …基金, …办事处 …): the name
runs left from the head until a character or word that cannot be part of a name.
A new committee or commission in an unseen document still comes out as an Actor.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..candidates import Candidate, add_candidate, text_of
from ..entities import EntityFactory
from ..model import Entity
from ..patterns import load_patterns


class BodyNameFinder:
    def __init__(self, factory: EntityFactory) -> None:
        data = load_patterns("bodies")
        self.factory = factory
        self.heads: dict[str, str] = data["heads"]
        head_alternation = "|".join(sorted(map(re.escape, self.heads), key=len, reverse=True))
        self.head_pattern = re.compile(rf"(?:{head_alternation})")
        self.min_modifier = int(data["min_modifier"])
        self.max_length = int(data["max_length"])
        self.stop_chars = set(data["stop_chars"])
        self.stop_words: dict[str, list[str]] = {}  # by last character, longest first
        for word in sorted(data["stop_words"], key=len, reverse=True):
            self.stop_words.setdefault(word[-1], []).append(word)
        self.not_before = data.get("not_before_stop", {})
        self.not_after = data.get("not_after_stop", {})
        self.generic = set(data["generic_modifiers"])
        self.strip_leading = set(data["strip_leading"])
        self.strip_after_number = set(data["strip_after_number"])
        self.min_known_suffix = int(data["min_known_suffix"])
        self.number_prefixed = tuple(data["number_prefixed"])
        self.verb_heads = set(data["verb_heads"])
        self.reject = [re.compile(p) for p in data["reject_patterns"]]

    def name_start(self, text: str, head_start: int) -> int:
        """Where the name ending at ``head_start`` begins (scanning left)."""
        lower = max(0, head_start - self.max_length)
        position = head_start
        while position > lower:
            char = text[position - 1]
            if char in self.stop_chars or not ("\u4e00" <= char <= "\u9fff" or char in "·－-"):
                break
            if self._stop_word_ending_at(text, position):
                break
            position -= 1
        while position < head_start and (
                text[position] in self.strip_leading
                or (text[position] in self.strip_after_number and _after_number(text, position))):
            position += 1
        if text.startswith(self.number_prefixed, position):
            number = re.search(r"\d+ ?$", text[lower:position])
            position -= len(number.group()) if number else 0
        return position

    def known_suffix(self, name: str) -> tuple[int, Entity] | None:
        """The longest vocabulary name that ends ``name`` ("确保国际法院" -> 国际法院):
        the characters before it are the verb or clause the scan ran into."""
        for offset in range(1, len(name) - self.min_known_suffix + 1):
            entity = self.factory.lookup_surface(name[offset:])
            if entity is not None:
                return offset, entity
        return None

    def _stop_word_ending_at(self, text: str, position: int) -> str | None:
        for word in self.stop_words.get(text[position - 1], ()):
            if text.startswith(word, position - len(word)):
                follower = text[position:position + 1]
                if self.not_before.get(word) == follower:
                    continue
                preceder = text[max(0, position - len(word) - 1):position - len(word)]
                if preceder and preceder in self.not_after.get(word, ""):
                    continue
                return word
        return None

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        for match in self.head_pattern.finditer(text):
            head = match.group()
            start = self.name_start(text, match.start())
            modifier = text[start:match.start()]
            if len(modifier) < self.min_modifier or modifier in self.generic:
                continue
            name = text[start:match.end()]
            if any(pattern.search(name) for pattern in self.reject):
                continue
            if head in self.verb_heads and self.factory.lookup_surface(modifier) is not None:
                continue  # "人权高专办组织五次磋商": 组织 is the verb "organize"
            entity = self.factory.lookup_surface(name)
            if entity is None and (suffix := self.known_suffix(name)) is not None:
                offset, entity = suffix
                start += offset
            if entity is None:
                entity = self.factory.open_world("Actor", name, self.heads[head])
            add_candidate(doc, Candidate(start, match.end(), entity, "body-pattern"))
        return doc


def _after_number(text: str, position: int) -> bool:
    """Whether ``position`` follows a number, spaces allowed ("1993 年世界人权会议")."""
    before = text[:position].rstrip(" ")
    return bool(before) and before[-1].isdigit()


@Language.factory("hrkg_bodies", default_config={})
def make_body_name_finder(nlp: Language, name: str) -> BodyNameFinder:
    from ..pipeline import shared_factory

    return BodyNameFinder(shared_factory(nlp))
