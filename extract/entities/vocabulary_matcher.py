"""Every name, alias and short form of the vocabularies, matched with spaCy's
``PhraseMatcher`` over the character tokens of ``spacy.blank("zh")``.

Short forms (``short:`` in the vocabulary) are emitted as short-form candidates;
the coreference component keeps them only after a full mention of the entity.
A bare short form glued to a preceding word (多边环境协定, 发表宣言) is part of a
compound noun, not a reference, and is not emitted.

Coordinated rights (公民、政治、经济、社会和文化权利; 集会和结社自由) are one
mention of one right when the vocabulary names the whole; otherwise they are read
distributively (言论和信仰自由 -> 言论自由, 信仰自由), each member a mention of the
right it names (see patterns/coordination.yaml). Pieces are not emitted on their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from hrkg.extract.entities.candidates import Candidate, add_candidate, text_of
from hrkg.extract.entities.coreference import Spans
from hrkg.extract.entities.english_coordination import EnglishCoordination, lower_forms
from hrkg.extract.entities.factory import EntityFactory
from hrkg.extract.entities.group_coordination import GroupCoordination
from hrkg.extract.model import Entity
from hrkg.extract.patterns import conjunctions, load_patterns
from hrkg.extract.vocabulary import VocabEntry, Vocabulary

_HAN = re.compile(r"[\u4e00-\u9fff]")
_HYPHEN_BETWEEN_NAMES = re.compile(r"(?<=[a-z])-(?=[A-Z])")


@dataclass(frozen=True)
class Coordination:
    """A coordinated right at [start, end): the right it names (None when the whole is no
    named right) and the rights of its members, each at [member start, end)."""

    start: int
    end: int
    entity: Entity | None
    nested: tuple[tuple[int, int, Entity], ...]


class RightsCoordination:
    """Finds coordinated rights; the modifiers and heads are data (coordination.yaml)."""

    def __init__(self, factory: EntityFactory) -> None:
        data = load_patterns("coordination")
        self.factory = factory
        self.variants: dict[str, list[str]] = data["head_variants"]
        self.heads = list(self.variants)
        self.max_unknown = int(data["max_unknown_items"])
        joiners = "|".join(map(re.escape, conjunctions("right_modifiers")))
        item = rf"(?:(?!{joiners}|的)[\u4e00-\u9fff]){{1,{int(data['item_max_chars'])}}}"
        heads = "|".join(map(re.escape, self.heads))
        self.pattern = re.compile(
            rf"{item}(?:(?:{joiners}){item})+(?P<head>{heads})")
        self.separator = re.compile(rf"(?:{joiners})")
        rights = factory.vocabulary.of_class("Right")
        self.right_names = {name for entry in rights for name in entry.surfaces}
        self.by_items: dict[tuple[frozenset[str], str], str] = {}
        for entry in rights:
            for name in entry.surfaces:
                parsed = self._items(name)
                if parsed is not None and len(parsed[0]) > 1:
                    self.by_items.setdefault((frozenset(parsed[0]), parsed[1]), entry.key)

    def _items(self, name: str) -> tuple[list[str], str] | None:
        head = next((h for h in self.heads if name.endswith(h)), None)
        if head is None:
            return None
        return self.separator.split(name[: -len(head)]), head

    def _known(self, item: str, head: str) -> bool:
        return any(item + variant in self.right_names for variant in self.variants[head])

    def find(self, text: str) -> list[Coordination]:
        found = []
        for match in self.pattern.finditer(text):
            coordination = self._coordination(text, match.start(), match.end(), match["head"])
            if coordination is not None:
                found.append(coordination)
        return found

    def _coordination(self, text: str, start: int, end: int, head: str) -> Coordination | None:
        items = self.separator.split(text[start: end - len(head)])
        first = None
        while len(items) > 1:  # "包括公民": the first modifier is the known tail of the run
            tails = (items[0][i:] for i in range(len(items[0])))
            first = next((tail for tail in tails if self._known(tail, head)), None)
            if first is not None:
                break
            # "以及表达、迁徙和结社自由": the run starts at a later modifier
            start = text.index(items[1], start + len(items[0]))
            items = items[1:]
        if first is None:
            return None
        start += len(items[0]) - len(first)
        items[0] = first
        if not self._known(items[-1], head) or \
                sum(not self._known(item, head) for item in items) > self.max_unknown:
            return None
        starts, position = [], start
        for item in items:
            starts.append(text.index(item, position))
            position = starts[-1] + len(item)
        entity = self._named(text[start:end], items, head)
        if entity is None:  # distributive: each member names its own right
            return Coordination(start, end, None, tuple(self._members(text, items, starts,
                                                                      end, head)))
        nested = []
        for index in range(1, len(items) - 1):  # the longest named tail, if any
            inner = self._named(text[starts[index]:end], items[index:], head)
            if inner is not None:
                nested.append((starts[index], end, inner))
                break
        return Coordination(start, end, entity, tuple(nested))

    def _members(self, text: str, items: list[str], starts: list[int], end: int,
                 head: str) -> list[tuple[int, int, Entity]]:
        """The rights named by the members of a coordination whose whole is no named right:
        the longest run of members that is itself a named coordination (集会和结社 in
        表达、参与、集会和结社自由), else one member with the head; members that name no
        right (参与) yield nothing. Each spans from its first character to the head."""
        members, index = [], 0
        while index < len(items):
            for stop in range(len(items), index + 1, -1):
                tail = text[starts[index]:end] if stop == len(items) else ""
                run = self._named(tail, items[index:stop], head)
                if run is not None:
                    members.append((starts[index], end, run))
                    index = stop
                    break
            else:
                single = self._single(items[index], head)
                if single is not None:
                    members.append((starts[index], end, single))
                index += 1
        return members

    def _single(self, item: str, head: str) -> Entity | None:
        for variant in self.variants[head]:
            known = self.factory.lookup_surface(item + variant, "Right")
            if known is not None:
                return known
        return None

    def _named(self, name: str, items: list[str], head: str) -> Entity | None:
        """The vocabulary right named ``name`` or coordinating the same modifiers."""
        known = self.factory.lookup_surface(name, "Right")
        if known is not None:
            return known
        key = self.by_items.get((frozenset(items), head))
        return self.factory.vocabulary_key(key) if key else None


class VocabularyMatcher:
    def __init__(self, nlp: Language, factory: EntityFactory) -> None:
        self.factory = factory
        self.lang: str = nlp.lang or "zh"
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.lower_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")  # names of several words
        self.labels: dict[int, tuple[str, bool]] = {}
        self.coordination = RightsCoordination(factory) if self.lang == "zh" else None
        determiners = load_patterns("coreference", self.lang)["determiners"]
        self.reference_openers = frozenset(d[-1] for d in determiners)
        self.heads = frozenset(load_patterns("coreference", self.lang)["heads"])
        self.word_openers: tuple[str, ...] = tuple(
            load_patterns("coreference")["short_form_openers"] if self.lang == "zh" else ())
        vocabulary: Vocabulary = factory.vocabulary
        self.policy = load_patterns("vocabulary", self.lang) if self.lang != "zh" else {}
        for is_short, table in ((False, vocabulary.names_in(self.lang)),
                                (True, vocabulary.short_forms_in(self.lang))):
            for surface in sorted(table):
                if len(surface) < 2:
                    continue
                key = f"{'short' if is_short else 'name'}:{surface}"
                match_id = nlp.vocab.strings.add(key)
                self.labels[match_id] = (surface, is_short)
                for variant, matcher in self._variants(nlp, surface, is_short, table[surface]):
                    matcher.add(key, [nlp.make_doc(variant)])
        # coordinated Actor/Group names (rural and indigenous women, 农村和土著妇女)
        self.coordinated_names: EnglishCoordination | GroupCoordination = EnglishCoordination(
            self.lang, lower_forms(vocabulary.names_in(self.lang), self._inflected)) \
            if self.policy else GroupCoordination(vocabulary.names_in(self.lang))

    def _variants(self, nlp: Language, surface: str, is_short: bool,
                  entries: list[VocabEntry]) -> list[tuple[str, PhraseMatcher]]:
        """The forms ``surface`` is matched in, each with its matcher: Chinese as written;
        English by the case and plural policy of ``patterns/en/vocabulary.yaml``."""
        if not self.policy:
            return [(surface, self.matcher)]
        policy = self.policy
        words = surface.split()
        several = len(words) >= int(policy["lower_case_min_words"])
        if is_short or surface in policy["proper_only"] or not several:
            matcher = self.matcher
        else:
            matcher = self.lower_matcher
        forms = [surface]
        if not is_short and not several and surface[:1].islower():
            forms.append(surface[:1].upper() + surface[1:])
        if not is_short and policy.get("hyphen_between_names"):  # "Guinea Bissau"
            forms.append(_HYPHEN_BETWEEN_NAMES.sub(" ", surface))
        if not is_short:
            forms.extend(self._inflected(surface, entries[0])[1:])
        return [(form, matcher) for form in dict.fromkeys(forms)]

    def _inflected(self, surface: str, entry: VocabEntry) -> list[str]:
        """``surface`` and, for the classes the English policy inflects, its other number."""
        inflection = self.policy["inflection"]
        if entry.cls in inflection["classes"] and \
                entry.subclass not in inflection["exclude_subclasses"]:
            return [surface, *_other_number(surface, inflection)]
        return [surface]

    def _in_compound(self, text: str, start: int) -> bool:
        """A bare short form right after a Chinese character that opens no reference (a
        determiner, or a whole word before a name: 鼓励委员会, 技术促进机制和委员会)."""
        before = text[start - 1: start]
        return bool(_HAN.match(before)) and before not in self.reference_openers and \
            not text.endswith(self.word_openers, 0, start)

    def _owners(self, doc: Doc) -> set[str]:
        """Keys of the document's author and organ: their units' short forms (人力资源司 in a
        UNICEF report, "the Division of Human Resources") need no full name before them."""
        metadata = doc._.hrkg_context.metadata
        return {owner.key for name in (metadata.organ, *metadata.authors) if name
                and (owner := self.factory.lookup_surface(name)) is not None}

    def _names_a_unit(self, surface: str) -> bool:
        """A short form that names a unit by itself ("Supply Division", 供应司), not a
        head word that any unit has ("the Division", 该司)."""
        return surface not in self.heads and (self.lang == "zh" or " " in surface)

    def __call__(self, doc: Doc) -> Doc:
        vocabulary = self.factory.vocabulary
        text = text_of(doc)
        coordinations = self.coordination.find(text) if self.coordination else []
        covered = Spans((c.start, c.end) for c in coordinations)
        for coordination in coordinations:
            if coordination.entity is not None:
                add_candidate(doc, Candidate(coordination.start, coordination.end,
                                             coordination.entity, "vocabulary", container=True))
            for start, end, entity in coordination.nested:
                add_candidate(doc, Candidate(start, end, entity, "vocabulary", nested_ok=True,
                                             container=coordination.entity is None))
        for member in self.coordinated_names.find(text):
            add_candidate(doc, Candidate(member.start, member.end,
                                         self.factory.from_vocabulary(member.entry), "vocabulary",
                                         nested_ok=True, container=True,
                                         info={"coordination": member.kind}))
        names, shorts = vocabulary.names_in(self.lang), vocabulary.short_forms_in(self.lang)
        owners = self._owners(doc)
        for match_id, start, end in [*self.matcher(doc), *self.lower_matcher(doc)]:
            surface, is_short = self.labels[match_id]
            span = doc[start:end]
            begin, finish = span.start_char, span.end_char
            if is_short:
                if self.lang == "zh" and self._in_compound(text, begin):
                    continue
                entries = shorts[surface]
                units = [e for e in entries if e.part_of in owners]
                if len(units) == 1 and self._names_a_unit(surface):
                    # an organization's document names its own units bare
                    add_candidate(doc, Candidate(begin, finish,
                                                 self.factory.from_vocabulary(units[0]),
                                                 "vocabulary", short_form=True))
                    continue
                add_candidate(doc, Candidate(
                    begin, finish, None, "coreference", short_form=True,
                    info={"name": surface, "keys": [e.key for e in entries]},
                ))
                continue
            entity = self.factory.from_vocabulary(names[surface][0])
            if entity.cls == "Right" and covered.covers(begin, finish):
                continue  # a piece of a coordinated right, or the coordination itself
            add_candidate(doc, Candidate(begin, finish, entity, "vocabulary"))
        return doc


def _other_number(name: str, inflection: dict) -> list[str]:
    """``name`` with its head noun in the other number (English: the last word, or the word
    before the first preposition): "United Nations country team" -> "... teams"."""
    words = name.split(" ")
    index = next((i - 1 for i, word in enumerate(words) if i and word in _PREPOSITIONS),
                 len(words) - 1)
    head = words[index]
    if head in inflection["invariant"] or not head.isalpha():
        return []
    irregular: dict[str, str] = inflection["irregular"]
    plural = {**irregular}.get(head.lower())
    singular = {v: k for k, v in irregular.items()}.get(head.lower())
    other = plural if plural and plural != head.lower() else singular
    rules = inflection["plural_rules"]
    if other is None:  # a plural: back to the singular
        other = next((head[: len(head) - len(many)] + single for single, many in rules
                      if head.endswith(many) and len(head) > len(many) + 2), None)
    if other is None:
        for single, many in rules:
            if head.endswith(single) and not (single == "y" and head[-2:-1] in "aeiou"):
                other = head[: len(head) - len(single)] + many
                break
    if not other or other == head:
        return []
    if head[:1].isupper():
        other = other[:1].upper() + other[1:]
    return [" ".join([*words[:index], other, *words[index + 1:]])]


_PREPOSITIONS = frozenset(("of", "on", "for", "in", "to", "against", "with", "and"))


@Language.factory("hrkg_vocabulary", default_config={})
def make_vocabulary_matcher(nlp: Language, name: str) -> VocabularyMatcher:
    from hrkg.extract.pipeline import shared_factory

    return VocabularyMatcher(nlp, shared_factory(nlp))
