"""Issue 14: the build loads the Oxigraph store while the turtle writer writes graph.ttl
and graph.trig (a thread, loads of about 2 MB); the store holds exactly what a load of
the written files gives, and a failing load or writer leaves the previous outputs whole
and no thread or temporary folder behind."""

from __future__ import annotations

import json
import shutil
import threading
from pathlib import Path

import pyoxigraph as ox
import pytest

import hrkg.exports.store as store_writer
import hrkg.exports.turtle as turtle_writer
from hrkg.cli import main
from hrkg.sparql.store import StoreWriter, write_store_from_outputs

REPO = Path(__file__).resolve().parents[1]
FILES = ("A-HRC-44-28.txt", "highest-aspiration-2020.txt")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("inputs")
    for name in FILES:
        shutil.copyfile(REPO / "corpus" / name, folder / name)
    return folder


def quads(store: Path) -> set[str]:
    return {str(quad) for quad in ox.Store.read_only(str(store))}


def build(inputs: Path, out: Path, *extra: str) -> int:
    return main(["build", "-q", "--no-map", "--out", str(out), *extra, str(inputs)])


def no_loader_left() -> bool:
    return not any(t.name == "hrkg-store-load" for t in threading.enumerate())


def leftovers(out: Path) -> list[str]:
    return [p.name for p in out.rglob("*") if p.name.startswith(".store.")]


def test_streamed_store_is_the_store_of_the_written_files(inputs: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch):
    """Loads of a few kilobytes (many chunks, both files cut between statements and
    blocks) give every quad of graph.trig and the merge of graph.ttl, as a load of the
    files does; the files are never read back for it."""
    monkeypatch.setattr(store_writer, "LOAD_BYTES", 4096)
    loads = []
    real_load = StoreWriter.load

    def counted(self: StoreWriter, data: bytes, *args: object) -> None:
        loads.append(len(data))
        real_load(self, data, *args)  # type: ignore[arg-type]

    def from_files(*args: object) -> Path:
        raise AssertionError("the store was loaded from the files, not as they were written")

    monkeypatch.setattr(StoreWriter, "load", counted)
    monkeypatch.setattr(store_writer, "write_store_from_outputs", from_files)
    out = tmp_path / "out"
    assert build(inputs, out) == 0
    assert len(loads) > 20  # many loads, each cut after a statement or a graph block
    reference = tmp_path / "reference"
    write_store_from_outputs(out / "graph.trig", out / "graph.ttl", reference, out / "graph.nq")
    streamed = quads(out / "store")
    assert streamed == quads(reference / "store")
    store = ox.Store.read_only(str(out / "store"))
    default = sum(1 for _ in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert default == report["triples"]  # graph.ttl, the merge, in the default graph
    named = len((out / "graph.nq").read_text(encoding="utf-8").splitlines())
    assert len(streamed) == default + named  # graph.trig's quads in their graphs
    assert no_loader_left() and not leftovers(out)


def test_a_failing_load_fails_the_build_and_publishes_nothing(
        inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]):
    def broken(self: StoreWriter, data: bytes, *args: object) -> None:
        raise OSError("disk full (simulated)")

    monkeypatch.setattr(StoreWriter, "load", broken)
    out = tmp_path / "out"
    assert build(inputs, out) == 1
    error = capsys.readouterr().err.strip()
    assert error == f"hrkg build: error: could not write the store output in {out}: " \
        "disk full (simulated)"
    assert not (out / "store").exists() and not (out / "graph.ttl").exists()
    assert no_loader_left() and not leftovers(out)


def test_a_failing_turtle_writer_stops_the_loader(inputs: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch):
    def broken(*args: object, **kwargs: object) -> int:
        raise OSError("disk full (simulated)")

    monkeypatch.setattr(turtle_writer, "write_sorted_files", broken)
    out = tmp_path / "out"
    assert build(inputs, out) != 0
    assert not (out / "store").exists() and not (out / "graph.ttl").exists()
    assert no_loader_left() and not leftovers(out)


def test_incremental_build_changes_the_store_and_streams_nothing(
        inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """With a previous store to change in place, no loader starts."""
    folder = tmp_path / "in"
    shutil.copytree(inputs, folder)
    out = tmp_path / "out"
    assert build(folder, out) == 0
    path = folder / FILES[0]
    path.write_text(path.read_text(encoding="utf-8") + "\n联合国大会。\n", encoding="utf-8")
    started = []
    monkeypatch.setattr(store_writer.StreamingLoad, "__init__",
                        lambda self, out_dir: started.append(out_dir))
    assert build(folder, out) == 0
    assert started == []


def test_no_loader_without_a_store_or_without_documents(inputs: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch):
    started: list[Path] = []
    real_init = store_writer.StreamingLoad.__init__

    def init(self: store_writer.StreamingLoad, folder: Path) -> None:
        started.append(folder)
        real_init(self, folder)

    monkeypatch.setattr(store_writer.StreamingLoad, "__init__", init)
    assert build(inputs, tmp_path / "a", "--no-store") == 0
    assert started == [] and not (tmp_path / "a" / "store").exists()
    assert build(inputs, tmp_path / "b", "--max-size", "1") != 0  # every file refused
    assert started == [] and no_loader_left() and not leftovers(tmp_path / "b")
