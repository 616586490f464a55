"""How a name is compared, everywhere: vocabulary lookups, ``query --param``, ``map --focus``
and the evaluation all match names through :func:`name_key`."""

from __future__ import annotations

import re
import unicodedata

# spaces, title brackets and quotation marks carry no meaning when names are compared
_NOISE = re.compile(r"[\s《》〈〉“”\"]+")
_DASHES = str.maketrans({ch: "-" for ch in "－‐‑‒–—−"})


def name_key(text: str) -> str:
    """The comparable form of a name in any language: Unicode compatibility forms folded
    (NFKC: full-width brackets and digits, CJK compatibility characters), no whitespace,
    no 《》〈〉 or quotation marks, one kind of dash, case-folded."""
    folded = unicodedata.normalize("NFKC", text).translate(_DASHES)
    return _NOISE.sub("", folded).casefold()
