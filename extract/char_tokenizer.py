"""spaCy's Chinese character tokenizer in linear time.

``spacy.blank("zh")`` splits text into characters and aligns them with
``spacy.util.get_words_and_spaces``, which slices the rest of the text once per
character: quadratic, 3 s of a 150,000-character document and minutes past a million.
:func:`char_words_and_spaces` gives the same words and spaces in one pass, so the Doc is
token for token the one spaCy builds.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc
from spacy.vocab import Vocab

_SPACES = re.compile(r"(\s+)")


def char_words_and_spaces(text: str) -> tuple[list[str], list[bool]]:
    """One word per non-space character, each run of other whitespace one word, and a
    single " " after a character folded into that character's trailing space (the text
    cut at its whitespace runs, so the loop runs per run, not per character)."""
    words: list[str] = []
    spaces: list[bool] = []
    for number, part in enumerate(_SPACES.split(text)):
        if not number % 2:  # the characters between two runs: one word each
            words.extend(part)
            spaces.extend([False] * len(part))
            continue
        if words and part[0] == " ":  # a run after a character
            spaces[-1] = True
            part = part[1:]
        if part:
            words.append(part)
            spaces.append(False)
    return words, spaces


class CharTokenizer:
    """Drop-in for the "char" segmenter of spaCy's ChineseTokenizer."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words, spaces = char_words_and_spaces(text)
        return Doc(self.vocab, words=words, spaces=spaces)
