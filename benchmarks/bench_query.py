"""Query benchmark: the canned queries of queries/ on the demo graph and on a synthetic graph
of at least a million triples, timed in one process on three stores holding the same quads:

* oxigraph - pyoxigraph directly on the on-disk store (what ``hrkg query``/``serve`` use);
* oxrdflib - rdflib's API over the same Oxigraph store (rdflib terms in the results);
* rdflib   - rdflib's default in-memory store and SPARQL engine (the baseline), over a
  ``Dataset(default_union=True)``: its default graph is the set union of all graphs,
  like the store's stored merge, so both engines answer the same question.

    nice -n 10 python benchmarks/bench_query.py             # out/ (run `hrkg build` first)
    python benchmarks/bench_query.py --graph /tmp/me/out --json bench-query.json

Every query runs with its default parameters. Oxigraph answers it ``--repeat`` times; the
baseline at most ``--baseline-repeat`` times, once only when a run takes longer than
2 s, and each of its runs is stopped after ``--baseline-limit`` seconds. A stopped run
counts as the limit, so its time and ratio are lower bounds, printed as "≥". The report
gives the median latency per store, the ratio rdflib / oxigraph per query and the
median ratio over the library. Row counts must agree between the stores: the benchmark
exits with status 1 when they do not, so a faster answer is also the same answer.

The synthetic graph is the demo graph's documents replicated N times under new names,
the shape of a build of N copies of the corpus (``bench_build.synthetic_corpus``): every
per-document resource (``hrid:doc/<stem>``, ``hrid:graph/<stem>``,
``hrid:mention/<stem>/…``, evidence records, ``hr:sourceFile``) is renamed per copy,
while canonical entities, background, co-mention and ontology terms stay shared. It is
kept in ``--cache`` (default: a folder in the system temp dir) under a key made of the
demo graph's hash, the size asked for and the pyoxigraph version, and reused while that
key holds. ``--build-corpus`` builds it from ``synthetic_corpus`` instead (slow: a full
extraction, not cached).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import multiprocessing
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset

from hrkg.sparql.library import CannedQuery, load_library
from hrkg.sparql.parameters import Names, bind_parameters
from hrkg.sparql.run import execute
from hrkg.sparql.store import open_store, write_store_from_file

REPO = Path(__file__).resolve().parents[1]
ID = "https://w3id.org/hrkg/id/"
SLOW_SECONDS = 2.0  # a baseline run longer than this is not repeated
DEFAULT_CACHE = Path(tempfile.gettempdir()) / "hrkg-bench-query-cache"


# -- the synthetic graph -------------------------------------------------------------------
def document_stems(nquads: str) -> list[str]:
    """File stems of the documents (subjects of hr:sourceFile)."""
    return sorted(set(re.findall(
        rf"<{re.escape(ID)}doc/([^>/]+)> <https://w3id.org/hrkg/ontology#sourceFile>", nquads)))


def per_document_resource(stems: list[str]) -> re.Pattern[str]:
    """IRIs that belong to one document: its node, graph, mentions, and evidence records."""
    names = "|".join(map(re.escape, stems))
    return re.compile(rf"<{re.escape(ID)}(?:doc|graph|mention)/(?:{names})[/>]"
                      rf"|<{re.escape(ID)}evidence/")


def replicate_documents(nquads: str, copies: int) -> str:
    """N-Quads with every document's own resources repeated ``copies`` times under new names.

    Copy ``i`` of ``A-HRC-44-28.txt`` is named like the build would name the file
    ``copy{i:03d}-A-HRC-44-28.txt`` (``bench_build.synthetic_corpus``).
    """
    stems = document_stems(nquads)
    per_doc = per_document_resource(stems)
    shared, own = [], []
    for line in nquads.splitlines():
        (own if per_doc.search(line) else shared).append(line)
    rename = re.compile(
        rf"(<{re.escape(ID)}(?:doc|graph|mention)/)(?=(?:{'|'.join(map(re.escape, stems))})[/>])"
        rf"|(<{re.escape(ID)}evidence/[0-9a-f]+)(?=>)"
        r'|(ontology#sourceFile> ")')
    out = shared[:]
    block = "\n".join(own)
    for index in range(copies):
        tag = f"copy{index:03d}-"

        def renamed(match: re.Match[str], tag: str = tag) -> str:
            if match.group(1):
                return match.group(1) + tag
            if match.group(2):
                return f"{match.group(2)}-{tag[:-1]}"
            return match.group(3) + tag

        out.append(rename.sub(renamed, block))
    return "\n".join(out) + "\n"


def copies_for(nquads: str, triples: int) -> int:
    """Copies needed for at least ``triples`` distinct triples in the merged graph.

    Only quads whose triple (not just its graph name) names a document's own resource
    become new triples in each copy; the rest merge with the first copy's.
    """
    per_doc = per_document_resource(document_stems(nquads))
    shared, own = set(), set()
    for quad in ox.parse(input=nquads, format=ox.RdfFormat.N_QUADS):
        triple = f"{quad.subject} {quad.predicate} {quad.object}"
        (own if per_doc.search(triple) else shared).add(triple)
    return max(1, math.ceil((triples - len(shared)) / max(len(own), 1)))


def built_synthetic(copies: int, work: Path) -> Path:
    """Build ``copies`` × the corpus with ``hrkg build`` (slow) and return its output folder."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from bench_build import synthetic_corpus

    synthetic_corpus(copies, work / "corpus")
    out = work / "built"
    subprocess.run([sys.executable, "-m", "hrkg", "build", str(work / "corpus"), "--out",
                    str(out), "--no-map", "--quiet"], check=True)
    return out


def synthetic_graph(trig: Path, triples: int, cache: Path) -> tuple[Path, Path, int]:
    """The synthetic graph for ``trig``: (folder holding its store, its N-Quads, copies).

    Reused from ``cache`` when a previous run made it from the same demo graph; otherwise
    written into a partial folder there and renamed into place once complete, replacing
    the graphs made from older demo graphs.
    """
    digest = hashlib.sha256(trig.read_bytes()).hexdigest()[:16]
    folder = cache / f"synthetic-{digest}-{triples}-oxigraph{ox.__version__}"
    source, about = folder / "synthetic.nq", folder / "synthetic.json"
    if (folder / "store").is_dir() and source.is_file() and about.is_file():
        copies = json.loads(about.read_text(encoding="utf-8"))["copies"]
        print(f"synthetic graph reused from {folder}", file=sys.stderr)
        return folder, source, copies
    partial = cache / f"{folder.name}.partial-{os.getpid()}"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    try:
        text = ox.serialize(ox.parse(path=str(trig)), format=ox.RdfFormat.N_QUADS).decode()
        copies = copies_for(text, triples)
        (partial / source.name).write_text(replicate_documents(text, copies), encoding="utf-8")
        del text
        started = time.perf_counter()
        write_store_from_file(partial / source.name, partial)
        print(f"synthetic store written in {time.perf_counter() - started:.1f} s",
              file=sys.stderr)
        (partial / about.name).write_text(json.dumps({"copies": copies, "source": str(trig)}),
                                          encoding="utf-8")
        for stale in cache.glob("synthetic-*"):  # one graph kept: the newest
            if ".partial-" not in stale.name:  # (another run may be writing a partial one)
                shutil.rmtree(stale, ignore_errors=True)
        partial.rename(folder)
    finally:
        shutil.rmtree(partial, ignore_errors=True)
    return folder, source, copies


# -- timing ----------------------------------------------------------------------------------
@dataclass
class Timing:
    """Median latency of one query on one store.

    ``stopped``: a run hit the time limit and counts as the limit (a lower bound);
    ``rows`` is None then. ``error``: the engine failed (no time, no rows).
    """

    median_ms: float
    rows: int | None
    runs: int
    stopped: bool = False
    error: str | None = None


def median_timing(run: Callable[[], int], repeat: int) -> Timing:
    """Median wall time of ``repeat`` runs of ``run`` and the row count it returned."""
    times, rows = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        rows = run()
        times.append(time.perf_counter() - started)
    return Timing(statistics.median(times) * 1000, rows, len(times))


def open_stores(out_dir: Path, source: Path) -> dict[str, object]:
    """The three stores over one graph: ``out_dir/store``, and ``source`` parsed by rdflib."""
    store = open_store(out_dir)
    memory = Dataset(default_union=True)
    started = time.perf_counter()
    memory.parse(source, format="trig" if source.suffix == ".trig" else "nquads")
    print(f"  rdflib parsed {len(memory):,} triples in {time.perf_counter() - started:.1f} s",
          file=sys.stderr)
    return {"oxigraph": store, "oxrdflib": store.rdflib_graph(), "rdflib": memory}


def answer(stores: dict[str, object], name: str, query: CannedQuery) -> int:
    """Run ``query`` on one store with its default parameters; the number of rows."""
    if name == "oxigraph":
        return len(execute(stores[name], query.text, params=query.arguments({}),
                           kinds=query.kinds))
    dataset = stores[name]
    # parameters are resolved by the same store that answers the query
    names = Names(lambda text: [[str(term) if term is not None else "" for term in row]
                                for row in dataset.query(text)])
    text = bind_parameters(query.text, query.arguments({}), query.kinds, names).text
    return len(list(dataset.query(text)))


def _baseline_child(connection, stores, query: CannedQuery, repeat: int) -> None:
    """In the forked child: send (seconds, rows) after each run, then None."""
    try:
        for _ in range(repeat):
            started = time.perf_counter()
            rows = answer(stores, "rdflib", query)
            seconds = time.perf_counter() - started
            connection.send((seconds, rows))
            if seconds > SLOW_SECONDS:
                break
    except Exception as error:  # noqa: BLE001 - the baseline engine failed: report it
        connection.send(f"{type(error).__name__}: {error}")
    connection.send(None)


def baseline_timing(stores: dict[str, object], query: CannedQuery, repeat: int,
                    limit: float) -> Timing:
    """The baseline's median time, each run in a forked child stopped after ``limit`` s.

    A stopped run counts as ``limit`` seconds, so the median is a lower bound. Forking
    shares the parsed in-memory graph without copying it.
    """
    context = multiprocessing.get_context("fork")
    parent, child = context.Pipe()
    process = context.Process(target=_baseline_child, args=(child, stores, query, repeat))
    process.start()
    times: list[float] = []
    rows: int | None = None
    try:
        while True:
            if not parent.poll(limit):
                times.append(limit)
                return Timing(statistics.median(times) * 1000, None, len(times), stopped=True)
            message = parent.recv()
            if message is None:
                return Timing(statistics.median(times) * 1000, rows, len(times))
            if isinstance(message, str):
                return Timing(math.nan, None, len(times), error=message)
            seconds, rows = message
            times.append(seconds)
    finally:
        process.kill()
        process.join()


# -- one scenario ----------------------------------------------------------------------------
def run_scenario(name: str, out_dir: Path, source: Path, queries: list[CannedQuery],
                 args: argparse.Namespace) -> dict:
    triples = len(open_store(out_dir))
    print(f"{name}: {triples:,} distinct triples", file=sys.stderr)
    stores = open_stores(out_dir, source)
    rows = []
    for query in queries:
        timings = {
            store: median_timing(lambda q=query, s=store: answer(stores, s, q), args.repeat)
            for store in ("oxigraph", "oxrdflib")}
        timings["rdflib"] = baseline_timing(stores, query, args.baseline_repeat,
                                            args.baseline_limit)
        entry = {"query": query.name, **{store: asdict(t) for store, t in timings.items()}}
        counts = {t.rows for t in timings.values() if t.rows is not None}
        entry["same_rows"] = len(counts) == 1
        entry["ratio"] = timings["rdflib"].median_ms / max(timings["oxigraph"].median_ms, 1e-3)
        entry["ratio_oxrdflib"] = (timings["rdflib"].median_ms
                                   / max(timings["oxrdflib"].median_ms, 1e-3))
        print(f"  {query.name:24} rows {timings['oxigraph'].rows:>5}"
              f"{'' if entry['same_rows'] else ' (stores differ!)'}  "
              f"oxigraph {timings['oxigraph'].median_ms:9.1f} ms  "
              f"oxrdflib {timings['oxrdflib'].median_ms:9.1f} ms  "
              f"rdflib {baseline_ms(entry):>12} ms  {ratio_text(entry)}", file=sys.stderr)
        rows.append(entry)
    median, bound = median_ratio(rows, "ratio")
    median_oxrdflib, bound_oxrdflib = median_ratio(rows, "ratio_oxrdflib")
    return {
        "scenario": name,
        "triples": triples,
        "oxigraph_repeat": args.repeat,
        "baseline_repeat": args.baseline_repeat,
        "baseline_limit_s": args.baseline_limit,
        "queries": rows,
        "median_ratio": median,
        "median_is_lower_bound": bound,
        "median_ratio_oxrdflib": median_oxrdflib,
        "median_oxrdflib_is_lower_bound": bound_oxrdflib,
    }


def median_ratio(rows: list[dict], key: str) -> tuple[float, bool]:
    """The median of ``key`` over the queries rdflib answered or was stopped on, and whether
    it is only a lower bound (a stopped query's lower-bound ratio may be the median itself;
    raising ratios above the median leaves it where it is)."""
    timed = [row for row in rows if not row["rdflib"]["error"]]
    median = statistics.median(row[key] for row in timed)
    return median, any(row["rdflib"]["stopped"] and row[key] <= median for row in timed)


# -- the report ------------------------------------------------------------------------------
def baseline_ms(row: dict) -> str:
    """The rdflib time: '≥ limit' when stopped, 'failed' on an engine error."""
    if row["rdflib"]["error"]:
        return "failed"
    return f"{'≥ ' if row['rdflib']['stopped'] else ''}{row['rdflib']['median_ms']:,.1f}"


def ratio_text(row: dict, key: str = "ratio") -> str:
    if row["rdflib"]["error"]:
        return "–"
    return f"{'≥ ' if row['rdflib']['stopped'] else ''}{row[key]:,.1f}×"


def print_report(results: list[dict]) -> None:
    for result in results:
        print(f"\n### {result['scenario']}: {result['triples']:,} triples\n")
        print("| query | rows | oxigraph ms | oxrdflib ms | rdflib ms | rdflib / oxigraph |")
        print("|---|---:|---:|---:|---:|---:|")
        for row in result["queries"]:
            print(f"| {row['query']} | {row['oxigraph']['rows']}"
                  f"{'' if row['same_rows'] else ' (stores differ)'} | "
                  f"{row['oxigraph']['median_ms']:,.1f} | {row['oxrdflib']['median_ms']:,.1f} | "
                  f"{baseline_ms(row)} | {ratio_text(row)} |")
        stopped = sum(r["rdflib"]["stopped"] for r in result["queries"])
        failed = [r["query"] for r in result["queries"] if r["rdflib"]["error"]]
        bound = "≥ " if result["median_is_lower_bound"] else ""
        bound_oxrdflib = "≥ " if result["median_oxrdflib_is_lower_bound"] else ""
        print(f"\nMedian ratio rdflib / oxigraph: **{bound}{result['median_ratio']:,.1f}×** "
              f"(rdflib / oxrdflib: {bound_oxrdflib}{result['median_ratio_oxrdflib']:,.1f}×). "
              f"Medians of {result['oxigraph_repeat']} Oxigraph runs and up to "
              f"{result['baseline_repeat']} rdflib runs; {stopped} rdflib "
              f"quer{'y' if stopped == 1 else 'ies'} stopped at "
              f"{result['baseline_limit_s']:g} s (counted as {result['baseline_limit_s']:g} s: "
              f"time and ratio are lower bounds, marked ≥; their rows are not compared)."
              + (f" rdflib failed on {', '.join(failed)} (left out of the median)."
                 if failed else ""))


def row_mismatches(results: list[dict]) -> list[str]:
    """'scenario: query (store rows, …)' for every query whose stores disagree on rows."""
    return [f"{result['scenario']}: {row['query']} ("
            + ", ".join(f"{s} {row[s]['rows']}" for s in ("oxigraph", "oxrdflib", "rdflib"))
            + ")"
            for result in results for row in result["queries"] if not row["same_rows"]]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--graph", type=Path, default=REPO / "out",
                        help="a built output folder (default: out/)")
    parser.add_argument("--triples", type=int, default=1_000_000,
                        help="least size of the synthetic graph (default: 1000000)")
    parser.add_argument("--repeat", type=int, default=5,
                        help="Oxigraph runs per query (default: 5)")
    parser.add_argument("--baseline-repeat", type=int, default=3,
                        help="most rdflib runs per query (default: 3)")
    parser.add_argument("--baseline-limit", type=float, default=60.0, metavar="SECONDS",
                        help="stop an rdflib run after this long (default: 60)")
    parser.add_argument("--query", action="append", metavar="NAME",
                        help="only this canned query (repeatable; default: all)")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE,
                        help=f"where the synthetic graph is kept (default: {DEFAULT_CACHE})")
    parser.add_argument("--build-corpus", action="store_true",
                        help="build the synthetic graph from N copies of the corpus (slow)")
    parser.add_argument("--skip-demo", action="store_true", help="only the synthetic graph")
    parser.add_argument("--skip-large", action="store_true", help="only the demo graph")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    trig = args.graph / "graph.trig"
    if not trig.is_file():
        print(f"no graph at {args.graph}/: run `hrkg build` first", file=sys.stderr)
        return 1
    library = load_library()
    unknown = sorted(set(args.query or ()) - set(library))
    if unknown:
        print(f"no canned query named {', '.join(unknown)}", file=sys.stderr)
        return 1
    queries = [q for name, q in library.items() if not args.query or name in args.query]
    work = Path(tempfile.mkdtemp(prefix="hrkg-bench-query-"))
    try:
        results = []
        if not args.skip_demo:
            results.append(run_scenario("demo graph", args.graph, trig, queries, args))
        if not args.skip_large:
            if args.build_corpus:
                text = ox.serialize(ox.parse(path=str(trig)), format=ox.RdfFormat.N_QUADS)
                copies = copies_for(text.decode(), args.triples)
                del text
                big_out = built_synthetic(copies, work)
                source = big_out / "graph.trig"
            else:
                big_out, source, copies = synthetic_graph(trig, args.triples, args.cache)
            results.append(run_scenario(f"synthetic graph ({copies}× the corpus documents)",
                                        big_out, source, queries, args))
        print_report(results)
        if args.json:
            args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n",
                                 encoding="utf-8")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    mismatches = row_mismatches(results)
    if mismatches:
        print("row counts differ between stores:\n  " + "\n  ".join(mismatches),
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
