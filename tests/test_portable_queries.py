"""The query library travels: every .rq is SPARQL 1.1 as Apache Jena's parser reads it
(ARQ is the strictest common parser), and a query shown with its parameters answers the
same on another engine (issue 13 point 2). Needs Jena: deselect with ``-m "not stores"``.
"""

from __future__ import annotations

import json
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest
from support.stores import Jena, StoreError, hrkg, require, solutions

from hrkg.sparql.library import load_library

pytestmark = pytest.mark.stores
LIBRARY = load_library()


@pytest.fixture(scope="module")
def jena(tmp_path_factory: pytest.TempPathFactory) -> Jena:
    require("Apache Jena (libapache-jena-java, java)", Jena.available())
    return Jena(tmp_path_factory.mktemp("jena"))


@pytest.fixture(scope="module")
def parsed(jena: Jena) -> dict[str, Future]:
    """Jena's parse of every query file as it is saved, two at a time."""
    with ThreadPoolExecutor(2) as pool:
        futures = {name: pool.submit(jena.parse, query.text) for name, query in LIBRARY.items()}
        for future in futures.values():
            future.exception()
    return futures


@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_query_file_is_sparql_11_for_jena(parsed, name: str):
    try:
        rewritten = parsed[name].result()
    except StoreError as error:
        pytest.fail(f"queries/{name}.rq: {error}")
    assert "SELECT" in rewritten  # ARQ printed the query it read back


def test_jena_refuses_what_the_library_must_avoid(jena: Jena):
    """The check above can fail: ARQ rejects a variable the query binds twice."""
    with pytest.raises(StoreError, match="already in-scope: \\?evidence"):
        jena.parse("SELECT (SAMPLE(?q) AS ?evidence) WHERE { ?evidence ?p ?q }")


# canned queries with parameters, as a user would run them (the examples)
SHOWN = [
    ("document-instruments", {"document": "A/HRC/44/28"}),
    ("entity-labels", {"entity": "Universal Declaration of Human Rights"}),
    ("relation-evidence", {"subject": "世界人权宣言"}),
    ("relation-evidence", {"subject": "", "relation": "adoptedBy", "object": "大会"}),
]


@pytest.mark.parametrize(("name", "params"), SHOWN,
                         ids=[f"{name}-{'-'.join(params)}" for name, params in SHOWN])
def test_shown_query_answers_the_same_elsewhere(demo_out: Path, jena: Jena, name: str,
                                                params: dict[str, str]):
    """``hrkg query NAME -p … --show`` prints a self-contained query with the parameters
    bound in its text: Jena, reading the merged graph, gives the rows hrkg gives."""
    args = [f"--param={key}={value}" for key, value in params.items()]
    shown = hrkg("query", name, *args, "--graph", demo_out, "--show")
    assert shown.strip() != LIBRARY[name].text.strip(), "--show printed the unbound query"
    expected = solutions(json.loads(hrkg("query", name, *args, "--graph", demo_out,
                                         "--format", "json")))
    assert len(expected) > 0
    assert solutions(jena.arq(shown, [demo_out / "graph.ttl"])) == expected
