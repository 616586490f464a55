"""Resolutions and decisions: ``第 73/299 号决议``, ``第 217 A (III)号决议``,
``第 2719 (2023) 号决议``, ``第 1996/31 号决议``, ``A/HRC/RES/41/3`` …, normalized to
the UN symbol. The issuing organ is read from the sentence (the nearest organ
name before the number, or a cited document of a conference of the parties), then
from a hyperlink printed with the footnote, then from the shape of the number, then
from the document's own organ. Decisions of conferences of the parties are
Resolution-class entities too: ``第 15/4 号决定`` next to ``CBD/COP/15/17`` is
``CBD/COP/DEC/15/4``; ``第 1/CP.21 号决定`` is ``FCCC/DEC/1/CP.21``.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from hrkg.extract.entities.candidates import Candidate, DocContext, add_candidate, text_of
from hrkg.extract.entities.factory import EntityFactory
from hrkg.extract.entities.resolution_lists import HeadedLists
from hrkg.extract.organs import load_organs, resolution_prefix
from hrkg.extract.patterns import alternation, conjunctions, load_patterns

_SENTENCE_BREAK = re.compile(r"[。！？；\n]")


class ResolutionFinder:
    """Finds resolution references in a document; one instance per pipeline."""

    def __init__(self, factory: EntityFactory, lang: str = "zh") -> None:
        data = load_patterns("resolutions")
        words = load_patterns("resolutions", lang)  # head + list references (English)
        self.lists = HeadedLists(self, words, factory) if "heads" in words else None
        self.factory = factory
        self.organs = organs = load_organs()
        self.council_short = organs.council_short_form
        self.window = int(data["organ_window"])
        self.references = [(p["name"], re.compile(p["regex"]), p.get("prefix"))
                           for p in data["reference_patterns"]]
        prefixes = alternation(organ.prefix for organ in organs.adopting)
        self.symbol = re.compile(data["symbol_pattern"].replace("{prefixes}", prefixes))
        names = [name for organ in organs.adopting for name in organ.names]
        self.organ_names = re.compile(alternation([*names, self.council_short]))
        self.own_cues = tuple(data["own_organ_cues"])
        self.foreign = re.compile(rf"(?:{alternation(data['foreign_owner_heads'])})"
                                  rf"(?:{alternation([*names, self.council_short])})\s*$")
        item = data["resolution_item"]
        self.list_item = re.compile(item)
        plain_item = re.sub(r"\(\?P<\w+>", "(?:", item)
        self.resolution_list = re.compile(data["resolution_list"].replace("{item}", plain_item)
                                          .replace("{and}", alternation(conjunctions("lists"))))
        self.decision_series = {prefix: prefix for conference in organs.conferences
                                for prefix in conference.prefixes}
        alternatives = alternation(self.decision_series)
        self.decision_documents = re.compile(
            rf"(?<![A-Za-z0-9./])(?P<series>{alternatives})/\d")

    def _prefix_named(self, name: str) -> str:
        organ = self.organs.named(name)
        assert organ is not None, name  # every name the organ regex finds is an organ's
        return organ.prefix

    # -- organ decisions ---------------------------------------------------------------
    def _council_meant(self, text: str, before: int, context: DocContext) -> str:
        """Prefix meant by a bare 理事会: the council last named in full, else the document's."""
        short = self.council_short
        last_full = None
        for match in self.organ_names.finditer(text, 0, before):
            if match.group() != short and match.group().endswith(short):
                last_full = self.organs.named(match.group())
        if last_full and last_full.council:
            return last_full.prefix
        own = self.organs.named(context.metadata.organ or "")
        return own.prefix if own and own.council else self.organs.default_council

    def _organ_in_sentence(self, text: str, start: int, context: DocContext) -> str | None:
        lo = max(0, start - self.window)
        breaks = list(_SENTENCE_BREAK.finditer(text, lo, start))
        if breaks:
            lo = breaks[-1].end()
        found = None
        for match in self.organ_names.finditer(text, lo, start):
            # an organ followed by another resolution reference belongs to that one
            between = text[match.end():start]
            if re.search(r"号(?:决议|决定)", between):
                found = None
                continue
            found = match
        if found is None:
            return None
        if found.group() == self.council_short:
            return self._council_meant(text, found.start(), context)
        return self._prefix_named(found.group())

    def _conference_from_document(self, text: str, start: int) -> str | None:
        """"CBD/COP/15/17 号文件，第 15/4 号决定": a decision of that conference of the parties."""
        lo = max(0, start - self.window)
        breaks = list(_SENTENCE_BREAK.finditer(text, lo, start))
        if breaks:
            lo = breaks[-1].end()
        found = list(self.decision_documents.finditer(text, lo, start))
        return self.decision_series[found[-1].group("series")] if found else None

    def _organ_from_links(self, number_text: str, start: int, context: DocContext) -> str | None:
        note = context.clean.footnote_at(start)
        links = note.links if note else ()
        for link in links:
            match = self.symbol.search(link.replace("%20", " "))
            if match and match.group("symbol").replace(" ", "").endswith(f"/{number_text}"):
                return resolution_prefix(match.group("symbol"))
        return None

    def _own_organ(self, text: str, start: int, context: DocContext) -> str | None:
        """The document's own organ for "其第…号决议" (its resolution), else None."""
        own = self.organs.named(context.metadata.organ or "")
        if own is None or not text[max(0, start - 1):start].endswith(self.own_cues):
            return None
        return own.prefix

    def foreign_owner(self, text: str, start: int) -> bool:
        """Whether the number at ``start`` follows the organ of a body outside the UN
        (阿拉伯国家联盟理事会第…号决议)."""
        return self.foreign.search(text, max(0, start - self.window), start) is not None

    def _default_prefix(self, context: DocContext) -> str:
        own = self.organs.named(context.metadata.organ or "")
        return own.prefix if own else self.organs.default_prefix

    # -- symbols ---------------------------------------------------------------------
    def symbol_for(self, kind_name: str, groups: dict[str, str], text: str, start: int,
                   context: DocContext, organ: str | None = None) -> str:
        """The UN symbol of a reference matched by pattern ``kind_name`` (``organ``: the
        symbol series the pattern implies, if any)."""
        kind = "DEC" if groups.get("kind") == "决定" else "RES"
        if kind_name == "treaty-decision":
            number = f"{groups['number']}/{groups['body']}.{groups['meeting']}"
            return f"{self.organs.treaty_series}/DEC/{number}"
        if kind_name == "special-session":
            return f"{organ}/{kind}/S-{groups['session']}/{groups['number']}"
        if kind_name == "roman-session":
            organ = self._own_organ(text, start, context) or organ
            return f"{organ}/{kind}/{groups['number']}({groups['roman']})"
        if kind_name == "number-year":
            return f"{organ}/{kind}/{groups['number']}({groups['year']})"
        if kind_name == "year-number":
            number = f"{groups['year']}/{groups['number']}"
            year_number = self.organs.year_number_prefix
            prefix = (self._organ_in_sentence(text, start, context)
                      or self._organ_from_links(number, start, context) or year_number)
            named = self.organs.of_prefix(prefix)
            if named is not None and named.council:
                prefix = year_number
            return f"{prefix}/{kind}/{number}"
        number = f"{groups['session']}/{groups['number']}"
        conference = self._conference_from_document(text, start) if kind == "DEC" else None
        prefix = (conference or self._organ_in_sentence(text, start, context)
                  or self._organ_from_links(number, start, context)
                  or self._default_prefix(context))
        return f"{prefix}/{kind}/{number}"

    def _lists(self, doc: Doc, text: str, context: DocContext) -> list[tuple[int, int]]:
        """Numbers sharing one 决议/决定 (第72/242、73/17和75/316号决议, 第76/213决议): one
        resolution per item, of the organ named before the list. Returns the spans taken."""
        taken = []
        for match in self.resolution_list.finditer(text):
            items = list(self.list_item.finditer(text, match.start(), match.end()))
            if len(items) < 2 and re.search(r"号\s*(?:决议|决定)$", match.group()):
                continue  # one number written 第…号决议: the reference patterns read it
            for item in items:
                groups = {**item.groupdict(), "kind": match.group("kind")}
                shape = "year-number" if groups["year"] else "session-number"
                symbol = self.symbol_for(shape, groups, text, match.start(), context)
                add_candidate(doc, Candidate(
                    item.start(), item.end(), self.factory.resolution(symbol), "resolution"))
            taken.append(match.span())
        return taken

    def __call__(self, doc: Doc) -> Doc:
        context: DocContext = doc._.hrkg_context
        text = text_of(doc)
        taken: list[tuple[int, int]] = self._lists(doc, text, context)
        for start, end, symbol in self.lists.find(text, context) if self.lists else ():
            taken.append((start, end))
            add_candidate(doc, Candidate(start, end, self.factory.resolution(symbol),
                                         "resolution"))
        for kind_name, pattern, organ in self.references:
            for match in pattern.finditer(text):
                if any(s < match.end() and match.start() < e for s, e in taken):
                    continue
                taken.append(match.span())
                if self.foreign_owner(text, match.start()):
                    continue
                symbol = self.symbol_for(kind_name, match.groupdict(), text, match.start(),
                                         context, organ)
                add_candidate(doc, Candidate(
                    match.start(), match.end(), self.factory.resolution(symbol), "resolution",
                ))
        for match in self.symbol.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            symbol = re.sub(r"\s+", "", match.group("symbol"))
            symbol = re.sub(r"(\d)[A-H]\(", r"\1(", symbol)  # 217 A (III) -> 217(III)
            taken.append(match.span())
            add_candidate(doc, Candidate(
                match.start(), match.end(), self.factory.resolution(symbol), "resolution",
            ))
        return doc


@Language.factory("hrkg_resolutions", default_config={})
def make_resolution_finder(nlp: Language, name: str) -> ResolutionFinder:
    from hrkg.extract.pipeline import shared_factory

    return ResolutionFinder(shared_factory(nlp), nlp.lang or "zh")
