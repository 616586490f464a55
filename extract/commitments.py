"""Numbered commitments of pacts and compacts (the Pact for the Future's "行动 1.", the
Global Digital Compact's "目标 1."), with the entities their text mentions.

Headings, the chapter breaks that end a commitment and the linked entity classes are data in
``patterns/commitments.yaml``.
"""

from __future__ import annotations

import re

from .model import Commitment, Entity, ExtractionResult, Mention
from .patterns import load_patterns


def _instrument(mentions: list[Mention], surface: str) -> Entity | None:
    return next((m.entity for m in mentions
                 if m.entity.cls == "Instrument" and m.surface == surface), None)


def _linked(mentions: list[Mention], start: int, end: int, classes: set[str]) -> list[Entity]:
    seen: dict[tuple[str, str], Entity] = {}
    for mention in mentions:
        if start <= mention.start and mention.end <= end and mention.entity.cls in classes:
            seen.setdefault((mention.entity.cls, mention.entity.key), mention.entity)
    return list(seen.values())


def extract_commitments(result: ExtractionResult) -> list[Commitment]:
    """The commitments in the running text of ``result``, in reading order."""
    patterns = load_patterns("commitments")
    text = result.clean.text[:result.clean.body_end]
    mentions = sorted(result.mentions, key=lambda m: m.start)
    classes = set(patterns["linked_classes"])
    found: list[Commitment] = []
    for kind in patterns["kinds"]:
        instrument = _instrument(mentions, kind["instrument"])
        if instrument is None:
            continue
        for match in re.finditer(kind["heading"], text, re.MULTILINE):
            line = match.group(0)
            found.append(Commitment(
                kind=kind["kind"], number=int(match.group(1)),
                label=f"{kind['label']} {int(match.group(1))}", heading=match.group(2).strip(),
                start=match.start() + len(line) - len(line.lstrip()),
                end=match.start() + len(line.rstrip()), text_end=len(text),
                instrument=instrument))
    found.sort(key=lambda c: c.start)
    breaks = [m.start() for m in re.finditer(patterns["section_break"], text, re.MULTILINE)]
    for index, commitment in enumerate(found):
        limit = found[index + 1].start if index + 1 < len(found) else len(text)
        limit = min([b for b in breaks if commitment.end <= b < limit] + [limit])
        commitment.text_end = limit
        commitment.entities = _linked(mentions, commitment.start, limit, classes)
    return found
