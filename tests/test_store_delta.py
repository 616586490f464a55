"""Issue 14: the incremental store is changed by the difference of the previous and the
new graph.nq (hrkg.exports.store_delta), which compares the files a block at a time where
they agree and subject by subject around a difference. Its groups must be exactly those
of reading both files subject by subject, wherever the differences fall (block edges,
inside a subject's lines, first and last subjects, subjects only in one file)."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest

from hrkg.exports import store_delta


def by_subject(path: Path) -> dict[bytes, list[bytes]]:
    with path.open("rb") as handle:
        return {subject: list(lines) for subject, lines
                in itertools.groupby(handle, key=lambda line: line.split(b" ", 1)[0])}


def expected(old: Path, new: Path) -> list[tuple[list[bytes], list[bytes]]]:
    """The changed groups, read line by line, in subject order."""
    a, b = by_subject(old), by_subject(new)
    return [(a.get(s, []), b.get(s, [])) for s in sorted(set(a) | set(b))
            if a.get(s, []) != b.get(s, [])]


def nquads(lines: list[str]) -> str:
    return "".join(sorted(set(lines)))


def random_pair(rng: random.Random) -> tuple[str, str]:
    subjects = rng.randint(1, 40)
    lines = [f'<http://x/s{s:03d}> <http://x/p{rng.randint(0, 3)}> "{"v" * rng.randint(0, 40)}"'
             f' <http://x/g{rng.randint(0, 2)}> .\n'
             for s in range(subjects) for _ in range(rng.randint(1, 4))]
    changed = list(lines)
    for _ in range(rng.randint(0, 5)):
        choice = rng.random()
        if choice < 0.3 and changed:
            del changed[rng.randrange(len(changed))]
        elif choice < 0.6:
            changed.append(f'<http://x/s{rng.randint(0, subjects + 3):03d}> <http://x/p9> "w"'
                           ' <http://x/g1> .\n')
        elif changed:
            k = rng.randrange(len(changed))
            changed[k] = changed[k].replace("v", "u", 1)
    return nquads(lines), nquads(changed)


@pytest.mark.parametrize("block", [1, 7, 64, 1 << 16])
def test_changed_groups_are_those_read_line_by_line(block: int, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_delta, "BLOCK", block)
    rng = random.Random(block)
    old, new = tmp_path / "old.nq", tmp_path / "new.nq"
    differing = 0
    for _ in range(300):
        before, after = random_pair(rng)
        old.write_text(before, encoding="utf-8")
        new.write_text(after, encoding="utf-8")
        groups = list(store_delta.changed_groups(old, new))
        assert groups == expected(old, new)
        differing += bool(groups)
    assert differing > 200  # the pairs do differ, mostly


def test_changed_groups_of_an_empty_file(tmp_path: Path) -> None:
    old, new = tmp_path / "old.nq", tmp_path / "new.nq"
    old.write_text("", encoding="utf-8")
    new.write_text('<http://x/a> <http://x/p> "1" <http://x/g> .\n', encoding="utf-8")
    assert list(store_delta.changed_groups(old, new)) == [
        ([], [b'<http://x/a> <http://x/p> "1" <http://x/g> .\n'])]
    assert list(store_delta.changed_groups(new, new)) == []
    assert list(store_delta.changed_groups(old, old)) == []
