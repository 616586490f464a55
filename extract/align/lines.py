"""Align the lines of two language versions of one document: a monotonic alignment
(dynamic programming, as in sentence alignment of parallel texts) that maximises, over
the matched line pairs, the agreement of their lengths (in the two versions' overall
length ratio) and their shared anchors (numbers, Latin capitals, language-independent
entities). Lines may be left unmatched (a heading present in one version only)."""

from __future__ import annotations

from hrkg.extract.align.record import Line

ANCHOR_WEIGHT = 2.0  # a line pair sharing all its anchors outweighs any length agreement
MIN_SCORE = 0.5  # below this a line pair is not taken as parallel
BAND = 12  # lines of slack around the diagonal (more when the counts differ)


def pair_score(a: Line, b: Line, ratio: float) -> float:
    """How parallel two lines look: length agreement (0-1) + shared anchors (0-2)."""
    expected, actual = a.size * ratio, float(b.size)
    length = min(expected, actual) / max(expected, actual, 1e-9)
    union = a.anchors | b.anchors
    shared = len(a.anchors & b.anchors) / len(union) if union else 0.0
    return length + ANCHOR_WEIGHT * shared


def align_lines(a: list[Line], b: list[Line]) -> list[tuple[int, int, float]]:
    """Matched line pairs ``(index in a, index in b, score)``, in order."""
    n, m = len(a), len(b)
    if not n or not m:
        return []
    ratio = sum(line.size for line in b) / max(sum(line.size for line in a), 1)
    band = BAND + abs(n - m)
    best: dict[tuple[int, int], float] = {(0, 0): 0.0}
    back: dict[tuple[int, int], tuple[int, int]] = {}
    for i in range(n + 1):
        centre = i * m / n
        for j in range(max(0, int(centre) - band), min(m, int(centre) + band) + 1):
            if i == j == 0:
                continue
            options = []
            if (i - 1, j - 1) in best:
                score = pair_score(a[i - 1], b[j - 1], ratio)
                if score >= MIN_SCORE:
                    options.append((best[(i - 1, j - 1)] + score, 0, (i - 1, j - 1)))
            if (i - 1, j) in best:
                options.append((best[(i - 1, j)], 1, (i - 1, j)))
            if (i, j - 1) in best:
                options.append((best[(i, j - 1)], 2, (i, j - 1)))
            if options:
                value, _, previous = max(options, key=lambda o: (o[0], -o[1]))
                best[(i, j)], back[(i, j)] = value, previous
    pairs = []
    cell = (n, m)
    while cell in back:
        previous = back[cell]
        if previous == (cell[0] - 1, cell[1] - 1):
            i, j = previous
            pairs.append((i, j, pair_score(a[i], b[j], ratio)))
        cell = previous
    return pairs[::-1]
