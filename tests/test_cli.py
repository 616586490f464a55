"""The command line: help for every command, and only the chosen command's libraries loaded."""

from __future__ import annotations

import subprocess
import sys

import pytest

from hrkg.cli import COMMANDS, chosen_command


def _modules_after(argv: list[str]) -> set[str]:
    """The top-level modules imported by running ``hrkg ARGV`` in a fresh interpreter."""
    script = (
        "import sys\n"
        "from hrkg.cli import main\n"
        "try:\n"
        f"    main({argv!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(' '.join(sorted({name.split('.')[0] for name in sys.modules})))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True)
    return set(done.stdout.split())


def test_top_level_help_lists_every_command_without_loading_them() -> None:
    done = subprocess.run([sys.executable, "-m", "hrkg.cli", "--help"], capture_output=True,
                          text=True, check=True)
    for name in COMMANDS:
        assert f"    {name}" in done.stdout
    loaded = _modules_after(["--version"])
    assert not loaded & {"spacy", "pyshacl", "flask", "networkx"}


def test_a_command_loads_its_own_libraries_only() -> None:
    loaded = _modules_after(["query", "--help"])
    assert "pyoxigraph" in loaded
    assert not loaded & {"spacy", "pyshacl", "flask"}


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_a_help_page(name: str) -> None:
    done = subprocess.run([sys.executable, "-m", "hrkg.cli", name, "--help"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert f"usage: hrkg {name}" in done.stdout
    assert len(done.stdout.splitlines()) > 5  # the module docstring explains the command


def test_chosen_command_is_the_first_word_that_is_not_an_option() -> None:
    assert chosen_command(["-h"]) is None
    assert chosen_command(["build", "corpus", "--out", "x"]) == "build"
    assert chosen_command(["nosuch", "build"]) is None


def test_an_unknown_command_is_a_usage_error() -> None:
    done = subprocess.run([sys.executable, "-m", "hrkg.cli", "nosuch"], capture_output=True,
                          text=True)
    assert done.returncode == 2
    assert "invalid choice: 'nosuch'" in done.stderr
