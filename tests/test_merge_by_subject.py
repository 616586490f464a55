"""Issue 14: the merges by subject of graph.ttl and graph.nq (hrkg.exports.blocks.
merge_by_subject) read a source on without the heap while its subjects stay below the
others'; the order must be exactly heapq.merge's, equal subjects in source order."""

from __future__ import annotations

import heapq
import random

import pytest

from hrkg.exports.blocks import merge_by_subject


def sources(rng: random.Random, count: int, shared: float) -> list[list[tuple[str, int, str]]]:
    """Sorted sources whose subjects are mostly their own range, some shared by all."""
    made = []
    for number in range(count):
        subjects = {f"s{number:03d}-{k:03d}" for k in range(rng.randint(0, 30))}
        subjects |= {f"s{rng.randint(0, count):03d}" for _ in range(int(10 * shared))}
        made.append([(subject, number, f"{subject}@{number}") for subject in sorted(subjects)])
    return made


@pytest.mark.parametrize("count", [0, 1, 2, 3, 7, 60])
@pytest.mark.parametrize("shared", [0.0, 0.5, 3.0])
def test_same_order_as_heapq_merge(count: int, shared: float) -> None:
    rng = random.Random(count * 10 + int(shared * 2))
    for _ in range(20):
        made = sources(rng, count, shared)
        expected = list(heapq.merge(*made, key=lambda item: item[0]))
        assert list(merge_by_subject([iter(source) for source in made])) == expected
