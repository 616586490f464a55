"""Generate ``extract/vocab/states.yaml``: UN Member and observer States in Chinese.

Chinese names come from CLDR via Babel (``Locale.parse('zh').territories``), corrected
to the UN's official Chinese short names by ``state_overrides.yaml``; the list of
States and their UN English names is ``un_members.yaml``. English aliases: the UN
name's inverted forms ("Bolivia (Plurinational State of)" -> "Plurinational State of
Bolivia", "Bolivia"), CLDR's English name, and the overrides' ``en_aliases``.

Usage: python extract/vocab_tools/build_states.py [--check]
  --check  exit 1 if states.yaml differs from what would be generated
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import babel
import yaml
from babel.core import get_global
from generated import render_generated, write_or_check

HERE = Path(__file__).resolve().parent
MEMBERS_FILE = HERE / "un_members.yaml"
OVERRIDES_FILE = HERE / "state_overrides.yaml"
OUTPUT_FILE = HERE.parent / "vocab" / "states.yaml"
_CODE = re.compile(r"^[A-Z]{2}$")
# UN short names with the formal part in brackets: "Iran (Islamic Republic of)"
_INVERTED = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<formal>[^()]+?(?:of|of the))\)$")
_OVERRIDE_FIELDS = {"zh", "aliases", "en_aliases", "cldr_alias"}


def _read(path: Path) -> dict:
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    if not isinstance(data, dict):
        sys.exit(f"{path.name}: expected a mapping")
    return data


def _codes(data: dict, group: str) -> dict[str, str]:
    names = data.get(group) or {}
    bad = [code for code in names if not (isinstance(code, str) and _CODE.match(code))]
    if bad:
        sys.exit(f"{MEMBERS_FILE.name}: {group}: not ISO alpha-2 codes: {bad}")
    return names


def cldr_version() -> str:
    return str(get_global("cldr").get("version", "unknown"))


def build_entries() -> tuple[str, list[dict]]:
    """The ``source`` statement and the entries of states.yaml."""
    members_data = _read(MEMBERS_FILE)
    overrides_data = _read(OVERRIDES_FILE)
    overrides: dict = overrides_data.get("overrides") or {}
    groups = {"State": _codes(members_data, "members"),
              "ObserverState": _codes(members_data, "observers")}
    listed = {code for names in groups.values() for code in names}
    stray = sorted(set(overrides) - listed)
    if stray:
        sys.exit(f"{OVERRIDES_FILE.name}: codes not in {MEMBERS_FILE.name}: {stray}")
    zh_names = babel.Locale.parse("zh").territories
    en_names = babel.Locale.parse("en").territories
    entries = []
    for subclass, names in groups.items():
        for code in sorted(names):
            override = overrides.get(code) or {}
            unknown = set(override) - _OVERRIDE_FIELDS
            if unknown:
                sys.exit(f"{OVERRIDES_FILE.name}: {code}: unknown fields {sorted(unknown)}")
            entries.append(_entry(code, subclass, names[code], override, zh_names, en_names))
    source = (
        f"Chinese names: CLDR {cldr_version()} via Babel {babel.__version__} "
        f"(Locale 'zh' territories), corrected to UN official Chinese names by "
        f"vocab_tools/{OVERRIDES_FILE.name} ({overrides_data['source'].strip().rstrip('.')}). "
        f"States and English names: {members_data['source'].strip().rstrip('.')}. "
        f"English CLDR names are kept as en_aliases."
    )
    return source, entries


def _entry(code: str, subclass: str, un_en: str, override: dict, zh_names, en_names) -> dict:
    cldr_zh = zh_names.get(code)
    if not cldr_zh and not override.get("zh"):
        sys.exit(f"CLDR has no Chinese name for {code}; add zh to {OVERRIDES_FILE.name}")
    zh = override.get("zh") or cldr_zh
    aliases = list(override.get("aliases") or [])
    if cldr_zh and cldr_zh != zh and override.get("cldr_alias", True) and cldr_zh not in aliases:
        aliases.append(cldr_zh)
    en_aliases = [*_uninverted(un_en), *(override.get("en_aliases") or [])]
    cldr_en = en_names.get(code)
    if cldr_en and cldr_en != un_en:
        en_aliases.append(cldr_en)
    en_aliases = list(dict.fromkeys(en_aliases))
    entry: dict = {"key": f"state-{code.lower()}", "class": "Actor", "subclass": subclass,
                   "zh": zh, "en": un_en}
    if aliases:
        entry["aliases"] = aliases
    if en_aliases:
        entry["en_aliases"] = en_aliases
    return entry


def _uninverted(un_en: str) -> list[str]:
    """"Netherlands (Kingdom of the)" -> ["Kingdom of the Netherlands", "Netherlands"]."""
    match = _INVERTED.match(un_en)
    if match is None:
        return []
    return [f"{match['formal']} {match['name']}", match["name"]]


def render() -> tuple[str, int]:
    """The text of states.yaml and its number of entries."""
    return render_generated(build_entries, "build_states.py",
                            "un_members.yaml or state_overrides.yaml")


def main(argv: list[str] | None = None) -> int:
    return write_or_check(__doc__.splitlines()[0], OUTPUT_FILE, *render(), argv)


if __name__ == "__main__":
    sys.exit(main())
