"""Read and validate one vocabulary file of ``extract/vocab/*.yaml`` (and write generated
ones).

Every file has a top-level ``source:`` (where the list comes from), ``entries:``
(the entities) and optionally ``ambiguous:`` (surface forms explicitly allowed
to name more than one entry). See ``extract/vocab/README.md`` for the schema.
Names are stored as :func:`normalize_surface` gives them (whitespace removed,
full-width brackets and dash variants folded): they are labels and gazetteer patterns.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from pathlib import Path

import yaml

from hrkg.core.errors import HrkgError
from hrkg.extract.model import ENTITY_CLASSES

try:  # the C loader is several times faster than the pure-Python one
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

# Classes a vocabulary entry may have (resolutions and UN documents come from symbols).
VOCAB_CLASSES = frozenset(ENTITY_CLASSES) - {"Resolution", "UNDocument"}

_KEY = re.compile(r"^[a-z0-9][a-z0-9.\-]*$")
_SUBCLASS = re.compile(r"^[A-Z][A-Za-z0-9]*$")
_FORBIDDEN_IN_SURFACE = "《》〈〉"
# Characters folded one-to-one so that spelling variants of punctuation compare equal.
_FOLD = str.maketrans({
    "（": "(", "）": ")",
    "－": "-", "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "−": "-",
})
_WHITESPACE = re.compile(r"\s+")

# Keys of an entry whose value names another entry.
_LIST_FIELDS = ("aliases", "short", "en_aliases", "en_short")


class VocabularyError(HrkgError):
    """A vocabulary file that cannot be loaded: bad YAML, bad entry, clashing names."""


def normalize_surface(text: str) -> str:
    """The comparable form of a Chinese name: no whitespace, folded brackets and dashes."""
    return _WHITESPACE.sub("", text).translate(_FOLD)


@dataclass(frozen=True)
class VocabEntry:
    """One canonical entity of a vocabulary file."""

    key: str  # canonical ASCII slug, unique across all files
    cls: str  # top-level class (hr: local name): Actor, Instrument, SDGGoal, ...
    subclass: str | None  # finer class (hr: local name): Treaty, State, ...
    zh: str  # official Chinese name (normalized)
    en: str | None = None
    aliases: tuple[str, ...] = ()  # other Chinese names that denote it anywhere
    short: tuple[str, ...] = ()  # Chinese short forms valid only after the full name
    en_aliases: tuple[str, ...] = ()  # other English names and acronyms that denote it anywhere
    en_short: tuple[str, ...] = ()  # English short forms valid only after the full name
    adopted_in: str | None = None  # UN symbol of the adopting resolution
    adopted_by: str | None = None  # key of the adopting actor
    part_of: str | None = None  # key of the containing actor
    subsidiary_of: str | None = None  # key of the parent organ
    monitors: str | None = None  # key of the treaty a treaty body monitors
    number: str | None = None  # SDG goal or target number, e.g. "16", "16.8"
    goal: str | None = None  # key of an SDG target's goal
    uri: str | None = None  # external canonical URI (metadata.un.org for SDGs)
    title_zh: str | None = None  # SDG goal short title, e.g. 和平、正义与强大机构
    title_en: str | None = None
    zh_full: str | None = None  # SDG goal full official text
    en_full: str | None = None
    source_file: str = ""  # vocabulary file name the entry came from

    @property
    def surfaces(self) -> tuple[str, ...]:
        """The Chinese name and its aliases (normalized), official name first."""
        return (self.zh, *self.aliases)


_ENTRY_FIELDS = {f.name for f in fields(VocabEntry)} - {"cls", "source_file"} | {"class"}


@dataclass(frozen=True)
class VocabFile:
    """One parsed vocabulary file."""

    name: str
    source: str
    entries: tuple[VocabEntry, ...]
    ambiguous: tuple[tuple[str, frozenset[str]], ...]  # (surface, keys allowed to share it)

def parse_vocab_file(path: Path) -> VocabFile:
    """Parse and validate one vocabulary file (without cross-file checks)."""
    try:
        with path.open(encoding="utf-8") as handle:
            data = yaml.load(handle, Loader=_Loader)  # safe: CSafeLoader or SafeLoader
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise VocabularyError(f"{path.name}: cannot read: {_one_line(error)}") from error
    if not isinstance(data, dict):
        raise VocabularyError(f"{path.name}: expected a mapping with 'source' and 'entries'")
    unknown = set(data) - {"source", "entries", "ambiguous"}
    if unknown:
        raise VocabularyError(f"{path.name}: unknown top-level keys {sorted(unknown)}")
    source = data.get("source")
    if not isinstance(source, str) or not source.strip():
        raise VocabularyError(f"{path.name}: missing 'source:' (where the list comes from)")
    raw_entries = data.get("entries")
    if not isinstance(raw_entries, list):
        raise VocabularyError(f"{path.name}: 'entries:' must be a list")
    entries = tuple(_parse_entry(path.name, index, raw) for index, raw in enumerate(raw_entries))
    ambiguous = tuple(_parse_allowance(path.name, raw) for raw in data.get("ambiguous") or ())
    return VocabFile(path.name, source.strip(), entries, ambiguous)


def _parse_entry(file_name: str, index: int, raw: object) -> VocabEntry:
    label = f"{file_name}: entry #{index + 1}"
    if not isinstance(raw, dict):
        raise VocabularyError(f"{label}: expected a mapping")
    key = raw.get("key")
    if not isinstance(key, str) or not _KEY.match(key):
        raise VocabularyError(f"{label}: 'key' must be a lowercase ASCII slug, got {key!r}")
    label = f"{file_name}: entry '{key}'"
    unknown = set(raw) - _ENTRY_FIELDS
    if unknown:
        raise VocabularyError(f"{label}: unknown fields {sorted(unknown)}")
    cls = raw.get("class")
    if cls not in VOCAB_CLASSES:
        raise VocabularyError(f"{label}: unknown class {cls!r} (one of {sorted(VOCAB_CLASSES)})")
    subclass = raw.get("subclass")
    if subclass is not None and not (isinstance(subclass, str) and _SUBCLASS.match(subclass)):
        raise VocabularyError(f"{label}: subclass must be CamelCase, got {subclass!r}")
    values: dict[str, str | None] = {}
    for name in _ENTRY_FIELDS - {"key", "class", "subclass", *_LIST_FIELDS}:
        value = raw.get(name)
        if value is not None and not isinstance(value, str):
            raise VocabularyError(f"{label}: '{name}' must be a string, got {value!r}")
        values[name] = value.strip() if isinstance(value, str) else None
    written_zh = values.pop("zh")
    if not written_zh:
        raise VocabularyError(f"{label}: missing 'zh' (official Chinese name)")
    lists: dict[str, list[str]] = {}
    for name in _LIST_FIELDS:
        items = raw.get(name) or []
        if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
            raise VocabularyError(f"{label}: '{name}' must be a list of strings")
        lists[name] = items
    zh = _surface(label, "zh", written_zh)
    aliases = _surfaces(label, "aliases", lists["aliases"], exclude=(zh,))
    short = _surfaces(label, "short", lists["short"], exclude=(zh, *aliases))
    en_aliases = tuple(dict.fromkeys(item.strip() for item in lists["en_aliases"]))
    en_short = tuple(dict.fromkeys(item.strip() for item in lists["en_short"]))
    return VocabEntry(
        key=key, cls=cls, subclass=subclass, zh=zh, aliases=aliases, short=short,
        en_aliases=en_aliases, en_short=en_short, source_file=file_name, **values,
    )


def _surface(label: str, field_name: str, text: str) -> str:
    surface = normalize_surface(text)
    if not surface:
        raise VocabularyError(f"{label}: empty name in '{field_name}'")
    bad = [char for char in _FORBIDDEN_IN_SURFACE if char in surface]
    if bad:
        raise VocabularyError(f"{label}: '{field_name}' {text!r} must not contain {''.join(bad)}")
    return surface


def _surfaces(label: str, field_name: str, texts: list[str],
              exclude: tuple[str, ...]) -> tuple[str, ...]:
    result: list[str] = []
    for text in texts:
        surface = _surface(label, field_name, text)
        if surface in exclude or surface in result:
            raise VocabularyError(f"{label}: '{field_name}' repeats the name {surface!r}")
        result.append(surface)
    return tuple(result)


def _parse_allowance(file_name: str, raw: object) -> tuple[str, frozenset[str]]:
    if not (isinstance(raw, dict) and isinstance(raw.get("surface"), str)
            and isinstance(raw.get("keys"), list) and len(raw["keys"]) > 1):
        raise VocabularyError(
            f"{file_name}: ambiguous: each item needs 'surface' and at least two 'keys'"
        )
    return normalize_surface(raw["surface"]), frozenset(str(key) for key in raw["keys"])


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split())

class _VocabDumper(yaml.SafeDumper):
    """Block-style entries with short lists of names written inline."""


def _represent_list(dumper: yaml.SafeDumper, items: list) -> yaml.Node:
    inline = all(isinstance(item, str) for item in items)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", items, flow_style=inline)


_VocabDumper.add_representer(list, _represent_list)


def render_vocab_file(source: str, entries: Iterable[Mapping[str, object]], header: str) -> str:
    """YAML text of a generated vocabulary file, one entry per block, deterministic."""
    body = yaml.dump(
        {"source": source, "entries": [dict(entry) for entry in entries]},
        Dumper=_VocabDumper, allow_unicode=True, sort_keys=False, width=100,
        default_flow_style=False,
    )
    comment = "".join(f"# {line}\n" if line else "#\n" for line in header.splitlines())
    return comment + body
