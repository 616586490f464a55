"""A body's chair named with the body: "科学和技术促进发展委员会主席", and "委员会主席" where
委员会 stands for the commission named before (so it runs after the short forms resolve). The
chair is a post of that body, keyed ``<body>/chair`` in both languages (structural keys); the
body keeps its own mention inside the chair's. Data: patterns/chairs.yaml."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from hrkg.extract.entities.candidates import Candidate, text_of
from hrkg.extract.entities.factory import EntityFactory
from hrkg.extract.patterns import load_patterns


class ChairFinder:
    def __init__(self, factory: EntityFactory) -> None:
        data = load_patterns("chairs")
        self.factory = factory
        self.after_body = re.compile(data["after_body"])
        self.no_chair = frozenset(data["no_chair"])

    def __call__(self, doc: Doc, resolved: list[Candidate]) -> list[Candidate]:
        """The chairs named right after the resolved Actor mentions of ``resolved``."""
        text = text_of(doc)
        starts = {candidate.start for candidate in resolved}
        chairs = []
        for candidate in resolved:
            body = candidate.entity
            if body is None or body.cls != "Actor" or body.subclass in self.no_chair:
                continue
            word = self.after_body.match(text, candidate.end)
            if word is None or any(position in starts for position in range(*word.span())):
                continue  # no chair, or another mention starts inside the word
            name = (body.label_zh or text[candidate.start:candidate.end]) + word.group()
            chair = self.factory.open_world("Actor", name, "Post")
            chairs.append(Candidate(candidate.start, word.end(), chair, "body-pattern",
                                    container=True))
        return chairs
