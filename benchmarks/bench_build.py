"""Build benchmark: documents/s, Chinese characters/s, peak RSS, and the ratio of the
whole build time to bare ``spacy.blank("zh")`` tokenization of the same text, measured
in the same process.

    python benchmarks/bench_build.py --times 10      # the corpus, then 10x the corpus
    python benchmarks/bench_build.py --times 10 --mixed   # and the Chinese + English build

Each scenario runs in a fresh child process (so its peak RSS is its own); inside it,
the baseline tokenization and the full build (ingest, normalize, extract, RDF,
Turtle, TriG, store; the map is skipped unless --map) run back to back.

``--mixed`` adds one build of the corpus with ../shared/corpus-extra/{zh,en} (N copies,
as ``bench_scale.py`` makes them) and reports, from that one run, each language's
seconds per 1,000 characters: the time of its documents' tasks (read, extract, graph
part, sort lines) over their characters. Each language's first document is left out, as
it carries one-time loading (jieba's dictionary, the English pipeline).
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
CJK = re.compile(r"[\u4e00-\u9fff]")


def synthetic_corpus(n: int, dest: Path, source: Path = CORPUS) -> list[Path]:
    """``n`` copies of every corpus document under distinct names (``copy007-…``)."""
    dest.mkdir(parents=True, exist_ok=True)
    files = sorted(p for p in source.glob("*.txt"))
    written = []
    for index in range(n):
        for path in files:
            target = dest / f"copy{index:03d}-{path.name}"
            shutil.copyfile(path, target)
            written.append(target)
    return written


def language_figures(tasks: list[tuple[int, str, int, float]]) -> dict[str, dict]:
    """Per document language, from ``(index, language, characters, task seconds)``:
    documents, characters, seconds per 1,000 characters (each language's first document
    in input order left out: it carries one-time loading)."""
    figures: dict[str, dict] = {}
    for _, language, characters, seconds in sorted(tasks):
        entry = figures.get(language)
        if entry is None:  # the first: counted, not timed
            figures[language] = {"documents": 1, "characters": 0, "seconds": 0.0}
            continue
        entry["documents"] += 1
        entry["characters"] += characters
        entry["seconds"] += seconds
    for entry in figures.values():
        chars = entry["characters"]
        entry["seconds_per_1000_chars"] = (round(1000 * entry["seconds"] / chars, 4)
                                           if chars else None)
        entry["seconds"] = round(entry["seconds"], 3)
    return figures


def measure(paths: list[Path], with_map: bool) -> dict:
    """Run in the worker process: baseline tokenization, then the full build."""
    import spacy

    from hrkg.build import Builder
    from hrkg.engine import Engine

    tasks: list[tuple[int, str, int, float]] = []  # (index, language, characters, seconds)

    class TimedEngine(Engine):
        def run(self, jobs, limits, root=None):  # type: ignore[no-untyped-def]
            for outcome in super().run(jobs, limits, root):
                if outcome.ok:
                    tasks.append((outcome.index, outcome.summary.get("language") or "und",
                                  outcome.characters, outcome.seconds))
                yield outcome

    texts = [p.read_text(encoding="utf-8") for p in paths]
    nlp = spacy.blank("zh")
    tic = time.perf_counter()
    for text in texts:
        nlp.make_doc(text)
    baseline = time.perf_counter() - tic
    with tempfile.TemporaryDirectory() as out:
        tic = time.perf_counter()
        result = Builder(Path(out), write_map=with_map, engine=TimedEngine()).run(paths)
        elapsed = time.perf_counter() - tic
    chars = sum(len(CJK.findall(t)) for t in texts)
    return {
        "documents": len(paths),
        "chinese_characters": chars,
        "build_seconds": round(elapsed, 3),
        "tokenize_seconds": round(baseline, 3),
        "ratio_build_to_tokenize": round(elapsed / baseline, 2),
        "documents_per_second": round(len(paths) / elapsed, 2),
        "chinese_characters_per_second": round(chars / elapsed),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "triples": result.triple_count,
        "stages": {k: round(v, 3) for k, v in sorted(result.timings.items())},
        "languages": language_figures(tasks),
    }


def run_scenario(name: str, paths: list[Path], with_map: bool) -> dict:
    listing = json.dumps([str(p) for p in paths])
    done = subprocess.run(
        [sys.executable, __file__, "--worker", "--map" if with_map else "--no-map"],
        input=listing, capture_output=True, text=True, check=True,
    )
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    figures["scenario"] = name
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--times", type=int, default=10, help="N for the N× synthetic corpus")
    parser.add_argument("--map", action="store_true", help="include map.html in the build")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--no-map", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--mixed", action="store_true",
                        help="also build N copies of the corpus + ../shared/corpus-extra/{zh,en}"
                        " and report seconds per 1,000 characters per language")
    parser.add_argument("--json", action="store_true", help="print JSON only")
    args = parser.parse_args()
    if args.worker:
        paths = [Path(p) for p in json.loads(sys.stdin.read())]
        print(json.dumps(measure(paths, with_map=args.map)))
        return 0
    rows = [run_scenario("corpus", sorted(CORPUS.glob("*.txt")), args.map)]
    with tempfile.TemporaryDirectory() as folder:
        synthetic = synthetic_corpus(args.times, Path(folder))
        rows.append(run_scenario(f"{args.times}x corpus", synthetic, args.map))
    if args.mixed:
        from bench_scale import synthetic_corpus as mixed_corpus

        with tempfile.TemporaryDirectory() as folder:
            mixed = mixed_corpus(args.times, Path(folder))
            rows.append(run_scenario(f"{args.times}x zh+en", mixed, args.map))
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    header = ("scenario", "docs", "build s", "docs/s", "zh chars/s", "peak RSS MiB",
              "build/tokenize", "triples")
    print(" | ".join(header))
    for row in rows:
        print(" | ".join(str(x) for x in (
            row["scenario"], row["documents"], row["build_seconds"], row["documents_per_second"],
            row["chinese_characters_per_second"], row["peak_rss_mib"],
            f"{row['ratio_build_to_tokenize']}x", row["triples"])))
    print("scenario | language | docs | characters | task s | s / 1,000 chars")
    for row in rows:
        for language, entry in sorted(row["languages"].items()):
            print(" | ".join(str(x) for x in (
                row["scenario"], language, entry["documents"], entry["characters"],
                entry["seconds"], entry["seconds_per_1000_chars"])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
