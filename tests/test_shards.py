"""Issue 14: the shards layout (hrkg build --layout shards): quads/, one sorted N-Quads
file per named graph, holds exactly the quads of graph.nq; a rebuild hard-links the
shards of unchanged documents from the cache and changes the store by the shards that
differ; hrkg export, validate and the store read the folder."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pyoxigraph as ox
import pytest

from hrkg.cli import main
from hrkg.exports import shards
from hrkg.exports.registry import SHARDS_FROM, layout_for
from hrkg.graph.files import shard_files

REPO = Path(__file__).resolve().parents[1]


def build(out: Path, inputs: Path, *extra: str) -> None:
    assert main(["build", "-q", "--no-map", "--out", str(out), *extra, str(inputs)]) == 0


def shard_lines(out: Path) -> list[bytes]:
    return sorted(line for path in shard_files(out / "quads")
                  for line in path.read_bytes().splitlines(keepends=True))


def folder_digest(folder: Path) -> dict[str, str]:
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in shard_files(folder)}


def store_quads(out: Path) -> set[ox.Quad]:
    store = ox.Store.read_only(str(out / "store"))
    return set(store.quads_for_pattern(None, None, None, None))


@pytest.fixture(scope="module")
def corpus_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The bundled corpus built in both layouts."""
    root = tmp_path_factory.mktemp("layouts")
    files, sharded = root / "files", root / "shards"
    build(files, REPO / "corpus", "--layout", "files")
    build(sharded, REPO / "corpus", "--layout", "shards")
    return files, sharded


def test_shards_hold_the_quads_of_graph_nq(corpus_builds: tuple[Path, Path]) -> None:
    files, sharded = corpus_builds
    assert not (sharded / "graph.nq").exists() and not (sharded / "graph.ttl").exists()
    assert b"".join(shard_lines(sharded)) == (files / "graph.nq").read_bytes()
    names = {str(path.relative_to(sharded / "quads")) for path in
             shard_files(sharded / "quads")}
    assert {"entities.nq", "background.nq", "build.nq", "comention.nq",
            "A/HRC/44/28/zh.nq", "A/79/L.2/zh.nq"} <= names
    for path in shard_files(sharded / "quads"):  # one graph a file, sorted
        lines = path.read_bytes().splitlines()
        assert lines == sorted(lines)
        assert len({line.rsplit(b" ", 2)[1] for line in lines}) == 1


def test_shards_store_equals_the_files_store(corpus_builds: tuple[Path, Path]) -> None:
    files, sharded = corpus_builds
    assert store_quads(sharded) == store_quads(files)


def test_export_of_a_shards_build_gives_the_files_layout(corpus_builds: tuple[Path, Path],
                                                         tmp_path: Path) -> None:
    files, sharded = corpus_builds
    assert main(["export", "--format", "nq", "--graph", str(sharded),
                 "-o", str(tmp_path / "x")]) == 0
    for name in ("graph.ttl", "graph.trig", "graph.nq"):
        assert (tmp_path / "x" / name).read_bytes() == (files / name).read_bytes(), name


def test_jsonld_of_the_shards_is_that_of_graph_trig(corpus_builds: tuple[Path, Path]) -> None:
    from hrkg.exports.jsonld import compacted

    files, sharded = corpus_builds
    assert compacted(sharded / "quads") == compacted(files / "graph.trig")


def test_validate_reads_the_shards_folder(corpus_builds: tuple[Path, Path],
                                          capsys: pytest.CaptureFixture[str]) -> None:
    _, sharded = corpus_builds
    from hrkg.graph.files import open_built_graph

    assert main(["validate", str(sharded)]) == 0
    assert "conforms" in capsys.readouterr().out

    assert len(open_built_graph(sharded)) == len(shard_lines(sharded))


def test_rebuild_links_unchanged_shards_and_equals_a_forced_build(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    shutil.copytree(REPO / "corpus", inputs)
    out, forced = tmp_path / "out", tmp_path / "forced"
    build(out, inputs, "--layout", "shards")
    before = {path.relative_to(out / "quads"): path.stat().st_ino
              for path in shard_files(out / "quads")}
    changed = inputs / "A-79-L.2.txt"
    changed.write_text(changed.read_text(encoding="utf-8").replace(
        "人权理事会", "人权理事会和大会", 1), encoding="utf-8")
    build(out, inputs, "--layout", "shards")
    build(forced, inputs, "--layout", "shards", "--force")
    assert folder_digest(out / "quads") == folder_digest(forced / "quads")
    after = {path.relative_to(out / "quads"): path.stat().st_ino
             for path in shard_files(out / "quads")}
    same = {name for name in before if after.get(name) == before[name]}
    assert Path("A/HRC/44/28/zh.nq") in same  # unchanged document: the same file, linked
    assert Path("A/79/L.2/zh.nq") not in same  # the changed one: written again
    assert (out / "quads" / "A/HRC/44/28/zh.nq").stat().st_nlink >= 2
    assert store_quads(out) == store_quads(forced)  # the store changed by the delta


def test_triple_kept_by_first_graph_moves_when_that_graph_changes(tmp_path: Path) -> None:
    """Two copies of one text state the same relations: they stay in the first graph's
    shard; when the first copy stops stating them, they move to the second's."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("a.txt", "b.txt"):
        shutil.copyfile(REPO / "corpus" / "highest-aspiration-2020.txt", inputs / name)
    out, forced = tmp_path / "out", tmp_path / "forced"
    build(out, inputs, "--layout", "shards")
    second = out / "quads" / "file" / "b.txt" / "zh.nq"
    lost = len(second.read_bytes().splitlines())
    (inputs / "a.txt").write_text("联合国大会。\n", encoding="utf-8")
    build(out, inputs, "--layout", "shards")
    build(forced, inputs, "--layout", "shards", "--force")
    assert folder_digest(out / "quads") == folder_digest(forced / "quads")
    assert len(second.read_bytes().splitlines()) > lost
    assert store_quads(out) == store_quads(forced)


@pytest.mark.parametrize("layout", ["shards", "files"])
def test_corrupt_previous_store_is_loaded_whole(tmp_path: Path, layout: str) -> None:
    """A rebuild cannot change a corrupt store in place (pyoxigraph raises RuntimeError):
    it loads the new one whole, the same as a forced build's."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("A-HRC-44-28.txt", "highest-aspiration-2020.txt"):
        shutil.copyfile(REPO / "corpus" / name, inputs / name)
    out, forced = tmp_path / "out", tmp_path / "forced"
    build(out, inputs, "--layout", layout)
    (out / "store" / "CURRENT").write_text("not a manifest\n", encoding="utf-8")
    changed = inputs / "A-HRC-44-28.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\n大会。\n", encoding="utf-8")
    build(out, inputs, "--layout", layout)
    build(forced, inputs, "--layout", layout, "--force")
    assert store_quads(out) == store_quads(forced)


def test_shared_hashes_are_the_same_in_any_number_of_parts(
        monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(7)
    pool = rng.integers(0, 2**64 - 1, size=(300, 2), dtype=np.uint64)
    pool[:3, 0] = [0, 2**63, 2**64 - 1]  # the edges of the value ranges
    graphs = [shards.Graph(rank=f"{n:02d}", iri=str(n), lines=[b""] * 40,
                           hashes=pool[rng.choice(300, size=40, replace=False)])
              for n in range(12)]
    counts: dict[int, int] = {}
    for graph in graphs:
        for value in graph.hashes[:, 0].tolist():  # type: ignore[index]
            counts[value] = counts.get(value, 0) + 1
    expected = sorted(value for value, count in counts.items() if count > 1)
    for part in (1, 7, 64, 10**6):
        monkeypatch.setattr(shards, "PART_HASHES", part)
        assert shards.shared_hashes(graphs).tolist() == expected


def test_shard_names_are_paths_under_the_graph_namespace() -> None:
    base = shards.GRAPH_NAMESPACE
    assert shards.shard_name(base + "entities") == "entities.nq"
    assert shards.shard_name(base + "A/HRC/44/28/zh") == "A/HRC/44/28/zh.nq"
    assert shards.shard_name(base + "file/corpus/a b.txt/zh") == "file/corpus/a b.txt/zh.nq"
    assert shards.shard_name(base + "x/../y") == "x/%2E%2E/y.nq"
    assert shards.shard_name(base + "x//y") == "x/%00/y.nq"
    assert shards.shard_name(base + "a?b#c") == "a%3Fb%23c.nq"


def test_layout_auto_shards_large_builds_only() -> None:
    assert layout_for("auto", 4) == "files"
    assert layout_for("auto", SHARDS_FROM) == "shards"
    assert layout_for("files", 10**6) == "files"
    assert layout_for("shards", 1) == "shards"



@pytest.fixture(scope="module")
def jena_of_shards(corpus_builds: tuple[Path, Path],
                   tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Apache Jena's TDB2 database of the quads/ folder's files, loaded as they are."""
    from support.stores import Jena, require

    require("Apache Jena (libapache-jena-java, java)", Jena.available())
    jena = Jena(tmp_path_factory.mktemp("jena"))
    jena.load(shard_files(corpus_builds[1] / "quads"), union_default_graph=True)
    yield jena
    jena.close()


@pytest.mark.stores
@pytest.mark.parametrize("name", ["entity-classes", "instrument-adoption",
                                  "resolution-requests"])
def test_jena_answers_from_the_shard_files_as_hrkg(corpus_builds: tuple[Path, Path],
                                                   jena_of_shards: Any, name: str) -> None:
    """Jena, querying the union of the shards' graphs, gives hrkg's rows (docs/LOADING.md)."""
    from test_real_stores import bound_queries, comparable, hrkg_answer

    sharded = corpus_builds[1]
    expected = comparable(name, hrkg_answer(sharded, name))
    assert len(expected) > 0
    assert comparable(name, jena_of_shards.select(bound_queries(sharded)[name])) == expected
