"""Atomic publication of a build (issue 15, point 1): kill -9 anywhere leaves a complete
generation that `hrkg query` answers from; the next build removes what a killed one left;
a second build into the same folder is refused; `hrkg serve` follows a new build; a
corrupt store is one line, not a traceback."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from conftest import run_cli
from support.generations import build_process, leftovers, write_corpus

from hrkg.core.generations import CURRENT, GENERATIONS, LOCK

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def triple_count(out: Path, capsys: pytest.CaptureFixture[str]) -> int:
    """The store's triple count, as `hrkg query --graph OUT` answers it."""
    capsys.readouterr()
    assert run_cli("query", COUNT, "--graph", out, "--format", "csv") == 0
    return int(capsys.readouterr().out.split()[-1])


def generation_tmp(out: Path) -> list[Path]:
    folder = out / GENERATIONS
    return [p for p in folder.iterdir() if p.name.endswith(".tmp")] if folder.is_dir() else []


def wait_for(condition, seconds: float = 60.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return False


@pytest.mark.slow
def test_kill_9_at_ten_points_of_an_80_document_build(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    old_corpus, new_corpus = tmp_path / "old", tmp_path / "new"
    write_corpus(old_corpus, 80)
    write_corpus(new_corpus, 80, offset=7)
    out = tmp_path / "out"
    started = time.monotonic()
    first = build_process(old_corpus, out)
    assert first.wait() == 0, first.stderr.read() if first.stderr else ""
    full = time.monotonic() - started
    old = triple_count(out, capsys)

    stages: list[str] = []
    answers: list[int] = []
    for point in range(10):
        process = build_process(new_corpus, out)
        if point == 8:  # the moment the new generation folder appears
            wait_for(lambda: bool(generation_tmp(out)))
        elif point == 9:  # while the store is being written
            wait_for(lambda: any((gen / "graph.trig").exists() for gen in generation_tmp(out)))
        else:  # evenly spread over a build's time: 10 % .. 80 %
            time.sleep(full * (0.1 + 0.1 * point))
        stages.append("writing" if generation_tmp(out) else "extracting or done")
        process.kill()
        process.wait()
        answers.append(triple_count(out, capsys))
        report = json.loads((out / "report.json").read_text(encoding="utf-8"))
        assert report["documents"] and len(report["documents"]) == 80  # a whole generation

    last = build_process(new_corpus, out)
    assert last.wait() == 0
    new = triple_count(out, capsys)
    assert old != new
    assert all(answer in (old, new) for answer in answers), (old, new, answers)
    assert "writing" in stages and "extracting or done" in stages, stages
    assert leftovers(out) == []
    # beside the lock, the generations, the current link and the document cache (kept
    # across builds, issue 14), out/ holds exactly one link per output of the current
    # generation, and that generation holds every output of a build
    published = sorted(p.name for p in (out / CURRENT).iterdir())
    assert {"graph.ttl", "graph.trig", "graph.nq", "store", "map.html", "report.json"} <= \
        set(published)
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [LOCK, GENERATIONS, CURRENT, ".cache", *published])
    assert all(os.readlink(out / name) == f"{CURRENT}/{name}" for name in published)


def test_second_build_into_the_same_folder_is_refused(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 4)
    out = tmp_path / "out"
    first = build_process(corpus, out)
    assert wait_for(lambda: (out / LOCK).exists() and
                    (out / LOCK).read_text().strip() == str(first.pid))
    second = build_process(corpus, out)
    _, error = second.communicate(timeout=120)
    assert second.returncode == 1
    assert error.strip().count("\n") == 0, error
    assert f"another hrkg build (pid {first.pid}) is writing this folder" in error
    assert first.wait(timeout=300) == 0
    assert triple_count(out, capsys) > 0
    assert leftovers(out) == []


def test_serve_switches_to_a_new_build_without_restart(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 2)
    out = tmp_path / "out"
    assert run_cli("build", corpus, "--out", out, "--quiet", "--no-map") == 0
    serve = subprocess.Popen([sys.executable, "-m", "hrkg", "serve", "--graph", str(out),
                              "--port", "0", "--workers", "1"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = serve.stdout.readline() if serve.stdout else ""
        match = re.search(r"http://127\.0\.0\.1:(\d+)/sparql", line)
        assert match, line + (serve.stderr.read() if serve.poll() is not None and serve.stderr
                              else "")
        url = f"http://127.0.0.1:{match.group(1)}/sparql?" + urllib.parse.urlencode(
            {"query": COUNT, "format": "csv"})

        def ask() -> int:
            with urllib.request.urlopen(url, timeout=60) as response:
                return int(response.read().decode().split()[-1])

        before = ask()
        assert before == triple_count(out, capsys)
        write_corpus(corpus, 3)  # the same text in three documents: another graph
        assert run_cli("build", corpus, "--out", out, "--quiet", "--no-map") == 0
        after = triple_count(out, capsys)
        assert after != before
        assert ask() == after  # the running server answers from the new build
        assert ask() == after
    finally:
        serve.terminate()
        serve.wait(30)


def test_corrupt_store_is_one_line_for_query_and_serve(demo_out: Path, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    shutil.copytree(demo_out, out, symlinks=True)
    (out / "store" / "CURRENT").write_text("garbage\n")
    capsys.readouterr()
    assert run_cli("query", COUNT, "--graph", out) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "cannot open the graph store" in error, error
    assert "Traceback" not in error
    done = subprocess.run([sys.executable, "-m", "hrkg", "serve", "--graph", str(out),
                           "--port", "0"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "cannot open the graph store" in done.stderr


def test_build_replaces_a_folder_of_the_old_layout(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """A folder written before generations (plain files, a store/ folder, a killed build's
    .store.*.tmp) becomes links through current; nothing of the old build stays."""
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 2)
    out = tmp_path / "out"
    (out / "store").mkdir(parents=True)
    (out / "store" / "CURRENT").write_text("old\n")
    (out / "graph.ttl").write_text("old\n")
    (out / ".store.abc.tmp").mkdir()
    (out / "notes.txt").write_text("mine\n")  # not an output: kept
    assert run_cli("build", corpus, "--out", out, "--quiet", "--no-map") == 0
    assert (out / "store").is_symlink() and (out / "graph.ttl").is_symlink()
    assert os.readlink(out / "graph.ttl") == f"{CURRENT}/graph.ttl"
    assert (out / "notes.txt").read_text() == "mine\n"
    assert not (out / "map.html").exists()
    assert leftovers(out) == []
    assert triple_count(out, capsys) > 0
