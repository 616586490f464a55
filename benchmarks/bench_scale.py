"""Scale benchmark (issue 14): the build at 1x, 10x and 100x the corpus, 1 and 2 workers.

    python benchmarks/bench_scale.py                   # 1x, 10x, 100x; 1 and 2 workers
    python benchmarks/bench_scale.py --times 1 10 --workers 1

The 1x corpus is the bundled corpus plus the texts of ../shared/corpus-extra/{zh,en}
(read in place, never copied into the project). Nx holds N copies of each under distinct
names; a copy's own UN symbol gets a distinct suffix (``A/HRC/44/28`` -> ``A/HRC/44/28/C003``
in every place it is printed) so that copies are distinct documents, not duplicates.
Each build runs ``hrkg build --no-map`` in a child process, sampled every 0.1 s for the
peak RSS of its whole process tree (psutil: the build, Dask's scheduler, nannies and
workers). Figures: documents/s, characters/s, peak RSS, store triples/s (quads loaded
over the serialize and store stages, which the load overlaps), the
build/bare-tokenization ratio (``spacy.blank("zh")`` on the same texts), the rebuild
after one changed file (cache; with its stages, and the seconds outside them: process
start-up and imports), and the ratios the issue's Done-means name. Each build starts after
``os.sync()``: the previous build's writes are on disk, not still throttling this one's.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
HRKG = Path(sys.executable).with_name("hrkg")
SOURCES = [REPO / "corpus", REPO.parent / "shared" / "corpus-extra" / "zh",
           REPO.parent / "shared" / "corpus-extra" / "en"]


def corpus_texts() -> list[Path]:
    return [p for folder in SOURCES if folder.is_dir()
            for p in sorted(folder.iterdir()) if p.suffix in (".txt", ".md")]


def own_symbols(paths: list[Path]) -> dict[Path, str | None]:
    from hrkg.extract.reading.ingest import read_source
    from hrkg.extract.reading.metadata import find_own_symbol

    return {p: find_own_symbol(read_source(p)) for p in paths}


def synthetic_corpus(times: int, dest: Path) -> list[Path]:
    """``times`` copies of every text, each copy its own document."""
    sources = corpus_texts()
    symbols = own_symbols(sources)
    written = []
    for index in range(times):
        for source in sources:
            folder = dest / source.parent.name
            folder.mkdir(parents=True, exist_ok=True)
            text = source.read_text(encoding="utf-8")
            symbol = symbols[source]
            if symbol and index:
                text = text.replace(symbol, f"{symbol}/C{index:03d}")
            target = folder / f"copy{index:03d}-{source.name}"
            target.write_text(text, encoding="utf-8")
            written.append(target)
    return written


def tokenize_seconds(paths: list[Path]) -> tuple[float, float]:
    """Wall and CPU seconds of bare ``spacy.blank("zh")`` tokenization of ``paths``."""
    import spacy

    texts = [p.read_text(encoding="utf-8") for p in paths]
    nlp = spacy.blank("zh")
    tic, cpu = time.perf_counter(), time.process_time()
    for text in texts:
        nlp.make_doc(text)
    return time.perf_counter() - tic, time.process_time() - cpu


def children_cpu() -> float:
    """User + system CPU seconds of this process's finished children (and theirs)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_build(folder: Path, out: Path, workers: int, layout: str = "auto") -> dict:
    """One ``hrkg build``: wall time, peak RSS of its process tree, its report."""
    command = [str(HRKG), "build", "--no-map", "-q", "--out", str(out),
               "--workers", str(workers), "--layout", layout, str(folder)]
    # the disk writes of the previous build (several GB at 100x: outputs, store, cache)
    # are flushed first, so that their writeback, which throttles every writer while it
    # runs, is not billed to this build (the rebuild follows its full build at once)
    os.sync()
    tic, cpu = time.perf_counter(), children_cpu()
    process = psutil.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    while process.poll() is None:
        try:
            tree = [process, *process.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.1)
    seconds = time.perf_counter() - tic
    if process.returncode not in (0, 1):
        raise SystemExit(f"build failed: {process.stderr.read().decode()[-2000:]}")
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return {"seconds": seconds, "cpu_seconds": children_cpu() - cpu,
            "peak_rss_mib": peak / 2**20, "report": report}


def scenario(times: int, workers: int, folder: Path, paths: list[Path],
             baseline: tuple[float, float], layout: str = "auto") -> dict:
    """One build (and, with 1 worker, a rebuild); ``baseline``: tokenization's wall and CPU
    seconds. The CPU ratio is the steadier one on a shared machine: a load that slows the
    build and the baseline unequally moves the wall ratio, not the CPU seconds."""
    with tempfile.TemporaryDirectory(prefix="hrkg-bench-out-") as out:
        build = run_build(folder, Path(out), workers, layout)
        report = build["report"]
        chars = sum(d["characters"] for d in report["documents"])
        row = {
            "times": times, "workers": workers, "layout": report.get("layout", "files"),
            "documents": len(report["documents"]),
            "errors": len(report["errors"]), "build_s": round(build["seconds"], 2),
            "documents_per_s": round(len(paths) / build["seconds"], 2),
            "characters_per_s": round(chars / build["seconds"]),
            "peak_rss_mib": round(build["peak_rss_mib"], 1),
            "triples": report["triples"],
            # the store loads the merge and the named graphs while the turtle (shards)
            # writer writes them: its rate is taken over the serialize and store stages
            "store_triples_per_s": round(2 * report["triples"] / max(
                sum(report["timings_seconds"].get(k, 0) for k in ("serialize", "store")), 1e-9)),
            "build_to_tokenize": round(build["seconds"] / baseline[0], 2),
            "build_cpu_s": round(build["cpu_seconds"], 2),
            "cpu_build_to_tokenize": round(build["cpu_seconds"] / max(baseline[1], 1e-9), 2),
            "stages": report["timings_seconds"],
        }
        if workers == 1:  # incremental: one file changed, then rebuilt from the cache
            changed = paths[len(paths) // 2]
            changed.write_text(changed.read_text(encoding="utf-8") + "\n补充。\n",
                               encoding="utf-8")
            again = run_build(folder, Path(out), workers, layout)
            row["incremental_s"] = round(again["seconds"], 2)
            row["incremental_share"] = round(again["seconds"] / build["seconds"], 3)
            # where the rebuild's time goes: its stages, and the rest (start-up, imports)
            row["incremental_stages"] = again["report"]["timings_seconds"]
            row["incremental_other_s"] = round(
                again["seconds"] - again["report"]["timings_seconds"].get("total", 0), 2)
    return row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--times", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--layout", choices=("auto", "files", "shards"), default="auto",
                        help="hrkg build --layout (default: auto, as users run it: files "
                             "below 1,000 documents, shards from there on)")
    parser.add_argument("--json", type=Path, help="also write the rows to this file")
    args = parser.parse_args()
    rows = []
    for times in args.times:
        with tempfile.TemporaryDirectory(prefix="hrkg-bench-corpus-") as folder:
            paths = synthetic_corpus(times, Path(folder))
            baseline = tokenize_seconds(paths)
            for workers in args.workers:
                row = scenario(times, workers, Path(folder), paths, baseline, args.layout)
                row["tokenize_s"], row["tokenize_cpu_s"] = (round(x, 3) for x in baseline)
                rows.append(row)
                print(json.dumps(row), flush=True)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    print_ratios(rows)
    return 0


def print_ratios(rows: list[dict]) -> None:
    get = {(r["times"], r["workers"]): r for r in rows}
    print("times | workers | layout | docs | build s | docs/s | chars/s | peak RSS MiB | "
          "build/tokenize | store triples/s | incremental s")
    for r in rows:
        print(f"{r['times']}x | {r['workers']} | {r['layout']} | {r['documents']} | "
              f"{r['build_s']} | "
              f"{r['documents_per_s']} | {r['characters_per_s']} | {r['peak_rss_mib']} | "
              f"{r['build_to_tokenize']}x | {r['store_triples_per_s']} | "
              f"{r.get('incremental_s', '-')}")
    ten, hundred = get.get((10, 1)), get.get((100, 1))
    if ten and hundred:
        print(f"peak RSS 100x: {hundred['peak_rss_mib']} MiB (<= 1024), "
              f"100x/10x: {hundred['peak_rss_mib'] / ten['peak_rss_mib']:.2f} (<= 1.3)")
        per_doc = (hundred["build_s"] / hundred["documents"]) / (ten["build_s"] / ten["documents"])
        print(f"time per document 100x/10x: {per_doc:.2f} (<= 1.15)")
        print(f"incremental rebuild at 100x: {100 * hundred['incremental_share']:.1f} % (<= 5 %)")
    if ten:
        print(f"build/tokenize at 10x, 1 worker: {ten['build_to_tokenize']} (<= 5; "
              f"CPU seconds: {ten['cpu_build_to_tokenize']})")
        two = get.get((10, 2))
        if two:
            print(f"2 workers / 1 worker at 10x: {ten['build_s'] / two['build_s']:.2f} (>= 1.7)")


if __name__ == "__main__":
    sys.exit(main())
