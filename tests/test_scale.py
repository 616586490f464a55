"""Issue 14: the streamed build is byte-identical in-process, on 2 local Dask workers, on a
Dask cluster reached through --scheduler, and from the incremental cache; the cache
re-extracts only changed files; a failing file never stops the others."""

from __future__ import annotations

import hashlib
import json
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hrkg.cli import main

REPO = Path(__file__).resolve().parents[1]
FILES = ("A-HRC-44-28.txt", "highest-aspiration-2020.txt")


def digest(out: Path) -> tuple[str, str]:
    return tuple(hashlib.sha256((out / n).read_bytes()).hexdigest()  # type: ignore[return-value]
                 for n in ("graph.ttl", "graph.trig"))


def build(out: Path, inputs: Path, *extra: str) -> dict:
    assert main(["build", "-q", "--no-map", "--no-store", "--out", str(out), *extra,
                 str(inputs)]) == 0
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("inputs")
    for name in FILES:
        shutil.copyfile(REPO / "corpus" / name, folder / name)
    shutil.copyfile(REPO / "corpus" / "catalog.json", folder / "catalog.json")
    return folder


@pytest.fixture(scope="module")
def reference(inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    return digest(_built(inputs, tmp_path_factory.mktemp("one")))


def _built(inputs: Path, out: Path, *extra: str) -> Path:
    build(out, inputs, *extra)
    return out


def test_two_local_workers_same_bytes(inputs: Path, reference, tmp_path: Path) -> None:
    assert digest(_built(inputs, tmp_path, "--workers", "2")) == reference


def test_incremental_rebuild_reextracts_only_the_changed_file(inputs: Path, reference,
                                                              tmp_path: Path) -> None:
    folder = tmp_path / "in"
    shutil.copytree(inputs, folder)
    out = _built(folder, tmp_path / "out")
    assert digest(out) == reference
    cache = out / ".cache" / "documents"
    before = {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}
    assert len(before) == 2
    build(out, folder)  # nothing changed: both from the cache, same bytes
    assert digest(out) == reference
    assert {p.name: p.stat().st_mtime_ns for p in cache.iterdir()} == before
    path = folder / FILES[1]
    path.write_text(path.read_text(encoding="utf-8") + "\n人权理事会。\n", encoding="utf-8")
    build(out, folder)
    after = {p.name for p in cache.iterdir()}
    assert len(after) == 2 and len(after & set(before)) == 1  # one kept, one replaced
    fresh = _built(folder, tmp_path / "fresh", "--force")
    assert digest(fresh) == digest(out) != reference


def test_failing_file_reported_others_built(inputs: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    shutil.copytree(inputs, folder)
    (folder / "empty.pdf").write_bytes(b"%PDF-1.4 not really")
    code = main(["build", "-q", "--no-map", "--no-store", "--out", str(tmp_path / "o"),
                 str(folder)])
    report = json.loads((tmp_path / "o" / "report.json").read_text(encoding="utf-8"))
    assert code == 1
    assert [d["file"] for d in report["documents"]] == sorted(FILES)
    assert any(e["file"].endswith("empty.pdf") and "\n" not in e["reason"]
               for e in report["errors"])


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_dask_cluster_through_scheduler(inputs: Path, reference, tmp_path: Path) -> None:
    dask = Path(sys.executable).with_name("dask")
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    processes = [subprocess.Popen([str(dask), "scheduler", "--host", "127.0.0.1", "--port",
                                   str(port), "--dashboard-address", ":0"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        time.sleep(3)
        for _ in range(2):
            processes.append(subprocess.Popen(
                [str(dask), "worker", address, "--nthreads", "1", "--host", "127.0.0.1",
                 "--no-dashboard"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        time.sleep(5)
        assert digest(_built(inputs, tmp_path, "--scheduler", address)) == reference
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
