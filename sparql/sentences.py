"""The sentences of each built document, for entity pages: ``sentences.json`` in the output
folder (written by the ``sentences`` writer of ``hrkg build``).

The graph keeps each mention's offsets (``nif:beginIndex``/``nif:endIndex`` into the
original text) but not the sentence around it; this file keeps, per source file, the
sentence spans of that same original text with their text, so a page can quote the
sentence of every mention without the source files. Without the file (a graph loaded
from elsewhere) a page falls back to the evidence sentences of the graph.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

SENTENCES_FILE = "sentences.json"
FORMAT = "hrkg-sentences/1"
_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
_SPACE_NEAR_CJK = re.compile(rf"(?<=[{_CJK}])\s+|\s+(?=[{_CJK}])")
_SPACES = re.compile(r"\s+")

Span = tuple[int, int, str]  # begin, end (original offsets), the original text between


def readable(text: str) -> str:
    """A sentence as a page shows it: PDF line breaks and spaces beside Chinese removed."""
    return _SPACES.sub(" ", _SPACE_NEAR_CJK.sub("", text)).strip()


def sentences_payload(documents: Iterable[tuple[str, Iterable[Span]]]) -> dict:
    """The JSON content of ``sentences.json``: source file name -> sorted sentence spans."""
    return {"format": FORMAT,
            "files": {name: [list(span) for span in sorted(spans)]
                      for name, spans in sorted(documents)}}


@dataclass
class SentenceIndex:
    """The sentence around an offset of a source file."""

    files: dict[str, list[Span]]

    @classmethod
    def load(cls, out_dir: Path) -> SentenceIndex:
        """The index of ``out_dir/sentences.json`` (empty when the build wrote none)."""
        path = Path(out_dir) / SENTENCES_FILE
        if not path.is_file():
            return cls({})
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            return cls({})
        return cls({name: [(int(b), int(e), str(t)) for b, e, t in spans]
                    for name, spans in data.get("files", {}).items()})

    def sentence(self, files: Iterable[str], begin: int, anchor: str = "") -> str | None:
        """The sentence containing offset ``begin`` in one of ``files`` (the one whose text
        holds ``anchor`` there, when a document has several sources)."""
        for name in files:
            spans = self.files.get(name)
            if not spans:
                continue
            at = bisect_right(spans, (begin, float("inf"), "")) - 1
            for start, end, text in reversed(spans[max(0, at - 50):at + 1]):
                if begin < end and (not anchor or text[begin - start:].startswith(anchor)):
                    return text
        return None
