"""English documents: is a Latin-script text English (else "und"), and what its head says
(``patterns/en/language.yaml``, ``patterns/en/metadata.yaml``, ``patterns/en/markdown.yaml``):
Markdown front matter, "Resolution adopted by the General Assembly on 14 October 2025"
(type, organ, author, adoption date), the title after "80/3.", a summary record's body on
the line above, "processed in its entirety by UNICEF" (author). Organs are recorded by
their Chinese canonical name, as :class:`DocumentMetadata` keeps them for every language.
"""

from __future__ import annotations

import re
from functools import cache

import yaml

from hrkg.extract.model import CleanText, DocumentMetadata, SourceText
from hrkg.extract.organs import load_organs
from hrkg.extract.patterns import alternation, load_patterns
from hrkg.extract.vocabulary import load_vocabulary

_WORD = re.compile(r"[a-z']+")
_LETTER = re.compile(r"[^\W\d_]")


def is_english(text: str) -> bool:
    """Whether a Latin-script text passes the English profile of ``language.yaml``."""
    data = load_patterns("language", "en")
    sample = text[: int(data["sample_chars"])]
    letters = len(_LETTER.findall(sample))
    latin = len(re.findall(data["latin_letters"], sample))
    words = _WORD.findall(sample.lower())
    if not letters or not words or latin / letters < float(data["min_latin_share"]):
        return False
    function_words = frozenset(data["function_words"])
    english = sum(word in function_words for word in words) / len(words)
    others = [sum(word in listed for word in words) / len(words)
              for listed in map(frozenset, data["other_language_words"].values())]
    return english >= float(data["min_function_word_share"]) and english > max(others, default=0)


@cache
def _organ_names() -> dict[str, str]:
    """English organ name (organs.yaml ``en``, the actor's ``en``/``en_aliases``) -> the
    organ's Chinese canonical name."""
    vocabulary = load_vocabulary()
    names: dict[str, str] = {}
    for organ in load_organs().organs:
        entry = vocabulary.get(organ.actor)
        for name in (organ.en, *(entry.en_aliases if entry else ()), entry.en if entry else None):
            if name:
                names.setdefault(name, organ.zh)
    return names


def _chinese_name(english: str) -> str:
    """The Chinese vocabulary name of an actor written ``english`` (else ``english``)."""
    english = " ".join(english.split())
    if english in _organ_names():
        return _organ_names()[english]
    entries = load_vocabulary().names_in("en").get(english)
    return entries[0].zh if entries else english


def _iso(text: str) -> str | None:
    data = load_patterns("metadata", "en")
    match = re.search(data["date_en"], text)
    if match is None:
        return None
    month = data["months_en"].index(match.group("month")) + 1
    return f"{match.group('year')}-{month:02d}-{int(match.group('day')):02d}"


def complete_english(meta: DocumentMetadata, source: SourceText, clean: CleanText) -> None:
    """Fill what the head of an English document states and ``meta`` lacks."""
    data = load_patterns("metadata", "en")
    front = re.match(load_patterns("markdown", "en")["front_matter"], source.text, re.S)
    if front is not None:
        fields = yaml.safe_load(front.group("yaml")) or {}
        if isinstance(fields, dict) and fields.get("symbol"):
            meta.symbol = str(fields["symbol"])
    text = clean.text
    head_end = min(len(text), 4000)
    organs = alternation(_organ_names())  # {organ}: an organ's English name
    for kind in data["doc_types"]:
        if kind["type"] not in ("resolution", "decision", "summary-record"):
            continue  # not searched: the draft patterns' ".+?\s*:" cost 0.2 s a document
        match = re.search(kind["pattern"].replace("{organ}", organs), text[:head_end])
        if match is None:
            continue
        meta.doc_type = kind["type"]
        span = (match.start(), match.end())
        groups = match.groupdict()
        organ = groups.get("organ")
        if kind["type"] == "summary-record":  # the body on the line above
            line_start = text.rfind("\n", 0, max(0, match.start() - 1)) + 1
            organ = text[line_start:match.start()].strip() or None
            span = (line_start, line_start + len(organ or ""))
        if organ:
            meta.organ = _chinese_name(organ)
            meta.authors = [meta.organ]
            meta.evidence["authors"] = span
        if groups.get("date"):
            meta.date = _iso(groups["date"]) or meta.date
        break
    processed = re.search(data["processed_by"], text[:head_end])
    if processed is not None and not meta.authors:
        meta.authors = [_chinese_name(processed.group("author").rstrip("."))]
        meta.evidence["authors"] = (processed.start(), processed.end())
    title = re.search(rf"(?m)^{data['title_number_prefix']}(?P<title>[^\n]+)", text[:head_end])
    if title is not None:
        meta.title = title.group("title").strip()
        meta.evidence["title"] = (title.start("title"), title.end("title"))
