"""Start ``hrkg serve`` on a free loopback port for HTTP tests."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

_ANNOUNCED = re.compile(r"SPARQL endpoint: (http://127\.0\.0\.1:\d+/sparql)")


def start_serve(graph: Path, *options: str, stderr: int = subprocess.PIPE
                ) -> tuple[str, subprocess.Popen[str]]:
    """``hrkg serve --graph GRAPH --port 0 OPTIONS``: its /sparql URL (read from the line
    it prints) and the process; fails the test if the server does not announce itself."""
    process = subprocess.Popen(
        [sys.executable, "-m", "hrkg", "serve", "--graph", str(graph), "--port", "0", *options],
        stdout=subprocess.PIPE, stderr=stderr, text=True)
    assert process.stdout is not None
    for line in process.stdout:
        found = _ANNOUNCED.search(line)
        if found:
            return found[1], process
    process.kill()
    reason = process.stderr.read() if process.stderr else f"exit {process.wait()}"
    pytest.fail(f"hrkg serve did not start: {reason}")
