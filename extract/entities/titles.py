"""Names of instruments and publications.

Titles in 《…》: a known name resolves to the vocabulary; otherwise the title
is classified by its head word (公约, 宣言, 议程 … -> Instrument; 报告, 手册 … ->
Publication). Titles that are only a head (《宣言》, 《议程》) or a known short
form are left to the coreference component; titles that name no entity (the
un-numbered SDGs) are skipped; a volume title after its publication joins it.

Instruments named without 《》 are found by pattern (general comments, national
human-rights plans, instruments under negotiation, quoted initiatives) and as the
outcome text of a conference the vocabulary knows (高级别政治论坛的政治宣言).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from hrkg.core.names import label_form
from hrkg.extract.entities.candidates import Candidate, add_candidate, text_of
from hrkg.extract.entities.citation_lines import CitationTitles
from hrkg.extract.entities.country_scope import country_scopes, scope_at, state_named_before
from hrkg.extract.entities.factory import EntityFactory
from hrkg.extract.entities.headed_titles import HeadedTitleFinder
from hrkg.extract.model import Entity
from hrkg.extract.patterns import alternation, load_patterns

TITLE = re.compile(r"《(?P<title>[^《》\n]{1,160})》")
# a heading line that is only a name (附件二\n子孙后代问题宣言\n): an instrument if its head says so
HEADING = re.compile(r"^[ \t]*(?P<title>[\u4e00-\u9fff][\u4e00-\u9fff、，\d\-－]{3,60})[ \t]*$",
                     re.MULTILINE)


def head_subclass(head: str) -> str | None:
    """The Instrument subclass a title head names (宣言 -> Declaration), if any."""
    subclass: str | None = load_patterns("titles")["instrument_heads"].get(head)
    return subclass


class TitleClassifier:
    """Classifies a title by its head word; the head lists are data (titles.yaml)."""

    def __init__(self) -> None:
        data = load_patterns("titles")
        heads = [(h, "Publication") for h in data["publication_heads"]]
        heads += [(h, "Instrument") for h in data["instrument_heads"]]
        self.heads = sorted(heads, key=lambda item: len(item[0]), reverse=True)
        self.short_max = int(data["short_form_max_chars"])

    def head_of(self, title: str) -> tuple[str, str] | None:
        """(head word, class) of the title, judged by what it ends with."""
        core = re.sub(r"[(（][^)）]*[)）]$", "", title).rstrip("，, ")
        for head, cls in self.heads:
            if core.endswith(head):
                return head, cls
        return None

    def classify(self, title: str) -> tuple[str, str | None]:
        """(class, subclass) of a title: by its head word, Publication when it has none."""
        found = self.head_of(title)
        if found is None:
            return "Publication", None
        head, cls = found
        return cls, head_subclass(head) if cls == "Instrument" else None


class TitleFinder:
    def __init__(self, factory: EntityFactory) -> None:
        data = load_patterns("titles")
        self.factory = factory
        self.classifier = TitleClassifier()
        self.not_entities = frozenset(data["not_entities"])
        self.periodicals = tuple(data["periodicals"])
        self.symbol_after = re.compile(data["publication_symbol_after"])
        self.heading_heads = tuple(data["heading_heads"])
        self.heading_item_verbs = tuple(data["heading_item_verbs"])
        self.volume_between = re.compile(data["volume_between"])
        self.described = DescribedInstrumentFinder(factory, data)
        self.parties = re.compile(data["treaty_parties"])
        self._first_at: dict[str, int] = {}  # per document: where a short title first stands
        self.citations = CitationTitles(factory, data["citation_lines"])
        self.event_heads = re.compile(alternation(data["nested_event_heads"]))
        self.event_subclasses = frozenset(data["outcome_organizer_subclasses"])
        self.outcome_names = frozenset(data["outcome_heads"])

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        described = self.described(doc)
        previous: Candidate | None = None
        self._first_at = {}
        for match in TITLE.finditer(text):
            raw = match.group("title")
            name = label_form(raw)
            start, end = match.span()
            if not name or name in self.not_entities or name.endswith(self.periodicals) or \
                    any(s <= start and end <= e for s, e in described):
                continue
            cited = self.symbol_after.match(text, end)
            if cited and self.factory.lookup_surface(name) is None \
                    and self.classifier.classify(name)[0] == "Publication":
                # 《…正式记录…》(E/2017/27): a title of the document cited by its symbol
                symbol = cited.group("symbol").replace(" ", "").rstrip(".-")
                if symbol != (doc._.hrkg_context.metadata.symbol or "").replace(" ", ""):
                    add_candidate(doc, Candidate(start, end, self.factory.un_document(symbol),
                                                 "title", nested_ok=True))
                continue
            if previous is not None and previous.entity is not None and \
                    previous.entity.cls == "Publication" and \
                    self.volume_between.match(text[previous.end:start]):
                add_candidate(doc, Candidate(start, end, previous.entity, "title", nested_ok=True))
                continue
            previous = self._classify(doc, name, start, end)
            self._parties(doc, text, previous, start, end)
        self._headings(doc, text)
        self.citations(doc, text)
        return doc

    def _parties(self, doc: Doc, text: str, title: Candidate | None, start: int,
                 end: int) -> None:
        """"《<treaty>》各缔约方": the parties to a treaty are an actor of their own (the
        treaty stays a mention inside it)."""
        parties = self.parties.match(text, end)
        if title is None or title.entity is None or title.entity.cls != "Instrument" or \
                parties is None:
            return
        name = (title.entity.label_zh or label_form(text[start + 1:end - 1])) + \
            parties.group("parties")
        entity = self.factory.lookup_surface(name, "Actor") or \
            self.factory.open_world("Actor", name, "CollectiveActor")
        add_candidate(doc, Candidate(start, parties.end(), entity, "title", container=True))

    def _headings(self, doc: Doc, text: str) -> None:
        """Instruments named by a heading line of their own (the annexed text's title)."""
        for match in HEADING.finditer(text):
            name = match.group("title")
            start, end = match.span("title")
            known = self.factory.lookup_surface(name)
            if known is not None:
                continue  # the vocabulary matcher finds it
            found = self.classifier.head_of(name)
            if found is None or not name.endswith(self.heading_heads) or name == found[0] or \
                    _looks_like_short_form(name, found[0]) or \
                    name.startswith(self.heading_item_verbs):  # "通过议程": an agenda item
                continue
            cls, subclass = self.classifier.classify(name)
            add_candidate(doc, Candidate(start, end, self.factory.open_world(cls, name, subclass),
                                         "title", nested_ok=True))

    def _classify(self, doc: Doc, name: str, start: int, end: int) -> Candidate | None:
        """Add the candidate for the title ``name`` at [start, end); the one added, if any."""
        known = self.factory.lookup_surface(name)
        short = self.factory.vocabulary.short_forms().get(name)
        if known is not None:
            candidate = Candidate(start, end, known, "title", nested_ok=True)
            add_candidate(doc, candidate)
            self._nested_events(doc, candidate, name)
            return candidate
        found = self.classifier.head_of(name)
        if short or (found and name == found[0]) or (
            found and len(name) <= self.classifier.short_max and name.endswith(found[0])
            and found[1] == "Instrument" and _looks_like_short_form(name, found[0])
        ):
            add_candidate(doc, Candidate(
                start, end, None, "coreference", short_form=True,
                info={"head": found[0] if found else name, "name": name, "cls": "Instrument"},
            ))
            return None
        if len(name) <= self.classifier.short_max and found is None and \
                self._first_at.setdefault(name, text_of(doc).find(name)) < start:
            # 《号召》 after 《最高愿望：号召采取行动促进人权》: part of an earlier title (a short
            # title named nowhere before, 《人道主义准入概览》, is a title of its own)
            add_candidate(doc, Candidate(
                start, end, None, "coreference", short_form=True,
                info={"contained": name, "name": name, "cls": "*"},
            ))
            return None
        cls, subclass = self.classifier.classify(name)
        candidate = Candidate(
            start, end, self.factory.open_world(cls, name, subclass), "title",
            container=cls == "Publication", nested_ok=True,
        )
        add_candidate(doc, candidate)
        if cls != "Publication":
            self._nested_events(doc, candidate, name)
        return candidate

    def _nested_events(self, doc: Doc, title: Candidate, name: str) -> None:
        """The conferences and forums of the vocabulary named inside the title ``name``
        (《第三次发展筹资问题国际会议亚的斯亚贝巴行动议程》): each a mention of its own, the only
        ones the title holds; not the event a title is only the outcome of (《2005年世界首脑会议
        成果》)."""
        text = text_of(doc)
        spans = set()
        for head in self.event_heads.finditer(name):
            if name[head.end():] in self.outcome_names or head.end() == len(name):
                continue
            for begin in range(head.start()):
                known = self.factory.lookup_surface(name[begin:head.end()], "Actor")
                if known is None or known.subclass not in self.event_subclasses:
                    continue
                start = text.find(name[begin:head.end()], title.start, title.end)
                if start >= 0:
                    end = start + head.end() - begin
                    spans.add((start, end))
                    add_candidate(doc, Candidate(start, end, known, "title-event"))
                break
        if spans:
            title.container = True
            title.info["holds"] = spans


class DescribedInstrumentFinder:
    """Instruments and publications named in running text without 《》 (patterns in
    titles.yaml)."""

    def __init__(self, factory: EntityFactory, data: dict) -> None:
        self.factory = factory
        self.patterns = [(re.compile(item["pattern"]), item)
                         for item in data["described_instruments"]]
        self.patterns += [(re.compile(item["pattern"]), {"class": "Publication", **item})
                          for item in data["described_publications"]]
        self.outcome_heads: dict[str, str | None] = data["outcome_heads"]
        self.direct_only = frozenset(data["outcome_heads_direct_only"])
        self.organizers = frozenset(data["outcome_organizer_subclasses"])
        self.place_max = int(data["outcome_place_max_chars"])
        heads = "|".join(sorted(map(re.escape, self.outcome_heads), key=len, reverse=True))
        self.connectors: list[str] = data["outcome_connectors"]
        self.clause_connectors = frozenset(data["outcome_clause_connectors"])
        self.outcome = re.compile(rf"(?P<open>《)?(?P<head>{heads})(?(open)》)")
        self.longest_name = max(map(len, factory.vocabulary.by_surface()))

    def __call__(self, doc: Doc) -> list[tuple[int, int]]:
        """Add the candidates; the spans of the outcome texts (their 《head》 is not a title)."""
        text = text_of(doc)
        spans = []
        scopes: list | None = None
        for pattern, item in self.patterns:
            for match in pattern.finditer(text):
                name = match.group("name") if "name" in pattern.groupindex else match.group()
                head = match.group("head") if "head" in pattern.groupindex else ""
                who = match.group("who") if "who" in pattern.groupindex else ""
                if self._is_other_entity(name + head) or self._is_other_entity(who):
                    continue
                country = None
                if item.get("country_scoped"):
                    if scopes is None:
                        scopes = country_scopes(text, self.factory.lookup_surface)
                    country = scope_at(scopes, match.start()) or state_named_before(
                        text, match.start(), self.factory.lookup_surface)
                    if country and not name.startswith(country.label_zh):
                        name = country.label_zh + name
                entity = self._entity(item.get("name_prefix", "") + name, head,
                                      item.get("subclass"), item.get("class", "Instrument"),
                                      country)
                add_candidate(doc, Candidate(match.start(), match.end(), entity, "title",
                                             container=entity.cls == "Publication"))
        for match in self.outcome.finditer(text):
            found = self._outcome(text, match.start(), match["head"])
            if found is not None:
                start, name = found
                entity = self.factory.open_world("Instrument", name,
                                                 self.outcome_heads[match["head"]])
                if match["open"]:  # …峰会商定的《政治宣言》: the title is the mention
                    start = match.start()
                # the conference inside stays a mention of its own
                add_candidate(doc, Candidate(start, match.end(), entity, "title", container=True))
                spans.append((start, match.end()))
        return spans

    def _is_other_entity(self, name: str) -> bool:
        """A vocabulary name of another class (a state before 报告 is no report's name)."""
        known = self.factory.lookup_surface(name)
        return known is not None and known.cls not in ("Instrument", "Publication")

    def _entity(self, name: str, head: str, subclass: str | None, cls: str = "Instrument",
                country: Entity | None = None) -> Entity:
        for surface in (name + head, name):
            known = self.factory.lookup_surface(surface, cls)
            if known is not None:
                return known
        return self.factory.open_world(cls, name + head, subclass or
                                       (head_subclass(head) if cls == "Instrument" else None),
                                       country=country)

    def _outcome(self, text: str, head_start: int, head: str) -> tuple[int, str] | None:
        """(start, name) of "[year]<conference>[connector][place]<head>" before ``head_start``."""
        direct = head in self.direct_only
        for place in [0] if direct else range(self.place_max + 1):
            place_start = head_start - place
            if place and not _is_han(text[place_start:head_start]):
                break
            if direct:
                connectors = [""]
            elif place:  # a place name follows the conference only after 的
                connectors = ["的"]
            else:
                connectors = [*self.connectors, ""]
            for connector in connectors:
                if not text.endswith(connector, 0, place_start):
                    continue
                found = self._organizer(text, place_start - len(connector))
                if found is None:
                    continue
                start, organizer = found
                if place:  # 布宜诺斯艾利斯成果文件: the place names it
                    return place_start, label_form(text[place_start:head_start] + head)
                year = re.search(r"\d{4}\s*年\s*$", text[max(0, start - 8):start])
                if year:
                    start -= len(year.group())
                # named after the organizer's canonical name, so that every way of writing
                # the forum gives the same instrument
                prefix = label_form(year.group()) if year else ""
                if connector in self.clause_connectors:
                    start = head_start
                return start, prefix + organizer.label_zh + head
        return None

    def _organizer(self, text: str, end: int) -> tuple[int, Entity] | None:
        """(start, entity) of the longest conference or forum name of the vocabulary ending
        at ``end``."""
        for length in range(min(self.longest_name, end), 1, -1):
            entity = self.factory.lookup_surface(text[end - length:end])
            if entity is not None and entity.cls == "Actor" and entity.subclass in self.organizers:
                return end - length, entity
        return None


def _is_han(text: str) -> bool:
    return bool(re.fullmatch(r"[\u4e00-\u9fff]+", text)) and "的" not in text


def _looks_like_short_form(name: str, head: str) -> bool:
    """《2030 年议程》, 《宣言和行动纲领》: a year or a bare head pair, no proper name."""
    rest = name[: -len(head)]
    return bool(re.fullmatch(r"(?:\d{4}\s*年|[和及与]|宣言|行动)*", rest))


@Language.factory("hrkg_titles", default_config={})
def make_title_finder(nlp: Language, name: str) -> TitleFinder | HeadedTitleFinder:
    from hrkg.extract.pipeline import shared_factory

    if nlp.lang and nlp.lang != "zh" and "name_joiners" in load_patterns("titles", nlp.lang):
        return HeadedTitleFinder(shared_factory(nlp), nlp.lang)
    return TitleFinder(shared_factory(nlp))
