"""Bounded inputs and a bad --out (issue 15, points 3 and 5): every input the tests make
themselves (a FIFO, a link to /dev/zero, a socket, a zip bomb, an oversized file)."""

from __future__ import annotations

import os
import re
import socket
import threading
import time
import zipfile
from pathlib import Path

import pytest
from conftest import run_cli
from support.documents import docx_bomb, make_docx

from hrkg.core.errors import InputError
from hrkg.extract.reading import limits
from hrkg.extract.reading.ingest import read_source
from hrkg.extract.reading.limits import MB, InputLimits, human_size, parse_size

TEXT = "人权理事会第四十四届会议通过了关于《世界人权宣言》的决议。\n"


def reason(path: Path, limit: InputLimits = limits.DEFAULT_LIMITS) -> str:
    with pytest.raises(InputError) as caught:
        read_source(path, limit)
    assert caught.value.path == str(path)
    assert "\n" not in caught.value.reason
    return caught.value.reason


# --- what is not a regular file ---------------------------------------------------------------

def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)

    def rescue() -> None:  # should reading ever block on the FIFO, a writer ends it
        time.sleep(10)
        try:
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        except OSError:
            pass

    threading.Thread(target=rescue, daemon=True).start()
    tic = time.perf_counter()
    assert reason(fifo) == "is a FIFO (named pipe), not a regular file; only regular files are read"
    assert time.perf_counter() - tic < 5


def test_symlink_to_dev_zero_is_refused_before_reading(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    opened: list[object] = []
    real_open = os.open
    monkeypatch.setattr(limits.os, "open", lambda *a, **k: opened.append(a) or real_open(*a, **k))
    assert reason(link).startswith("is a character device, not a regular file")
    assert opened == []  # refused from os.stat, never opened


def test_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.txt"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind(str(path))
        assert reason(path).startswith("is a socket, not a regular file")
    finally:
        server.close()


def test_symlink_to_a_regular_file_is_read(tmp_path: Path) -> None:
    target = tmp_path / "real.txt"
    target.write_text(TEXT, encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    assert read_source(link).text == TEXT


# --- size ---------------------------------------------------------------------------------------

def test_file_over_the_cap_is_refused_from_its_size(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:  # sparse: 50 MB + 1 byte without writing them
        handle.truncate(50 * MB + 1)
    reads: list[int] = []
    real_read = os.read
    monkeypatch.setattr(limits.os, "read", lambda fd, n: reads.append(n) or real_read(fd, n))
    tic = time.perf_counter()
    assert reason(big) == ("file is 50 MB, over the 50 MB limit "
                           "(hrkg build --max-size to change it)")
    assert time.perf_counter() - tic < 1 and reads == []


def test_reading_stops_one_byte_past_the_cap_when_stat_does_not_tell(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    status = Path("/proc/self/status")  # a regular file whose stat size is 0
    if not status.is_file() or status.stat().st_size != 0:
        pytest.skip("needs Linux /proc")
    link = tmp_path / "status.txt"
    link.symlink_to(status)
    reads: list[int] = []
    real_read = os.read
    monkeypatch.setattr(limits.os, "read",
                        lambda fd, n: (lambda data: reads.append(len(data)) or data)(
                            real_read(fd, n)))
    small = InputLimits(max_bytes=100)
    assert reason(link, small) == "file is over the 100 bytes limit (hrkg build --max-size " \
                                  "to change it)"
    assert sum(reads) == 101


def test_file_at_the_cap_is_read(tmp_path: Path) -> None:
    path = tmp_path / "fits.txt"
    path.write_text(TEXT, encoding="utf-8")
    size = path.stat().st_size
    assert read_source(path, InputLimits(max_bytes=size)).text == TEXT
    assert "over the" in reason(path, InputLimits(max_bytes=size - 1))


@pytest.mark.parametrize("text, size", [
    ("50M", 50 * MB), ("50MB", 50 * MB), ("1.5G", 3 * 512 * MB), ("800k", 800 * 1024),
    ("1000", 1000), (" 2 mb ", 2 * MB),
])
def test_sizes_are_parsed(text: str, size: int) -> None:
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "M", "10Q", "-5M", "0", "1e9"])
def test_bad_sizes_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_size(text)


def test_human_sizes() -> None:
    assert [human_size(n) for n in (5, 1536, 50 * MB, 3 * 512 * MB)] == [
        "5 bytes", "1.5 KB", "50 MB", "1.5 GB"]


# --- Word files: zip bombs ------------------------------------------------------------------

def test_docx_zip_bomb_is_refused_before_unpacking(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.docx"
    docx_bomb(bomb, unpacked=120 * MB)
    assert bomb.stat().st_size < 300_000
    tic = time.perf_counter()
    assert re.fullmatch(r"Word file unpacks to 120\.\d MB \(limit 100 MB\): zip bomb\?",
                        reason(bomb))
    assert time.perf_counter() - tic < 1


def test_docx_unpacking_far_beyond_its_size_is_refused_under_the_cap(tmp_path: Path) -> None:
    bomb = tmp_path / "small-bomb.docx"
    docx_bomb(bomb, unpacked=20 * MB)
    assert re.fullmatch(r"Word file unpacks to 20\.\d MB from \d+\.\d KB \(over 100 times "
                        r"its size\): zip bomb\?", reason(bomb))


def test_docx_with_too_many_entries_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "many.docx"
    make_docx(path, ["人权理事会"])
    with zipfile.ZipFile(path, "a") as archive:
        for number in range(1001):
            archive.writestr(f"extra/item{number}.xml", "<a/>")
    assert reason(path).startswith("Word file has 10")
    assert reason(path).endswith("archive entries (limit 1000): not a document (zip bomb?)")


def test_ordinary_docx_is_read(tmp_path: Path) -> None:
    path = tmp_path / "ok.docx"
    make_docx(path, ["人权理事会", "第四十四届会议"])
    assert read_source(path).text.split("\n") == ["人权理事会", "第四十四届会议"]


# --- the command line -----------------------------------------------------------------------

def test_build_reports_each_unreadable_input_in_one_line_and_builds_the_rest(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    os.mkfifo(inputs / "a-pipe.txt")
    (inputs / "b-zero.txt").symlink_to("/dev/zero")
    (inputs / "c-report.txt").write_text(TEXT, encoding="utf-8")
    code = run_cli("build", inputs, "--out", tmp_path / "out", "--quiet", "--no-map",
                   "--no-store")
    errors = capsys.readouterr().err.splitlines()
    assert code == 1
    assert errors == [
        f"hrkg build: error: {inputs / 'a-pipe.txt'}: is a FIFO (named pipe), not a regular "
        "file; only regular files are read",
        f"hrkg build: error: {inputs / 'b-zero.txt'}: is a character device, not a regular "
        "file; only regular files are read",
    ]
    assert (tmp_path / "out" / "graph.ttl").is_file()


def test_max_size_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "report.txt"
    path.write_text(TEXT * 20, encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli("build", path, "--out", out, "--quiet", "--max-size", "1K") == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        f"hrkg build: error: {path}: file is 1.7 KB, over the 1 KB limit "
        "(hrkg build --max-size to change it)")
    assert run_cli("build", path, "--out", out, "--quiet", "--no-map", "--no-store",
                   "--max-size", "2K") == 0
    with pytest.raises(SystemExit) as exit_:
        run_cli("build", path, "--max-size", "lots")
    assert exit_.value.code == 2
    assert "argument --max-size: not a size: 'lots'" in capsys.readouterr().err


def _unwritable(tmp_path: Path) -> Path:
    """A folder this process cannot write in (root writes anywhere but in /sys)."""
    if os.geteuid() == 0:
        return Path("/sys")
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    return folder


@pytest.mark.parametrize("case", ["file", "under-a-file", "unwritable"])
def test_bad_out_is_one_line_before_extraction(tmp_path: Path, case: str,
                                               capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from hrkg.build import Builder

    started: list[bool] = []
    monkeypatch.setattr(Builder, "run", lambda self, inputs: started.append(True))
    file = tmp_path / "graph.txt"
    file.write_text("x", encoding="utf-8")
    out, expected = {
        "file": (file, "is a file, not a folder"),
        "under-a-file": (file / "out", f"{file} is a file, not a folder"),
        "unwritable": (_unwritable(tmp_path) / "out", "cannot write in "),
    }[case]
    code = run_cli("build", file, "--out", out, "--quiet")
    err = capsys.readouterr().err
    assert code == 1 and started == []
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"hrkg build: error: --out {out}: ") and expected in err
