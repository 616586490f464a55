"""Issue 14: a cached document keeps its alignment record beside its outcome
(``<key>.align``); a rebuild reads it back only to align a pair of language versions
again (when the other version changed), and the graph is byte-identical to a --force
build either way."""

from __future__ import annotations

import hashlib
import pickle
import shutil
import zlib
from pathlib import Path

import pytest

from hrkg.cli import main
from hrkg.extract.align import StoredAlignment

SHARED = Path(__file__).resolve().parents[2] / "shared"
NAME = "CEIRPP-2023-summary-record-413.txt"  # one document, a Chinese and an English version


def build(out: Path, inputs: Path, *extra: str) -> str:
    assert main(["build", "-q", "--no-map", "--no-store", "--out", str(out), *extra,
                 str(inputs)]) == 0
    return hashlib.sha256((out / "graph.trig").read_bytes()).hexdigest()


def outcomes(out: Path) -> dict[str, object]:
    """The cached outcomes of ``out`` by key."""
    folder = out / ".cache" / "documents"
    return {p.name: pickle.loads(zlib.decompress(p.read_bytes()))
            for p in folder.iterdir() if "." not in p.name}


@pytest.fixture
def versions(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    for language in ("zh", "en"):
        (folder / language).mkdir(parents=True)
        shutil.copyfile(SHARED / "corpus-extra" / language / NAME, folder / language / NAME)
    return folder


def test_cached_outcome_names_its_alignment_record(versions: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(out, versions)
    kept = [outcome.alignment for outcome in outcomes(out).values()]  # type: ignore[attr-defined]
    assert sorted(record.language for record in kept) == ["en", "zh"]
    for record in kept:
        assert isinstance(record, StoredAlignment)
        assert record.load().lines  # the whole record, read back from <key>.align
        assert Path(record.path).name.endswith(".align")


def test_changed_version_aligns_with_the_cached_record(versions: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(out, versions)
    pairs = out / ".cache" / "pairs"
    before = {p.name for p in pairs.iterdir()}
    english = versions / "en" / NAME
    english.write_text(english.read_text(encoding="utf-8") + "\nThe Committee adjourned.\n",
                       encoding="utf-8")
    rebuilt = build(out, versions)
    assert {p.name for p in pairs.iterdir()} != before  # the pair was aligned again
    assert rebuilt == build(tmp_path / "fresh", versions, "--force")


def test_missing_alignment_record_means_extract_again(versions: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = build(out, versions)
    stamps = {key: (out / ".cache" / "documents" / key).stat().st_mtime_ns
              for key in outcomes(out)}
    removed = next((out / ".cache" / "documents").glob("*.align"))
    removed.unlink()
    assert build(out, versions) == first
    assert removed.is_file()  # written again by the new extraction
    again = {key: (out / ".cache" / "documents" / key).stat().st_mtime_ns for key in stamps}
    assert sum(again[key] != stamps[key] for key in stamps) == 1
