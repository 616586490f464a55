"""Titles in 《…》: a known name resolves to the vocabulary; otherwise the title
is classified by its head word (公约, 宣言, 议程 … -> Instrument; 报告, 手册 … ->
Publication). Titles that are only a head (《宣言》, 《议程》) or a known short
form are left to the coreference component.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..candidates import Candidate, add_candidate, text_of
from ..entities import EntityFactory, surface_form
from ..patterns import load_patterns

TITLE = re.compile(r"《(?P<title>[^《》\n]{1,160})》")
_HEAD_SUBCLASS = {
    "公约": "Treaty", "盟约": "Covenant", "议定书": "OptionalProtocol",
    "任择议定书": "OptionalProtocol",
    "宪章": "Charter", "宣言": "Declaration", "行动纲领": "ProgrammeOfAction",
    "行动纲要": "ProgrammeOfAction", "纲领": "ProgrammeOfAction", "议程": "Agenda",
    "框架": "Framework", "指导原则": "GuidingPrinciples", "原则": "GuidingPrinciples",
    "契约": "Compact", "战略": "Strategy", "行动计划": "Plan", "计划": "Plan",
    "倡议": "Initiative", "条约": "Treaty", "协定": "Treaty",
}


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
        found = self.head_of(title)
        if found is None:
            return "Publication", None
        head, cls = found
        return cls, _HEAD_SUBCLASS.get(head) if cls == "Instrument" else None


class TitleFinder:
    def __init__(self, factory: EntityFactory) -> None:
        self.factory = factory
        self.classifier = TitleClassifier()

    def __call__(self, doc: Doc) -> Doc:
        for match in TITLE.finditer(text_of(doc)):
            raw = match.group("title")
            name = surface_form(raw)
            if not name:
                continue
            start, end = match.span()
            known = self.factory.lookup_surface(name)
            short = self.factory.vocabulary.short_forms().get(name)
            if known is not None:
                add_candidate(doc, Candidate(start, end, known, "title", nested_ok=True))
                continue
            found = self.classifier.head_of(name)
            if short or (found and name == found[0]) or (
                found and len(name) <= self.classifier.short_max and name.endswith(found[0])
                and found[1] == "Instrument" and _looks_like_short_form(name, found[0])
            ):
                add_candidate(doc, Candidate(
                    start, end, None, "coreference", short_form=True,
                    info={"head": found[0] if found else name, "name": name, "cls": "Instrument"},
                ))
                continue
            if len(name) <= self.classifier.short_max and found is None:
                # 《号召》 after 《最高愿望：号召采取行动促进人权》: part of an earlier title
                add_candidate(doc, Candidate(
                    start, end, None, "coreference", short_form=True,
                    info={"contained": name, "name": name, "cls": "*"},
                ))
                continue
            cls, subclass = self.classifier.classify(name)
            add_candidate(doc, Candidate(
                start, end, self.factory.open_world(cls, name, subclass), "title",
                container=cls == "Publication", nested_ok=True,
            ))
        return doc


def _looks_like_short_form(name: str, head: str) -> bool:
    """《2030 年议程》, 《宣言和行动纲领》: a year or a bare head pair, no proper name."""
    rest = name[: -len(head)]
    return bool(re.fullmatch(r"(?:\d{4}\s*年|[和及与]|宣言|行动)*", rest))


@Language.factory("hrkg_titles", default_config={})
def make_title_finder(nlp: Language, name: str) -> TitleFinder:
    from ..pipeline import shared_factory

    return TitleFinder(shared_factory(nlp))
