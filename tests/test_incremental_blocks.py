"""Issue 14: a rebuild copies the TriG and N-Quads blocks of unchanged documents from the
cache (hrkg.exports.blocks), and re-renders a block whose dropped triples changed (a
triple another document's graph stated first), byte-identical to a --force build."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from hrkg.cli import main

REPO = Path(__file__).resolve().parents[1]
OUTPUTS = ("graph.ttl", "graph.trig", "graph.nq")
NOTHING_DROPPED = hashlib.sha256(b"").hexdigest()


def build(out: Path, inputs: Path, *extra: str) -> dict[str, str]:
    assert main(["build", "-q", "--no-map", "--no-store", "--out", str(out), *extra,
                 str(inputs)]) == 0
    return {name: hashlib.sha256((out / name).read_bytes()).hexdigest() for name in OUTPUTS}


def block_files(out: Path, marker: str) -> dict[str, Path]:
    """The files kept beside the cached run whose lines name ``marker``."""
    folder = out / ".cache" / "documents"
    runs = [run for run in folder.glob("*.run") if marker in run.read_text(encoding="utf-8")]
    assert len(runs) == 1
    return {suffix: runs[0].with_name(runs[0].name + suffix)
            for suffix in (".trig", ".nq", ".digest")}


@pytest.fixture
def two_copies(tmp_path: Path) -> Path:
    """One text as two documents (known by their file names): they state the same
    relations, which stay only in the graph of the first (a.txt)."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        shutil.copyfile(REPO / "corpus" / "highest-aspiration-2020.txt", folder / name)
    return folder


def test_unchanged_rebuild_copies_every_block(two_copies: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = build(out, two_copies)
    kept = {path: path.stat().st_mtime_ns for path in block_files(out, "file/b.txt/zh").values()}
    assert build(out, two_copies) == first
    assert {path: path.stat().st_mtime_ns for path in kept} == kept


def test_block_made_again_when_its_dropped_triples_change(two_copies: Path,
                                                          tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(out, two_copies)
    stamp = block_files(out, "file/b.txt/zh")[".digest"]
    before = stamp.read_text(encoding="ascii")
    assert before != NOTHING_DROPPED  # b.txt's graph lost the triples a.txt states
    first = two_copies / "a.txt"
    text = first.read_text(encoding="utf-8")
    first.write_text(text[: len(text) // 5], encoding="utf-8")  # a.txt states fewer
    rebuilt = build(out, two_copies)
    assert stamp.read_text(encoding="ascii") != before  # b.txt's block made again
    assert rebuilt == build(tmp_path / "fresh", two_copies, "--force")


EXTRA = REPO.parent / "shared" / "corpus-extra"


@pytest.mark.skipif(not (EXTRA / "zh").is_dir(), reason="../shared not present")
def test_language_versions_aligned_once_then_kept(tmp_path: Path) -> None:
    """The entity pairs of a Chinese and an English version, and the later version's
    renamed lines (a run, with its blocks), are kept by the two cache keys: a rebuild with
    neither changed reads them (same bytes); --force aligns again."""
    name = "CEIRPP-2023-summary-record-413.txt"  # open-world names the alignment renames
    folder = tmp_path / "in"
    for language in ("zh", "en"):
        (folder / language).mkdir(parents=True)
        shutil.copyfile(EXTRA / language / name, folder / language / name)
    out = tmp_path / "out"
    first = build(out, folder)
    pairs = out / ".cache" / "pairs"
    kept = {path: path.stat().st_mtime_ns for path in pairs.iterdir()}
    assert len([path for path in kept if "." not in path.name]) == 1
    renamed = [path for path in kept if path.name.endswith(".run")]
    assert len(renamed) == 1  # the English version's lines, renamed, as a run
    assert build(out, folder) == first
    assert {path: path.stat().st_mtime_ns for path in pairs.iterdir()} == kept  # all read
    assert build(tmp_path / "fresh", folder, "--force") == first


def test_rebuild_removes_what_a_killed_build_was_writing_in_the_cache(two_copies: Path,
                                                                      tmp_path: Path) -> None:
    """A build killed while writing a cache entry leaves '.<name>.<random>.tmp' (atomic
    writes); the next build removes it and keeps every entry it uses."""
    out = tmp_path / "out"
    first = build(out, two_copies)
    documents = out / ".cache" / "documents"
    entries = sorted(path.name for path in documents.iterdir())
    stale = documents / f".{entries[0]}.nq.x1y2z3.tmp"
    stale.write_text("half written", encoding="utf-8")
    assert build(out, two_copies) == first
    assert not stale.exists()
    assert sorted(path.name for path in documents.iterdir()) == entries


def test_rebuild_without_nquads_leaves_no_temporary_trig(two_copies: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    """The TriG of the graphs not kept as blocks is written to a temporary folder for the
    N-Quads writer; a build that does not run that writer still removes it."""
    import tempfile

    from hrkg.build import Builder

    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    out = tmp_path / "out"
    build(out, two_copies)
    Builder(out, outputs=["turtle", "report"]).run([two_copies])  # cached: blocks kept
    assert (out / "graph.trig").is_file() and not (out / "graph.nq").exists()
    assert [p.name for p in scratch.iterdir() if p.name.startswith("hrkg-")] == []
