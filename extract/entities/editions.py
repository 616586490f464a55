"""Dated editions of a vocabulary series (issue 12): a report series named with a year
("2023年全球人道主义概览", "Global Humanitarian Overview 2023") is that year's edition, a plan
named with its period ("儿基会《2022-2025年战略计划》", "UNICEF Strategic Plan, 2022–2025") the
plan of that period. The edition is keyed ``<series key>/<year or period>`` in every
language, so two language versions built apart give it one IRI.

Runs after the finders, on their candidates: a series' vocabulary name with a date right
before or after it grows into the edition; an open-world title that is a dated series name
(a subtitle after a colon dropped, an owner written before the title joined) becomes the
edition; the series' name inside an edition's title is dropped; an undated name of a series
after one of its editions in the same document is that edition. Data:
``patterns/editions.yaml`` (``patterns/en/editions.yaml``)."""

from __future__ import annotations

import re
from bisect import bisect_right, insort
from collections import defaultdict
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from hrkg.extract.entities.candidates import Candidate, candidates, text_of
from hrkg.extract.entities.factory import EntityFactory
from hrkg.extract.model import Entity
from hrkg.extract.patterns import load_patterns

_DASHES = re.compile(r"\s*[-－–—‐‑]\s*")
_END = 1 << 62  # past the end of any text


class EditionFinder:
    def __init__(self, factory: EntityFactory, lang: str) -> None:
        data: dict[str, Any] = load_patterns("editions", lang)
        self.factory, self.lang = factory, lang
        self.kinds: dict[str, dict[str, Any]] = data["kinds"]
        date = f"(?:{data['period']}|{data['year']})"
        self.before, self.after, self.dated, self.owner_then_date = (
            re.compile(data[name].replace("{date}", date))
            for name in ("before", "after", "dated_title", "owner_then_date"))
        self.subtitle = re.compile(data["subtitle"])
        self.quotes = str.maketrans("", "", data["quotes"])
        self.quotes_chars = frozenset(data["quotes"])
        self.owner_max = int(data["owner_max_chars"])

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        found = candidates(doc)
        for candidate in list(found):
            entity = candidate.entity
            if entity is None or entity.cls not in ("Publication", "Instrument", "Actor"):
                continue
            if entity.cls == "Actor":
                self._owner_then_date(doc, text, candidate)
            elif entity.in_vocabulary:
                self._grow(text, candidate)
            else:
                self._dated_title(text, candidate)
        kept: list[Candidate] = []
        editions = _EditionSpans()
        for candidate in sorted(found, key=lambda c: c.start - c.end):  # longest first
            if editions.hold(candidate):
                continue
            kept.append(candidate)
            if candidate.info.get("edition_of"):
                editions.add(candidate)
        order = {id(candidate): i for i, candidate in enumerate(found)}
        doc._.hrkg_candidates = sorted(kept, key=lambda c: order[id(c)])
        self._undated_after_edition(doc._.hrkg_candidates)
        return doc

    def edition(self, series: Entity, date: str) -> Entity | None:
        """The edition of ``series`` dated ``date``, if the series has editions of that kind
        of date (a year for a report series, a period for a plan)."""
        kind = self.kinds.get(series.subclass or "")
        if kind is None or not series.in_vocabulary:
            return None
        date = _normalize_date(date)
        if ("period" if "-" in date else "year") not in kind["dates"]:
            return None
        return self.factory.edition(series, date, kind["edition"])

    def _grow(self, text: str, candidate: Candidate) -> None:
        """A series' name with its date right before or after it: the edition."""
        assert candidate.entity is not None
        before = self.before.search(text, max(0, candidate.start - 24), candidate.start)
        after = self.after.match(text[candidate.end:candidate.end + 24])
        for match, start, end in ((before, before.start() if before else 0, candidate.end),
                                  (after, candidate.start,
                                   candidate.end + (after.end() if after else 0))):
            if match is None:
                continue
            edition = self.edition(candidate.entity, match.group("date"))
            if edition is not None:
                if match is before:
                    end = self._closing_quote(text, candidate, end)
                _become(candidate, edition, candidate.entity, start, end)
                return

    def _closing_quote(self, text: str, candidate: Candidate, end: int) -> int:
        """Where a quoted series name ends: after its closing quote, and after the word
        that makes it another name of the series (2023年“人道主义行动造福儿童”呼吁)."""
        if end >= len(text) or text[end] not in self.quotes_chars:
            return end
        name = text[candidate.start:end]
        for size in range(8, 0, -1):
            found = self.factory.lookup_surface(name + text[end + 1:end + 1 + size],
                                                lang=self.lang)
            if found is candidate.entity:
                return end + 1 + size
        return end + 1

    def _dated_title(self, text: str, candidate: Candidate) -> None:
        """An open-world title that is a dated series name: the edition."""
        assert candidate.entity is not None
        name = (candidate.entity.label_zh or candidate.entity.label_en or "").translate(
            self.quotes)
        heads = [name]
        colon = self.subtitle.search(name)
        if colon is not None:
            heads.append(name[:colon.start()].strip())
        for head in heads:
            match = self.dated.match(head)
            if match is None:
                continue
            series_name = match.group("series") or match.group("series2")
            date = match.group("date") or match.group("date2")
            series = self._series(series_name, candidate.entity.cls, text, candidate.start)
            edition = self.edition(series, date) if series is not None else None
            if series is not None and edition is not None:
                _become(candidate, edition, series, candidate.start, candidate.end)
                return

    def _series(self, name: str, cls: str, text: str, start: int) -> Entity | None:
        """The vocabulary series ``name`` names, or the owner written before the title and
        ``name`` together do (儿基会《战略计划》)."""
        series = self.factory.lookup_surface(name, cls, lang=self.lang)
        if series is not None or not self.owner_max:
            return series
        for size in range(1, min(self.owner_max, start) + 1):
            owner = text[start - size:start]
            if not owner.strip() or owner[0] in "。，；：\n":
                break
            series = self.factory.lookup_surface(owner + name, cls, lang=self.lang)
            if series is not None:
                return series
        return None

    def _owner_then_date(self, doc: Doc, text: str, owner: Candidate) -> None:
        """A known owner, then a period and the rest of a plan's name (儿基会2022-2025年战略
        计划): the plan of that period, when the owner and the rest name a series."""
        match = self.owner_then_date.match(text[owner.end:owner.end + 40])
        if match is None:
            return
        rest = match.group("rest")
        for size in range(len(rest), 1, -1):
            series = self.factory.lookup_surface(text[owner.start:owner.end] + rest[:size],
                                                 "Instrument", lang=self.lang)
            edition = self.edition(series, match.group("date")) if series else None
            if series is not None and edition is not None:
                start = owner.end + match.start("date")
                end = owner.end + match.start("rest") + size
                found = Candidate(start, end, edition, "title", nested_ok=True,
                                  info={"edition_of": series.key})
                doc._.hrkg_candidates.append(found)
                return

    def _undated_after_edition(self, found: list[Candidate]) -> None:
        """A series named without a date after one of its editions: that edition."""
        last: dict[str, Entity] = {}
        for candidate in sorted(found, key=lambda c: c.start):
            entity = candidate.entity
            if entity is None:
                continue
            series_key = candidate.info.get("edition_of")
            if series_key:
                last[series_key] = entity
            elif entity.in_vocabulary and entity.key in last:
                candidate.entity = last[entity.key]


def _become(candidate: Candidate, edition: Entity, series: Entity, start: int,
            end: int) -> None:
    candidate.entity, candidate.start, candidate.end = edition, start, end
    candidate.component = "title"
    candidate.nested_ok = True
    candidate.info = {**candidate.info, "edition_of": series.key}


class _EditionSpans:
    """The spans of the editions kept so far, by what they hide: their series (its key) and
    themselves (class and key); sorted by start, so a candidate is checked against the
    editions that start at most one edition's length before it, not against all."""

    def __init__(self) -> None:
        self.spans: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
        self.longest = 0

    def add(self, edition: Candidate) -> None:
        assert edition.entity is not None
        for hidden in (("series", edition.info["edition_of"]),
                       (edition.entity.cls, edition.entity.key)):
            insort(self.spans[hidden], (edition.start, edition.end))
        self.longest = max(self.longest, edition.end - edition.start)

    def hold(self, candidate: Candidate) -> bool:
        """Whether ``candidate`` names a series, or the same edition, inside the span of one
        of its editions (the series' name inside 《2023年全球人道主义概览》)."""
        entity = candidate.entity
        if entity is None:
            return False
        for hidden in (("series", entity.key), (entity.cls, entity.key)):
            spans = self.spans.get(hidden, [])
            i = bisect_right(spans, (candidate.start, _END))  # every span starting at or before it
            while i > 0 and spans[i - 1][0] >= candidate.start - self.longest:
                i -= 1
                if spans[i][1] >= candidate.end:
                    return True
        return False


def _normalize_date(date: str) -> str:
    """"2022 – 25" -> "2022-2025"; a year stays as written."""
    parts = _DASHES.split(date.strip())
    if len(parts) == 2 and len(parts[1]) == 2:
        parts[1] = parts[0][:2] + parts[1]
    return "-".join(parts)


@Language.factory("hrkg_editions", default_config={})
def make_edition_finder(nlp: Language, name: str) -> EditionFinder:
    from hrkg.extract.pipeline import shared_factory

    return EditionFinder(shared_factory(nlp), nlp.lang or "zh")
