"""Titles of instruments and publications in a language that writes them without brackets
(English, ``patterns/<lang>/titles.yaml``): a capitalized name ending in a head word, with
its complement ("Awaza Political Declaration", "Programme of Action for Landlocked
Developing Countries for the Decade 2024-2034", "Olympic Charter"), and quoted titles after
"entitled". A name the vocabulary knows, or one with a known name inside ("Meeting of the
Parties to the Paris Agreement"), is left to the vocabulary matcher; a name with a body word
before its head ("Conference on the … Review") names no text."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from hrkg.extract.entities.candidates import Candidate, add_candidate, text_of
from hrkg.extract.entities.cited_titles import CitationReader
from hrkg.extract.entities.factory import EntityFactory
from hrkg.extract.entities.lowercase_titles import LowercaseTitles
from hrkg.extract.model import Entity
from hrkg.extract.patterns import alternation, load_patterns

_WORD = r"(?:[A-Z][\w'’-]*|(?:19|20)\d\d(?:[–-](?:19|20)?\d\d)?)"
_GAP = r"[ \t]+"  # a name never runs over a line end


def _short_form_of(name: str, head: int, longer: str, longer_head: int) -> bool:
    """Whether ``name`` is a shorter run of ``longer``'s words around the same head ("Global
    Plan of Action" of "United Nations Global Plan of Action to Combat …"; not a name in the
    complement of another title)."""
    words, other = name.split(), longer.split()
    if len(words) >= len(other):
        return False
    return any(other[k:k + len(words)] == words and k + head == longer_head
               for k in range(len(other) - len(words) + 1))


class HeadedTitleFinder:
    """The ``hrkg_titles`` component for languages with ``instrument_heads`` data in
    ``patterns/<lang>/titles.yaml`` and no title brackets."""

    def __init__(self, factory: EntityFactory, lang: str) -> None:
        data = load_patterns("titles", lang)
        self.factory, self.lang = factory, lang
        self.heads = {h: "Instrument" for h in data["instrument_heads"]}
        self.heads.update({h: "Publication" for h in data["publication_heads"]})
        self.not_entities = frozenset(data["not_entities"])
        self.not_first = frozenset(data["name_not_first"])
        self.body_words = frozenset(data["name_body_words"])
        self.stops = frozenset(data["name_stops"])
        self.tails = [re.compile(tail) for tail in data["name_tails"]]
        self.publication_complement = re.compile(data["publication_complement"])
        self.head_inside = re.compile(rf"\b(?:{alternation(self.heads)})\b")
        self.lowercase_publication = re.compile(data["lowercase_publication"])
        small = alternation(data["name_joiners"])
        head = alternation(self.heads)
        self.title = re.compile(
            rf"(?<![\w'’-])(?P<name>(?:{_WORD}{_GAP}(?:(?:{small}){_GAP})*)*?(?P<head>{head})"
            rf"(?:{_GAP}(?:{small}){_GAP}(?:(?:{small}){_GAP})*{_WORD}"
            rf"(?:{_GAP}(?:(?:{small}){_GAP})*{_WORD})*)?"
            rf"(?:,{_GAP}(?:19|20)\d\d[–-](?:19|20)?\d\d)?)"  # "Strategic Plan, 2022-2025"
            rf"(?![\w-])(?!{_GAP}[A-Z][a-z])")
        self.quoted = [re.compile(data[key]) for key in
                       ("quoted_title", "quoted_title_after_complement")]
        self.citations = CitationReader(factory, lang, data)
        self.lowercase = LowercaseTitles(factory, lang, data)
        # instruments named by pattern (treaty-body general comments keyed by their owner)
        self.described = [(re.compile(item["pattern"]), item)
                          for item in data.get("described_instruments", [])
                          if not item.get("country_scoped")]
        self.entitled = {k: v for k, v in data["entitled_classes"].items()
                         if v in ("Instrument", "Publication")}

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        end = doc._.hrkg_context.clean.body_end
        found: list[tuple[str, int, int, str]] = []
        heads: dict[str, int] = {}  # name -> index of its head's last word
        for match in self.title.finditer(text, 0, end):
            named = self._name(text, match)
            if named is not None:
                name, start, name_end, head_last = named
                found.append((name, start, name_end, self.heads[match.group("head")]))
                heads.setdefault(name, head_last)
        for match in self.lowercase_publication.finditer(text, 0, end):
            words = match.group("title").split()
            while words and words[0] in self.not_first:
                words = words[1:]
            owner = " ".join(w for w in words[:-1] if not re.fullmatch(r"(?:19|20)\d\d", w))
            if len(owner.split()) > 1 and self.factory.lookup_surface(owner, lang=self.lang) \
                    is None:
                name = " ".join(words)
                found.append((name, match.end("title") - len(name), match.end("title"),
                              "Publication"))
                heads.setdefault(name, len(words) - 1)
        first_seen: dict[str, int] = {}
        for name, start, _, _ in found:
            first_seen.setdefault(name, start)
        for name, start, name_end, cls in found:
            # the longer title named last before it (else first in the document)
            longer = [n for n in heads if _short_form_of(name, heads[name], n, heads[n])]
            before = [n for n in longer if first_seen[n] < start]
            whole = max(before, key=lambda n: (first_seen[n], n)) if before else \
                min(longer, key=lambda n: (first_seen[n], n)) if longer else None
            self._add(doc, whole or name, start, name_end, cls, short_form=whole is not None)
        for title_start, title_end in self.lowercase.titles(text, end):
            self._add(doc, text[title_start:title_end], title_start, title_end, "Instrument")
        for sentence_start, sentence_end in doc._.hrkg_context.clean.sentences:
            for title_start, title_end in self.citations.titles(text, sentence_start,
                                                                sentence_end):
                self._add(doc, text[title_start:title_end], title_start, title_end,
                          "Publication")
        for pattern, item in self.described:
            for match in pattern.finditer(text, 0, end):
                self._add_described(doc, match, item)
        for pattern in self.quoted:
            for match in pattern.finditer(text, 0, end):
                kind = self.entitled.get(" ".join(match.group("before").lower().split()))
                if kind is not None:
                    self._add(doc, match.group("title"), *match.span("title"), kind)
        return doc

    def _name(self, text: str, match: re.Match[str]) -> tuple[str, int, int, int] | None:
        """(name, start, end, index of the head's last word) of a headed title, or None:
        opening words that start no name dropped, a heading that ran on cut, a list, a
        period or a year and a report's lowercase complement added, a known publisher
        before a body word dropped; a name that names a body or holds a known text, none."""
        name, start = match.group("name"), match.start("name")
        words = name.split()
        while words and words[0] in self.not_first:
            start = text.index(words[1], start + len(words[0])) if len(words) > 1 else start
            words = words[1:]
        head = match.group("head")
        head_last = len(text[start:match.start("head")].split()) + len(head.split()) - 1
        stop = next((i for i in range(head_last + 1, len(words)) if words[i] in self.stops),
                    None)
        name_end = match.end("name")
        if stop is not None:  # "… in Persons The General Assembly": a heading ran on
            words, name_end = words[:stop], start
            for word in words:
                name_end = text.index(word, name_end) + len(word)
        tails = [*self.tails, self.publication_complement] \
            if self.heads[head] == "Publication" and head_last == len(words) - 1 \
            and len(words) > len(head.split()) else self.tails
        for tail in tails if stop is None else ():
            more = tail.match(text, name_end)
            if more is not None and (head_last < len(words) - 1 or not re.match(
                    r"\s*(?:,|and\b)", more.group())) and not (  # "and the <Head>": a new name
                    re.match(r"\s*and\s+the\b", more.group())
                    and self.head_inside.search(more.group())):
                name_end = more.end()
                words = text[start:name_end].split()
        if self.heads[head] == "Publication" and head_last > 2 and self.factory.lookup_surface(
                words[0], "Actor", lang=self.lang) is not None:  # "<publisher> <title>"
            start = text.index(words[1], start + len(words[0]))
            head_last, words = head_last - 1, words[1:]
        if self.body_words & set(words[:head_last]):  # "<publisher> Technology … Report"
            for size in range(head_last - 1, 0, -1):
                if self.factory.lookup_surface(" ".join(words[:size]), "Actor",
                                               lang=self.lang) is not None:
                    start = text.index(words[size], start + len(" ".join(words[:size])))
                    head_last, words = head_last - size, words[size:]
                    break
        name = " ".join(words)
        if len(words) < 2 or name == head or name in self.not_entities:
            return None
        if self.body_words & set(words[:head_last]) or self._knows_inside(words, head_last):
            return None
        return name, start, name_end, head_last

    def _add_described(self, doc: Doc, match: re.Match[str], item: dict) -> None:
        """An instrument named by a described_instruments pattern; with a ``key`` template,
        keyed by its owner ("cedaw-committee/general-recommendation/38"), else by its name."""
        groups = match.groupdict()
        name_start, name_end = match.span("name") if "name" in groups else match.span()
        name = " ".join(match.group("name" if "name" in groups else 0).split())
        template = item.get("key")
        if template is None:
            entity = self.factory.open_world("Instrument", name, item.get("subclass"),
                                             lang=self.lang)
        else:
            owner = self.factory.lookup_surface(" ".join((groups.get("owner") or "").split()),
                                                "Actor", lang=self.lang) \
                or self._actor_before(text_of(doc), name_start)
            if owner is None or not groups.get("number"):
                return
            kind = "recommendation" if "recommendation" in name.lower() else "comment"
            entity = Entity(cls="Instrument", key=template.format(
                owner_key=owner.key, kind=kind, number=groups["number"]), label_zh="",
                label_en=name[:1].upper() + name[1:], subclass=item.get("subclass"))
        add_candidate(doc, Candidate(name_start, name_end, entity, "title", nested_ok=True))

    def _actor_before(self, text: str, start: int) -> Entity | None:
        """The known actor whose name ends right before ``start`` ("Committee on the
        Elimination of Discrimination against Women general recommendation …")."""
        words = text[max(0, start - 120):start].split()
        return next((actor for size in range(min(len(words), 12), 0, -1)
                     if (actor := self.factory.lookup_surface(" ".join(words[-size:]), "Actor",
                                                              lang=self.lang)) is not None), None)

    def _knows_inside(self, words: list[str], head_last: int) -> bool:
        """Whether a run of two or more of ``words`` that ends in the head word, shorter
        than all of them, is a name the vocabulary knows ("… to the Paris Agreement"; an
        owner before the head, "United Nations Global Plan of Action", or a name in the
        complement leaves the title whole)."""
        size = len(words)
        return any(self.factory.lookup_surface(" ".join(words[i:j]), lang=self.lang)
                   is not None
                   for i in range(size) for j in range(max(i + 2, head_last + 1), size + 1)
                   if j - i < size and i <= head_last)

    def _add(self, doc: Doc, name: str, start: int, end: int, cls: str,
             short_form: bool = False) -> None:
        if self.factory.lookup_surface(name, lang=self.lang) is not None:
            return
        head = next((h for h in sorted(self.heads, key=len, reverse=True) if name.endswith(h)),
                    None)
        subclass = load_patterns("titles")["instrument_heads"].get(head) if head else None
        entity = self.factory.open_world(cls, name, subclass if cls == "Instrument" else None,
                                         lang=self.lang)
        add_candidate(doc, Candidate(start, end, entity, "title", short_form=short_form,
                                     nested_ok=True))
