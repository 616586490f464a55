"""Chinese word boundaries and parts of speech from jieba (its own offline dictionary).

Used where a name's edge is in doubt: a name starts at a word boundary ("北部地区分区办事处"
gives 分区办事处, not 区分区办事处), and conjunctions, adverbs, counts or a bare verb before
a head word are the clause, not the name. Offsets are exact: jieba's words concatenate back
to the text it was given.
"""

from __future__ import annotations

import logging
from functools import cache
from typing import NamedTuple

import jieba
import jieba.posseg


class Word(NamedTuple):
    start: int
    end: int
    text: str
    tag: str  # jieba's part of speech (ICTCLAS tags: n, v, c, d, p, m, ...)


@cache
def _tokenizer() -> jieba.posseg.POSTokenizer:
    """jieba's default part-of-speech tokenizer: importing ``jieba.posseg`` has loaded its
    tag table already (a second ``POSTokenizer`` read the dictionary file again, ~2 s)."""
    jieba.setLogLevel(logging.WARNING)
    return jieba.posseg.dt


def words(text: str, offset: int = 0) -> list[Word]:
    """The words of ``text`` with their parts of speech; offsets start at ``offset``."""
    found = []
    position = offset
    for pair in _tokenizer().cut(text, HMM=False):
        word, tag = pair.word, pair.flag
        found.append(Word(position, position + len(word), word, tag))
        position += len(word)
    return found
