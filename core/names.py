"""How a name is compared, everywhere: vocabulary lookups, ``query --param``, ``map --focus``
and the evaluation all match names through :func:`name_key`. How a name is written as a
label: :func:`label_form`."""

from __future__ import annotations

import re
import unicodedata

# spaces, title brackets and quotation marks carry no meaning when names are compared
_NOISE = re.compile(r"[\s《》〈〉“”\"]+")
_DASHES = str.maketrans({ch: "-" for ch in "－‐‑‒–—−"})
_NOT_IN_LABELS = re.compile(r"[\s《》〈〉]+")
# a space between two Latin-script words stays (Empresas Públicas de Medellín)
_LATIN_SPACE = re.compile(r"(?<=[A-Za-z0-9\u00C0-\u024F.,'’&-])\s+(?=[A-Za-z0-9\u00C0-\u024F])")


def name_key(text: str) -> str:
    """The comparable form of a name in any language: Unicode compatibility forms folded
    (NFKC: full-width brackets and digits, CJK compatibility characters), no whitespace,
    no 《》〈〉 or quotation marks, one kind of dash, case-folded."""
    folded = unicodedata.normalize("NFKC", text).translate(_DASHES)
    return _NOISE.sub("", folded).casefold()


def label_form(text: str) -> str:
    """A name as written in a label: no whitespace (one space kept between Latin-script
    words), no 《》〈〉, also inside ("《公约》缔约方会议第五届会议" ->
    公约缔约方会议第五届会议)."""
    return " ".join(_NOT_IN_LABELS.sub("", part) for part in _LATIN_SPACE.split(text))
