"""Query benchmark: the canned queries of queries/ on the demo graph and on a synthetic graph
of at least a million triples, timed in one process on three stores holding the same quads:

* oxigraph - pyoxigraph directly on the on-disk store (what ``hrkg query``/``serve`` use);
* oxrdflib - rdflib's API over the same Oxigraph store (rdflib terms in the results);
* rdflib   - rdflib's default in-memory store and SPARQL engine (the baseline).

    python benchmarks/bench_query.py                    # out/ (run `hrkg build` first)
    python benchmarks/bench_query.py --triples 1000000 --repeat 5 --json bench-query.json

Every query runs with its default parameters; each store answers it ``--repeat`` times
(the slow baseline fewer times when a single run is long) and the median latency is
reported, with the ratio rdflib / oxigraph per query and its median over the library.
Row counts are compared across stores, so a faster answer is also the same answer.

The synthetic graph is the demo graph's documents replicated N times under new names,
exactly what building N copies of the corpus (``bench_build.synthetic_corpus``) yields,
since extraction is deterministic: every per-document resource (``hrid:doc/<stem>``,
``hrid:graph/<stem>``, ``hrid:mention/<stem>/…``, evidence records, ``hr:sourceFile``)
is renamed per copy, while canonical entities, background and ontology terms stay shared.
``--build-corpus`` builds it from ``synthetic_corpus`` instead (slow: a full extraction).
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset

from hrkg.graph.sparql import CannedQuery, execute, load_library, prepare_query
from hrkg.graph.store import open_store, write_store_from_file

REPO = Path(__file__).resolve().parents[1]
ID = "https://w3id.org/hrkg/id/"
SLOW_SECONDS = 20.0  # a baseline run longer than this is not repeated


# -- the synthetic graph -------------------------------------------------------------------
def document_stems(nquads: str) -> list[str]:
    """File stems of the documents (subjects of hr:sourceFile)."""
    return sorted(set(re.findall(
        rf"<{re.escape(ID)}doc/([^>/]+)> <https://w3id.org/hrkg/ontology#sourceFile>", nquads)))


def replicate_documents(nquads: str, copies: int) -> str:
    """N-Quads with every document's own resources repeated ``copies`` times under new names.

    Copy ``i`` of ``A-HRC-44-28.txt`` is named like the build would name the file
    ``copy{i:03d}-A-HRC-44-28.txt`` (``bench_build.synthetic_corpus``).
    """
    stems = document_stems(nquads)
    per_doc = re.compile(
        rf"<{re.escape(ID)}(?:doc|graph|mention)/(?:{'|'.join(map(re.escape, stems))})[/>]"
        rf"|<{re.escape(ID)}evidence/")
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
    stems = document_stems(nquads)
    per_doc = re.compile(rf"<{re.escape(ID)}(?:doc|graph|mention)/(?:{'|'.join(stems)})[/>]"
                         rf"|<{re.escape(ID)}evidence/")
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


# -- timing ----------------------------------------------------------------------------------
def median_seconds(run: Callable[[], int], repeat: int) -> tuple[float, int]:
    """Median wall time of ``run`` and the row count it returned (stops early when slow)."""
    times, rows = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        rows = run()
        times.append(time.perf_counter() - started)
        if times[-1] > SLOW_SECONDS:
            break
    return statistics.median(times), rows


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

    def select(text: str) -> list[str]:
        return [str(row[0]) for row in dataset.query(text)]

    # parameters are resolved by the same store that answers the query
    text, _ = prepare_query(query.text, query.arguments({}), query.kinds, select)
    return len(list(dataset.query(text)))


def _timed_child(connection, stores, name: str, query: CannedQuery, repeat: int) -> None:
    try:
        connection.send(median_seconds(lambda: answer(stores, name, query), repeat))
    except Exception as error:  # noqa: BLE001 - the baseline engine failed: report it
        connection.send((float("nan"), f"{type(error).__name__}: {error}"))


def capped_median(stores: dict[str, object], name: str, query: CannedQuery, repeat: int,
                  limit: float) -> tuple[float, int | None]:
    """Median time in a forked child that is stopped after ``limit`` seconds.

    A stopped query counts as ``limit`` seconds (so its ratio is a lower bound) and
    ``None`` rows. Forking shares the parsed in-memory graph without copying it.
    """
    context = multiprocessing.get_context("fork")
    parent, child = context.Pipe()
    process = context.Process(target=_timed_child, args=(child, stores, name, query, repeat))
    process.start()
    try:
        if parent.poll(limit * repeat):
            return parent.recv()
        return limit, None
    finally:
        process.kill()
        process.join()


def run_scenario(name: str, out_dir: Path, source: Path, repeat: int, limit: float) -> dict:
    triples = len(open_store(out_dir))
    print(f"{name}: {triples:,} distinct triples", file=sys.stderr)
    stores = open_stores(out_dir, source)
    rows = []
    for query in load_library().values():
        entry: dict = {"query": query.name}
        for store in stores:
            if store == "rdflib":
                seconds, count = capped_median(stores, store, query, max(1, repeat // 2), limit)
            else:
                seconds, count = median_seconds(
                    lambda q=query, s=store: answer(stores, s, q), repeat)
            entry[store] = {"median_ms": seconds * 1000, "rows": count}
        entry["stopped"] = entry["rdflib"]["rows"] is None
        entry["failed"] = isinstance(entry["rdflib"]["rows"], str)
        entry["ratio"] = entry["rdflib"]["median_ms"] / max(entry["oxigraph"]["median_ms"], 1e-3)
        counts = {entry[s]["rows"] for s in stores if not entry["failed"] or s != "rdflib"}
        counts -= {None}
        entry["same_rows"] = len(counts) == 1
        print(f"  {query.name:22} oxigraph {entry['oxigraph']['median_ms']:9.1f} ms  "
              f"oxrdflib {entry['oxrdflib']['median_ms']:9.1f} ms  "
              f"rdflib {entry['rdflib']['median_ms']:10.1f} ms"
              f"{' (stopped)' if entry['stopped'] else ''}"
              f"{' (failed)' if entry['failed'] else ''}  ×{entry['ratio']:8.1f}  "
              f"rows {entry['oxigraph']['rows']}{'' if entry['same_rows'] else ' (differ!)'}",
              file=sys.stderr)
        rows.append(entry)
    return {
        "scenario": name,
        "triples": triples,
        "baseline_limit_s": limit,
        "queries": rows,
        "median_ratio": statistics.median(r["ratio"] for r in rows if not r["failed"]),
        "median_ratio_oxrdflib": statistics.median(
            r["rdflib"]["median_ms"] / max(r["oxrdflib"]["median_ms"], 1e-3)
            for r in rows if not r["failed"]),
    }


def baseline_cells(row: dict) -> str:
    """The rdflib time and ratio cells: '> x' when stopped at the limit, 'failed' on error."""
    if row["failed"]:
        return f"failed ({row['rdflib']['rows'][:60]}) | –"
    more = "> " if row["stopped"] else ""
    return f"{more}{row['rdflib']['median_ms']:.1f} | {more}{row['ratio']:.1f}×"


def print_report(results: list[dict]) -> None:
    for result in results:
        print(f"\n## {result['scenario']} ({result['triples']:,} triples)\n")
        print("| query | oxigraph ms | oxrdflib ms | rdflib ms | rdflib/oxigraph | rows |")
        print("|---|---:|---:|---:|---:|---:|")
        for row in result["queries"]:
            print(f"| {row['query']} | {row['oxigraph']['median_ms']:.1f} | "
                  f"{row['oxrdflib']['median_ms']:.1f} | {baseline_cells(row)} | "
                  f"{row['oxigraph']['rows']}"
                  f"{'' if row['same_rows'] else ' (stores differ)'} |")
        print(f"\nmedian ratio rdflib/oxigraph: {result['median_ratio']:.1f}× · "
              f"rdflib/oxrdflib: {result['median_ratio_oxrdflib']:.1f}× "
              f"(a baseline run stopped at {result['baseline_limit_s']:g} s counts as "
              f"{result['baseline_limit_s']:g} s, so its ratio is a lower bound)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--graph", type=Path, default=REPO / "out",
                        help="a built output folder (default: out/)")
    parser.add_argument("--triples", type=int, default=1_000_000,
                        help="least size of the synthetic graph (default: 1000000)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per query (default: 5)")
    parser.add_argument("--build-corpus", action="store_true",
                        help="build the synthetic graph from N copies of the corpus (slow)")
    parser.add_argument("--baseline-limit", type=float, default=120.0, metavar="SECONDS",
                        help="stop an rdflib run after this long (default: 120)")
    parser.add_argument("--skip-large", action="store_true", help="only the demo graph")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    trig = args.graph / "graph.trig"
    if not trig.is_file():
        print(f"no graph at {args.graph}/: run `hrkg build` first", file=sys.stderr)
        return 1
    work = Path(tempfile.mkdtemp(prefix="hrkg-bench-query-"))
    try:
        results = [run_scenario("demo graph", args.graph, trig, args.repeat,
                                args.baseline_limit)]
        if not args.skip_large:
            text = ox.serialize(ox.parse(path=str(trig)), format=ox.RdfFormat.N_QUADS).decode()
            copies = copies_for(text, args.triples)
            if args.build_corpus:
                big_out = built_synthetic(copies, work)
                source = big_out / "graph.trig"
            else:
                source = work / "synthetic.nq"
                source.write_text(replicate_documents(text, copies), encoding="utf-8")
                big_out = work / "synthetic"
                started = time.perf_counter()
                write_store_from_file(source, big_out)
                print(f"synthetic store written in {time.perf_counter() - started:.1f} s",
                      file=sys.stderr)
            del text
            results.append(run_scenario(f"synthetic graph ({copies}× the corpus documents)",
                                        big_out, source, args.repeat, args.baseline_limit))
        print_report(results)
        if args.json:
            args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n",
                                 encoding="utf-8")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
