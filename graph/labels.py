"""The language tag of a label, by its script (issue 12.5: every label keeps its language
tag; a name in Latin script is never tagged ``@zh``): Han -> ``zh``, Latin -> ``en``.

An entity's Chinese name slot (``Entity.label_zh``) may hold a Latin-script name (a Chinese
text writing "ACAPS", a UN symbol) and is empty for an entity only ever named in English:
:func:`preferred_labels` puts each name under the tag of its script, one per language."""

from __future__ import annotations

import re

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")


def script_language(text: str) -> str | None:
    """``zh`` for a text with Han characters, ``en`` for Latin letters without Han, None
    for a text without letters (a number, a bare symbol such as "74/151")."""
    if _HAN.search(text):
        return "zh"
    if _LATIN.search(text):
        return "en"
    return None


def preferred_labels(label_zh: str, label_en: str | None,
                     fallback: str) -> tuple[dict[str, str], list[str]]:
    """(language -> preferred label, further names): ``label_en`` is the English label;
    ``label_zh`` is the Chinese one when written in Han, else the English one if none is
    known (else a further name, for an ``altLabel``). Never empty: ``fallback`` (the
    entity's key) when both names are."""
    preferred: dict[str, str] = {}
    further: list[str] = []
    if label_en:
        preferred["en"] = label_en
    if label_zh:
        if script_language(label_zh) == "zh":
            preferred["zh"] = label_zh
        elif "en" not in preferred:
            preferred["en"] = label_zh
        elif label_zh != label_en:
            further.append(label_zh)
    if not preferred:
        preferred[script_language(fallback) or "en"] = fallback
    return preferred, further
