"""Every canned query gives the same rows on hrkg's store, Virtuoso and Apache Jena (issue 13).

Virtuoso (a server of its own on loopback, bulk loader) and Jena (TDB2) load the demo
build's files as DATASET says, and run each query of queries/ with its default
parameters bound in its text; hrkg answers through ``hrkg query NAME --format json``.
Rows compare as multisets of normalized terms (support/stores.py). Deselect with
``-m "not stores"``.
"""

from __future__ import annotations

import json
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from support.stores import (
    Jena,
    Solutions,
    StoreError,
    Virtuoso,
    graph_names,
    hrkg,
    require,
    solutions,
)

from hrkg.sparql.library import load_library
from hrkg.sparql.parameters import bind_parameters, names_of
from hrkg.sparql.store import open_store

pytestmark = pytest.mark.stores
LIBRARY = load_library()


@dataclass(frozen=True)
class Dataset:
    """Which files of a build the stores load, and what their queries see as default graph.

    ``union``: the union of the named graphs (Jena's ``tdb:unionDefaultGraph``; Virtuoso
    given every graph of the files as a default-graph-uri); else the graph the triples
    were loaded into (``GRAPH``).
    """

    files: tuple[str, ...]
    union: bool


# every triple sits in exactly one named graph and none in the default graph: the stores
# load graph.nq as it is and query the union of its named graphs (docs/LOADING.md)
DATASET = Dataset(("graph.nq",), union=True)
GRAPH = "urn:x-hrkg:test"
# GROUP_CONCAT leaves the order of the parts to the engine: such columns compare as sets
LIST_COLUMNS = {("sdg-coverage", "targets"): ", "}


def bound_queries(out_dir: Path) -> dict[str, str]:
    """Each canned query with its default parameters bound in its text."""
    names = names_of(open_store(out_dir))
    return {name: bind_parameters(query.text, query.arguments({}), query.kinds, names).text
            for name, query in LIBRARY.items()}


def hrkg_answer(out_dir: Path, name: str) -> dict:
    return json.loads(hrkg("query", name, "--graph", out_dir, "--format", "json"))


def comparable(name: str, results: dict) -> Solutions:
    for (query, column), separator in LIST_COLUMNS.items():
        if query == name:
            for row in results["results"]["bindings"]:
                if column in row:
                    parts = sorted(filter(None, row[column]["value"].split(separator)))
                    row[column] = {**row[column], "value": separator.join(parts)}
    return solutions(results)


def ask_all(work: Path, out_dir: Path) -> dict[tuple[str, str], Future]:
    """Futures of every query's results on each store, the three stores side by side."""
    files = [out_dir / name for name in DATASET.files]
    queries = bound_queries(out_dir)
    virtuoso = Virtuoso(work / "virtuoso")
    jena = Jena(work / "jena")
    try:
        with ThreadPoolExecutor(1) as server, ThreadPoolExecutor(1) as local, \
                ThreadPoolExecutor(2) as java:  # leaving the block waits for every query
            started = server.submit(virtuoso.start)
            futures = {("hrkg", name): local.submit(hrkg_answer, out_dir, name)
                       for name in queries}
            jena.load(files, union_default_graph=DATASET.union, copies=2)
            futures |= {("jena", name): java.submit(jena.select, text)
                        for name, text in queries.items()}
            started.result()
            virtuoso.load(files, GRAPH)
            # Virtuoso's own graphs (virtrdf: …) are not the dataset's: name its graphs
            graphs = graph_names(files) if DATASET.union else [GRAPH]
            futures |= {("virtuoso", name): server.submit(virtuoso.select, text, graphs)
                        for name, text in queries.items()}
    finally:
        virtuoso.stop()
        virtuoso.remove_database()  # the databases go, logs and query files stay
        jena.close()
    return futures


@pytest.fixture(scope="module")
def answers(demo_out: Path, tmp_path_factory: pytest.TempPathFactory):
    require("Virtuoso (virtuoso-t, isql-vt)", Virtuoso.available())
    require("Apache Jena (libapache-jena-java, java)", Jena.available())
    return ask_all(tmp_path_factory.mktemp("stores"), demo_out)


def answer(answers: dict[tuple[str, str], Future], store: str, name: str) -> Solutions:
    try:
        return comparable(name, answers[store, name].result())
    except StoreError as error:
        pytest.fail(f"{name} on {store}: {error}")


@pytest.mark.parametrize("store", ["virtuoso", "jena"])
@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_same_rows_as_hrkg(answers, store: str, name: str):
    expected = answer(answers, "hrkg", name)
    assert len(expected) > 0, f"{name} has no rows on the demo graph: nothing to compare"
    found = answer(answers, store, name)
    assert found.variables == expected.variables
    missing, extra = expected.rows - found.rows, found.rows - expected.rows
    assert not missing and not extra, (
        f"{name} on {store}: {len(found)} rows, hrkg {len(expected)}; "
        f"only hrkg: {list(missing)[:2]}; only {store}: {list(extra)[:2]}")
