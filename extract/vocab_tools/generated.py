"""Shared command line of the generators: write a generated vocabulary file, or check it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hrkg.core.atomic import write_text


def write_or_check(description: str, output: Path, text: str, count: int,
                   argv: list[str] | None = None) -> int:
    """Write ``text`` to ``output`` atomically; with ``--check`` only compare. Exit code."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--check", action="store_true",
                        help=f"exit 1 if {output.name} differs from what would be generated")
    args = parser.parse_args(argv)
    if args.check:
        current = output.read_text(encoding="utf-8") if output.exists() else ""
        if current != text:
            print(f"{output} is out of date; re-run the generator", file=sys.stderr)
            return 1
        print(f"{output.name} is up to date ({count} entries)")
        return 0
    write_text(output, text)
    print(f"wrote {output} ({count} entries)")
    return 0
