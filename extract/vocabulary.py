"""Load and validate the domain vocabularies in ``extract/vocab/*.yaml``.

Every file has a top-level ``source:`` (where the list comes from), ``entries:``
(the entities) and optionally ``ambiguous:`` (surface forms explicitly allowed
to name more than one entry). See ``extract/vocab/README.md`` for the schema.

Surface forms are compared after :func:`normalize_surface` (whitespace removed,
full-width brackets and dash variants folded), so the gazetteer must normalize
text the same way.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path

import yaml

from hrkg.core.atomic import write_bytes
from hrkg.core.errors import HrkgError
from hrkg.core.paths import vocab_dir
from hrkg.extract.model import ENTITY_CLASSES

try:  # the C loader is several times faster than the pure-Python one
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

# Classes a vocabulary entry may have (resolutions and UN documents come from symbols).
VOCAB_CLASSES = frozenset(ENTITY_CLASSES) - {"Resolution", "UNDocument"}

_KEY = re.compile(r"^[a-z0-9][a-z0-9.\-]*$")
_SUBCLASS = re.compile(r"^[A-Z][A-Za-z0-9]*$")
_WIKIDATA = re.compile(r"^Q[1-9][0-9]*$")
_FORBIDDEN_IN_SURFACE = "《》〈〉"
# Characters folded one-to-one so that spelling variants of punctuation compare equal.
_FOLD = str.maketrans({
    "（": "(", "）": ")",
    "－": "-", "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "−": "-",
})
_WHITESPACE = re.compile(r"\s+")

# Keys of an entry whose value names another entry.
_REFERENCE_FIELDS = ("adopted_by", "part_of", "subsidiary_of", "monitors", "goal")
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
    wikidata: str | None = None  # QID, e.g. "Q7813"
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

    @property
    def wikidata_uri(self) -> str | None:
        return f"http://www.wikidata.org/entity/{self.wikidata}" if self.wikidata else None


_ENTRY_FIELDS = {f.name for f in fields(VocabEntry)} - {"cls", "source_file"} | {"class"}


@dataclass(frozen=True)
class VocabFile:
    """One parsed vocabulary file."""

    name: str
    source: str
    entries: tuple[VocabEntry, ...]
    ambiguous: tuple[tuple[str, frozenset[str]], ...]  # (surface, keys allowed to share it)


class Vocabulary:
    """All vocabulary entries, indexed by key and by Chinese surface form."""

    def __init__(self, files: Iterable[VocabFile]) -> None:
        self.files: tuple[VocabFile, ...] = tuple(files)
        self.entries: dict[str, VocabEntry] = {}
        for vocab_file in self.files:
            for entry in vocab_file.entries:
                if entry.key in self.entries:
                    other = self.entries[entry.key].source_file
                    raise VocabularyError(
                        f"{vocab_file.name}: entry '{entry.key}': duplicate key (also in {other})"
                    )
                self.entries[entry.key] = entry
        self._surfaces = _index(self.entries.values(), lambda entry: entry.surfaces)
        self._short = _index(self.entries.values(), lambda entry: entry.short)
        self._subclasses = self._check_subclasses()
        self._check_references()
        self._check_clashes()

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[VocabEntry]:
        return iter(self.entries.values())

    def get(self, key: str) -> VocabEntry | None:
        return self.entries.get(key)

    def by_surface(self) -> dict[str, list[VocabEntry]]:
        """Every Chinese name and alias (normalized) -> the entries it names. Do not mutate."""
        return self._surfaces

    def short_forms(self) -> dict[str, list[VocabEntry]]:
        """Every short form (normalized) -> the entries it may stand for. Do not mutate."""
        return self._short

    def lookup(self, surface: str) -> list[VocabEntry]:
        """Entries whose name or alias is ``surface`` (normalized first)."""
        return self._surfaces.get(normalize_surface(surface), [])

    def of_class(self, cls: str) -> list[VocabEntry]:
        """Entries of top-level class ``cls``, in file order."""
        return [entry for entry in self.entries.values() if entry.cls == cls]

    def subclasses(self) -> dict[str, str]:
        """Every subclass used -> its top-level class (each subclass has exactly one)."""
        return dict(self._subclasses)

    def sources(self) -> dict[str, str]:
        """File name -> its ``source:`` statement."""
        return {vocab_file.name: vocab_file.source for vocab_file in self.files}

    def _check_subclasses(self) -> dict[str, str]:
        parents: dict[str, VocabEntry] = {}
        for entry in self.entries.values():
            if entry.subclass is None:
                continue
            first = parents.setdefault(entry.subclass, entry)
            if first.cls != entry.cls:
                raise VocabularyError(
                    f"{entry.source_file}: entry '{entry.key}': subclass {entry.subclass} is "
                    f"under {entry.cls} here but under {first.cls} in '{first.key}'"
                )
        return {name: entry.cls for name, entry in sorted(parents.items())}

    def _check_references(self) -> None:
        for entry in self.entries.values():
            for name in _REFERENCE_FIELDS:
                target = getattr(entry, name)
                if target is not None and target not in self.entries:
                    raise VocabularyError(
                        f"{entry.source_file}: entry '{entry.key}': {name} names unknown key "
                        f"'{target}'"
                    )

    def _check_clashes(self) -> None:
        allowed: dict[str, tuple[str, frozenset[str]]] = {}
        for vocab_file in self.files:
            for surface, keys in vocab_file.ambiguous:
                allowed[surface] = (vocab_file.name, keys)
        used: set[str] = set()
        for surface, entries in self._surfaces.items():
            # two entries sharing a full name: the gazetteer could not tell them apart
            if len(entries) > 1:
                _require_allowance(surface, entries, allowed, used, "name")
        for surface, entries in self._short.items():
            # a short form may stand for entries of one class only (coreference picks which)
            sharing = entries + self._surfaces.get(surface, [])
            if len({entry.cls for entry in sharing}) > 1:
                _require_allowance(surface, _unique(sharing), allowed, used, "short form")
        for surface, (file_name, _keys) in allowed.items():
            if surface not in used:
                raise VocabularyError(
                    f"{file_name}: ambiguous: '{surface}' is listed but is not ambiguous"
                )


def _require_allowance(
    surface: str,
    entries: list[VocabEntry],
    allowed: Mapping[str, tuple[str, frozenset[str]]],
    used: set[str],
    what: str,
) -> None:
    keys = {entry.key for entry in entries}
    described = ", ".join(f"{entry.source_file}:{entry.key} ({entry.cls})" for entry in entries)
    if surface not in allowed:
        raise VocabularyError(
            f"{entries[-1].source_file}: entry '{entries[-1].key}': {what} '{surface}' is shared "
            f"by {described}; list it under 'ambiguous:' if that is intended"
        )
    file_name, allowed_keys = allowed[surface]
    if not keys <= allowed_keys:
        raise VocabularyError(
            f"{file_name}: ambiguous: '{surface}' does not list {sorted(keys - allowed_keys)}"
        )
    used.add(surface)


def _unique(entries: list[VocabEntry]) -> list[VocabEntry]:
    return list({entry.key: entry for entry in entries}.values())


def _index(entries: Iterable[VocabEntry], names) -> dict[str, list[VocabEntry]]:
    index: dict[str, list[VocabEntry]] = {}
    for entry in entries:
        for name in names(entry):  # an entry's own names are already distinct
            index.setdefault(name, []).append(entry)
    return index


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
    values: dict[str, object] = {}
    for name in _ENTRY_FIELDS - {"key", "class", "subclass", *_LIST_FIELDS}:
        value = raw.get(name)
        if value is not None and not isinstance(value, str):
            raise VocabularyError(f"{label}: '{name}' must be a string, got {value!r}")
        values[name] = value.strip() if isinstance(value, str) else None
    zh = values.pop("zh")
    if not zh:
        raise VocabularyError(f"{label}: missing 'zh' (official Chinese name)")
    for name in _LIST_FIELDS:
        value = raw.get(name) or []
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise VocabularyError(f"{label}: '{name}' must be a list of strings")
        values[name] = value
    zh = _surface(label, "zh", zh)
    aliases = _surfaces(label, "aliases", values.pop("aliases"), exclude=(zh,))
    short = _surfaces(label, "short", values.pop("short"), exclude=(zh, *aliases))
    en_aliases = tuple(dict.fromkeys(item.strip() for item in values.pop("en_aliases")))
    en_short = tuple(dict.fromkeys(item.strip() for item in values.pop("en_short")))
    wikidata = values.get("wikidata")
    if wikidata is not None and not _WIKIDATA.match(wikidata):
        raise VocabularyError(f"{label}: wikidata must look like Q1234, got {wikidata!r}")
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


def _surfaces(label: str, field_name: str, texts: list[str], exclude: tuple[str, ...]) -> tuple:
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


def load_vocabulary(directory: Path | None = None) -> Vocabulary:
    """Load every ``*.yaml`` in ``directory`` (default: the bundled vocabularies). Cached."""
    return _load_cached(Path(directory or vocab_dir()).resolve())


@lru_cache(maxsize=8)
def _load_cached(directory: Path) -> Vocabulary:
    paths = sorted(directory.glob("*.yaml"))
    if not paths:
        raise VocabularyError(f"{directory}: no vocabulary files (*.yaml)")
    return Vocabulary(_parse_with_cache(paths))


def cache_dir() -> Path:
    """Where parsed vocabularies are cached: $HRKG_CACHE_DIR, else $XDG_CACHE_HOME/hrkg."""
    explicit = os.environ.get("HRKG_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "hrkg"


def _parse_with_cache(paths: list[Path]) -> list[VocabFile]:
    """Parsed files, from a pickle keyed by the files' content when one exists.

    Parsing YAML costs ~0.3 s even with the C loader; the cache makes a load ~10x faster.
    A missing, stale or unreadable cache is silently rebuilt; an unwritable one is skipped.
    """
    digest = hashlib.sha256(Path(__file__).read_bytes())  # new parser code -> new cache
    for path in paths:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    prefix = "vocab-" + hashlib.sha256(str(paths[0].parent).encode()).hexdigest()[:12]
    cache_file = cache_dir() / f"{prefix}-{digest.hexdigest()[:32]}.pickle"
    try:
        with cache_file.open("rb") as handle:
            files = pickle.load(handle)  # our own file, keyed by content
        if isinstance(files, list) and all(isinstance(item, VocabFile) for item in files):
            return files
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, TypeError, ValueError):
        pass
    files = [parse_vocab_file(path) for path in paths]
    try:
        for stale in cache_file.parent.glob(f"{prefix}-*.pickle"):  # older versions of this dir
            stale.unlink(missing_ok=True)
        write_bytes(cache_file, pickle.dumps(files, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass
    return files


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
