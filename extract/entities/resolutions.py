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
from hrkg.extract.organs import load_organs, resolution_prefix
from hrkg.extract.patterns import alternation, load_patterns

_SENTENCE_BREAK = re.compile(r"[。！？；\n]")


class ResolutionFinder:
    """Finds resolution references in a document; one instance per pipeline."""

    def __init__(self, factory: EntityFactory) -> None:
        data = load_patterns("resolutions")
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
        if kind_name == "roman-session":
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

    def __call__(self, doc: Doc) -> Doc:
        context: DocContext = doc._.hrkg_context
        text = text_of(doc)
        taken: list[tuple[int, int]] = []
        for kind_name, pattern, organ in self.references:
            for match in pattern.finditer(text):
                if any(s < match.end() and match.start() < e for s, e in taken):
                    continue
                taken.append(match.span())
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

    return ResolutionFinder(shared_factory(nlp))
