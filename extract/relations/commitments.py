"""Numbered commitments of pacts and compacts (the Pact for the Future's "行动 1.", the
Global Digital Compact's "目标 1."), and numbered areas announced in one sentence (the Call to
Action's "七个此类领域：(1) …；(2) …"), with the entities their text mentions.

Headings, enumerations, the chapter breaks that end a commitment and the linked entity classes
are data in ``patterns/commitments.yaml``.
"""

from __future__ import annotations

import bisect
import re

from hrkg.extract.model import Commitment, Entity, ExtractionResult, Mention
from hrkg.extract.patterns import load_patterns


def _instrument(mentions: list[Mention], surface: str) -> Entity | None:
    return next((m.entity for m in mentions
                 if m.entity.cls == "Instrument" and m.surface == surface), None)


def _linked(mentions: list[Mention], starts: list[int], start: int, end: int,
            classes: set[str]) -> list[Entity]:
    """The entities of ``classes`` mentioned inside ``start``..``end`` (``mentions`` sorted
    by their ``starts``: only those starting in the span are read)."""
    seen: dict[tuple[str, str], Entity] = {}
    for index in range(bisect.bisect_left(starts, start), len(mentions)):
        mention = mentions[index]
        if mention.start > end:
            break
        if mention.end <= end and mention.entity.cls in classes:
            seen.setdefault((mention.entity.cls, mention.entity.key), mention.entity)
    return list(seen.values())


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _self_named(mentions: list[Mention], sentence: str, pattern: str) -> Entity | None:
    """"本行动呼吁…": the document's instrument whose name ends with the word after 本."""
    match = re.search(pattern, sentence)
    if match is None:
        return None
    return next((m.entity for m in mentions if m.entity.cls == "Instrument"
                 and not m.is_short_form and m.surface.endswith(match.group(1))), None)


def _enumerated(text: str, mentions: list[Mention], kind: dict) -> list[Commitment]:
    """Items of "确定了七个此类领域：(1) …；(2) …", each with the section its heading opens."""
    found: list[Commitment] = []
    for intro in re.finditer(kind["intro"], text):
        sentence_start = max(text.rfind(mark, 0, intro.start()) for mark in "。\n") + 1
        sentence_end = text.find("。", intro.end())
        sentence_end = len(text) if sentence_end < 0 else sentence_end + 1
        instrument = _self_named(mentions, text[sentence_start:intro.start()],
                                 kind["self_reference"])
        if instrument is None:
            continue
        lines: dict[str, tuple[int, int]] | None = None  # read once for all the items
        for item in re.compile(kind["item"]).finditer(text, intro.end(), sentence_end):
            heading = _compact(item.group(2))
            if lines is None:
                lines = _heading_lines(text, sentence_end, kind["heading_fold"])
            line = lines.get(re.sub(kind["heading_fold"], "", heading))
            start, end = line if line else (item.start(), item.end())
            found.append(Commitment(
                kind=kind["kind"], number=int(item.group(1)),
                label=f"{kind['label']} {int(item.group(1))}", heading=heading,
                start=start, end=end, text_end=end if line is None else len(text),
                instrument=instrument))
    return found


def _heading_lines(text: str, after: int, fold: str) -> dict[str, tuple[int, int]]:
    """The span of the first line after ``after`` that says each heading and nothing else,
    by the heading without the characters ``fold`` matches (人权的新领域 = 人权新领域)."""
    found: dict[str, tuple[int, int]] = {}
    folding = re.compile(fold)
    for line in re.finditer(r"[^\n]+", text[after:]):
        raw = line.group()
        start = after + line.start() + len(raw) - len(raw.lstrip())
        found.setdefault(folding.sub("", raw), (start, after + line.start() + len(raw.rstrip())))
    return found


def extract_commitments(result: ExtractionResult) -> list[Commitment]:
    """The commitments in the running text of ``result``, in reading order."""
    patterns = load_patterns("commitments")
    text = result.clean.text[:result.clean.body_end]
    mentions = sorted(result.mentions, key=lambda m: m.start)
    starts = [m.start for m in mentions]
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
    for kind in patterns.get("enumerations", []):
        found.extend(_enumerated(text, mentions, kind))
    found.sort(key=lambda c: c.start)
    breaks = [m.start() for m in re.finditer(patterns["section_break"], text, re.MULTILINE)]
    for index, commitment in enumerate(found):
        if commitment.text_end == commitment.end:  # an enumerated item without a section
            commitment.entities = _linked(mentions, starts, commitment.start, commitment.end,
                                          classes)
            continue
        later = [c.start for c in found[index + 1:] if c.text_end != c.end]
        limit = later[0] if later else len(text)
        limit = min([b for b in breaks if commitment.end <= b < limit] + [limit])
        commitment.text_end = limit
        commitment.entities = _linked(mentions, starts, commitment.start, limit, classes)
    return found
