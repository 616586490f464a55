"""The W3C SPARQL query test suites (DAWG data-r2 and SPARQL 1.1) run against a store.

The suites come from rdflib's source distribution (``make w3c-suite`` unpacks it into
``build/w3c``; ``HRKG_W3C_SUITE`` may point at another ``…/suites/w3c`` folder). Each
query test's dataset is loaded as its manifest says: ``qt:data`` into the default
graph, ``qt:graphData`` and the files a query names in ``FROM``/``FROM NAMED`` as named
graphs. Three engines answer:

- ``pyoxigraph``: plain ``Store.query``;
- ``hrkg``: the same dataset through :func:`hrkg.sparql.run.execute`, hrkg's own path
  (limits, refusals, declared prefixes, column order);
- ``hrkg-merged``: like ``hrkg``, on a store loaded the way hrkg stores its builds
  (every named graph copied into the default graph): what the tests saw before.

Answers are compared as the suites intend: solutions as multisets with blank nodes
matched one to one, graphs by isomorphism, booleans as booleans. Not run: update,
protocol, service-description and federated (``SERVICE``, needs other endpoints)
tests, and withdrawn ones. ``python -m tests.support.w3c_sparql`` prints the counts.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.compare import isomorphic
from rdflib.namespace import RDF

from hrkg.core.errors import HrkgError
from hrkg.sparql.errors import QueryRefused, QuerySyntaxError
from hrkg.sparql.formats import serialize
from hrkg.sparql.run import ASK, GRAPH, execute
from hrkg.sparql.store import GraphStore, with_merge

ROOT = Path(__file__).resolve().parents[2]
SUITE_ENV = "HRKG_W3C_SUITE"
MANIFESTS = ("dawg-data-r2/manifest-evaluation.ttl", "dawg-data-r2/manifest-syntax.ttl",
             "sparql11/manifest-all.ttl")
SKIPPED_FOLDERS = ("service", "service-description", "protocol", "http-rdf-update")
ENGINES = ("pyoxigraph", "hrkg", "hrkg-merged")

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
QT = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-query#")
DAWGT = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-dawg#")
RS = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/result-set#")
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
KINDS = {MF.QueryEvaluationTest: "eval", MF.CSVResultFormatTest: "eval",
         MF.PositiveSyntaxTest: "syntax+", MF.PositiveSyntaxTest11: "syntax+",
         MF.NegativeSyntaxTest: "syntax-", MF.NegativeSyntaxTest11: "syntax-"}
_FROM = re.compile(r"\bFROM\s+(NAMED\s+)?<([^>]*)>", re.IGNORECASE)


@dataclass(frozen=True)
class Case:
    name: str  # folder/test, e.g. dawg-data-r2/graph/dawg-graph-02
    kind: str  # eval | syntax+ | syntax-
    query: Path
    data: tuple[Path, ...] = ()
    graph_data: tuple[Path, ...] = ()
    result: Path | None = None


@dataclass
class Tally:
    passed: dict[str, set[str]] = field(default_factory=lambda: {e: set() for e in ENGINES})
    total: int = 0


def suite_dir() -> Path | None:
    """The unpacked ``suites/w3c`` folder, or None when it was not fetched."""
    if os.environ.get(SUITE_ENV):
        return Path(os.environ[SUITE_ENV])
    found = sorted((ROOT / "build" / "w3c").glob("rdflib-*/test/data/suites/w3c"))
    return found[-1] if found else None


# -- manifests --------------------------------------------------------------------------
def _path(node: object) -> Path:
    return Path(str(node).removeprefix("file://"))


def load_cases(root: Path) -> list[Case]:
    cases: dict[str, Case] = {}
    for manifest in MANIFESTS:
        for case in _cases_of(root / manifest, root):
            cases.setdefault(case.name, case)
    return sorted(cases.values(), key=lambda case: case.name)


def _cases_of(manifest: Path, root: Path) -> Iterator[Case]:
    folder = manifest.parent.relative_to(root).as_posix()
    if manifest.parent.name in SKIPPED_FOLDERS or not manifest.is_file():
        return
    graph = Graph().parse(manifest, format="turtle", publicID=manifest.as_uri())
    for include in graph.objects(None, MF.include):
        for sub in Collection(graph, include):
            yield from _cases_of(_path(sub), root)
    for entries in graph.objects(None, MF.entries):
        for test in Collection(graph, entries):
            kind = next((KINDS[t] for t in graph.objects(test, RDF.type) if t in KINDS), None)
            if kind is None or (test, DAWGT.approval, DAWGT.Withdrawn) in graph:
                continue
            action = graph.value(test, MF.action)
            name = f"{folder}/{str(test).rsplit('#', 1)[-1].rsplit('/', 1)[-1]}"
            result = graph.value(test, MF.result)
            if kind != "eval":
                yield Case(name, kind, _path(action))
                continue
            yield Case(name, kind, _path(graph.value(action, QT.query)),
                       tuple(_path(d) for d in graph.objects(action, QT.data)),
                       tuple(_path(d) for d in graph.objects(action, QT.graphData)),
                       _path(result) if result is not None else None)


# -- datasets ---------------------------------------------------------------------------
def dataset(case: Case, text: str, merged: bool) -> ox.Store:
    """The test's dataset: data in the default graph, graph data as named graphs (and,
    ``merged``, copied into the default graph as hrkg's builds are stored)."""
    store = ox.Store()
    named = [*case.graph_data]
    for found in _FROM.finditer(text):
        target = (case.query.parent / found[2]).resolve()
        if target.is_file() and target not in named:
            named.append(target)
    for path in case.data:
        store.load(path=str(path), format=_format(path), base_iri=path.as_uri(),
                   to_graph=ox.DefaultGraph())
    for path in named:
        store.load(path=str(path), format=_format(path), base_iri=path.as_uri(),
                   to_graph=ox.NamedNode(path.as_uri()))
    if merged:
        store.extend(list(with_merge(store.quads_for_pattern(None, None, None, None))))
    return store


def _format(path: Path) -> ox.RdfFormat:
    rdf_format = ox.RdfFormat.from_extension(path.suffix.lstrip(".")) or ox.RdfFormat.TURTLE
    return rdf_format


def query_text(case: Case) -> str:
    """The query with its file as base IRI (relative IRIs resolve as the suite means)."""
    return f"BASE <{case.query.as_uri()}>\n" + case.query.read_text(encoding="utf-8")


# -- answers in one comparable form -------------------------------------------------------
Key = tuple


def key(term: object) -> Key:
    """A term as a tuple: ("I", iri) | ("B", label) | ("L", text, lang, datatype)."""
    if isinstance(term, ox.NamedNode | URIRef):
        return ("I", str(term.value if isinstance(term, ox.NamedNode) else term))
    if isinstance(term, ox.BlankNode | BNode):
        return ("B", str(term.value if isinstance(term, ox.BlankNode) else term))
    if isinstance(term, ox.Literal):
        lang = (term.language or "").lower()
        return ("L", term.value, lang, "" if lang else term.datatype.value)
    if isinstance(term, Literal):
        lang = (term.language or "").lower()
        return ("L", str(term), lang, "" if lang else str(term.datatype or XSD_STRING))
    if isinstance(term, ox.Triple):
        return ("T", key(term.subject), key(term.predicate), key(term.object))
    raise TypeError(f"not a term: {term!r}")


Answer = bool | list[dict[str, Key]] | Graph


def _solutions(variables: Iterable[str], rows: Iterable[Iterable[object]]) -> list[dict]:
    names = list(variables)
    return [{n: key(t) for n, t in zip(names, row, strict=True) if t is not None}
            for row in rows]


def expected_answer(path: Path) -> Answer:
    suffix = path.suffix.lower()
    if suffix in (".srx", ".srj", ".tsv"):
        fmt = {".srx": ox.QueryResultsFormat.XML, ".srj": ox.QueryResultsFormat.JSON,
               ".tsv": ox.QueryResultsFormat.TSV}[suffix]
        parsed = ox.parse_query_results(path=str(path), format=fmt)
        if isinstance(parsed, ox.QueryBoolean):
            return bool(parsed)
        names = [v.value for v in parsed.variables]
        return _solutions(names, ([s[n] for n in names] for s in parsed))
    graph = Graph().parse(path, format={".rdf": "xml", ".nt": "nt"}.get(suffix, "turtle"),
                          publicID=path.as_uri())
    result_set = graph.value(None, RDF.type, RS.ResultSet)
    if result_set is None:
        return graph
    boolean = graph.value(result_set, RS.boolean)
    if boolean is not None:
        return bool(boolean.toPython())
    return [{str(graph.value(b, RS.variable)): key(graph.value(b, RS.value))
             for b in graph.objects(solution, RS.binding)}
            for solution in graph.objects(result_set, RS.solution)]


def _graph(triples: Iterable[ox.Triple]) -> Graph:
    data = ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES) or b""
    return Graph().parse(data=data.decode("utf-8"), format="nt")


def answer_of(engine: str, case: Case, text: str, store: ox.Store) -> Answer | str:
    """The engine's answer (or its CSV text, for a .csv expectation)."""
    csv_wanted = case.result is not None and case.result.suffix == ".csv"
    if engine == "pyoxigraph":
        raw = store.query(text)
        if csv_wanted and isinstance(raw, ox.QuerySolutions):
            return (raw.serialize(format=ox.QueryResultsFormat.CSV) or b"").decode("utf-8")
        if isinstance(raw, ox.QueryBoolean):
            return bool(raw)
        if isinstance(raw, ox.QuerySolutions):
            names = [v.value for v in raw.variables]
            return _solutions(names, ([s[n] for n in names] for s in raw))
        return _graph(raw)
    result = execute(GraphStore(Path("w3c"), store), text)
    if csv_wanted:
        return serialize(result, "csv").decode("utf-8")
    if result.kind == ASK:
        return bool(result.boolean)
    if result.kind == GRAPH:
        return _graph(result.triples)
    return _solutions(result.variables, result.rows)


def same_solutions(expected: list[dict], actual: list[dict]) -> bool:
    """Equal as multisets, blank node labels matched one to one."""
    if len(expected) != len(actual):
        return False

    def match(index: int, used: set[int], mapping: dict, back: dict) -> bool:
        if index == len(expected):
            return True
        for j, row in enumerate(actual):
            if j in used or row.keys() != expected[index].keys():
                continue
            new, new_back, fits = dict(mapping), dict(back), True
            for name, want in expected[index].items():
                got = row[name]
                if want[0] == "B" and got[0] == "B":
                    if new.setdefault(want, got) != got or new_back.setdefault(got, want) != want:
                        fits = False
                        break
                elif want != got:
                    fits = False
                    break
            if fits and match(index + 1, used | {j}, new, new_back):
                return True
        return False

    return match(0, set(), {}, {})


def _csv_rows(text: str) -> list[tuple[str, ...]]:
    rows = list(csv.reader(io.StringIO(text)))
    return sorted(tuple("_:" if cell.startswith("_:") else cell for cell in row)
                  for row in rows[1:]) + [tuple(rows[0]) if rows else ()]


def passes(engine: str, case: Case) -> bool:
    """Whether ``engine`` passes ``case``."""
    try:
        text = query_text(case)
    except UnicodeDecodeError:
        return False
    store = dataset(case, text, merged=engine == "hrkg-merged") if case.kind == "eval" \
        else ox.Store()
    if case.kind != "eval":
        return _syntax_passes(engine, case, text, store)
    try:
        answer = answer_of(engine, case, text, store)
        expected = expected_answer(case.result) if case.result else None
    except Exception:  # noqa: BLE001 - any failure of the engine fails the test
        return False
    if isinstance(answer, str) and case.result is not None:
        return _csv_rows(answer) == _csv_rows(case.result.read_text(encoding="utf-8"))
    if isinstance(expected, Graph) and isinstance(answer, Graph):
        return isomorphic(expected, answer)
    if isinstance(expected, bool) or isinstance(answer, bool):
        return answer == expected
    return isinstance(expected, list) and isinstance(answer, list) and \
        same_solutions(expected, answer)


def _syntax_passes(engine: str, case: Case, text: str, store: ox.Store) -> bool:
    """Accepted (positive test) or rejected (negative test) by the engine's parser;
    nothing is evaluated against other servers (a refused SERVICE was parsed)."""
    try:
        if engine == "pyoxigraph":
            store.query(text)  # parsed; solutions are lazy and never read
        else:
            execute(GraphStore(Path("w3c"), store), text)
        accepted = True
    except (SyntaxError, QuerySyntaxError):
        accepted = False
    except QueryRefused as refused:
        accepted = refused.reason == "service"
    except (OSError, HrkgError, ValueError, RuntimeError):
        accepted = True  # parsed, failed while evaluating
    return accepted == (case.kind == "syntax+")


def run_suite(cases: Iterable[Case], engines: Iterable[str] = ENGINES) -> Tally:
    tally = Tally()
    for case in cases:
        tally.total += 1
        for engine in engines:
            if passes(engine, case):
                tally.passed[engine].add(case.name)
    return tally


if __name__ == "__main__":
    import time

    root = suite_dir()
    if root is None:
        raise SystemExit("no W3C suite: run `make w3c-suite` (or set HRKG_W3C_SUITE)")
    started = time.perf_counter()
    all_cases = load_cases(root)
    figures = run_suite(all_cases)
    print(f"{figures.total} query tests ({time.perf_counter() - started:.1f} s)")
    for name in ENGINES:
        print(f"  {name:12} {len(figures.passed[name])} passed")
    lost = figures.passed["pyoxigraph"] - figures.passed["hrkg"]
    print("passed by pyoxigraph, not by hrkg:", ", ".join(sorted(lost)) or "none")
    merged_lost = figures.passed["pyoxigraph"] - figures.passed["hrkg-merged"]
    print("passed by pyoxigraph, not with the merged default graph:",
          ", ".join(sorted(merged_lost)) or "none")
    gained = figures.passed["hrkg"] - figures.passed["pyoxigraph"]
    print("passed by hrkg, not by pyoxigraph:", ", ".join(sorted(gained)) or "none")
