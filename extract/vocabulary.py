"""All domain vocabularies (``extract/vocab/*.yaml``) as one index: by key, by Chinese
name and short form, with the checks across files (unique keys, one class per subclass,
references, names shared only where allowed). Loaded once and cached on disk.

Files are parsed by :mod:`hrkg.extract.vocab_files`; :meth:`Vocabulary.lookup` compares
names by :func:`hrkg.core.names.name_key`.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path

from hrkg.core.atomic import write_bytes
from hrkg.core.names import name_key
from hrkg.core.paths import vocab_dir
from hrkg.extract import vocab_files
from hrkg.extract.name_variants import name_variants
from hrkg.extract.vocab_files import (
    VOCAB_CLASSES,
    VocabEntry,
    VocabFile,
    VocabularyError,
    normalize_surface,
    parse_vocab_file,
    render_vocab_file,
)

__all__ = ["VOCAB_CLASSES", "VocabEntry", "VocabFile", "Vocabulary", "VocabularyError",
           "cache_dir", "load_vocabulary", "normalize_surface", "parse_vocab_file",
           "render_vocab_file"]

_REFERENCE_FIELDS = ("adopted_by", "part_of", "subsidiary_of", "monitors", "goal")


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
        self._add_variants()
        self._short = _index(self.entries.values(), lambda entry: entry.short)
        self._keys: dict[str, list[VocabEntry]] | None = None  # name_key -> entries
        self._en_names: dict[str, list[VocabEntry]] | None = None
        self._en_short: dict[str, list[VocabEntry]] | None = None
        self._subclasses = self._check_subclasses()
        self._check_references()
        self._check_clashes()

    def _add_variants(self) -> None:
        """Spelling variants of the Chinese names (extract/name_variants.py) name the same
        entry, unless a variant is a name of its own or the variant of two entries."""
        found: dict[str, list[VocabEntry]] = {}
        for surface, entries in self._surfaces.items():
            for variant in sorted(name_variants(surface)):
                if variant not in self._surfaces:
                    found.setdefault(variant, []).extend(entries)
        for variant, entries in found.items():
            if len(unique := _unique(entries)) == 1:
                self._surfaces[variant] = unique

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

    def names_in(self, lang: str) -> dict[str, list[VocabEntry]]:
        """Every name and alias in ``lang`` -> the entries it names (Chinese: normalized
        as :meth:`by_surface`; English: ``en`` and ``en_aliases`` as written). Do not mutate."""
        if lang == "zh":
            return self._surfaces
        if self._en_names is None:
            self._en_names = _index(self.entries.values(),
                                    lambda e: dict.fromkeys(filter(None, (e.en, *e.en_aliases))))
        return self._en_names

    def short_forms_in(self, lang: str) -> dict[str, list[VocabEntry]]:
        """Every short form in ``lang`` (``short`` / ``en_short``) -> its entries."""
        if lang == "zh":
            return self._short
        if self._en_short is None:
            self._en_short = _index(self.entries.values(), lambda e: dict.fromkeys(e.en_short))
        return self._en_short

    def lookup(self, surface: str) -> list[VocabEntry]:
        """Entries whose name or alias compares equal to ``surface`` by
        :func:`~hrkg.core.names.name_key` (spaces, 《》, width and case aside)."""
        if self._keys is None:
            self._keys = {}
            for name, entries in self._surfaces.items():
                known = self._keys.setdefault(name_key(name), [])
                known.extend(entry for entry in entries if entry not in known)
        return self._keys.get(name_key(surface), [])

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
    parser = Path(vocab_files.__file__).read_bytes() + Path(__file__).read_bytes()
    digest = hashlib.sha256(parser)  # new parser code -> new cache
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
