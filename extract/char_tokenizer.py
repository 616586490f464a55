"""spaCy's Chinese character tokenizer in linear time.

``spacy.blank("zh")`` splits text into characters and aligns them with
``spacy.util.get_words_and_spaces``, which slices the rest of the text once per
character: quadratic, 3 s of a 150,000-character document and minutes past a million.
:func:`char_words_and_spaces` gives the same words and spaces in one pass, so the Doc is
token for token the one spaCy builds.
"""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.vocab import Vocab


def char_words_and_spaces(text: str) -> tuple[list[str], list[bool]]:
    """One word per non-space character, each run of other whitespace one word, and a
    single " " after a character folded into that character's trailing space."""
    words: list[str] = []
    spaces: list[bool] = []
    position, length = 0, len(text)
    while position < length:
        char_at = position
        while char_at < length and text[char_at].isspace():
            char_at += 1
        if char_at == length:
            break
        if char_at > position:
            words.append(text[position:char_at])
            spaces.append(False)
        words.append(text[char_at])
        position = char_at + 1
        if position < length and text[position] == " ":
            spaces.append(True)
            position += 1
        else:
            spaces.append(False)
    if position < length:
        words.append(text[position:])
        spaces.append(False)
    return words, spaces


class CharTokenizer:
    """Drop-in for the "char" segmenter of spaCy's ChineseTokenizer."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words, spaces = char_words_and_spaces(text)
        return Doc(self.vocab, words=words, spaces=spaces)
